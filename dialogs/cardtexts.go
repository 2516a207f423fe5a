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
	// The axes of the 2×2 and their ends.
	AxisWho       string
	AxisAttention string
	Single        string
	Groups        string
	Little        string
	Much          string
	Variants      string
	// ConsoleHint tells the console user they can read the cards.
	ConsoleHint string
}

// CardTextsFor returns the card texts in lang (Dutch for anything else).
func CardTextsFor(lang cards.Lang) *CardTexts {
	if lang == cards.EN {
		return &CardTexts{
			ListTitle:     "The cards",
			ListHintF:     "Open a card with `%[1]s card <name>`, for example `%[1]s card signals`. `%[1]s variants` shows the four variants of maatwerk.",
			UnknownCardF:  "I don't know the card %q. Choose from: %s.",
			NoVariants:    "This card set has no variants card.",
			Share:         "Share in channel",
			SharedByF:     "Shared by %s",
			Continued:     "continued",
			AxisWho:       "For whom",
			AxisAttention: "Attention per case",
			Single:        "the single case",
			Groups:        "groups",
			Little:        "little",
			Much:          "much",
			Variants:      "The four variants",
			ConsoleHint:   "(type 'card' for the cards, 'card <name>' to read one, 'variants' for the four variants)",
		}
	}
	return &CardTexts{
		ListTitle:     "De kaarten",
		ListHintF:     "Open een kaart met `%[1]s kaart <naam>`, bijvoorbeeld `%[1]s kaart signalen`. `%[1]s varianten` toont de vier varianten van maatwerk.",
		UnknownCardF:  "De kaart %q ken ik niet. Kies uit: %s.",
		NoVariants:    "Deze kaartenset heeft geen kaart met varianten.",
		Share:         "Deel in kanaal",
		SharedByF:     "Gedeeld door %s",
		Continued:     "vervolg",
		AxisWho:       "Voor wie",
		AxisAttention: "Aandacht per geval",
		Single:        "het losse geval",
		Groups:        "groepen",
		Little:        "weinig",
		Much:          "veel",
		Variants:      "De vier varianten",
		ConsoleHint:   "(typ 'kaart' voor de kaarten, 'kaart <naam>' om er een te lezen, 'varianten' voor de vier varianten)",
	}
}

// GridRow and GridCol name a row and a column of the variants' 2×2, e.g.
// "Voor wie: groepen" and "Aandacht per geval: veel".
func (t *CardTexts) GridRow(groups int) string {
	if groups == 1 {
		return t.AxisWho + ": " + t.Groups
	}
	return t.AxisWho + ": " + t.Single
}

// GridCol names a column of the variants' 2×2.
func (t *CardTexts) GridCol(much int) string {
	if much == 1 {
		return t.AxisAttention + ": " + t.Much
	}
	return t.AxisAttention + ": " + t.Little
}
