package record

import (
	"time"
)

// The look back on the conversation with the inwoner, and waiting for
// information before the decision.

// LookBack is the caseworker's look back on the conversation with the
// inwoner, asked some days after the decision.
type LookBack struct {
	// Due is when it is asked.
	Due time.Time `json:"due"`
	// Asked is when the transport asked it (zero until then).
	Asked time.Time `json:"asked,omitzero"`
	// Text is the answer, by By at At.
	Text string    `json:"text,omitempty"`
	By   string    `json:"by,omitempty"`
	At   time.Time `json:"at,omitzero"`
}

// Waiting returns the event that put c on hold for more information, when c
// is on hold for that reason now.
func (c *Case) Waiting() (Event, bool) {
	if c.Status != StatusPaused {
		return Event{}, false
	}
	for i := len(c.Log) - 1; i >= 0; i-- {
		switch c.Log[i].Kind {
		case EventWaiting:
			return c.Log[i], true
		case EventPaused:
			return Event{}, false
		}
	}
	return Event{}, false
}

// PostLookBack is the Posts key of the message that asks the look back.
const PostLookBack = "lookback"

// LookBackPending returns when c's look back is due, while it is planned,
// not yet asked in the thread and not yet given.
func (c *Case) LookBackPending() (time.Time, bool) {
	lb := c.LookBack
	if lb == nil || lb.Text != "" || c.Post(PostLookBack) != "" {
		return time.Time{}, false
	}
	return lb.Due, true
}

// LookBackDue reports whether the look back of c is due at now and not yet
// asked.
func (c *Case) LookBackDue(now time.Time) bool {
	lb := c.LookBack
	return lb != nil && lb.Asked.IsZero() && lb.Text == "" && !now.Before(lb.Due)
}
