package dialogs

import "github.com/maatwerkbot/maatwerkbot/cards"

// What the digest reads from the card set: the signal groups, option texts
// and order, and the hardship clause.

// signalSteps returns the ids of the signal groups: the multi steps of the
// card with readings.
func (e *Engine) signalSteps() map[string]bool {
	out := map[string]bool{}
	for _, st := range e.set.Steps() {
		if len(st.Card.Readings) > 0 && st.Item.Kind == cards.KindMulti {
			out[st.ID] = true
		}
	}
	return out
}

// signalOptionLabel is the text of an option of the signals card (a signal
// or a closing choice at the weighing).
func (e *Engine) signalOptionLabel(id string, lang cards.Lang) string {
	for _, st := range e.set.Steps() {
		if len(st.Card.Readings) == 0 {
			continue
		}
		for _, o := range st.Options {
			if o.ID == id {
				return o.Text.In(lang)
			}
		}
	}
	return id
}

// closesAtSignals reports whether option id closes a case at the signals.
func (e *Engine) closesAtSignals(id string) bool {
	for _, st := range e.set.Steps() {
		if len(st.Card.Readings) == 0 {
			continue
		}
		for _, o := range st.Options {
			if o.ID == id && o.Closes {
				return true
			}
		}
	}
	return false
}

// optionLabel is the text of option id of step stepID.
func (e *Engine) optionLabel(stepID, id string, lang cards.Lang) string {
	if st, ok := e.set.Step(stepID); ok {
		for _, o := range st.Options {
			if o.ID == id {
				return o.Text.In(lang)
			}
		}
	}
	return id
}

// decisionOrder is the position of a decision option on the card.
func (e *Engine) decisionOrder(id string) int {
	if st, ok := e.set.Step(e.decisionStep()); ok {
		for i, o := range st.Options {
			if o.ID == id {
				return i
			}
		}
	}
	return 1 << 20
}

// hardshipChoice finds the questions that place a case among the essay's
// variants — the current one and those of earlier content, whose answers
// old cases hold — and the option that is the hardship clause: the variant
// for the single case and not for groups.
func (e *Engine) hardshipChoice() (stepIDs map[string]bool, optionID string) {
	vc, ok := VariantsCard(e.set)
	if !ok {
		return nil, ""
	}
	for _, it := range vc.Items {
		if it.Position != nil && !it.Position.Groups && it.Position.SingleCase {
			optionID = it.ID
		}
	}
	stepIDs = map[string]bool{}
	for _, c := range e.set.Cards {
		for _, it := range c.Items {
			if it.OptionsFrom == vc.ID && it.Kind.Asks() {
				stepIDs[c.ID+"/"+it.ID] = true
			}
		}
	}
	return stepIDs, optionID
}
