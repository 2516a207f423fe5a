package metrics

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestCountsAndGauges(t *testing.T) {
	depth := 7
	m := New(Sources{
		OutboxDepth: func() int { return depth },
		Cases:       func() (int, error) { return 3, nil },
		Quarantined: func() (int, error) { return 0, errors.New("database closed") },
	})
	m.Request("/slack/commands", 200)
	m.Request("/slack/commands", 200)
	m.Request("/slack/events", 401)
	m.APICall("chat.postMessage", "ok")
	m.Ack("commands", 2*time.Millisecond)
	m.Ack("commands", 4*time.Second)
	m.Ack("nonsense", time.Millisecond)

	for _, tt := range []struct {
		name string
		got  float64
		want float64
	}{
		{"commands 200", testutil.ToFloat64(m.requests.WithLabelValues("/slack/commands", "200")), 2},
		{"events 401", testutil.ToFloat64(m.requests.WithLabelValues("/slack/events", "401")), 1},
		{"api ok", testutil.ToFloat64(m.api.WithLabelValues("chat.postMessage", "ok")), 1},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	// Three kinds of acknowledgement, each shown before its first request;
	// an unknown kind adds none.
	if n := testutil.CollectAndCount(m.ack); n != 3 {
		t.Errorf("ack histograms: %d, want 3", n)
	}
	want := `
# HELP maatwerk_cases Cases in the database.
# TYPE maatwerk_cases gauge
maatwerk_cases 3
# HELP maatwerk_outbox_depth Slack updates waiting to be sent.
# TYPE maatwerk_outbox_depth gauge
maatwerk_outbox_depth 7
`
	// The failing source is left out rather than shown as 0.
	if err := testutil.GatherAndCompare(m.reg, strings.NewReader(want), "maatwerk_cases", "maatwerk_outbox_depth", "maatwerk_quarantined_records"); err != nil {
		t.Error(err)
	}
	depth = 0
	if err := testutil.GatherAndCompare(m.reg, strings.NewReader(strings.Replace(want, "depth 7", "depth 0", 1)), "maatwerk_outbox_depth", "maatwerk_cases"); err != nil {
		t.Errorf("the gauge is read at each scrape: %v", err)
	}
	if err := testutil.GatherAndCompare(m.reg, strings.NewReader(`
# HELP maatwerk_ack_seconds Time from receiving a Slack request to writing its acknowledgement, by kind.
# TYPE maatwerk_ack_seconds histogram
maatwerk_ack_seconds_bucket{kind="commands",le="0.0005"} 0
maatwerk_ack_seconds_bucket{kind="commands",le="0.001"} 0
maatwerk_ack_seconds_bucket{kind="commands",le="0.0025"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="0.005"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="0.01"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="0.025"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="0.05"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="0.1"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="0.25"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="0.5"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="1"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="3"} 1
maatwerk_ack_seconds_bucket{kind="commands",le="+Inf"} 2
maatwerk_ack_seconds_sum{kind="commands"} 4.002
maatwerk_ack_seconds_count{kind="commands"} 2
maatwerk_ack_seconds_bucket{kind="events",le="0.0005"} 0
maatwerk_ack_seconds_bucket{kind="events",le="0.001"} 0
maatwerk_ack_seconds_bucket{kind="events",le="0.0025"} 0
maatwerk_ack_seconds_bucket{kind="events",le="0.005"} 0
maatwerk_ack_seconds_bucket{kind="events",le="0.01"} 0
maatwerk_ack_seconds_bucket{kind="events",le="0.025"} 0
maatwerk_ack_seconds_bucket{kind="events",le="0.05"} 0
maatwerk_ack_seconds_bucket{kind="events",le="0.1"} 0
maatwerk_ack_seconds_bucket{kind="events",le="0.25"} 0
maatwerk_ack_seconds_bucket{kind="events",le="0.5"} 0
maatwerk_ack_seconds_bucket{kind="events",le="1"} 0
maatwerk_ack_seconds_bucket{kind="events",le="3"} 0
maatwerk_ack_seconds_bucket{kind="events",le="+Inf"} 0
maatwerk_ack_seconds_sum{kind="events"} 0
maatwerk_ack_seconds_count{kind="events"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.0005"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.001"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.0025"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.005"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.01"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.025"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.05"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.1"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.25"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.5"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="1"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="3"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="+Inf"} 0
maatwerk_ack_seconds_sum{kind="interactivity"} 0
maatwerk_ack_seconds_count{kind="interactivity"} 0
`), "maatwerk_ack_seconds"); err != nil {
		t.Error(err)
	}
}

// TestTwoRegistries: every bot has its own registry, so two in one process
// (as in the tests) neither panic on registration nor share counts.
func TestTwoRegistries(t *testing.T) {
	a, b := New(Sources{}), New(Sources{})
	a.Request("/healthz", 200)
	if got := testutil.ToFloat64(b.requests.WithLabelValues("/healthz", "200")); got != 0 {
		t.Errorf("second registry counted %v", got)
	}
}

func TestHandlerServesTextWithGoAndProcess(t *testing.T) {
	m := New(Sources{OutboxDepth: func() int { return 0 }})
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	for _, name := range []string{"go_goroutines ", "process_start_time_seconds ", "maatwerk_outbox_depth 0"} {
		if !strings.Contains(rec.Body.String(), name) {
			t.Errorf("no %q in the exposition", name)
		}
	}
}
