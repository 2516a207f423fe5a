package fakeslack

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Waiting in a test until the bot has done something, with the calls so far on timeout.

// WaitFor polls cond every 5 ms, without holding the server's lock, until it returns true or timeout
// passes; on timeout it calls tb.Fatalf with msg and a summary of the calls so far. Call it from the test's
// goroutine.
func (s *Server) WaitFor(tb testing.TB, timeout time.Duration, msg string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	ticker := time.NewTicker(5 * time.Millisecond)
	defer ticker.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("fakeslack: timed out after %v waiting for: %s\ncalls so far: %s", timeout, msg, s.summary())
			return
		}
		<-ticker.C
	}
}

// summary lists the methods of the last calls, with the error of each failed one, for failure messages.
func (s *Server) summary() string {
	const last = 30
	calls := s.Calls()
	var b strings.Builder
	if len(calls) > last {
		fmt.Fprintf(&b, "(%d earlier) ", len(calls)-last)
		calls = calls[len(calls)-last:]
	}
	for i, c := range calls {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.Method)
		if c.Error != "" {
			fmt.Fprintf(&b, " (%s)", c.Error)
		}
	}
	if len(calls) == 0 {
		b.WriteString("none")
	}
	return b.String()
}
