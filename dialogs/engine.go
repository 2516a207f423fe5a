package dialogs

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Engine runs the case conversation over a card set. It changes cases in
// memory only: callers load a case, call one method and store the result in
// the same transaction, which serialises work on a case. An Engine is safe
// for concurrent use.
type Engine struct {
	set *cards.Set
	now func() time.Time
}

// New returns an engine over set. now is the clock; nil means time.Now.
func New(set *cards.Set, now func() time.Time) *Engine {
	if now == nil {
		now = time.Now
	}
	return &Engine{set: set, now: now}
}

// Cards returns the engine's card set.
func (e *Engine) Cards() *cards.Set { return e.set }

// Now returns the engine's clock reading.
func (e *Engine) Now() time.Time { return e.now() }

// Start describes a new case.
type Start struct {
	Channel string
	Title   string
	Scheme  string
	Urgency string
	By      string
	Lang    cards.Lang
}

// NewCase checks a start request and returns the case it opens, not yet
// stored (its ID is zero). Errors are *Error.
func (e *Engine) NewCase(s Start) (*record.Case, error) {
	// What a person typed is stored clean: no control characters, terminal
	// escapes or invisible format characters (CleanText).
	s.Title, s.Scheme, s.Urgency = CleanText(s.Title), CleanText(s.Scheme), CleanText(s.Urgency)
	// The length limits come first: CheckText's own limit (MaxText) would
	// name the wrong maximum.
	if n := len([]rune(s.Title)); n > 150 {
		return nil, userError(CodeTooLong, "title", func(t *Texts) string { return t.TooLongF }, n, 150)
	}
	if err := CheckText("title", s.Title, true); err != nil {
		return nil, err
	}
	if n := len([]rune(s.Scheme)); n > 150 {
		return nil, userError(CodeTooLong, "scheme", func(t *Texts) string { return t.TooLongF }, n, 150)
	}
	if err := CheckText("scheme", s.Scheme, false); err != nil {
		return nil, err
	}
	lang := s.Lang
	if lang != cards.EN {
		lang = cards.NL
	}
	now := e.now()
	return &record.Case{
		Version:      record.CaseVersion,
		Channel:      s.Channel,
		Title:        s.Title,
		Scheme:       s.Scheme,
		Urgency:      s.Urgency,
		Lang:         lang,
		CardsVersion: e.set.Version,
		StartedBy:    s.By,
		StartedAt:    now,
		UpdatedAt:    now,
		Status:       record.StatusOpen,
		Step:         0,
		Seq:          1,
	}, nil
}

// Total is the number of steps in the conversation.
func (e *Engine) Total() int { return len(e.set.Steps()) }

// Done reports whether the conversation of c is complete.
func (e *Engine) Done(c *record.Case) bool { return e.cursor(c) >= e.Total() }

// Prompt returns the open question of c, or false when there is none (the
// conversation is complete or the case is closed).
func (e *Engine) Prompt(c *record.Case) (Prompt, bool) {
	if c.Status == record.StatusClosed || e.Done(c) {
		return Prompt{}, false
	}
	return e.promptFor(c, e.cursor(c), c.Seq), true
}

// PromptAt returns the prompt of step index i as it was (or is) asked, for
// showing an answered question again.
func (e *Engine) PromptAt(c *record.Case, i int) (Prompt, bool) {
	if i < 0 || i >= e.Total() {
		return Prompt{}, false
	}
	seq := c.Seq
	if a, ok := c.AnswerTo(e.set.Steps()[i].ID); ok {
		seq = a.Seq
	}
	return e.promptFor(c, i, seq), true
}

func (e *Engine) promptFor(c *record.Case, i, seq int) Prompt {
	st := e.set.Steps()[i]
	lang := c.Lang
	t := TextsFor(lang)
	p := Prompt{
		CaseID:      c.ID,
		CaseKey:     c.Key(),
		Seq:         seq,
		StepID:      st.ID,
		Number:      i + 1,
		Total:       e.Total(),
		Phase:       st.Phase.Title.In(lang),
		Kind:        st.Item.Kind,
		Text:        st.Item.Text.In(lang),
		Help:        st.Item.Help.In(lang),
		Placeholder: st.Item.Placeholder.In(lang),
		Reason:      st.Item.Reason.In(lang),
	}
	switch st.Item.Kind {
	case cards.KindYesNo:
		p.Options = yesNoChoices(t)
	case cards.KindArguments:
		p.Values = choices(st.Options, lang)
		p.Pro, p.Contra = c.ActiveArguments()
	default:
		p.Options = choices(st.Options, lang)
	}
	p.Recall = e.recall(c, st)
	p.SchemeTitle, p.SchemeText, _ = e.scheme(c, st)
	p.Notice = e.notice(c, st)
	if len(st.Card.Readings) > 0 && st.Item.Kind != cards.KindMulti {
		p.Signals, p.Reading = e.reading(c, st.Card, lang)
	}
	for _, ref := range st.Item.See {
		if sc, it, err := e.set.Lookup(ref); err == nil {
			label := it.Title.In(lang)
			if label == "" {
				label = clipText(it.Text.In(lang), 80)
			}
			p.See = append(p.See, sc.Title.In(lang)+": "+label)
		}
	}
	return p
}

// reading returns the signals ticked on card's multi steps and the card's
// reading of them.
func (e *Engine) reading(c *record.Case, card *cards.Card, lang cards.Lang) ([]string, string) {
	var signals []string
	strong := false
	for _, st := range e.set.Steps() {
		if st.Card != card || st.Item.Kind != cards.KindMulti {
			continue
		}
		a, ok := c.AnswerTo(st.ID)
		if !ok {
			continue
		}
		for _, o := range st.Options {
			if slices.Contains(a.Choices, o.ID) {
				signals = append(signals, o.Text.In(lang))
				strong = strong || o.Strong
			}
		}
	}
	best := -1
	text := ""
	for _, r := range card.Readings {
		if r.Strong {
			continue
		}
		if r.Min <= len(signals) && r.Min > best {
			best, text = r.Min, r.Text.In(lang)
		}
	}
	if strong {
		for _, r := range card.Readings {
			if r.Strong && r.Min <= len(signals) {
				text = r.Text.In(lang)
			}
		}
	}
	return signals, text
}

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
	choicesIn := dedupe(in.Choices)
	text := CleanText(in.Text)
	var closing *Choice
	switch p.Kind {
	case cards.KindYesNo, cards.KindChoice, cards.KindDecision:
		if len(choicesIn) != 1 {
			return Outcome{}, userError(CodeInvalid, "choice", func(t *Texts) string { return t.ChooseOne })
		}
		ch, ok := p.Choice(choicesIn[0])
		if !ok {
			return Outcome{}, userError(CodeInvalid, "choice", func(t *Texts) string { return t.UnknownOption })
		}
		if ch.Closes {
			closing = &ch
		}
		if err := CheckText("text", text, p.NeedsText(ch.ID)); err != nil {
			return Outcome{}, err
		}
		if p.Kind == cards.KindDecision {
			if err := e.checkDecider(c, in, ch); err != nil {
				return Outcome{}, err
			}
			if ch.Escalates {
				return e.escalate(c, in, ch, text), nil
			}
			if ch.MoreInfo {
				return e.waitForInfo(c, in, text), nil
			}
		}
	case cards.KindMulti:
		for _, id := range choicesIn {
			if _, ok := p.Choice(id); !ok {
				return Outcome{}, userError(CodeInvalid, "choice", func(t *Texts) string { return t.UnknownOption })
			}
		}
		if err := CheckText("text", text, false); err != nil {
			return Outcome{}, err
		}
	case cards.KindText:
		if len(choicesIn) > 0 {
			return Outcome{}, userError(CodeInvalid, "choice", func(t *Texts) string { return t.UnknownOption })
		}
		if err := CheckText("text", text, true); err != nil {
			return Outcome{}, err
		}
	case cards.KindArguments:
		if len(p.Pro)+len(p.Contra) == 0 {
			return Outcome{}, userError(CodeNoArgument, "", func(t *Texts) string { return t.NeedArgument })
		}
		choicesIn, text = nil, ""
	default:
		return Outcome{}, fmt.Errorf("dialogs: step %s has kind %q, which cannot be answered", p.StepID, p.Kind)
	}

	now := e.now()
	ans := record.Answer{Step: p.StepID, Seq: c.Seq, Choices: choicesIn, Text: text, By: in.By, At: now, Ref: in.Ref}
	c.Answers = append(c.Answers, ans)
	if p.Kind == cards.KindDecision {
		c.Decision = &record.Decision{Option: choicesIn[0], Rationale: text, By: in.By, At: now}
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
	return out, nil
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

// ArgumentInput is a new argument.
type ArgumentInput struct {
	Pro   bool
	Text  string
	Value string
	By    string
	Ref   string
}

// AddArgument records an argument on c. Arguments may be added at any step
// while the case is open, and late, after it closed (the summary then
// changes); not while it is paused. Errors are *Error.
func (e *Engine) AddArgument(c *record.Case, in ArgumentInput) (record.Argument, error) {
	if c.Status == record.StatusPaused {
		return record.Argument{}, e.checkOpen(c)
	}
	text := CleanText(in.Text)
	if err := CheckText("text", text, true); err != nil {
		return record.Argument{}, err
	}
	if in.Value != "" && !slices.ContainsFunc(e.values(), func(o cards.Option) bool { return o.ID == in.Value }) {
		return record.Argument{}, userError(CodeInvalid, "value", func(t *Texts) string { return t.UnknownOption })
	}
	a := record.Argument{
		N: len(c.Arguments) + 1, Pro: in.Pro, Text: text, Value: in.Value,
		By: in.By, Ref: in.Ref, At: e.now(),
	}
	c.Arguments = append(c.Arguments, a)
	c.UpdatedAt = a.At
	return a, nil
}

// values returns the values an argument may touch: the options of the first
// arguments step.
func (e *Engine) values() []cards.Option {
	for _, st := range e.set.Steps() {
		if st.Item.Kind == cards.KindArguments {
			return st.Options
		}
	}
	return nil
}

// ValueText returns the display text of an argument value.
func (e *Engine) ValueText(id string, lang cards.Lang) string {
	for _, o := range e.values() {
		if o.ID == id {
			return o.Text.In(lang)
		}
	}
	return id
}

// AddRemark keeps free discussion on the case. Errors are *Error.
func (e *Engine) AddRemark(c *record.Case, by, text, ref string) error {
	text = CleanText(text)
	if text == "" {
		return nil
	}
	if err := CheckText("text", text, true); err != nil {
		return err
	}
	now := e.now()
	c.Discussion = append(c.Discussion, record.Remark{By: by, Text: text, Ref: ref, At: now})
	c.UpdatedAt = now
	return nil
}

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

// clipText shortens s to at most n characters, ending in an ellipsis.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
