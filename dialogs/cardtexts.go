package dialogs

import "github.com/maatwerkbot/maatwerkbot/cards"

// CardTexts are the interface texts around a card shown on request: the
// list, the buttons and the labels of the variants' 2×2. Fields ending in F
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

// CardTextsFor returns the card texts in lang (Dutch for anything else).
func CardTextsFor(lang cards.Lang) *CardTexts {
	if lang == cards.EN {
		return &CardTexts{
			ListTitle:    "The cards",
			ListHintF:    "Open a card with `%[1]s card <name>`, for example `%[1]s card signals`. `%[1]s variants` shows the four variants of maatwerk.",
			UnknownCardF: "I don't know the card %q. Choose from: %s.",
			NoVariants:   "This card set has no variants card.",
			Share:        "Share in channel",
			SharedByF:    "Shared by %s",
			Continued:    "continued",
			AxisGroups:   "For specific groups",
			AxisSingle:   "For the single case",
			Yes:          "yes",
			No:           "no",
			Variants:     "The four variants, from little to much maatwerk",
			ConsoleHint:  "(type 'card' for the cards, 'card <name>' to read one, 'variants' for the four variants)",
			FromDenkhulp: "After the card book Denkhulp maatwerk",
			FromEssay:    "After the essay Maatwerk als standaard",
			FromOwn:      "This project's own additions",
			Attribution:  "The cards are maatwerkbot's own texts, written after the card book _Denkhulp maatwerk_ (De Argumentenfabriek; Sanne Roessingh, Dries Bartelink) and the essay _Maatwerk als standaard_ (Hendrikx, Huiting, Van den Berg, Van Twist; NSOB, 2022). They do not quote those works.",
		}
	}
	return &CardTexts{
		ListTitle:    "De kaarten",
		ListHintF:    "Open een kaart met `%[1]s kaart <naam>`, bijvoorbeeld `%[1]s kaart signalen`. `%[1]s varianten` toont de vier varianten van maatwerk.",
		UnknownCardF: "De kaart %q ken ik niet. Kies uit: %s.",
		NoVariants:   "Deze kaartenset heeft geen kaart met varianten.",
		Share:        "Deel in kanaal",
		SharedByF:    "Gedeeld door %s",
		Continued:    "vervolg",
		AxisGroups:   "Voor bepaalde groepen",
		AxisSingle:   "Voor het losse geval",
		Yes:          "ja",
		No:           "nee",
		Variants:     "De vier varianten, van weinig naar veel maatwerk",
		ConsoleHint:  "(typ 'kaart' voor de kaarten, 'kaart <naam>' om er een te lezen, 'varianten' voor de vier varianten)",
		FromDenkhulp: "Naar het kaartenboek Denkhulp maatwerk",
		FromEssay:    "Naar het essay Maatwerk als standaard",
		FromOwn:      "Eigen aanvullingen van maatwerkbot",
		Attribution:  "De kaarten zijn eigen teksten van maatwerkbot. Ze zijn geschreven naar het kaartenboek _Denkhulp maatwerk_ (De Argumentenfabriek; Sanne Roessingh, Dries Bartelink) en het essay _Maatwerk als standaard_ (Hendrikx, Huiting, Van den Berg, Van Twist; NSOB, 2022). Ze citeren die werken niet.",
	}
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
