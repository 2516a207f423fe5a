package fakeslack

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		method string
		// channels to post to, one call each at the given offsets
		calls     []time.Duration
		channel   func(i int) string
		wantOK    int
		wantRetry int // Retry-After of the first refused call
	}{
		{name: "chat.update spends a tier 3 burst of 5, then one every 1.2 s", method: "chat.update",
			calls: repeat(7, 0), wantOK: 5, wantRetry: 2},
		{name: "chat.update refills at 50 a minute", method: "chat.update",
			calls: []time.Duration{0, 0, 0, 0, 0, 1250 * time.Millisecond, 1300 * time.Millisecond}, wantOK: 6, wantRetry: 2},
		{name: "views.open, tier 4, bursts 10", method: "views.open", calls: repeat(12, 0), wantOK: 10, wantRetry: 1},
		{name: "chat.postMessage: 3 at once in one channel", method: "chat.postMessage", calls: repeat(5, 0),
			channel: func(int) string { return "C1" }, wantOK: 3, wantRetry: 1},
		{name: "chat.postMessage: channels do not share a limit", method: "chat.postMessage", calls: repeat(8, 0),
			channel: func(i int) string { return string(rune('A' + i)) }, wantOK: 8},
		{name: "a method without a tier is not limited", method: "unknown.method", calls: repeat(500, 0), wantOK: 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLimiter()
			ok, retry := 0, 0
			for i, at := range tt.calls {
				ch := "C0"
				if tt.channel != nil {
					ch = tt.channel(i)
				}
				r, allowed := l.allow(tt.method, ch, t0.Add(at))
				switch {
				case allowed:
					ok++
				case retry == 0:
					retry = r
				}
			}
			if ok != tt.wantOK || retry != tt.wantRetry {
				t.Errorf("%d allowed, first Retry-After %d; want %d and %d", ok, retry, tt.wantOK, tt.wantRetry)
			}
		})
	}
}

func repeat(n int, d time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}

// TestEnforceRateLimits: over the limit the fake answers 429 with
// Retry-After and changes nothing; with enforcement off it never does.
func TestEnforceRateLimits(t *testing.T) {
	s := New(t, "xoxb-t")
	post := func() *http.Response {
		t.Helper()
		form := url.Values{"token": {"xoxb-t"}, "channel": {"C1"}, "text": {"hallo"}}
		resp, err := http.Post(s.APIURL()+"chat.postMessage", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for range 10 {
		if r := post(); r.StatusCode != http.StatusOK {
			t.Fatalf("without enforcement: status %d", r.StatusCode)
		}
	}
	s.EnforceRateLimits(true)
	var refused *http.Response
	for range postBurst + 1 {
		if r := post(); r.StatusCode != http.StatusOK {
			refused = r
			break
		}
	}
	if refused == nil || refused.StatusCode != http.StatusTooManyRequests || refused.Header.Get("Retry-After") != "1" {
		t.Fatalf("call over the limit: %+v; want 429 with Retry-After 1", refused)
	}
	if got := len(s.Messages("C1")); got != 10+postBurst {
		t.Errorf("%d messages; want %d (the refused post changes nothing)", got, 10+postBurst)
	}
	calls := s.CallsTo("chat.postMessage")
	if last := calls[len(calls)-1]; last.Status != http.StatusTooManyRequests || last.Error != "ratelimited" {
		t.Errorf("last call recorded as %d %q; want 429 ratelimited", last.Status, last.Error)
	}
}
