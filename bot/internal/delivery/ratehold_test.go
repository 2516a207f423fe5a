package delivery

import (
	"errors"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

// TestHolds: after a 429 a method waits out Retry-After, then goes one call
// at a time until a minute has passed without a 429.
func TestHolds(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	limited := &slack.RateLimitedError{RetryAfter: 3 * time.Second}
	type step struct {
		at       time.Duration
		done     error // outcome reported if the call was taken; nil is ok
		wantOK   bool
		wantWait time.Duration
		report   bool // report done for this take
	}
	steps := []step{
		{at: 0, wantOK: true, report: true},                       // never limited: free
		{at: 0, wantOK: true, report: true, done: limited},        // a 429: held 3 s
		{at: time.Second, wantWait: 2 * time.Second},              // held
		{at: 3 * time.Second, wantOK: true},                       // one goes first …
		{at: 3 * time.Second, wantWait: ProbeWait},                // … the others wait for it
		{at: 3 * time.Second, wantOK: false, wantWait: ProbeWait}, // still out
		{at: 3*time.Second + 400*time.Millisecond, wantWait: 600 * time.Millisecond},
		{at: 4 * time.Second, wantOK: true}, // out for a second: Slack is slow, the next may go
	}
	var h Holds
	for i, s := range steps {
		d, ok := h.Take("chat.update", t0.Add(s.at))
		if ok != s.wantOK || (!ok && d != s.wantWait) {
			t.Fatalf("step %d: take = %v, %v; want %v, %v", i, d, ok, s.wantOK, s.wantWait)
		}
		if ok && s.report {
			h.Done("chat.update", t0.Add(s.at), s.done)
		}
	}
	h.Done("chat.update", t0.Add(4*time.Second), nil) // the calls after the wait went through
	h.Done("chat.update", t0.Add(4*time.Second), nil)
	if _, ok := h.Take("chat.update", t0.Add(5*time.Second)); !ok {
		t.Fatal("after a call went through, the next may go")
	}
	if _, ok := h.Take("chat.update", t0.Add(5*time.Second)); ok {
		t.Fatal("within a minute of the 429, two calls went out at once")
	}
	h.Done("chat.update", t0.Add(61*time.Second), errors.New("network"))
	for range 3 {
		if _, ok := h.Take("chat.update", t0.Add(62*time.Second)); !ok {
			t.Fatal("a minute after the 429, calls are not free again")
		}
	}
	if _, ok := h.Take("views.open", t0); !ok {
		t.Fatal("a hold on chat.update held views.open")
	}
}
