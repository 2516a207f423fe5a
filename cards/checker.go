package cards

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
