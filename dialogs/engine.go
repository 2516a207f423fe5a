package dialogs

import (
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

// Total is the number of steps in the conversation.
func (e *Engine) Total() int { return len(e.set.Steps()) }

// Done reports whether the conversation of c is complete.
func (e *Engine) Done(c *record.Case) bool { return e.cursor(c) >= e.Total() }

// clipText shortens s to at most n characters, ending in an ellipsis.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
