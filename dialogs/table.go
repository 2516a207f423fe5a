package dialogs

import (
	"slices"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// This file holds what the team does around the questions: pausing,
// closing early and reopening a case, withdrawing arguments, following
// edits and deletions of thread messages, and putting the decision to the
// team leads.

// mayManage reports whether by may pause, resume, close or reopen c: its
// starter or a team lead.
func mayManage(c *record.Case, by string, lead bool) error {
	if lead || by == c.StartedBy {
		return nil
	}
	return userError(CodeNotAllowed, "", func(t *Texts) string { return t.NotManager })
}

func (e *Engine) logEvent(c *record.Case, kind record.EventKind, by, reason string) {
	now := e.now()
	c.Log = append(c.Log, record.Event{Kind: kind, By: by, At: now, Reason: reason})
	c.UpdatedAt = now
}

// Pause puts an open case on hold: answers and clicks are refused politely
// until Resume. Only the starter or a team lead may. Errors are *Error.
func (e *Engine) Pause(c *record.Case, by string, lead bool) error {
	switch c.Status {
	case record.StatusClosed:
		return e.checkOpen(c)
	case record.StatusPaused:
		return userError(CodePaused, "", func(t *Texts) string { return t.AlreadyPaused })
	}
	if err := mayManage(c, by, lead); err != nil {
		return err
	}
	c.Status = record.StatusPaused
	e.logEvent(c, record.EventPaused, by, "")
	return nil
}

// Resume opens a paused case again at the step where it was.
func (e *Engine) Resume(c *record.Case, by string, lead bool) error {
	if c.Status != record.StatusPaused {
		return userError(CodeInvalid, "", func(t *Texts) string { return t.NotPaused })
	}
	if err := mayManage(c, by, lead); err != nil {
		return err
	}
	c.Status = record.StatusOpen
	e.logEvent(c, record.EventResumed, by, "")
	return nil
}

// CloseEarly closes an open or paused case with a reason, before (or
// after) its conversation is complete.
func (e *Engine) CloseEarly(c *record.Case, by string, lead bool, reason string) error {
	if c.Status == record.StatusClosed {
		return e.checkOpen(c)
	}
	if err := mayManage(c, by, lead); err != nil {
		return err
	}
	reason = CleanText(reason)
	if reason == "" {
		return userError(CodeRequired, "reason", func(t *Texts) string { return t.NeedCloseReason })
	}
	if err := CheckText("reason", reason, true); err != nil {
		return err
	}
	c.Status = record.StatusClosed
	e.logEvent(c, record.EventClosed, by, reason)
	c.Closure = &record.Closure{Reason: reason, By: by, At: c.UpdatedAt, Early: !e.Done(c)}
	return nil
}

// Reopen opens a closed case again at the step where it was; its summary
// is brought up to date when it closes again.
func (e *Engine) Reopen(c *record.Case, by string, lead bool) error {
	if c.Status != record.StatusClosed {
		return userError(CodeInvalid, "", func(t *Texts) string { return t.NotClosed })
	}
	if err := mayManage(c, by, lead); err != nil {
		return err
	}
	c.Status = record.StatusOpen
	c.Closure = nil
	e.logEvent(c, record.EventReopened, by, "")
	return nil
}

// WithdrawArgument withdraws argument n; only its author may. A withdrawn
// argument leaves the tally and the summary.
func (e *Engine) WithdrawArgument(c *record.Case, n int, by string) (record.Argument, error) {
	i := slices.IndexFunc(c.Arguments, func(a record.Argument) bool { return a.N == n && !a.Withdrawn })
	if i < 0 {
		return record.Argument{}, userError(CodeInvalid, "", func(t *Texts) string { return t.UnknownArgumentF }, n)
	}
	a := &c.Arguments[i]
	if a.By != by {
		return record.Argument{}, userError(CodeNotAllowed, "", func(t *Texts) string { return t.NotArgumentAuthorF }, n)
	}
	a.Withdrawn = true
	c.UpdatedAt = e.now()
	return *a, nil
}

// RefKind says what a thread message had been taken as.
type RefKind string

// The kinds of stored message.
const (
	RefNone     RefKind = ""
	RefAnswer   RefKind = "answer"
	RefArgument RefKind = "argument"
	RefRemark   RefKind = "remark"
)

// RefChange is what following an edited or deleted message changed.
type RefChange struct {
	Kind RefKind
	// Step is the answered step, for an answer.
	Step string
	// Argument is the argument's number, for an argument.
	Argument int
	// Removed is set when the stored text was removed (a deletion, or an
	// edit that brought in personal data).
	Removed bool
	// Problem is the reason the edit was not taken over, for its author
	// (personal data); the case is still changed as the fields above say.
	Problem *Error
}

// EditMessage follows the edit of the thread message ref to text: a remark
// changes its text; an argument its text (and side, when the edit still
// starts with "voor:"/"tegen:"); a free-text answer its text when its step
// is still the latest answered one, else the edit is kept as a remark. An
// edit that brings in personal data removes the stored remark or argument
// (an answer keeps its earlier text) and says so in Problem. A message not
// stored gives Kind RefNone: the caller may treat it as a new reply.
func (e *Engine) EditMessage(c *record.Case, ref, by, text string) RefChange {
	text = CleanText(text)
	if ref == "" {
		return RefChange{}
	}
	now := e.now()
	if i := slices.IndexFunc(c.Answers, func(a record.Answer) bool { return a.Ref == ref }); i >= 0 {
		a := &c.Answers[i]
		if i == len(c.Answers)-1 && c.Status != record.StatusClosed {
			if err := CheckText("text", text, true); err != nil {
				ue, _ := AsError(err)
				return RefChange{Kind: RefAnswer, Step: a.Step, Problem: ue}
			}
			a.Text, a.Edited = text, true
			c.UpdatedAt = now
			return RefChange{Kind: RefAnswer, Step: a.Step}
		}
		// The conversation moved on: the edit is discussion.
		return e.editRemark(c, ref, by, text, true)
	}
	if i := slices.IndexFunc(c.Arguments, func(a record.Argument) bool { return a.Ref == ref && !a.Withdrawn }); i >= 0 {
		a := &c.Arguments[i]
		ch := RefChange{Kind: RefArgument, Argument: a.N}
		pro, rest, ok := ParseArgument(text)
		if !ok {
			pro, rest = a.Pro, text
		}
		if err := CheckText("text", rest, true); err != nil {
			ue, _ := AsError(err)
			a.Text, a.Withdrawn = "", true
			ch.Removed, ch.Problem = true, ue
		} else {
			a.Pro, a.Text, a.Edited = pro, rest, true
		}
		c.UpdatedAt = now
		return ch
	}
	if slices.ContainsFunc(c.Discussion, func(r record.Remark) bool { return r.Ref == ref }) {
		return e.editRemark(c, ref, by, text, false)
	}
	return RefChange{}
}

// editRemark sets the remark with ref to text, adding it when add is set and
// there is none; personal data or an empty text removes it.
func (e *Engine) editRemark(c *record.Case, ref, by, text string, add bool) RefChange {
	ch := RefChange{Kind: RefRemark}
	i := slices.IndexFunc(c.Discussion, func(r record.Remark) bool { return r.Ref == ref })
	err := CheckText("text", text, true)
	switch {
	case err != nil:
		if ue, ok := AsError(err); ok && ue.Code != CodeRequired {
			ch.Problem = ue
		}
		if i >= 0 {
			c.Discussion = slices.Delete(c.Discussion, i, i+1)
			ch.Removed = true
		}
		return ch
	case i >= 0:
		c.Discussion[i].Text, c.Discussion[i].Edited = text, true
	case add:
		c.Discussion = append(c.Discussion, record.Remark{By: by, Text: text, Ref: ref, At: e.now(), Edited: true})
	}
	c.UpdatedAt = e.now()
	return ch
}

// DeleteMessage follows the deletion of the thread message ref: a remark is
// removed, an argument withdrawn, an answer stays but is marked deleted.
func (e *Engine) DeleteMessage(c *record.Case, ref string) RefChange {
	if ref == "" {
		return RefChange{}
	}
	now := e.now()
	if i := slices.IndexFunc(c.Answers, func(a record.Answer) bool { return a.Ref == ref }); i >= 0 {
		c.Answers[i].Deleted = true
		c.UpdatedAt = now
		return RefChange{Kind: RefAnswer, Step: c.Answers[i].Step}
	}
	if i := slices.IndexFunc(c.Arguments, func(a record.Argument) bool { return a.Ref == ref && !a.Withdrawn }); i >= 0 {
		c.Arguments[i].Withdrawn = true
		c.UpdatedAt = now
		return RefChange{Kind: RefArgument, Argument: c.Arguments[i].N, Removed: true}
	}
	if i := slices.IndexFunc(c.Discussion, func(r record.Remark) bool { return r.Ref == ref }); i >= 0 {
		c.Discussion = slices.Delete(c.Discussion, i, i+1)
		c.UpdatedAt = now
		return RefChange{Kind: RefRemark, Removed: true}
	}
	return RefChange{}
}

// checkDecider checks who may choose decision option ch: the starter or a
// team lead; while the decision waits for a lead, only a lead, and never
// escalating again.
func (e *Engine) checkDecider(c *record.Case, in Input, ch Choice) error {
	_, pending := c.PendingEscalation()
	switch {
	case pending && (!in.Lead || ch.Escalates):
		return userError(CodeEscalated, "choice", func(t *Texts) string { return t.WaitingForLead })
	case !in.Lead && in.By != c.StartedBy:
		return userError(CodeNotDecider, "choice", func(t *Texts) string { return t.NotDecider })
	case ch.Escalates && in.NoLeads:
		return userError(CodeNoLead, "choice", func(t *Texts) string { return t.NoLeads })
	}
	if who, ok := e.outsideMandate(c, in, ch); ok {
		return userError(CodeOutsideMandate, "choice", func(t *Texts) string { return t.OutsideMandateF }, who)
	}
	return nil
}

// escalate puts the decision to the team leads: the case stays at the
// decision step with a new sequence number, which the leads' messages carry.
func (e *Engine) escalate(c *record.Case, in Input, ch Choice, note string) Outcome {
	now := e.now()
	c.Seq++
	c.Escalations = append(c.Escalations, record.Escalation{Option: ch.ID, Note: note, By: in.By, At: now, Seq: c.Seq,
		Asked: slices.Clone(in.Leads)})
	c.UpdatedAt = now
	esc := c.Escalations[len(c.Escalations)-1]
	p, _ := e.Prompt(c)
	return Outcome{Answered: p, Next: &p, Escalated: &esc}
}

// ReturnEscalation has team lead by send an escalated decision back to
// the case with a question instead of deciding: the question is kept as
// discussion and the decision step is open again for the starter.
func (e *Engine) ReturnEscalation(c *record.Case, seq int, by string, lead bool, question string) error {
	if err := e.checkOpen(c); err != nil {
		return err
	}
	esc, ok := c.PendingEscalation()
	if !ok || seq != c.Seq {
		return e.stale(c, Input{Seq: seq})
	}
	if !lead {
		return userError(CodeNotAllowed, "", func(t *Texts) string { return t.NotLead })
	}
	question = CleanText(question)
	if err := CheckText("text", question, true); err != nil {
		return err
	}
	now := e.now()
	esc.Question, esc.ReturnedBy, esc.DoneAt = question, by, now
	c.Discussion = append(c.Discussion, record.Remark{By: by, Text: question, At: now})
	c.Seq++
	c.UpdatedAt = now
	return nil
}

// LeadChoices are the decision options a team lead chooses from for an
// escalated case: every decision option that neither escalates nor asks
// for more information (the lead asks a question instead).
func (e *Engine) LeadChoices(c *record.Case) []Choice {
	for _, st := range e.set.Steps() {
		if st.Item.Kind != cards.KindDecision {
			continue
		}
		var out []Choice
		for i, ch := range choices(st.Options, c.Lang) {
			if !st.Options[i].Escalates && !st.Options[i].MoreInfo {
				out = append(out, ch)
			}
		}
		return out
	}
	return nil
}

// CheckChoice returns the error Answer would give in because of who is
// choosing option choice of the open question (the decision is the
// starter's or a team lead's, and waits for a lead once escalated); nil for
// other questions. It lets a click be refused before a form opens.
func (e *Engine) CheckChoice(c *record.Case, in Input, choice string) error {
	p, ok := e.Prompt(c)
	if !ok || p.Kind != cards.KindDecision {
		return nil
	}
	ch, ok := p.Choice(choice)
	if !ok {
		return nil
	}
	return e.checkDecider(c, in, ch)
}
