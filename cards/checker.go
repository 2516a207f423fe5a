package cards

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits Slack puts on the texts, in characters per language.
const (
	maxCardTitle   = 24 // a modal's title
	maxItemTitle   = 75 // an option's text, where an item is offered as option
	maxItemText    = 1000
	maxHelp        = 300
	maxPurpose     = 500
	maxPlaceholder = 150
	maxReason      = 150 // an input's label
	maxOptionText  = 75
	maxOptionHelp  = 75 // an option's description
	maxReadingText = 1000
	maxID          = 64
)

// Limits on the number of options per kind.
const (
	maxMulti   = 10 // checkboxes
	maxOptions = 25 // radio buttons, static select
)

// checker validates a decoded set as a whole, with the lines the decoder
// recorded.
type checker struct {
	ps *Problems
	at map[any]int
	// broken holds the ids of cards whose file could not be read, so that
	// references to them are not reported as well.
	broken map[string]bool
}

func (ch *checker) add(file string, line int, format string, args ...any) {
	ch.ps.add(file, line, format, args...)
}

// line returns the recorded line of the value p points to, or fallback.
func (ch *checker) line(p any, fallback int) int {
	if l, ok := ch.at[p]; ok && l > 0 {
		return l
	}
	return fallback
}

// set validates the cards and, when flow.yaml could be read, the flow.
func (ch *checker) set(s *Set, flow bool) {
	// A card whose id is its file name keeps it; a card that takes
	// another's id is the one reported.
	byID := make(map[string]*Card, len(s.Cards))
	for _, c := range s.Cards {
		ch.card(c)
		if c.ID != "" && c.file == c.ID+".yaml" {
			byID[c.ID] = c
		}
	}
	for _, c := range s.Cards {
		if c.ID == "" || c.file == c.ID+".yaml" {
			continue
		}
		if first, ok := byID[c.ID]; ok {
			ch.add(c.file, ch.line(&c.ID, 1), "de kaart-id %q is al in gebruik in %s", c.ID, first.file)
			continue
		}
		byID[c.ID] = c
	}
	for _, c := range s.Cards {
		for i := range c.Items {
			ch.references(c, i, byID)
		}
	}
	ch.roles(s)
	if flow {
		ch.flow(&s.Flow, byID)
	}
}

func (ch *checker) card(c *Card) {
	file := c.file
	switch want := strings.TrimSuffix(file, ".yaml"); {
	case c.ID == "":
		ch.add(file, 1, `"id" ontbreekt; de id van een kaart is de bestandsnaam zonder .yaml: id: %s`, want)
	case !ch.id(file, ch.line(&c.ID, 1), c.ID):
	case c.ID != want:
		ch.add(file, ch.line(&c.ID, 1), "de id %q hoort gelijk te zijn aan de bestandsnaam zonder .yaml (%q); pas de id of de bestandsnaam aan", c.ID, want)
	}
	ch.text(file, &c.Title, 1, "title", "de kaart", true, maxCardTitle)
	ch.text(file, &c.Purpose, 1, "purpose", "de kaart", true, maxPurpose)
	if c.Source != "" && !slices.Contains(Sources(), c.Source) {
		ch.add(file, ch.line(&c.Source, 1), `onbekende bron (source) %q; kies uit: %s`, c.Source, joinValues(Sources()))
	}

	if len(c.Items) == 0 {
		ch.add(file, ch.line(&c.Items, 0), `de kaart heeft geen items; zet ze onder "items:"`)
	}
	seen := make(map[string]int, len(c.Items))
	for i := range c.Items {
		it := &c.Items[i]
		name := itemName(it, i)
		if it.ID != "" {
			if first, ok := seen[it.ID]; ok {
				ch.add(file, ch.line(&it.ID, it.line), "de id %q komt al eerder voor op deze kaart (regel %d)", it.ID, first)
			} else {
				seen[it.ID] = ch.line(&it.ID, it.line)
			}
		}
		ch.item(file, it, name)
	}
	for i := range c.Readings {
		r := &c.Readings[i]
		name := fmt.Sprintf(`duiding %d in "readings"`, i+1)
		if r.Min < 0 {
			ch.add(file, r.line, `"min" van %s kan niet negatief zijn`, name)
		}
		ch.text(file, &r.Text, r.line, "text", name, true, maxReadingText)
	}
}

// itemName names an item in a problem: a question by its id, reference
// content as an item.
func itemName(it *Item, i int) string {
	noun := "item"
	if it.Kind.Asks() && slices.Contains(Kinds(), it.Kind) {
		noun = "vraag"
	}
	if it.ID == "" {
		return fmt.Sprintf("%s %d", noun, i+1)
	}
	return fmt.Sprintf("%s %q", noun, it.ID)
}

func (ch *checker) item(file string, it *Item, name string) {
	if it.ID == "" {
		ch.add(file, it.line, `"id" ontbreekt bij %s`, name)
	} else {
		ch.id(file, ch.line(&it.ID, it.line), it.ID)
	}
	known := slices.Contains(Kinds(), it.Kind)
	switch {
	case it.Kind == "":
		ch.add(file, it.line, `"kind" ontbreekt bij %s; kies uit: %s`, name, kindList())
	case !known:
		ch.add(file, ch.line(&it.Kind, it.line), "onbekende soort (kind) %q bij %s; kies uit: %s", it.Kind, name, kindList())
	}

	ch.text(file, &it.Title, it.line, "title", name, false, maxItemTitle)
	ch.text(file, &it.Text, it.line, "text", name, true, maxItemText)
	ch.text(file, &it.Help, it.line, "help", name, true, maxHelp)
	ch.text(file, &it.Placeholder, it.line, "placeholder", name, false, maxPlaceholder)
	ch.text(file, &it.Reason, it.line, "reason", name, false, maxReason)
	if it.Kind == KindDecision && it.Reason.IsZero() {
		ch.add(file, it.line, `%s is een beslissing (kind: decision) en heeft een "reason" nodig: het label van het veld voor de onderbouwing`, name)
	}
	if it.Position != nil && it.Kind != KindInfo {
		ch.add(file, ch.line(&it.Position, it.line), `"position" hoort alleen bij een item van soort info (een variant); haal het weg bij %s`, name)
	}

	ch.role(file, it, name)
	for i, m := range it.Matches {
		if strings.TrimSpace(m) == "" || m != strings.ToLower(m) {
			ch.add(file, ch.line(&it.Matches[i], it.line), `elk woord in "matches" bij %s is niet leeg en in kleine letters: %q`, name, m)
		}
	}

	seen := make(map[string]int, len(it.Options))
	for i := range it.Options {
		o := &it.Options[i]
		oname := fmt.Sprintf("optie %d van %s", i+1, name)
		switch {
		case o.ID == "":
			ch.add(file, o.line, `"id" ontbreekt bij %s`, oname)
		case ch.id(file, ch.line(&o.ID, o.line), o.ID):
			oname = fmt.Sprintf("optie %q van %s", o.ID, name)
			if first, ok := seen[o.ID]; ok {
				ch.add(file, ch.line(&o.ID, o.line), "de optie-id %q komt al eerder voor bij %s (regel %d)", o.ID, name, first)
			} else {
				seen[o.ID] = ch.line(&o.ID, o.line)
			}
		}
		ch.text(file, &o.Text, o.line, "text", oname, true, maxOptionText)
		ch.text(file, &o.Help, o.line, "help", oname, false, maxOptionHelp)
		ch.text(file, &o.Reason, o.line, "reason", oname, false, maxReason)
		switch {
		case o.Mandate != "" && it.Role != RoleMandate:
			ch.add(file, ch.line(&o.Mandate, o.line), `"mandate" hoort alleen bij de opties van de vraag met role: %s; haal het weg bij %s`, RoleMandate, oname)
		case o.Mandate != "" && !slices.Contains(Mandates(), o.Mandate):
			ch.add(file, ch.line(&o.Mandate, o.line), `onbekende waarde %q voor "mandate" bij %s; kies uit: %s`, o.Mandate, oname, joinValues(Mandates()))
		}
		if o.Closes && it.Kind != KindChoice && it.Kind != KindDecision {
			ch.add(file, ch.line(&o.Closes, o.line), `"closes" werkt alleen bij een keuze (kind: choice of decision), niet bij %s van soort %q`, oname, it.Kind)
		}
	}

	if !known {
		return
	}
	line := ch.line(&it.Options, it.line)
	hasOptions, hasFrom := len(it.Options) > 0, it.OptionsFrom != ""
	least, most := optionLimits(it.Kind)
	switch {
	case most == 0 && hasOptions:
		ch.add(file, line, `%s is van soort %q en heeft geen opties; haal "options" weg`, name, it.Kind)
	case most == 0 && hasFrom:
		ch.add(file, ch.line(&it.OptionsFrom, it.line), `%s is van soort %q en heeft geen opties; haal "options_from" weg`, name, it.Kind)
	case most == 0:
	case hasOptions && hasFrom:
		ch.add(file, line, `gebruik bij %s "options" of "options_from", niet allebei`, name)
	case !hasOptions && !hasFrom:
		ch.add(file, it.line, `%s is van soort %q en heeft opties nodig: geef "options" (minstens %d) of "options_from" (een kaart)`, name, it.Kind, least)
	case hasOptions:
		ch.count(file, line, name, it.Kind, len(it.Options), "")
	}
}

// optionLimits returns the least and most options an item of kind k may
// have; most is 0 for kinds without options.
func optionLimits(k Kind) (least, most int) {
	switch k {
	case KindMulti:
		return 2, maxMulti
	case KindChoice, KindDecision:
		return 2, maxOptions
	case KindArguments:
		return 1, maxOptions
	}
	return 0, 0
}

// count checks the number of options n of an item; from names the card the
// options come from, if they do.
func (ch *checker) count(file string, line int, name string, k Kind, n int, from string) {
	least, most := optionLimits(k)
	via := ""
	if from != "" {
		least = max(least, 2)
		via = fmt.Sprintf(" (de items met een \"title\" op kaart %q)", from)
	}
	switch {
	case n < least:
		ch.add(file, line, "%s heeft minstens %d opties nodig, maar heeft er %d%s", name, least, n, via)
	case n > most:
		ch.add(file, line, "%s heeft %d opties%s; Slack toont bij soort %q hooguit %d", name, n, via, k, most)
	}
}

// references checks what an item refers to on other cards: options_from
// and see.
func (ch *checker) references(c *Card, i int, byID map[string]*Card) {
	file, it := c.file, &c.Items[i]
	name := itemName(it, i)
	if _, most := optionLimits(it.Kind); it.OptionsFrom != "" && most > 0 && len(it.Options) == 0 {
		line := ch.line(&it.OptionsFrom, it.line)
		switch src, ok := byID[it.OptionsFrom]; {
		case ok:
			n := 0
			for _, x := range src.Items {
				if !x.Title.IsZero() && !x.Kind.Asks() {
					n++
				}
			}
			ch.count(file, line, name, it.Kind, n, it.OptionsFrom)
		case !ch.broken[it.OptionsFrom]:
			ch.add(file, line, `"options_from" bij %s noemt een kaart die niet bestaat: %q`, name, it.OptionsFrom)
		}
	}
	for i, ref := range it.See {
		line := ch.line(&it.See[i], it.line)
		ch.ref(file, line, ref, fmt.Sprintf(`"see" bij %s`, name), byID)
	}
	for i, ref := range it.Recall {
		line := ch.line(&it.Recall[i], it.line)
		ch.ref(file, line, ref, fmt.Sprintf(`"recall" bij %s`, name), byID)
	}
	if it.Schemes != "" {
		if _, ok := byID[it.Schemes]; !ok && !ch.broken[it.Schemes] {
			ch.add(file, ch.line(&it.Schemes, it.line), `"schemes" bij %s noemt een kaart die niet bestaat: %q`, name, it.Schemes)
		}
	}
}

// role checks an item's role: a known one, on an item of the kind the role
// needs.
func (ch *checker) role(file string, it *Item, name string) {
	if it.Role == "" {
		return
	}
	line := ch.line(&it.Role, it.line)
	want := KindChoice
	switch it.Role {
	case RoleMandate, RoleHearing, RolePolicySignal:
	case RoleLookBack:
		want = KindText
	default:
		ch.add(file, line, `onbekende rol (role) %q bij %s; kies uit: %s`, it.Role, name, joinValues(Roles()))
		return
	}
	if it.Kind != want {
		ch.add(file, line, `%s heeft role: %s en moet daarom van soort %q zijn, niet %q`, name, it.Role, want, it.Kind)
	}
}

// roles checks that each role is held by at most one item of the set.
func (ch *checker) roles(s *Set) {
	first := map[Role]string{}
	for _, c := range s.Cards {
		for i := range c.Items {
			it := &c.Items[i]
			if it.Role == "" {
				continue
			}
			where := c.ID + "/" + it.ID
			if prev, ok := first[it.Role]; ok {
				ch.add(c.file, ch.line(&it.Role, it.line), "de rol %q staat al bij %s; elke rol hoort bij één item", it.Role, prev)
				continue
			}
			first[it.Role] = where
		}
	}
}

func joinValues[T ~string](vs []T) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}

// ref checks a "card/item" reference and returns the item, or nil.
func (ch *checker) ref(file string, line int, ref, where string, byID map[string]*Card) *Item {
	r, err := ParseRef(ref)
	if err != nil {
		ch.add(file, line, "%s: %q is geen verwijzing van de vorm kaart/item", where, ref)
		return nil
	}
	c, ok := byID[r.Card]
	if !ok {
		if !ch.broken[r.Card] {
			ch.add(file, line, "%s: %q verwijst naar een kaart die niet bestaat: %q", where, ref, r.Card)
		}
		return nil
	}
	it, ok := c.Item(r.Item)
	if !ok {
		ch.add(file, line, "%s: %q verwijst naar een item dat niet bestaat: kaart %q heeft geen item %q", where, ref, r.Card, r.Item)
		return nil
	}
	return it
}

func (ch *checker) flow(f *Flow, byID map[string]*Card) {
	file := f.file
	if strings.TrimSpace(f.Version) == "" {
		ch.add(file, ch.line(&f.Version, 1), `"version" ontbreekt in de flow; zet bovenaan bijvoorbeeld: version: "1"`)
	}
	if len(f.Phases) == 0 {
		ch.add(file, ch.line(&f.Phases, 0), `de flow heeft geen fasen; zet ze onder "phases:"`)
	}
	phases := make(map[string]int, len(f.Phases))
	steps := make(map[string]int)
	for i := range f.Phases {
		ph := &f.Phases[i]
		name := fmt.Sprintf("fase %d", i+1)
		switch {
		case ph.ID == "":
			ch.add(file, ph.line, `"id" ontbreekt bij %s`, name)
		case ch.id(file, ch.line(&ph.ID, ph.line), ph.ID):
			name = fmt.Sprintf("fase %q", ph.ID)
			if first, ok := phases[ph.ID]; ok {
				ch.add(file, ch.line(&ph.ID, ph.line), "de fase-id %q komt al eerder voor (regel %d)", ph.ID, first)
			} else {
				phases[ph.ID] = ch.line(&ph.ID, ph.line)
			}
		}
		ch.text(file, &ph.Title, ph.line, "title", name, true, 0)
		if len(ph.Steps) == 0 {
			ch.add(file, ch.line(&ph.Steps, ph.line), `%s heeft geen stappen; zet de vragen als kaart/item onder "steps:"`, name)
		}
		for j, ref := range ph.Steps {
			line := ch.line(&ph.Steps[j], ph.line)
			if first, ok := steps[ref]; ok {
				ch.add(file, line, "de stap %q staat al eerder in de flow (regel %d); elke vraag wordt één keer gesteld", ref, first)
				continue
			}
			steps[ref] = line
			it := ch.ref(file, line, ref, "stap", byID)
			if it != nil && it.Kind != "" && !it.Kind.Asks() {
				ch.add(file, line, "de stap %q is een item van soort %q: dat wordt getoond, niet gevraagd; haal het weg uit de flow", ref, it.Kind)
			}
			if it == nil {
				continue
			}
			if it.Role == RoleLookBack {
				ch.add(file, line, "de stap %q heeft role: %s: de bot vraagt hem later, los van het gesprek; haal hem weg uit de flow", ref, it.Role)
			}
			for _, r := range it.Recall {
				if _, ok := steps[r]; !ok || r == ref {
					ch.add(file, line, `de stap %q toont met "recall" het antwoord op %q, maar die stap komt niet eerder in de flow`, ref, r)
				}
			}
		}
	}
}

// text checks a text: a required text must be there, and any text that is
// there must be there in every language, each at most limit characters (no
// limit when 0).
func (ch *checker) text(file string, t *Text, fallback int, field, owner string, required bool, limit int) {
	line := t.line
	if line == 0 {
		line = fallback
	}
	if t.IsZero() {
		if required {
			ch.add(file, line, "%q ontbreekt bij %s", field, owner)
		}
		return
	}
	for _, lang := range Langs() {
		s, p := t.NL, &t.NL
		if lang == EN {
			s, p = t.EN, &t.EN
		}
		if s == "" {
			ch.add(file, line, "%s ontbreekt bij %q van %s", langName(lang), field, owner)
			continue
		}
		if n := utf8.RuneCountInString(s); limit > 0 && n > limit {
			ch.add(file, ch.line(p, line), "%s bij %q van %s is %d tekens lang; Slack toont er hooguit %d",
				langName(lang), field, owner, n, limit)
		}
	}
}

func langName(l Lang) string {
	if l == EN {
		return "de Engelse tekst (en)"
	}
	return "de Nederlandse tekst (nl)"
}

// id checks an id's form and reports whether it is valid.
func (ch *checker) id(file string, line int, id string) bool {
	for i, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' && i > 0) {
			ch.add(file, line, "de id %q is ongeldig: gebruik alleen kleine letters (a-z), cijfers en streepjes, en begin niet met een streepje", id)
			return false
		}
	}
	if n := len(id); n > maxID {
		ch.add(file, line, "de id %q is %d tekens lang; hooguit %d", id, n, maxID)
		return false
	}
	return true
}

func kindList() string {
	names := make([]string, 0, len(Kinds()))
	for _, k := range Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}
