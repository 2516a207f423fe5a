package dialogs

import (
	"fmt"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// An answer as readable text: the choices made and the free text.

// ChoiceText returns the display text of the options an answer chose.
func (e *Engine) ChoiceText(c *record.Case, a record.Answer) string {
	// A step no longer in the flow is read from its card, if the item is
	// still there (see earlierAnswers).
	it, stepOpts, ok := e.itemOf(a.Step)
	if !ok {
		return strings.Join(a.Choices, ", ")
	}
	t := TextsFor(c.Lang)
	var opts []Choice
	if it.Kind == cards.KindYesNo {
		opts = yesNoChoices(t)
	} else {
		opts = choices(stepOpts, c.Lang)
	}
	var parts []string
	for _, id := range a.Choices {
		label := id
		for _, o := range opts {
			if o.ID == id {
				label = o.Text
			}
		}
		parts = append(parts, label)
	}
	return strings.Join(parts, ", ")
}

// AnswerText renders an answer as one readable line: the choices, then the
// free text.
func (e *Engine) AnswerText(c *record.Case, a record.Answer) string {
	t := TextsFor(c.Lang)
	choice := e.ChoiceText(c, a)
	if a.Edited || a.Deleted {
		mark := t.EditedMark
		if a.Deleted {
			mark = t.DeletedMark
		}
		a.Edited, a.Deleted = false, false
		return e.AnswerText(c, a) + " " + mark
	}
	switch {
	case choice != "" && a.Text != "":
		return choice + " — " + a.Text
	case choice != "":
		return choice
	case a.Text != "":
		return a.Text
	}
	if it, _, ok := e.itemOf(a.Step); ok && it.Kind == cards.KindArguments {
		pro, contra := c.ActiveArguments()
		return fmt.Sprintf(t.TallyF, len(pro), len(contra))
	}
	return t.NoneChosen
}
