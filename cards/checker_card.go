package cards

import (
	"fmt"
	"slices"
	"strings"
)

// The checks of one card: its id, texts and readings, and each item with its
// options and role.

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
	case RoleTension:
		want = KindMulti
	default:
		ch.add(file, line, `onbekende rol (role) %q bij %s; kies uit: %s`, it.Role, name, joinValues(Roles()))
		return
	}
	if it.Kind != want {
		ch.add(file, line, `%s heeft role: %s en moet daarom van soort %q zijn, niet %q`, name, it.Role, want, it.Kind)
	}
}
