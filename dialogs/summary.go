package dialogs

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Summary is what a case came to, in the case's language, ready to render.
type Summary struct {
	Key, Title, Scheme, Urgency string
	Zaaknummer                  string
	Lang                        cards.Lang
	Status                      string
	StartedBy                   string
	StartedAt                   time.Time
	UpdatedAt                   time.Time
	// Signals present and the card's reading of them.
	Signals []string
	Reading string
	// Phases with the answered questions, in conversation order; the
	// arguments and the decision are listed apart.
	Phases      []SummaryPhase
	Pro, Contra []SummaryArgument
	Decision    *SummaryDecision
	// ClosedEarly is set when the case closed before the end: the option
	// chosen and the reason.
	ClosedEarly string
	// CloseReason is the reason given when the case was closed by command,
	// by CloseBy.
	CloseReason, CloseBy string
	// Escalations are the times the decision was put to the team leads.
	Escalations  []SummaryEscalation
	Participants []string
	Remarks      int
	// Waiting is set while the case is on hold for more information: what
	// is missing, who and by when, as the caseworker wrote it.
	Waiting *record.Event
	// LookBack is the look back on the conversation with the inwoner, when
	// given.
	LookBack *record.LookBack
}

// SummaryEscalation is a decision put to the team leads: by whom, and who
// decided or sent it back with which question.
type SummaryEscalation struct {
	By, DecidedBy, ReturnedBy, Question string
}

// SummaryPhase is one phase's answered questions.
type SummaryPhase struct {
	Title   string
	Entries []SummaryEntry
}

// SummaryEntry is one answered question.
type SummaryEntry struct {
	Question string
	Answer   string
	By       string
}

// SummaryArgument is one argument with its author.
type SummaryArgument struct {
	Text  string
	Value string
	By    string
}

// SummaryDecision is the decision with who took it and when.
type SummaryDecision struct {
	Option    string
	Rationale string
	By        string
	At        time.Time
	// Warnings name the warnings the decision was recorded despite, in
	// the case's language.
	Warnings []string
}

// Summarize builds the summary of c.
func (e *Engine) Summarize(c *record.Case) Summary {
	lang := c.Lang
	s := Summary{
		Key: c.Key(), Title: c.Title, Scheme: c.Scheme, Urgency: c.Urgency, Zaaknummer: c.Zaaknummer, Lang: lang,
		Status: e.StatusText(c), StartedBy: c.StartedBy, StartedAt: c.StartedAt, UpdatedAt: c.UpdatedAt,
		Participants: c.Participants(), Remarks: len(c.Discussion),
	}
	for _, st := range e.set.Steps() {
		if len(st.Card.Readings) > 0 {
			s.Signals, s.Reading = e.reading(c, st.Card, lang)
			if !e.signalsAnswered(c, st.Card) {
				// The reading applies to all signal groups, not to some.
				s.Reading = ""
			}
			break
		}
	}
	var cur *SummaryPhase
	for _, st := range e.set.Steps() {
		a, ok := c.AnswerTo(st.ID)
		// Signals, arguments and the decision are listed apart.
		if !ok || len(st.Card.Readings) > 0 || st.Item.Kind == cards.KindArguments || st.Item.Kind == cards.KindDecision {
			continue
		}
		if cur == nil || cur.Title != st.Phase.Title.In(lang) {
			s.Phases = append(s.Phases, SummaryPhase{Title: st.Phase.Title.In(lang)})
			cur = &s.Phases[len(s.Phases)-1]
		}
		q := st.Item.Title.In(lang)
		if q == "" {
			q = st.Item.Text.In(lang)
		}
		cur.Entries = append(cur.Entries, SummaryEntry{Question: q, Answer: e.AnswerText(c, a), By: a.By})
	}
	if ph, ok := e.earlierAnswers(c); ok {
		s.Phases = append(s.Phases, ph)
	}
	pro, contra := c.ActiveArguments()
	for _, a := range pro {
		s.Pro = append(s.Pro, SummaryArgument{Text: a.Text, Value: e.valueLabel(a.Value, lang), By: a.By})
	}
	for _, a := range contra {
		s.Contra = append(s.Contra, SummaryArgument{Text: a.Text, Value: e.valueLabel(a.Value, lang), By: a.By})
	}
	if d := c.Decision; d != nil {
		s.Decision = &SummaryDecision{Rationale: d.Rationale, By: d.By, At: d.At, Warnings: WarningNames(d.Warnings, lang)}
		if a, ok := c.AnswerTo(e.decisionStep()); ok {
			s.Decision.Option = e.ChoiceText(c, a)
		} else if a, ok := decisionAnswer(c); ok {
			s.Decision.Option = e.ChoiceText(c, a) // asked under an earlier flow
		} else {
			s.Decision.Option = d.Option
		}
	}
	for _, esc := range c.Escalations {
		s.Escalations = append(s.Escalations, SummaryEscalation{By: esc.By, DecidedBy: esc.DecidedBy, ReturnedBy: esc.ReturnedBy, Question: esc.Question})
	}
	if cl := c.Closure; cl != nil && cl.Option == "" && cl.Reason != "" {
		s.CloseReason, s.CloseBy = cl.Reason, cl.By
	}
	if ev, ok := c.Waiting(); ok {
		s.Waiting = &ev
	}
	if lb := c.LookBack; lb != nil && lb.Text != "" {
		cp := *lb
		s.LookBack = &cp
	}
	if cl := c.Closure; cl != nil && cl.Option != "" {
		label := cl.Option
		for _, a := range c.Answers {
			if slices.Contains(a.Choices, cl.Option) {
				label = e.ChoiceText(c, record.Answer{Step: a.Step, Choices: []string{cl.Option}})
			}
		}
		s.ClosedEarly = label
		if cl.Reason != "" {
			s.ClosedEarly += " — " + cl.Reason
		}
	}
	return s
}

// signalsAnswered reports whether every signal group on card (its multi
// steps) has been answered.
func (e *Engine) signalsAnswered(c *record.Case, card *cards.Card) bool {
	for _, st := range e.set.Steps() {
		if st.Card == card && st.Item.Kind == cards.KindMulti {
			if _, ok := c.AnswerTo(st.ID); !ok {
				return false
			}
		}
	}
	return true
}

func (e *Engine) valueLabel(id string, lang cards.Lang) string {
	if id == "" {
		return ""
	}
	return e.ValueText(id, lang)
}

func (e *Engine) decisionStep() string {
	for _, st := range e.set.Steps() {
		if st.Item.Kind == cards.KindDecision {
			return st.ID
		}
	}
	return ""
}

// StatusText is the case's status in words, with its phase while open.
func (e *Engine) StatusText(c *record.Case) string {
	t := TextsFor(c.Lang)
	switch {
	case c.Status == record.StatusClosed && c.Closure != nil && c.Closure.Option == "" && e.Done(c):
		return t.StatusDone
	case c.Status == record.StatusPaused:
		if _, ok := c.Waiting(); ok {
			return t.StatusWaiting
		}
	case c.Status == record.StatusOpen && !e.Done(c):
		st := e.set.Steps()[e.cursor(c)]
		return t.Status[c.Status] + " · " + st.Phase.Title.In(c.Lang)
	}
	return t.Status[c.Status]
}

// ProgressText is "Stap 3 van 16", or the completed status.
func (e *Engine) ProgressText(c *record.Case) string {
	t := TextsFor(c.Lang)
	if e.Done(c) {
		return fmt.Sprintf(t.StepF, e.Total(), e.Total())
	}
	return fmt.Sprintf(t.StepF, e.cursor(c)+1, e.Total())
}

// PlainSummary renders a summary as plain text, for the console and as the
// notification text of a Slack message. name turns a user id into a name.
func PlainSummary(s Summary, name func(string) string, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	t := TextsFor(s.Lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n", fmt.Sprintf(t.SummaryF, s.Key), s.Title)
	if s.Zaaknummer != "" {
		fmt.Fprintf(&b, "%s: %s\n", t.Zaaknummer, s.Zaaknummer)
	}
	if s.Scheme != "" {
		fmt.Fprintf(&b, "%s: %s\n", t.Scheme, s.Scheme)
	}
	fmt.Fprintf(&b, "%s: %s\n", t.StatusLabel, s.Status)
	// The decision and its motivering first: that is what the record is
	// read for.
	if d := s.Decision; d != nil {
		fmt.Fprintf(&b, "\n%s: %s (%s)\n%s: %s\n", t.Decision, d.Option,
			fmt.Sprintf(t.DecidedByF, name(d.By), d.At.In(loc).Format("2006-01-02 15:04")), t.Rationale, d.Rationale)
		if len(d.Warnings) > 0 {
			fmt.Fprintf(&b, "%s: %s\n", t.WarnedLabel, strings.Join(d.Warnings, "; "))
		}
	}
	for _, l := range s.EscalationLines(name) {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	if len(s.Signals) > 0 {
		fmt.Fprintf(&b, "\n%s:\n", t.SignalsFound)
		for _, sig := range s.Signals {
			fmt.Fprintf(&b, "  • %s\n", sig)
		}
	}
	if s.Reading != "" {
		fmt.Fprintf(&b, "%s: %s\n", t.ReadingLabel, s.Reading)
	}
	if s.ClosedEarly != "" {
		fmt.Fprintf(&b, "\n"+t.ClosedEarlyF+"\n", s.ClosedEarly)
	}
	writeArgs := func(title string, args []SummaryArgument) {
		if len(args) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", title)
		for _, a := range args {
			v := ""
			if a.Value != "" {
				v = " [" + a.Value + "]"
			}
			fmt.Fprintf(&b, "  • %s%s — %s\n", a.Text, v, name(a.By))
		}
	}
	if s.CloseReason != "" {
		fmt.Fprintf(&b, "\n"+t.ClosedByF+"\n", name(s.CloseBy), s.CloseReason)
	}
	writeArgs(t.ArgsPro, s.Pro)
	writeArgs(t.ArgsContra, s.Contra)
	if w := s.Waiting; w != nil {
		fmt.Fprintf(&b, "\n%s (%s): %s\n", t.WaitingLabel, fmt.Sprintf(t.LookBackByF, name(w.By), w.At.In(loc).Format("2006-01-02")), w.Reason)
	}
	for _, ph := range s.Phases {
		fmt.Fprintf(&b, "\n%s:\n", ph.Title)
		for _, en := range ph.Entries {
			fmt.Fprintf(&b, "  • %s\n    %s — %s\n", en.Question, en.Answer, name(en.By))
		}
	}
	if lb := s.LookBack; lb != nil {
		fmt.Fprintf(&b, "\n%s:\n  %s — %s\n", t.LookBackLabel, lb.Text, fmt.Sprintf(t.LookBackByF, name(lb.By), lb.At.In(loc).Format("2006-01-02")))
	}
	var names []string
	for _, p := range s.Participants {
		names = append(names, name(p))
	}
	fmt.Fprintf(&b, "\n%s: %s\n", t.Participants, strings.Join(names, ", "))
	fmt.Fprintf(&b, "%s: %s – %s\n", t.Dates, s.StartedAt.In(loc).Format("2006-01-02"), s.UpdatedAt.In(loc).Format("2006-01-02"))
	return b.String()
}

// EscalationLines describes the escalations, one line each, with name
// turning a user id into a name (or a mention).
func (s Summary) EscalationLines(name func(string) string) []string {
	t := TextsFor(s.Lang)
	var out []string
	for _, e := range s.Escalations {
		l := fmt.Sprintf(t.SummaryEscalatedF, name(e.By))
		switch {
		case e.DecidedBy != "":
			l += "; " + fmt.Sprintf(t.SummaryLeadDecidedF, name(e.DecidedBy))
		case e.ReturnedBy != "":
			l += "; " + fmt.Sprintf(t.ReturnedByF, name(e.ReturnedBy), e.Question)
		}
		out = append(out, l)
	}
	return out
}
