package dialogs

import (
	"slices"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Correcting an answer: the new answer is recorded after the old one, which
// stays as its history; nothing is overwritten.

// Correction is what a changed answer changed.
type Correction struct {
	// Step is the question as it is asked now.
	Step Prompt
	// Before and After are the answer it had and the one it has.
	Before, After record.Answer
	// Review are the later questions, already answered, that build on this
	// answer: their answers may need another look.
	Review []Prompt
}

// Correct changes the answer to the earlier question stepID of c, which
// must not be closed. Whoever gave the answer, the starter of the case or a
// team lead (in.Lead) may change it. The new answer is checked as an answer
// is; a choice that would close the case, put the decision to the team
// leads or wait for information is made at the question itself, not as a
// correction. A changed decision changes the case's decision and is
// warned about as the decision is (see Engine.Warnings): a warning not in
// in.Despite refuses it with CodeWarning, and the new decision records the
// warnings it went on despite. Errors are *Error and leave c unchanged.
func (e *Engine) Correct(c *record.Case, stepID string, in Input) (Correction, error) {
	p, err := e.CanCorrect(c, stepID, in.By, in.Lead)
	if err != nil {
		return Correction{}, err
	}
	st, _ := e.set.Step(stepID)
	before, _ := c.AnswerTo(stepID)
	choices, text, chosen, err := e.checkInput(c, p, in)
	if err != nil {
		return Correction{}, err
	}
	if chosen != nil && (chosen.Closes || chosen.Escalates || chosen.MoreInfo) {
		return Correction{}, userError(CodeInvalid, "choice", func(t *Texts) string { return t.CorrectNotHere })
	}
	var warned []record.WarningKind
	if p.Kind == cards.KindDecision && chosen != nil {
		if warned, err = e.checkWarnings(c, in, p, *chosen, text); err != nil {
			return Correction{}, err
		}
	}
	now := e.now()
	after := record.Answer{Step: stepID, Seq: before.Seq, Choices: choices, Text: text, By: in.By, At: now, Corrects: true}
	c.Answers = append(c.Answers, after)
	if p.Kind == cards.KindDecision && c.Decision != nil {
		c.Decision = &record.Decision{Option: choices[0], Rationale: text, By: in.By, At: now, Warnings: warned}
	}
	c.UpdatedAt = now
	return Correction{Step: p, Before: before, After: after, Review: e.buildsOn(c, st)}, nil
}

// CanCorrect reports whether by (a team lead when lead) may change the
// answer to stepID of c now, and returns the question as it is asked. The
// error says why not (*Error): the case is closed, the question is not
// answered, by did not give the answer and is neither the starter nor a
// team lead, or the question takes arguments (changed one by one).
func (e *Engine) CanCorrect(c *record.Case, stepID, by string, lead bool) (Prompt, error) {
	if c.Status == record.StatusClosed {
		return Prompt{}, userError(CodeClosed, "", func(t *Texts) string { return t.CaseClosed })
	}
	st, ok := e.set.Step(stepID)
	if !ok {
		return Prompt{}, userError(CodeInvalid, "", func(t *Texts) string { return t.NotAnswered })
	}
	before, answered := c.AnswerTo(stepID)
	if !answered {
		return Prompt{}, userError(CodeInvalid, "", func(t *Texts) string { return t.NotAnswered })
	}
	if !lead && by != before.By && by != c.StartedBy {
		return Prompt{}, userError(CodeNotAllowed, "", func(t *Texts) string { return t.NotYourAnswer })
	}
	p, _ := e.PromptAt(c, st.Index)
	if p.Kind == cards.KindArguments {
		return Prompt{}, userError(CodeInvalid, "", func(t *Texts) string { return t.CorrectArguments })
	}
	return p, nil
}

// buildsOn returns the answered questions after st that build on its
// answer: those that recall it, and the decision, which weighs every answer
// before it.
func (e *Engine) buildsOn(c *record.Case, st cards.Step) []Prompt {
	var out []Prompt
	steps := e.set.Steps()
	for i := st.Index + 1; i < len(steps); i++ {
		later := steps[i]
		if _, ok := c.AnswerTo(later.ID); !ok {
			continue
		}
		if slices.Contains(later.Item.Recall, st.ID) || later.Item.Kind == cards.KindDecision {
			p, _ := e.PromptAt(c, i)
			out = append(out, p)
		}
	}
	return out
}
