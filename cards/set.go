package cards

import "fmt"

// Set is a complete, validated body of content: every card and the flow of
// the conversation. A Set is read-only after Load and safe for concurrent use.
type Set struct {
	// Version identifies the content; every case records it.
	Version string
	// Cards in file-name order.
	Cards []*Card
	// Flow is the order of the case conversation.
	Flow Flow

	steps []Step
}

// Step is one question of the conversation, resolved from the flow.
type Step struct {
	// ID is the step's reference "card/item"; stable across content versions
	// as long as the item keeps its id.
	ID string
	// Index is the position in the conversation, from 0.
	Index int
	// Phase is the phase the step belongs to.
	Phase *Phase
	// Card and Item hold the content.
	Card *Card
	Item *Item
	// Options are the item's options, with OptionsFrom resolved.
	Options []Option
}

// Card returns the card with the given id.
func (s *Set) Card(id string) (*Card, bool) {
	for _, c := range s.Cards {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}

// Lookup returns the item a "card/item" reference names.
func (s *Set) Lookup(ref string) (*Card, *Item, error) {
	r, err := ParseRef(ref)
	if err != nil {
		return nil, nil, err
	}
	c, ok := s.Card(r.Card)
	if !ok {
		return nil, nil, fmt.Errorf("onbekende kaart %q in %q", r.Card, ref)
	}
	it, ok := c.Item(r.Item)
	if !ok {
		return nil, nil, fmt.Errorf("kaart %q heeft geen item %q", r.Card, r.Item)
	}
	return c, it, nil
}

// Steps returns the conversation's steps in order.
func (s *Set) Steps() []Step { return s.steps }

// Step returns the step with the given id.
func (s *Set) Step(id string) (Step, bool) {
	for _, st := range s.steps {
		if st.ID == id {
			return st, true
		}
	}
	return Step{}, false
}

// OptionsOf returns an item's options with OptionsFrom resolved: every
// reference item (kind info) with a title on the named card becomes an
// option with that title as text and the item's help as help. Questions on
// that card are not options, so they may carry a title of their own.
func (s *Set) OptionsOf(it *Item) []Option {
	if it.OptionsFrom == "" {
		return it.Options
	}
	c, ok := s.Card(it.OptionsFrom)
	if !ok {
		return nil
	}
	var opts []Option
	for _, src := range c.Items {
		if src.Title.IsZero() || src.Kind.Asks() {
			continue
		}
		opts = append(opts, Option{ID: src.ID, Text: src.Title, Help: src.Help, line: src.line})
	}
	return opts
}

// resolve builds the step list from the flow. Load calls it after validation.
func (s *Set) resolve() error {
	s.steps = s.steps[:0]
	for pi := range s.Flow.Phases {
		ph := &s.Flow.Phases[pi]
		for _, ref := range ph.Steps {
			c, it, err := s.Lookup(ref)
			if err != nil {
				return err
			}
			s.steps = append(s.steps, Step{
				ID: ref, Index: len(s.steps), Phase: ph, Card: c, Item: it,
				Options: s.OptionsOf(it),
			})
		}
	}
	return nil
}
