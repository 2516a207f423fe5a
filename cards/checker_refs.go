package cards

import "fmt"

// The checks of what items refer to on other cards: options_from, see,
// recall, schemes.

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
