package cards

import (
	"fmt"
	"strings"
)

// Lang is a content language. Persisted as its string value.
type Lang string

// The languages every text must be written in.
const (
	NL Lang = "nl"
	EN Lang = "en"
)

// Langs lists the languages every text must have, in display order.
func Langs() []Lang { return []Lang{NL, EN} }

// ParseLang returns the language for a code such as "nl", "en" or "en-GB".
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "nl" || strings.HasPrefix(s, "nl-") || strings.HasPrefix(s, "nl_"):
		return NL, true
	case s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_"):
		return EN, true
	}
	return "", false
}

// Text is one text in every language.
type Text struct {
	NL string `yaml:"nl"`
	EN string `yaml:"en"`

	line int // line in the source file, for validation messages
}

// In returns the text in lang, falling back to Dutch.
func (t Text) In(lang Lang) string {
	if lang == EN && t.EN != "" {
		return t.EN
	}
	return t.NL
}

// IsZero reports whether the text is empty in every language.
func (t Text) IsZero() bool { return t.NL == "" && t.EN == "" }

// Kind is the kind of answer an item asks for. Persisted as its string value.
type Kind string

// The answer kinds.
const (
	// KindInfo is reference content: shown on demand, never asked.
	KindInfo Kind = "info"
	// KindYesNo asks yes, no or don't know.
	KindYesNo Kind = "yesno"
	// KindChoice asks for exactly one of the options.
	KindChoice Kind = "choice"
	// KindMulti asks for any number of the options (possibly none).
	KindMulti Kind = "multi"
	// KindText asks for a free-text answer.
	KindText Kind = "text"
	// KindArguments collects arguments for and against; options are the
	// values an argument can touch.
	KindArguments Kind = "arguments"
	// KindDecision asks for the decision: one option plus a rationale.
	KindDecision Kind = "decision"
)

// Kinds lists every kind, in documentation order.
func Kinds() []Kind {
	return []Kind{KindInfo, KindYesNo, KindChoice, KindMulti, KindText, KindArguments, KindDecision}
}

// Asks reports whether items of this kind can be a step in the conversation.
func (k Kind) Asks() bool { return k != KindInfo && k != "" }

// Card is one card: a titled list of items.
type Card struct {
	ID      string `yaml:"id"`
	Title   Text   `yaml:"title"`
	Purpose Text   `yaml:"purpose"`
	Items   []Item `yaml:"items"`

	// Readings interpret the signals present after the signal steps. Only
	// the card that holds the signal questions has them.
	Readings []Reading `yaml:"readings,omitempty"`
	// Source says which work the card is written after (see Source).
	// Optional; the card list groups the cards by it.
	Source Source `yaml:"source,omitempty"`

	file string
}

// File is the name of the file the card was read from.
func (c *Card) File() string { return c.file }

// Item returns the card's item with the given id.
func (c *Card) Item(id string) (*Item, bool) {
	for i := range c.Items {
		if c.Items[i].ID == id {
			return &c.Items[i], true
		}
	}
	return nil, false
}

// Item is one question or piece of reference content on a card.
type Item struct {
	ID string `yaml:"id"`
	// Kind is the kind of answer; KindInfo for reference content.
	Kind Kind `yaml:"kind"`
	// Title is a short name (at most 75 characters), used where the item is
	// offered as an option elsewhere. Optional.
	Title Text `yaml:"title,omitempty"`
	// Text is the question or the content.
	Text Text `yaml:"text"`
	// Help is one line: why this question matters, where it comes from.
	Help Text `yaml:"help"`
	// Placeholder is shown in an empty text field. Optional.
	Placeholder Text `yaml:"placeholder,omitempty"`
	// Reason is the label of the field that asks for a rationale, for
	// decisions and for options that need one.
	Reason Text `yaml:"reason,omitempty"`
	// Options are the answers to choose from (choice, multi), the values an
	// argument touches (arguments) or the decisions (decision).
	Options []Option `yaml:"options,omitempty"`
	// OptionsFrom names a card whose items with a title become the options,
	// e.g. the four variants or the values in the dilemmas card.
	OptionsFrom string `yaml:"options_from,omitempty"`
	// Position places a variant on the essay's two axes. Only for the
	// variants card.
	Position *Position `yaml:"position,omitempty"`
	// See names related items as "card/item", shown as pointers (e.g. the
	// communication card next to a reflection question).
	See []string `yaml:"see,omitempty"`
	// Role gives the item a job the engine knows (see Role). Optional;
	// each role is held by at most one item of a set.
	Role Role `yaml:"role,omitempty"`
	// Recall names steps asked earlier ("card/item") whose answers are
	// shown under this question, e.g. the options at the decision.
	Recall []string `yaml:"recall,omitempty"`
	// Schemes names a card whose items describe schemes (regelingen): under
	// this question the item whose Matches appear in the case's scheme is
	// shown, e.g. that scheme's own ground for maatwerk.
	Schemes string `yaml:"schemes,omitempty"`
	// Matches are the lowercase words or phrases that name this scheme in a
	// case's scheme field. Only on a schemes card.
	Matches []string `yaml:"matches,omitempty"`

	line int
}

// Source is the work a card is written after. Persisted as its string value.
type Source string

// The sources of the cards, in the order the card list shows them.
const (
	// SourceDenkhulp: the card book Denkhulp maatwerk (De Argumentenfabriek).
	SourceDenkhulp Source = "denkhulp"
	// SourceEssay: the essay Maatwerk als standaard (NSOB, 2022).
	SourceEssay Source = "essay"
	// SourceOwn: this project's (or an organisation's) own addition.
	SourceOwn Source = "own"
)

// Sources lists the sources in display order.
func Sources() []Source { return []Source{SourceDenkhulp, SourceEssay, SourceOwn} }

// Role is a job an item has in the conversation beyond being asked.
// Persisted as its string value.
type Role string

// The roles.
const (
	// RoleMandate is the choice of who holds the mandate; its options say
	// where with Mandate. The decision honours the answer.
	RoleMandate Role = "mandate"
	// RoleHearing asks what the inwoner wants and whether they were heard.
	RoleHearing Role = "hearing"
	// RolePolicySignal is the choice of policy signal the digest counts.
	RolePolicySignal Role = "policy-signal"
	// RoleLookBack is a text question (not in the flow) asked in the case's
	// thread some days after the decision: how did the conversation with
	// the inwoner go.
	RoleLookBack Role = "look-back"
	// RoleTension is the choice of the tension at stake (the dilemma); the
	// record of a case shows it next to the variant.
	RoleTension Role = "tension"
)

// Roles lists every role, in documentation order.
func Roles() []Role {
	return []Role{RoleMandate, RoleHearing, RolePolicySignal, RoleLookBack, RoleTension}
}

// Mandate says where the mandate for a decision lies. Persisted as its
// string value.
type Mandate string

// The places a mandate can lie.
const (
	// MandateOwn: the caseworker decides within their own mandate.
	MandateOwn Mandate = "own"
	// MandateLead: the team lead decides.
	MandateLead Mandate = "lead"
	// MandateElsewhere: legal, management, the executive or another agency.
	MandateElsewhere Mandate = "elsewhere"
)

// Mandates lists the mandate values.
func Mandates() []Mandate { return []Mandate{MandateOwn, MandateLead, MandateElsewhere} }

// Option is one answer an item offers.
type Option struct {
	ID   string `yaml:"id"`
	Text Text   `yaml:"text"`
	Help Text   `yaml:"help,omitempty"`
	// Reason, when set, asks for a short text with this option (the label).
	Reason Text `yaml:"reason,omitempty"`
	// Closes ends the case early when chosen ("geen maatwerk nodig").
	Closes bool `yaml:"closes,omitempty"`
	// Escalates puts a decision to the team leads instead of taking it
	// ("voorleggen aan teamleider"): the case waits for a lead's decision.
	Escalates bool `yaml:"escalates,omitempty"`
	// MoreInfo marks a decision option that asks for more information; a
	// team lead deciding an escalated case asks a question instead.
	MoreInfo bool `yaml:"more_info,omitempty"`
	// Strong marks a signal that on its own is reason to go on.
	Strong bool `yaml:"strong,omitempty"`
	// Mandate, on the options of the mandate question, says where the
	// mandate lies when this option is chosen; empty when unclear.
	Mandate Mandate `yaml:"mandate,omitempty"`

	line int
}

// Position places a variant in the essay's 2×2: does maatwerk hold for
// groups, and does each single case get individual attention.
type Position struct {
	Groups     bool `yaml:"groups"`
	SingleCase bool `yaml:"single_case"`
}

// Reading interprets the signals found: the reading with the highest Min not
// above the number of signals present applies; a reading with Strong applies
// whenever a strong signal is present.
type Reading struct {
	Min    int  `yaml:"min"`
	Strong bool `yaml:"strong,omitempty"`
	Text   Text `yaml:"text"`

	line int
}

// Flow is the order of the case conversation.
type Flow struct {
	Version string  `yaml:"version"`
	Phases  []Phase `yaml:"phases"`

	file string
}

// Phase is a titled part of the conversation, e.g. the signals.
type Phase struct {
	ID    string `yaml:"id"`
	Title Text   `yaml:"title"`
	// Steps reference items as "card/item", in the order they are asked.
	Steps []string `yaml:"steps"`

	line int
}

// Ref names an item as "card/item".
type Ref struct{ Card, Item string }

// ParseRef splits "card/item".
func ParseRef(s string) (Ref, error) {
	c, i, ok := strings.Cut(s, "/")
	if !ok || c == "" || i == "" || strings.Contains(i, "/") {
		return Ref{}, fmt.Errorf("%q is not of the form kaart/vraag", s)
	}
	return Ref{Card: c, Item: i}, nil
}

func (r Ref) String() string { return r.Card + "/" + r.Item }
