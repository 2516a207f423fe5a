package dialogs

import (
	"fmt"
	"slices"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// itemOf returns the item a step id names and its options: from the flow
// when the step is in it, else from its card (an answer recorded under an
// earlier version of the content, whose step has since left the flow).
func (e *Engine) itemOf(stepID string) (*cards.Item, []cards.Option, bool) {
	if st, ok := e.set.Step(stepID); ok {
		return st.Item, st.Options, true
	}
	if _, it, err := e.set.Lookup(stepID); err == nil {
		return it, e.set.OptionsOf(it), true
	}
	return nil, nil, false
}

// earlierAnswers collects the answers of c to steps that are no longer in
// the conversation (the content changed after the case was asked), so that
// an old case's summary still shows everything that was said. The label
// is read from its card when the item still exists, else the step id
// stands in for it. Signals, arguments and decisions of earlier content are
// listed here too, as answers.
func (e *Engine) earlierAnswers(c *record.Case) (SummaryPhase, bool) {
	lang := c.Lang
	var ph SummaryPhase
	seen := map[string]bool{}
	for i := len(c.Answers) - 1; i >= 0; i-- { // the last answer to a step counts
		a := c.Answers[i]
		if _, ok := e.set.Step(a.Step); ok || seen[a.Step] {
			continue
		}
		seen[a.Step] = true
		label := a.Step
		if it, _, ok := e.itemOf(a.Step); ok {
			label = itemLabel(it, lang)
		}
		ph.Entries = append(ph.Entries, SummaryEntry{Label: label, Answer: e.AnswerText(c, a), By: a.By})
	}
	if len(ph.Entries) == 0 {
		return ph, false
	}
	slices.Reverse(ph.Entries)
	version := c.CardsVersion
	if version == "" {
		version = "?"
	}
	ph.Title = fmt.Sprintf(TextsFor(lang).EarlierF, version)
	return ph, true
}

// decisionAnswer finds the answer that recorded c's decision, whatever step
// asked it.
func decisionAnswer(c *record.Case) (record.Answer, bool) {
	d := c.Decision
	for i := len(c.Answers) - 1; i >= 0; i-- {
		a := c.Answers[i]
		if a.At.Equal(d.At) && a.By == d.By && slices.Equal(a.Choices, []string{d.Option}) {
			return a, true
		}
	}
	return record.Answer{}, false
}
