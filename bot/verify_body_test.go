package bot

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingBody records whether anything read it, and can hold a reader up.
type countingBody struct {
	reads   atomic.Int64
	release chan struct{}
	data    io.Reader
}

func (c *countingBody) Read(p []byte) (int, error) {
	c.reads.Add(1)
	if c.release != nil {
		<-c.release
	}
	return c.data.Read(p)
}

// A request without Slack's signature headers, or with a stale timestamp,
// is refused with 401 before a byte of its body is read. On main the whole
// body (up to 1 MiB) was read first, so a thousand strangers could make the
// bot hold a gigabyte.
func TestUnsignedBodiesAreNotRead(t *testing.T) {
	h := newHarness(t, nil, "")
	handler := h.bot.Handler()
	fresh := strconv.FormatInt(time.Now().Unix(), 10)
	sig := "v0=" + strings.Repeat("0", 64)
	for _, tc := range []struct {
		name    string
		headers map[string]string
	}{
		{"no headers", nil},
		{"no signature", map[string]string{"X-Slack-Request-Timestamp": fresh}},
		{"no timestamp", map[string]string{"X-Slack-Signature": sig}},
		{"stale", map[string]string{"X-Slack-Request-Timestamp": strconv.FormatInt(time.Now().Add(-6*time.Minute).Unix(), 10), "X-Slack-Signature": sig}},
		{"future", map[string]string{"X-Slack-Request-Timestamp": strconv.FormatInt(time.Now().Add(6*time.Minute).Unix(), 10), "X-Slack-Signature": sig}},
		{"not a signature", map[string]string{"X-Slack-Request-Timestamp": fresh, "X-Slack-Signature": "v0=abc"}},
	} {
		for _, path := range []string{"/slack/commands", "/slack/interactivity", "/slack/events"} {
			body := &countingBody{data: strings.NewReader(strings.Repeat("x", 1<<20-1))}
			req := httptest.NewRequest(http.MethodPost, path, body)
			for k, v := range tc.headers {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, req)
			if rec.Code != http.StatusUnauthorized || body.reads.Load() != 0 {
				t.Errorf("%s %s: status %d, body read %d times; want 401 unread", tc.name, path, rec.Code, body.reads.Load())
			}
		}
	}
}

// Signed-looking requests (a fresh timestamp, a signature of the right
// shape) have their bodies read by at most a few at once; the others wait
// briefly and get 503 with Retry-After, and nothing is changed.
func TestBodiesReadAtOnceAreBounded(t *testing.T) {
	h := newHarness(t, nil, "")
	h.bot.tr.SetReadSlots(4, 50*time.Millisecond)
	handler := h.bot.Handler()
	release := make(chan struct{})
	var bodies []*countingBody
	var wg sync.WaitGroup
	codes := make(chan int, 20)
	for range 20 {
		body := &countingBody{release: release, data: strings.NewReader("payload=%7B%7D")}
		bodies = append(bodies, body)
		req := httptest.NewRequest(http.MethodPost, "/slack/interactivity", body)
		req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(time.Now().Unix(), 10))
		req.Header.Set("X-Slack-Signature", "v0="+strings.Repeat("0", 64))
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, req)
			codes <- rec.Code
		}()
	}
	// The 16 that find no slot give up after the wait; 4 are being read.
	busy := 0
	for range 16 {
		if c := <-codes; c == http.StatusServiceUnavailable {
			busy++
		}
	}
	reading := 0
	for _, b := range bodies {
		if b.reads.Load() > 0 {
			reading++
		}
	}
	close(release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != http.StatusUnauthorized {
			t.Errorf("a forged request that was read got %d, want 401", c)
		}
	}
	if reading != 4 || busy != 16 {
		t.Errorf("%d bodies read at once and %d refused busy; want 4 and 16", reading, busy)
	}
}
