package dialogs

import "github.com/maatwerkbot/maatwerkbot/cards"

// CardTexts are the interface texts around a card shown on request: the
// list, the buttons and the labels of the variants' 2×2, from the catalog
// (dialogs/catalog), key "Card.<Field>". Fields ending in F
// are fmt format strings with the same verbs in both languages.
type CardTexts struct {
	ListTitle    string
	ListHintF    string // "%[1]s kaart <naam>" …; %[1]s is the command
	UnknownCardF string // "Die kaart ken ik niet: %q. …: %s"
	NoVariants   string
	Share        string
	SharedByF    string // "Gedeeld door %s"
	Continued    string
	// The essay's two axes of the 2×2: does maatwerk hold for specific
	// groups, and for the single case (individual attention per case).
	AxisGroups string
	AxisSingle string
	Yes, No    string
	Variants   string
	// ConsoleHint tells the console user they can read the cards.
	ConsoleHint string
	// The card list's groups by source, and where the texts come from.
	FromDenkhulp, FromEssay, FromOwn string
	Attribution                      string
}

// SourceHeading is the heading of the cards written after source s.
func (t *CardTexts) SourceHeading(s cards.Source) string {
	switch s {
	case cards.SourceDenkhulp:
		return t.FromDenkhulp
	case cards.SourceEssay:
		return t.FromEssay
	}
	return t.FromOwn
}

// Place names a variant's place on the essay's two axes, e.g. "Voor
// bepaalde groepen: nee · Voor het losse geval: ja".
func (t *CardTexts) Place(v *Variant) string {
	yn := func(b bool) string {
		if b {
			return t.Yes
		}
		return t.No
	}
	return t.AxisGroups + ": " + yn(v.Groups) + " · " + t.AxisSingle + ": " + yn(v.SingleCase)
}
