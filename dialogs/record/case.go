package record

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// CaseVersion is the version of the Case record layout. Package store
// migrates older records up to it.
const CaseVersion = 1

// Status is where a case stands. Persisted as its string value.
type Status string

// The statuses of a case.
const (
	StatusOpen   Status = "open"
	StatusPaused Status = "paused"
	StatusClosed Status = "closed"
)

// Case is one maatwerk case: what was asked, answered, argued and decided.
type Case struct {
	// Version is the record layout version (CaseVersion when written).
	Version int `json:"version"`
	// Rev counts the changes to the case; the store increments it.
	Rev int `json:"rev"`

	ID int64 `json:"id"`
	// Channel is where the case lives: a Slack channel id, or "console".
	Channel string `json:"channel"`
	// Team is the Slack workspace (T…) the case was started from, and
	// Enterprise the Enterprise Grid organisation (E…) when there is one.
	// Lookups answer a request only with cases of the requester's
	// workspace, so that one installation in an organisation keeps its
	// workspaces' cases apart, also in a channel they share. Empty in the
	// console.
	Team       string `json:"team,omitempty"`
	Enterprise string `json:"enterprise,omitempty"`
	// Thread identifies the case's thread within the channel (Slack: the
	// root message's ts). Empty until the root message is posted.
	Thread string `json:"thread,omitempty"`

	Title  string `json:"title"`
	Scheme string `json:"scheme,omitempty"`
	// Zaaknummer is the organisation's own reference to the case in its
	// zaaksysteem, when the caseworker gave one (never personal data).
	Zaaknummer string `json:"zaaknummer,omitempty"`
	Urgency    string `json:"urgency,omitempty"`
	// Source is the Slack permalink of the message the case was started
	// from (the message shortcut), when it was; see dialogs.ValidSource.
	Source string     `json:"source,omitempty"`
	Lang   cards.Lang `json:"lang"`
	// CardsVersion is the version of the content the case was asked from.
	CardsVersion string `json:"cards_version"`

	StartedBy string    `json:"started_by"`
	StartedAt time.Time `json:"started_at"`
	UpdatedAt time.Time `json:"updated_at"`

	Status Status `json:"status"`
	// Step is the index of the open step; equal to the number of steps when
	// the conversation is complete.
	Step int `json:"step"`
	// Seq numbers the prompts: every prompt carries it and every change of
	// the open question increments it, so a stale click is recognised.
	Seq int `json:"seq"`

	Answers    []Answer   `json:"answers,omitempty"`
	Arguments  []Argument `json:"arguments,omitempty"`
	Decision   *Decision  `json:"decision,omitempty"`
	Discussion []Remark   `json:"discussion,omitempty"`
	Closure    *Closure   `json:"closure,omitempty"`
	// Escalations are the times the decision was put to the team leads,
	// oldest first; the last one may still wait for a lead (Pending).
	Escalations []Escalation `json:"escalations,omitempty"`
	// Log records pauses, resumptions, early closes and reopenings.
	Log []Event `json:"log,omitempty"`
	// LookBack is the look back on the conversation with the inwoner,
	// planned when the decision is taken.
	LookBack *LookBack `json:"look_back,omitempty"`
	// Nudges are the reminders about the case being quiet, oldest first
	// (nudge.go).
	Nudges []Nudge `json:"nudges,omitempty"`

	// Posts remembers the transport's references to messages about this case
	// (Slack: message ts), by key: "root", "summary", "step:<step id>".
	Posts map[string]string `json:"posts,omitempty"`
	// Problems are deliveries the transport gave up on (the last ten), so
	// the case shows that something it owes is missing.
	Problems []Problem `json:"problems,omitempty"`
}

// Problem is a message about the case that could not be delivered.
type Problem struct {
	At   time.Time `json:"at"`
	What string    `json:"what"`
}

// Answer is the recorded answer to one step.
type Answer struct {
	Step    string    `json:"step"`
	Seq     int       `json:"seq"`
	Choices []string  `json:"choices,omitempty"`
	Text    string    `json:"text,omitempty"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
	// Ref is the transport's reference to the message it came from, if any
	// (a thread reply answering a free-text question).
	Ref string `json:"ref,omitempty"`
	// Edited is set when the message was edited after it was taken as the
	// answer; Deleted when it was deleted (the answer stays).
	Edited  bool `json:"edited,omitempty"`
	Deleted bool `json:"deleted,omitempty"`
	// Corrects is set on an answer that changed an earlier answer to the
	// same step. The earlier answers stay in Answers, in order: they are
	// the answer's history, and AnswerTo gives the latest.
	Corrects bool `json:"corrects,omitempty"`
}

// History returns every answer given to a step, oldest first: the current
// answer last, and before it the ones it corrected.
func (c *Case) History(stepID string) []Answer {
	var out []Answer
	for _, a := range c.Answers {
		if a.Step == stepID {
			out = append(out, a)
		}
	}
	return out
}

// Argument is one argument for or against maatwerk in the case.
type Argument struct {
	N     int    `json:"n"`
	Pro   bool   `json:"pro"`
	Text  string `json:"text"`
	Value string `json:"value,omitempty"`
	By    string `json:"by"`
	// Ref is the transport's reference to the message it came from, if any.
	Ref       string    `json:"ref,omitempty"`
	At        time.Time `json:"at"`
	Withdrawn bool      `json:"withdrawn,omitempty"`
	// Edited is set when the message it came from was edited.
	Edited bool `json:"edited,omitempty"`
}

// Decision is the decision taken in the case.
type Decision struct {
	Option    string    `json:"option"`
	Rationale string    `json:"rationale"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
	// Warnings are the warnings shown before the decision was recorded,
	// which the one recording it went on despite.
	Warnings []WarningKind `json:"warnings,omitempty"`
}

// WarningKind names a warning given before a decision is recorded.
// Persisted as its string value.
type WarningKind string

// The warnings before a decision is recorded.
const (
	// WarnShortRationale: the motivering is shorter than a sentence.
	WarnShortRationale WarningKind = "short-rationale"
	// WarnOutsideMandate: the answer to the mandate question puts the
	// decision with someone else, and it is recorded by someone who is not
	// a team lead.
	WarnOutsideMandate WarningKind = "outside-mandate"
)

// WarningKinds lists the warning kinds in the order they are given.
func WarningKinds() []WarningKind { return []WarningKind{WarnShortRationale, WarnOutsideMandate} }

// Remark is free discussion in the case's thread that is not an answer.
type Remark struct {
	By   string    `json:"by"`
	Text string    `json:"text"`
	Ref  string    `json:"ref,omitempty"`
	At   time.Time `json:"at"`
	// Edited is set when the message was edited.
	Edited bool `json:"edited,omitempty"`
}

// Escalation is a decision put to the team leads.
type Escalation struct {
	// Option is the escalating decision option chosen.
	Option string `json:"option"`
	// Note is what the one escalating wrote with it.
	Note string    `json:"note,omitempty"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
	// Seq is the sequence number of the decision prompt the leads answer.
	Seq int `json:"seq"`
	// Asked are the team leads the case was put to.
	Asked []string `json:"asked,omitempty"`
	// DecidedBy is the lead who recorded the decision.
	DecidedBy string `json:"decided_by,omitempty"`
	// Question is what a lead sent back instead of deciding, by ReturnedBy.
	Question   string    `json:"question,omitempty"`
	ReturnedBy string    `json:"returned_by,omitempty"`
	DoneAt     time.Time `json:"done_at,omitzero"`
}

// Pending reports whether the escalation still waits for a lead.
func (e *Escalation) Pending() bool { return e.DecidedBy == "" && e.ReturnedBy == "" }

// EventKind names a change of a case's status by command.
type EventKind string

// The logged status changes.
const (
	EventPaused   EventKind = "paused"
	EventResumed  EventKind = "resumed"
	EventClosed   EventKind = "closed"
	EventReopened EventKind = "reopened"
	// EventWaiting puts the case on hold at the decision until more
	// information is in; its Reason says which facts, who and by when.
	EventWaiting EventKind = "waiting"
)

// Event is one logged status change.
type Event struct {
	Kind   EventKind `json:"kind"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`
	// Until is the day a pause ends by itself (EventPaused only; zero for
	// a pause without a date).
	Until time.Time `json:"until,omitzero"`
}

// Closure says how a case was closed.
type Closure struct {
	// Option is the closing option chosen (e.g. "geen maatwerk nodig"); empty
	// when the conversation was completed or the case was closed by command.
	Option string    `json:"option,omitempty"`
	Reason string    `json:"reason,omitempty"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	// Early is set when the case was closed by command before its end.
	Early bool `json:"early,omitempty"`
}

// PendingEscalation returns the escalation that waits for a team lead.
func (c *Case) PendingEscalation() (*Escalation, bool) {
	if n := len(c.Escalations); n > 0 && c.Escalations[n-1].Pending() {
		return &c.Escalations[n-1], true
	}
	return nil, false
}

// Involved are the participants and the team leads the case was put to:
// everyone for whom the case belongs on their own overview.
func (c *Case) Involved() []string {
	out := c.Participants()
	for _, e := range c.Escalations {
		for _, u := range e.Asked {
			if !slices.Contains(out, u) {
				out = append(out, u)
			}
		}
	}
	return out
}

// HasRef reports whether a message with this transport reference was
// already taken into the case (as answer, argument or remark), so that a
// message handled again after a crash changes nothing.
func (c *Case) HasRef(ref string) bool {
	if ref == "" {
		return false
	}
	for _, a := range c.Answers {
		if a.Ref == ref {
			return true
		}
	}
	for _, a := range c.Arguments {
		if a.Ref == ref {
			return true
		}
	}
	for _, r := range c.Discussion {
		if r.Ref == ref {
			return true
		}
	}
	return false
}

// Key is the case's display id, e.g. "MW-0042".
func (c *Case) Key() string { return FormatKey(c.ID) }

// FormatKey formats a case id as its display id.
func FormatKey(id int64) string { return fmt.Sprintf("MW-%04d", id) }

// ParseKey reads a display id such as "MW-0042", "mw-42" or "42".
func ParseKey(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "MW-") {
		s = s[3:]
	}
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false // digits only: no sign, no spaces
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// Post returns the transport reference stored under key.
func (c *Case) Post(key string) string { return c.Posts[key] }

// SetPost stores a transport reference under key.
func (c *Case) SetPost(key, ref string) {
	if c.Posts == nil {
		c.Posts = map[string]string{}
	}
	c.Posts[key] = ref
}

// StepPostKey is the Posts key of a step's prompt message.
func StepPostKey(stepID string) string { return "step:" + stepID }

// AnswerTo returns the answer recorded for a step.
func (c *Case) AnswerTo(stepID string) (Answer, bool) {
	for i := len(c.Answers) - 1; i >= 0; i-- {
		if c.Answers[i].Step == stepID {
			return c.Answers[i], true
		}
	}
	return Answer{}, false
}

// Participants returns everyone who contributed to the case, starter first.
func (c *Case) Participants() []string {
	seen := map[string]bool{}
	var out []string
	add := func(u string) {
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	add(c.StartedBy)
	for _, a := range c.Answers {
		add(a.By)
	}
	for _, a := range c.Arguments {
		add(a.By)
	}
	for _, r := range c.Discussion {
		add(r.By)
	}
	if c.Decision != nil {
		add(c.Decision.By)
	}
	for _, e := range c.Escalations {
		add(e.ReturnedBy)
	}
	return out
}

// ActiveArguments returns the arguments not withdrawn, pro first.
func (c *Case) ActiveArguments() (pro, contra []Argument) {
	for _, a := range c.Arguments {
		switch {
		case a.Withdrawn:
		case a.Pro:
			pro = append(pro, a)
		default:
			contra = append(contra, a)
		}
	}
	return pro, contra
}
