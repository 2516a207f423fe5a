package bot

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ackBuckets are the upper bounds (seconds) of the ack latency histogram:
// Slack's deadline is 3 s, the target is a few milliseconds.
var ackBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3}

// ackKinds are the labels of the ack latency histogram, one per Slack route.
var ackKinds = []string{"commands", "interactivity", "events"}

// metrics counts what the operator wants to see on GET /metrics. It is
// written in the Prometheus text exposition format by hand (no client
// library). It is safe for concurrent use.
type metrics struct {
	start time.Time

	mu       sync.Mutex
	requests map[[2]string]uint64 // path, status code
	api      map[[2]string]uint64 // Web API method, result

	ack map[string]*histogram

	outboxDepth atomic.Pointer[func() int]
	cases       atomic.Pointer[func() (int, error)]
	// quarantined counts the records set aside as unreadable.
	quarantined atomic.Pointer[func() (int, error)]
	// tokenRefused is Slack's error when it last refused the bot token
	// (invalid_auth, token_revoked, account_inactive).
	tokenRefused atomic.Pointer[string]
}

func newMetrics(now time.Time) *metrics {
	m := &metrics{
		start:    now,
		requests: map[[2]string]uint64{},
		api:      map[[2]string]uint64{},
		ack:      map[string]*histogram{},
	}
	for _, k := range ackKinds {
		m.ack[k] = &histogram{counts: make([]atomic.Uint64, len(ackBuckets)+1)}
	}
	return m
}

// histogram is a Prometheus histogram with fixed buckets; counts[i] is the
// number of observations in bucket i alone (not cumulative), the last one
// above every bound.
type histogram struct {
	counts []atomic.Uint64
	sumNs  atomic.Int64
}

func (h *histogram) observe(d time.Duration) {
	s := d.Seconds()
	i, _ := slices.BinarySearch(ackBuckets, s)
	h.counts[i].Add(1)
	h.sumNs.Add(int64(d))
}

func (m *metrics) request(path string, status int) {
	m.mu.Lock()
	m.requests[[2]string{path, strconv.Itoa(status)}]++
	m.mu.Unlock()
}

func (m *metrics) apiCall(method, result string) {
	m.mu.Lock()
	m.api[[2]string{method, result}]++
	m.mu.Unlock()
}

func (m *metrics) observeAck(kind string, d time.Duration) {
	if h := m.ack[kind]; h != nil {
		h.observe(d)
	}
}

// write writes every metric in the text exposition format, version 0.0.4.
func (m *metrics) write(w io.Writer, now time.Time) error {
	bw := bufio.NewWriter(w)
	m.mu.Lock()
	requests := sortedCounts(m.requests)
	api := sortedCounts(m.api)
	m.mu.Unlock()

	header(bw, "maatwerk_http_requests_total", "counter", "HTTP requests served, by route and status code.")
	for _, c := range requests {
		fmt.Fprintf(bw, "maatwerk_http_requests_total{path=%s,code=%s} %d\n", quote(c.k[0]), quote(c.k[1]), c.n)
	}

	header(bw, "maatwerk_ack_seconds", "histogram", "Time from receiving a Slack request to writing its acknowledgement, by kind.")
	for _, kind := range ackKinds {
		h := m.ack[kind]
		var cum uint64
		for i, le := range ackBuckets {
			cum += h.counts[i].Load()
			fmt.Fprintf(bw, "maatwerk_ack_seconds_bucket{kind=%s,le=%s} %d\n", quote(kind), quote(formatFloat(le)), cum)
		}
		cum += h.counts[len(ackBuckets)].Load()
		fmt.Fprintf(bw, "maatwerk_ack_seconds_bucket{kind=%s,le=\"+Inf\"} %d\n", quote(kind), cum)
		fmt.Fprintf(bw, "maatwerk_ack_seconds_sum{kind=%s} %s\n", quote(kind), formatFloat(time.Duration(h.sumNs.Load()).Seconds()))
		fmt.Fprintf(bw, "maatwerk_ack_seconds_count{kind=%s} %d\n", quote(kind), cum)
	}

	header(bw, "maatwerk_slack_api_calls_total", "counter", "Slack Web API calls, by method and result (ok, ratelimited, 5xx, network, or Slack's error code).")
	for _, c := range api {
		fmt.Fprintf(bw, "maatwerk_slack_api_calls_total{method=%s,result=%s} %d\n", quote(c.k[0]), quote(c.k[1]), c.n)
	}

	depth := 0
	if f := m.outboxDepth.Load(); f != nil {
		depth = (*f)()
	}
	header(bw, "maatwerk_outbox_depth", "gauge", "Slack updates waiting to be sent.")
	fmt.Fprintf(bw, "maatwerk_outbox_depth %d\n", depth)

	if f := m.quarantined.Load(); f != nil {
		if n, err := (*f)(); err == nil {
			header(bw, "maatwerk_quarantined_records", "gauge", "Records set aside because they could not be read (maatwerkbot check).")
			fmt.Fprintf(bw, "maatwerk_quarantined_records %d\n", n)
		}
	}
	if f := m.cases.Load(); f != nil {
		if n, err := (*f)(); err == nil {
			header(bw, "maatwerk_cases", "gauge", "Cases in the database.")
			fmt.Fprintf(bw, "maatwerk_cases %d\n", n)
		}
	}

	header(bw, "maatwerk_uptime_seconds", "gauge", "Seconds since the bot started.")
	fmt.Fprintf(bw, "maatwerk_uptime_seconds %s\n", formatFloat(now.Sub(m.start).Seconds()))

	header(bw, "maatwerk_goroutines", "gauge", "Goroutines in the process.")
	fmt.Fprintf(bw, "maatwerk_goroutines %d\n", runtime.NumGoroutine())
	return bw.Flush()
}

type count struct {
	k [2]string
	n uint64
}

func sortedCounts(m map[[2]string]uint64) []count {
	out := make([]count, 0, len(m))
	for k, n := range m {
		out = append(out, count{k, n})
	}
	slices.SortFunc(out, func(a, b count) int {
		if c := strings.Compare(a.k[0], b.k[0]); c != 0 {
			return c
		}
		return strings.Compare(a.k[1], b.k[1])
	})
	return out
}

func header(w io.Writer, name, typ, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// quote writes a label value: in quotes, with backslash, quote and newline
// escaped.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
