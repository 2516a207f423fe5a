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
	// CardsVersion is the version of the content the case was asked from.
	CardsVersion string
	StartedBy    string
	StartedAt    time.Time
	UpdatedAt    time.Time
	// Signals present and the card's reading of them.
	Signals []string
	Reading string
	// Phases with the answered questions, in conversation order; the
	// signals and the decision are listed apart. The arguments step is an
	// entry with Arguments set: Pro and Contra belong there. Record orders
	// the phases for the record.
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
	Title string
	// Weighing marks the phase of the arguments and the decision.
	Weighing bool
	Entries  []SummaryEntry
}

// SummaryEntry is one answered question.
type SummaryEntry struct {
	// Step is the question's step id.
	Step string
	// Label is the question's short name, as Prompt.Label.
	Label  string
	Answer string
	By     string
	// Arguments marks the arguments step, where the record lists the
	// arguments for and against with their authors; it is there while
	// there are arguments, answered or not.
	Arguments bool
	// Apart marks the variant and the tension, which the record shows
	// together after the signals.
	Apart bool
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
		Status: e.StatusText(c), CardsVersion: c.CardsVersion, StartedBy: c.StartedBy, StartedAt: c.StartedAt, UpdatedAt: c.UpdatedAt,
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
	pro, contra := c.ActiveArguments()
	weighing := e.weighingPhases()
	variants, _ := VariantsCard(e.set)
	var cur *SummaryPhase
	for _, st := range e.set.Steps() {
		a, ok := c.AnswerTo(st.ID)
		args := st.Item.Kind == cards.KindArguments
		// Signals and the decision are listed apart; the arguments
		// step stands for the arguments while there are any.
		if (!ok && (!args || len(pro)+len(contra) == 0)) || len(st.Card.Readings) > 0 || st.Item.Kind == cards.KindDecision {
			continue
		}
		if cur == nil || cur.Title != st.Phase.Title.In(lang) {
			s.Phases = append(s.Phases, SummaryPhase{Title: st.Phase.Title.In(lang), Weighing: weighing[st.Phase]})
			cur = &s.Phases[len(s.Phases)-1]
		}
		en := SummaryEntry{Step: st.ID, Label: itemLabel(st.Item, lang), By: a.By, Arguments: args,
			Apart: st.Item.Role == cards.RoleTension || (variants != nil && st.Card == variants)}
		if ok {
			en.Answer = e.AnswerText(c, a)
		}
		cur.Entries = append(cur.Entries, en)
	}
	if ph, ok := e.earlierAnswers(c); ok {
		s.Phases = append(s.Phases, ph)
	}
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

// LabelColon is what follows a label before its answer: a colon, or
// nothing when the label ends in its own mark ("Wat heb je geleerd? …").
func LabelColon(label string) string {
	if strings.HasSuffix(label, "?") || strings.HasSuffix(label, "!") || strings.HasSuffix(label, ":") {
		return ""
	}
	return ":"
}

// weighingPhases are the phases that hold the arguments or the decision.
func (e *Engine) weighingPhases() map[*cards.Phase]bool {
	out := map[*cards.Phase]bool{}
	for _, st := range e.set.Steps() {
		if st.Item.Kind == cards.KindArguments || st.Item.Kind == cards.KindDecision {
			out[st.Phase] = true
		}
	}
	return out
}

// Record orders the answers as the record shows them after the decision:
// the weighing (the phase of the arguments and the decision, with the
// arguments at the arguments step, or at its end when the content asked
// none but the case has some); the variant and the tension, shown after
// the signals; and the other phases in conversation order. An empty
// weighing has no entries.
func (s Summary) Record() (weighing SummaryPhase, apart []SummaryEntry, rest []SummaryPhase) {
	hasArgs := false
	for _, ph := range s.Phases {
		var keep []SummaryEntry
		for _, en := range ph.Entries {
			switch {
			case en.Apart:
				apart = append(apart, en)
			case ph.Weighing:
				weighing.Title = ph.Title
				weighing.Entries = append(weighing.Entries, en)
				hasArgs = hasArgs || en.Arguments
			case en.Arguments:
				// The arguments step outside the weighing (other
				// content): it still holds the arguments.
				hasArgs = true
				keep = append(keep, en)
			default:
				keep = append(keep, en)
			}
		}
		if !ph.Weighing && len(keep) > 0 {
			rest = append(rest, SummaryPhase{Title: ph.Title, Entries: keep})
		}
	}
	weighing.Weighing = true
	if !hasArgs && len(s.Pro)+len(s.Contra) > 0 {
		weighing.Entries = append(weighing.Entries, SummaryEntry{Arguments: true})
	}
	if weighing.Title == "" {
		weighing.Title = TextsFor(s.Lang).Weighing
	}
	return weighing, apart, rest
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
		if until, ok := c.PausedUntil(); ok {
			// The day in the zone it was chosen in (stored with the time).
			return fmt.Sprintf(t.StatusPausedUntilF, FormatDate(until, until.Location(), c.Lang))
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
