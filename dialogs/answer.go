package dialogs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Answering a prompt: the input checked, the answer recorded and the conversation advanced.

// Input is an answer to a prompt.
type Input struct {
	// Seq and Step are copied from the prompt being answered.
	Seq  int
	Step string
	// Choices holds the chosen option ids (one for choice, yes/no and
	// decision; any number for multi; none for text and arguments).
	Choices []string
	// Text is the free text: the answer, the reason or the rationale.
	Text string
	By   string
	// Lead reports whether By is a team lead (may record any decision).
	Lead bool
	// Ref is the transport's reference to the message the answer came
	// from (a thread reply), kept so an edit or deletion can follow it.
	Ref string
	// NoLeads reports that no team lead is configured, so the decision
	// cannot be escalated.
	NoLeads bool
	// Leads are the team leads an escalation goes to (decision steps).
	Leads []string
	// Despite are the warnings about the decision that the one answering
	// was shown and goes on despite (see Engine.Warnings): they are
	// recorded with the decision. A warning not named here refuses the
	// decision with CodeWarning.
	Despite []record.WarningKind
}

// Outcome is what an answer changed.
type Outcome struct {
	// Answered is the prompt that was answered, as it was asked.
	Answered Prompt
	Answer   record.Answer
	// Next is the new open question, if there is one.
	Next *Prompt
	// Finished is set when the answer completed or closed the case: the
	// summary is due.
	Finished bool
	// Escalated is set when the answer put the decision to the team leads
	// instead of taking it; the case waits at the decision step.
	Escalated *record.Escalation
	// Waiting is set when the answer asked for more information instead of
	// deciding: the case is on hold at the decision step.
	Waiting *record.Event
}

// Answer records in on c and advances the conversation. Errors are *Error
// (stale prompt, closed case, invalid or missing input, personal data) and
// leave c unchanged.
func (e *Engine) Answer(c *record.Case, in Input) (Outcome, error) {
	if err := e.checkOpen(c); err != nil {
		return Outcome{}, err
	}
	p, ok := e.Prompt(c)
	if !ok || in.Seq != c.Seq || (in.Step != "" && in.Step != p.StepID) {
		return Outcome{}, e.stale(c, in)
	}
	choicesIn, text, chosen, err := e.checkInput(c, p, in)
	if err != nil {
		return Outcome{}, err
	}
	var closing *Choice
	if chosen != nil {
		if chosen.Closes {
			closing = chosen
		}
		if p.Kind == cards.KindDecision && chosen.Escalates {
			return e.escalate(c, in, *chosen, text), nil
		}
		if p.Kind == cards.KindDecision && chosen.MoreInfo {
			return e.waitForInfo(c, in, text), nil
		}
	}
	var warned []record.WarningKind
	if p.Kind == cards.KindDecision && chosen != nil {
		if warned, err = e.checkWarnings(c, in, p, *chosen, text); err != nil {
			return Outcome{}, err
		}
	}
	return e.recordAnswer(c, in, p, choicesIn, text, closing, warned), nil
}

// checkInput checks in as an answer to p: the choices exist, the text is
// there where it must be and holds no personal data, and a decision is
// taken by someone who may. chosen is the option of a single choice. Errors
// are *Error.
func (e *Engine) checkInput(c *record.Case, p Prompt, in Input) (choices []string, text string, chosen *Choice, err error) {
	choicesIn := dedupe(in.Choices)
	text = CleanText(in.Text)
	switch p.Kind {
	case cards.KindYesNo, cards.KindChoice, cards.KindDecision:
		if len(choicesIn) != 1 {
			return nil, "", nil, userError(CodeInvalid, "choice", func(t *Texts) string { return t.ChooseOne })
		}
		ch, ok := p.Choice(choicesIn[0])
		if !ok {
			return nil, "", nil, userError(CodeInvalid, "choice", func(t *Texts) string { return t.UnknownOption })
		}
		if err := CheckText("text", text, p.NeedsText(ch.ID)); err != nil {
			return nil, "", nil, err
		}
		if p.Kind == cards.KindDecision {
			if err := e.checkDecider(c, in, ch); err != nil {
				return nil, "", nil, err
			}
		}
		return choicesIn, text, &ch, nil
	case cards.KindMulti:
		for _, id := range choicesIn {
			if _, ok := p.Choice(id); !ok {
				return nil, "", nil, userError(CodeInvalid, "choice", func(t *Texts) string { return t.UnknownOption })
			}
		}
		if err := CheckText("text", text, false); err != nil {
			return nil, "", nil, err
		}
		return choicesIn, text, nil, nil
	case cards.KindText:
		if len(choicesIn) > 0 {
			return nil, "", nil, userError(CodeInvalid, "choice", func(t *Texts) string { return t.UnknownOption })
		}
		if err := CheckText("text", text, true); err != nil {
			return nil, "", nil, err
		}
		return nil, text, nil, nil
	case cards.KindArguments:
		if len(p.Pro)+len(p.Contra) == 0 {
			return nil, "", nil, userError(CodeNoArgument, "", func(t *Texts) string { return t.NeedArgument })
		}
		return nil, "", nil, nil
	}
	return nil, "", nil, fmt.Errorf("dialogs: step %s has kind %q, which cannot be answered", p.StepID, p.Kind)
}

// recordAnswer records a checked answer to the open prompt p on c and
// advances the conversation: the decision, if p takes one, the next step,
// and the closure when the answer closes the case or completes it. closing
// is the chosen option when it closes the case; warned are the warnings
// the decision is recorded despite.
func (e *Engine) recordAnswer(c *record.Case, in Input, p Prompt, choicesIn []string, text string, closing *Choice, warned []record.WarningKind) Outcome {
	now := e.now()
	ans := record.Answer{Step: p.StepID, Seq: c.Seq, Choices: choicesIn, Text: text, By: in.By, At: now, Ref: in.Ref}
	c.Answers = append(c.Answers, ans)
	if p.Kind == cards.KindDecision {
		c.Decision = &record.Decision{Option: choicesIn[0], Rationale: text, By: in.By, At: now, Warnings: warned}
		if esc, ok := c.PendingEscalation(); ok {
			esc.DecidedBy, esc.DoneAt = in.By, now
		}
		e.scheduleLookBack(c, now)
	}
	if c.CardsVersion == e.set.Version {
		c.Step++
	} else {
		c.Step = e.firstUnanswered(c)
	}
	c.Seq++
	c.UpdatedAt = now
	out := Outcome{Answered: p, Answer: ans}
	switch {
	case closing != nil:
		c.Status = record.StatusClosed
		c.Closure = &record.Closure{Option: closing.ID, Reason: text, By: in.By, At: now}
		out.Finished = true
	case e.Done(c):
		c.Status = record.StatusClosed
		c.Closure = &record.Closure{By: in.By, At: now}
		out.Finished = true
	default:
		next, _ := e.Prompt(c)
		out.Next = &next
	}
	return out
}

// Check returns the error Answer would give for an answer to the prompt
// with seq and step because the case is not open or the prompt is stale; nil
// when the prompt is the open one.
func (e *Engine) Check(c *record.Case, seq int, step string) error {
	if err := e.checkOpen(c); err != nil {
		return err
	}
	p, ok := e.Prompt(c)
	if !ok || seq != c.Seq || (step != "" && step != p.StepID) {
		return e.stale(c, Input{Seq: seq, Step: step})
	}
	return nil
}

func (e *Engine) checkOpen(c *record.Case) error {
	switch c.Status {
	case record.StatusClosed:
		return userError(CodeClosed, "", func(t *Texts) string { return t.CaseClosed })
	case record.StatusPaused:
		if ev, ok := c.Waiting(); ok {
			return userError(CodePaused, "", func(t *Texts) string { return t.CaseWaitingF }, Quoted(ev.Reason))
		}
		return userError(CodePaused, "", func(t *Texts) string { return t.CasePaused })
	}
	return nil
}

func (e *Engine) stale(c *record.Case, in Input) *Error {
	asked := 0
	if in.Step == "" {
		for _, a := range c.Answers {
			if a.Seq == in.Seq {
				in.Step = a.Step
			}
		}
	}
	for i, st := range e.set.Steps() {
		if st.ID == in.Step {
			asked = i + 1
		}
	}
	return userError(CodeStale, "", func(t *Texts) string { return t.StaleF }, asked, min(e.cursor(c)+1, e.Total()))
}

func dedupe(ids []string) []string {
	var out []string
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
