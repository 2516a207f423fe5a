package record

import (
	"fmt"
	"time"
)

// NudgeLevel says whom a nudge about a quiet case goes to. Persisted as its
// string value.
type NudgeLevel string

// The nudge levels: first the starter, and when the case stays quiet, the
// team leads.
const (
	NudgeStarter NudgeLevel = "starter"
	NudgeLeads   NudgeLevel = "leads"
)

// Nudge is one reminder that a case has been quiet. It is recorded on the
// case before anything is sent, so that it is sent once per level and
// period of quiet, also across restarts; the transport remembers per
// recipient what it sent under NudgePostKey.
type Nudge struct {
	Level NudgeLevel `json:"level"`
	// Quiet is the case's UpdatedAt when the nudge was recorded: the last
	// activity, which starts the period of quiet the nudge is about. A
	// nudge does not change UpdatedAt itself.
	Quiet time.Time `json:"quiet"`
	// Days is how many working days the case had been quiet then.
	Days int       `json:"days"`
	At   time.Time `json:"at"`
}

// Nudged reports whether a nudge of level was recorded for the period of
// quiet that began at quiet.
func (c *Case) Nudged(level NudgeLevel, quiet time.Time) bool {
	for _, n := range c.Nudges {
		if n.Level == level && n.Quiet.Equal(quiet) {
			return true
		}
	}
	return false
}

// NudgePostKey is the Posts key of nudge n (1-based, as in Nudges) to
// user: NudgeSending while it is being sent, then "<channel> <ts>".
func NudgePostKey(n int, user string) string { return fmt.Sprintf("nudge.%d.%s", n, user) }

// NudgeSending marks a nudge whose post was begun but not confirmed: it is
// not sent again (Slack may have it).
const NudgeSending = "sending"

// PausedUntil returns the day c's pause ends by itself, when c is paused
// with a date.
func (c *Case) PausedUntil() (time.Time, bool) {
	if c.Status != StatusPaused {
		return time.Time{}, false
	}
	for i := len(c.Log) - 1; i >= 0; i-- {
		switch c.Log[i].Kind {
		case EventPaused:
			return c.Log[i].Until, !c.Log[i].Until.IsZero()
		case EventWaiting:
			return time.Time{}, false
		}
	}
	return time.Time{}, false
}
