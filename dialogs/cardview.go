package dialogs

import (
	"slices"
	"strings"
	"unicode"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// CardView is a card ready to show on request ("/maatwerk kaart signalen"),
// with every text in one language. Transports render it: package bot as
// Block Kit, the console as plain text (PlainCard).
type CardView struct {
	ID      string
	Title   string
	Purpose string
	Items   []CardViewItem
	// Grid is the essay's 2×2 of the four variants; set only for the card
	// whose items have a position.
	Grid *VariantGrid
	// Dilemmas are the values the variants card points to (its dilemma
	// question's options), each with its one-line help; with Grid only.
	DilemmasTitle string
	Dilemmas      []Choice
}

// CardViewItem is one item of a card: a question or a piece of reference.
type CardViewItem struct {
	ID    string
	Title string
	Text  string
	// Help is the item's one line: why it matters, where it comes from.
	Help string
	// Options are what the item offers to choose (for the signals card: the
	// signals themselves), with their one-line help.
	Options []Choice
	// See points to related items, as "card title: item title".
	See []string
}

// VariantGrid is the essay's 2×2: for whom does maatwerk hold (rows: the
// single case, groups) against how much attention each case gets (columns:
// little, much).
type VariantGrid struct {
	// Cells[for groups][for the single case]; a cell may be nil when the
	// content places no variant there.
	Cells [2][2]*Variant
	// Order lists the variants in the card's order: the essay's, from
	// little to much maatwerk. Lists follow it; only the 2×2 uses Cells.
	Order []*Variant
	// Intro is the variants card's explanation of the axes, if it has one.
	Intro string
}

// Variant is one of the four variants of maatwerk.
type Variant struct {
	ID    string
	Title string
	// Line is the one-line explanation (the item's help); Text the longer
	// description.
	Line string
	Text string
	// Groups and SingleCase are its place on the essay's two axes: does
	// maatwerk hold for specific groups, and for the single case.
	Groups, SingleCase bool
}

// CardSummary is one line of the list of cards.
type CardSummary struct {
	ID, Title, Line string
	// Source is the work the card is written after.
	Source cards.Source
}

// OrderedCards returns the cards of set in the order a reader meets them:
// first the cards the conversation asks from, in flow order, then the
// reference cards in file order.
func OrderedCards(set *cards.Set) []*cards.Card {
	var out []*cards.Card
	for _, st := range set.Steps() {
		if !slices.Contains(out, st.Card) {
			out = append(out, st.Card)
		}
	}
	for _, c := range set.Cards {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// CardList returns every card with a one-line description (the first
// sentence of its purpose), grouped by the work it is written after: the
// card book's cards, then the essay's, then the own additions (and cards
// that name no source).
func CardList(set *cards.Set, lang cards.Lang) []CardSummary {
	var out []CardSummary
	for _, c := range OrderedCards(set) {
		out = append(out, CardSummary{ID: c.ID, Title: c.Title.In(lang), Line: firstSentence(c.Purpose.In(lang)), Source: c.Source})
	}
	rank := func(s cards.Source) int {
		if i := slices.Index(cards.Sources(), s); i >= 0 {
			return i
		}
		return len(cards.Sources())
	}
	slices.SortStableFunc(out, func(a, b CardSummary) int { return rank(a.Source) - rank(b.Source) })
	return out
}

// SourceGroups splits a card list into its groups by source, each with its
// heading in t; cards without a source go under the own additions.
func SourceGroups(list []CardSummary, t *CardTexts) []CardGroup {
	var out []CardGroup
	for _, c := range list {
		heading := t.SourceHeading(c.Source)
		if n := len(out); n == 0 || out[n-1].Heading != heading {
			out = append(out, CardGroup{Heading: heading})
		}
		out[len(out)-1].Cards = append(out[len(out)-1].Cards, c)
	}
	return out
}

// CardGroup is the cards written after one work.
type CardGroup struct {
	Heading string
	Cards   []CardSummary
}

// firstSentence returns s up to and including its first full stop, question
// or exclamation mark that ends a sentence.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i, r := range s {
		if (r == '.' || r == '?' || r == '!') && (i+1 == len(s) || s[i+1] == ' ') {
			return s[:i+1]
		}
	}
	return s
}

// englishNames are extra names of the built-in cards, for people who type
// the English word or the singular. Names of cards an organisation adds come
// from their id and titles only.
var englishNames = map[string][]string{
	"signalen":     {"signals", "signal", "signaal"},
	"argumenten":   {"arguments", "argument"},
	"vragen":       {"questions", "question", "vraag", "reflection", "reflectie"},
	"beleid":       {"policy", "policies"},
	"maatwerk":     {"customisation", "customization", "tailoring"},
	"communicatie": {"communication", "communications", "gesprek", "conversation"},
	"varianten":    {"variants", "variant", "viervarianten", "fourvariants"},
	"dilemmas":     {"dilemma", "waarden", "values"},
	"dynamieken":   {"dynamics", "dynamiek", "dynamic", "patronen", "patterns"},
}

// cardWords are the words for "card" that people add to or leave off a
// card's name.
var cardWords = []string{"kaarten", "kaart", "cards", "card", "vragenkaart"}

// normName folds a card name for matching: lower case, no accents, no
// spaces, hyphens, underscores or apostrophes.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'á', 'à', 'ä', 'â':
			r = 'a'
		case 'é', 'è', 'ë', 'ê':
			r = 'e'
		case 'í', 'ì', 'ï', 'î':
			r = 'i'
		case 'ó', 'ò', 'ö', 'ô':
			r = 'o'
		case 'ú', 'ù', 'ü', 'û':
			r = 'u'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripCardWord removes one leading or trailing "kaart"/"card" from a
// folded name, unless nothing would remain.
func stripCardWord(s string) string {
	for _, w := range cardWords {
		if t, ok := strings.CutSuffix(s, w); ok && t != "" {
			return t
		}
		if t, ok := strings.CutPrefix(s, w); ok && t != "" {
			return t
		}
	}
	return s
}

// FindCard returns the card a user means by name: its id, its Dutch or
// English title, or a known English name, forgiving of case, accents,
// spaces and a missing or extra "kaart"/"card". A unique card whose name
// starts with what was typed (at least four letters) also matches.
func FindCard(set *cards.Set, name string) (*cards.Card, bool) {
	want := normName(name)
	if want == "" {
		return nil, false
	}
	keys := map[*cards.Card][]string{}
	for _, c := range set.Cards {
		names := append([]string{c.ID, c.Title.NL, c.Title.EN}, englishNames[c.ID]...)
		for _, n := range names {
			k := normName(n)
			keys[c] = append(keys[c], k, stripCardWord(k))
		}
	}
	candidates := []string{want, stripCardWord(want)}
	for _, w := range candidates {
		for _, c := range set.Cards {
			if slices.Contains(keys[c], w) {
				return c, true
			}
		}
	}
	var found *cards.Card
	for _, w := range candidates {
		if len(w) < 4 {
			continue
		}
		for _, c := range set.Cards {
			if slices.ContainsFunc(keys[c], func(k string) bool { return strings.HasPrefix(k, w) }) {
				if found != nil && found != c {
					return nil, false // ambiguous
				}
				found = c
			}
		}
		if found != nil {
			return found, true
		}
	}
	return nil, false
}

// CardNames lists the ids of the cards, in reading order, for telling a user
// which names exist.
func CardNames(set *cards.Set) []string {
	var out []string
	for _, c := range OrderedCards(set) {
		out = append(out, c.ID)
	}
	return out
}

// ViewCard returns card c of set as a view in lang. For the variants card
// (the card whose items have a position) it adds the 2×2 and the dilemmas.
func ViewCard(set *cards.Set, c *cards.Card, lang cards.Lang) CardView {
	v := CardView{ID: c.ID, Title: c.Title.In(lang), Purpose: c.Purpose.In(lang)}
	for i := range c.Items {
		it := &c.Items[i]
		vi := CardViewItem{
			ID:    it.ID,
			Title: it.Title.In(lang),
			Text:  it.Text.In(lang),
			Help:  it.Help.In(lang),
		}
		if it.Kind != cards.KindYesNo && it.Kind != cards.KindArguments && it.OptionsFrom == "" {
			vi.Options = choices(it.Options, lang)
		}
		if it.OptionsFrom != "" && it.OptionsFrom != c.ID {
			if src, ok := set.Card(it.OptionsFrom); ok {
				vi.See = append(vi.See, src.Title.In(lang))
			}
		}
		for _, ref := range it.See {
			if sc, si, err := set.Lookup(ref); err == nil {
				label := si.Title.In(lang)
				if label == "" {
					label = clipText(si.Text.In(lang), 80)
				}
				vi.See = append(vi.See, sc.Title.In(lang)+": "+label)
			}
		}
		v.Items = append(v.Items, vi)
	}
	if g := grid(c, lang); g != nil {
		v.Grid = g
		v.DilemmasTitle, v.Dilemmas = dilemmas(set, c, lang)
	}
	return v
}

// VariantsCard returns the card that holds the four variants: the card whose
// items have a position on the essay's axes.
func VariantsCard(set *cards.Set) (*cards.Card, bool) {
	for _, c := range set.Cards {
		for _, it := range c.Items {
			if it.Position != nil {
				return c, true
			}
		}
	}
	return nil, false
}

func grid(c *cards.Card, lang cards.Lang) *VariantGrid {
	var g VariantGrid
	found := false
	for _, it := range c.Items {
		switch {
		case it.Position != nil:
			row, col := 0, 0
			if it.Position.Groups {
				row = 1
			}
			if it.Position.SingleCase {
				col = 1
			}
			v := &Variant{ID: it.ID, Title: it.Title.In(lang), Line: it.Help.In(lang), Text: it.Text.In(lang), Groups: it.Position.Groups, SingleCase: it.Position.SingleCase}
			g.Cells[row][col] = v
			g.Order = append(g.Order, v)
			found = true
		case it.Kind == cards.KindInfo && g.Intro == "":
			g.Intro = it.Text.In(lang)
		}
	}
	if !found {
		return nil
	}
	return &g
}

// dilemmas returns the values the variants card's questions choose from on
// another card (the dilemmas), with that card's title.
func dilemmas(set *cards.Set, c *cards.Card, lang cards.Lang) (string, []Choice) {
	for i := range c.Items {
		it := &c.Items[i]
		if it.OptionsFrom == "" || it.OptionsFrom == c.ID {
			continue
		}
		src, ok := set.Card(it.OptionsFrom)
		if !ok {
			continue
		}
		return src.Title.In(lang), choices(set.OptionsOf(it), lang)
	}
	return "", nil
}
