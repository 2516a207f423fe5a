package bot

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/transport"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

const testAppToken = "xapp-1-test-app-token"

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestReadyz(t *testing.T) {
	slack := fakeslack.New(t, testToken)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "maatwerk.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	b := New(ctx, Config{BotToken: testToken, SigningSecret: testSecret, APIURL: slack.APIURL()},
		st, dialogs.New(mustCards(t), nil), slog.New(slog.NewJSONHandler(io.Discard, nil)))
	for _, tt := range []struct {
		name string
		h    http.Handler
	}{{"HTTP mode", b.Handler()}, {"Socket Mode", b.OpsHandler()}} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.h)
			defer srv.Close()
			if code, body := get(t, srv.URL+"/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "auth.test") {
				t.Errorf("before auth.test: %d %q, want 503 naming auth.test", code, body)
			}
			if code, _ := get(t, srv.URL+"/healthz"); code != http.StatusOK {
				t.Errorf("healthz before auth.test: %d, want 200 (alive)", code)
			}
		})
	}
	if err := b.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(b.OpsHandler())
	defer srv.Close()
	if code, body := get(t, srv.URL+"/readyz"); code != http.StatusOK {
		t.Errorf("ready: %d %q, want 200", code, body)
	}
	if code, _ := get(t, srv.URL+"/slack/commands"); code != http.StatusNotFound && code != http.StatusMethodNotAllowed {
		t.Errorf("Socket Mode listener serves /slack/commands: %d", code)
	}
	st.Close()
	if code, body := get(t, srv.URL+"/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "database") {
		t.Errorf("after the store closed: %d %q, want 503 naming the database", code, body)
	}
}

// sample is one line of the exposition format.
type sample struct {
	name   string
	labels map[string]string
	value  float64
}

// parseExposition parses the Prometheus text format strictly enough to
// catch what a scraper would reject: every sample belongs to a declared
// family, label values are quoted, values are numbers.
func parseExposition(t *testing.T, text string) []sample {
	t.Helper()
	types := map[string]string{}
	var out []sample
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# HELP "):
			continue
		case strings.HasPrefix(line, "# TYPE "):
			f := strings.Fields(line)
			if len(f) != 4 {
				t.Fatalf("line %d: bad TYPE: %q", n, line)
			}
			types[f[2]] = f[3]
			continue
		case line == "" || strings.HasPrefix(line, "#"):
			t.Fatalf("line %d: unexpected %q", n, line)
		}
		s := sample{labels: map[string]string{}}
		rest := line
		if i := strings.IndexAny(line, "{ "); i > 0 && line[i] == '{' {
			s.name = line[:i]
			j := strings.Index(line, "} ")
			if j < 0 {
				t.Fatalf("line %d: unclosed labels: %q", n, line)
			}
			for _, kv := range splitLabels(line[i+1 : j]) {
				k, v, ok := strings.Cut(kv, "=")
				uq, err := strconv.Unquote(v)
				if !ok || err != nil {
					t.Fatalf("line %d: bad label %q", n, kv)
				}
				s.labels[k] = uq
			}
			rest = line[j+2:]
		} else {
			s.name, rest, _ = strings.Cut(line, " ")
		}
		v, err := strconv.ParseFloat(rest, 64)
		if err != nil {
			t.Fatalf("line %d: value %q: %v", n, rest, err)
		}
		s.value = v
		family := s.name
		for _, suf := range []string{"_bucket", "_sum", "_count"} {
			if f, ok := strings.CutSuffix(s.name, suf); ok && (types[f] == "histogram" || types[f] == "summary") {
				family = f
			}
		}
		if types[family] == "" {
			t.Fatalf("line %d: %s has no TYPE", n, s.name)
		}
		out = append(out, s)
	}
	return out
}

func splitLabels(s string) []string {
	var out []string
	inQuote, start := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case s[i] == '"':
			inQuote = !inQuote
		case s[i] == ',' && !inQuote:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// value returns the sample of name whose labels include want, or -1.
func value(samples []sample, name string, want map[string]string) float64 {
	for _, s := range samples {
		if s.name != name {
			continue
		}
		match := true
		for k, v := range want {
			if s.labels[k] != v {
				match = false
			}
		}
		if match {
			return s.value
		}
	}
	return -1
}

func scrape(t *testing.T, url string) []sample {
	t.Helper()
	code, body := get(t, url+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("GET /metrics: %d", code)
	}
	return parseExposition(t, body)
}

func TestMetricsMoveAfterSignedRequests(t *testing.T) {
	h := newHarness(t, nil, "")
	before := scrape(t, h.srv.URL)
	if v := value(before, "maatwerk_slack_api_calls_total", map[string]string{"method": "auth.test", "result": "ok"}); v != 1 {
		t.Errorf("auth.test ok = %v, want 1", v)
	}
	if v := value(before, "maatwerk_outbox_depth", nil); v != 0 {
		t.Errorf("outbox depth before any case = %v, want 0", v)
	}
	if v := value(before, "maatwerk_ack_seconds_count", map[string]string{"kind": "commands"}); v != 0 {
		t.Errorf("commands acked before any = %v", v)
	}

	h.drive.Start(alice, "Metingen")
	h.bot.Wait()
	after := scrape(t, h.srv.URL)
	for _, tt := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"maatwerk_http_requests_total", map[string]string{"path": "/slack/commands", "code": "200"}, 1},
		{"maatwerk_ack_seconds_count", map[string]string{"kind": "commands"}, 1},
		{"maatwerk_ack_seconds_bucket", map[string]string{"kind": "commands", "le": "+Inf"}, 1},
		{"maatwerk_slack_api_calls_total", map[string]string{"method": "chat.postMessage", "result": "ok"}, 2},
		{"maatwerk_cases", nil, 1},
		{"maatwerk_outbox_depth", nil, 0},
		{"maatwerk_quarantined_records", nil, 0},
	} {
		if got := value(after, tt.name, tt.labels); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
	// The library's own collectors come with the registry.
	for _, name := range []string{"process_start_time_seconds", "go_goroutines"} {
		if v := value(after, name, nil); v <= 0 {
			t.Errorf("%s = %v", name, v)
		}
	}
	// Histogram buckets are cumulative and end in the count.
	prev := -1.0
	for _, s := range after {
		if s.name == "maatwerk_ack_seconds_bucket" && s.labels["kind"] == "commands" {
			if s.value < prev {
				t.Errorf("bucket le=%s is %v, below the one before (%v)", s.labels["le"], s.value, prev)
			}
			prev = s.value
		}
	}
	// Scraping counts as a request too, but not as an acknowledgement.
	if v := value(after, "maatwerk_http_requests_total", map[string]string{"path": "/metrics", "code": "200"}); v != 1 {
		t.Errorf("/metrics requests = %v, want 1 (the scrape before)", v)
	}
}

func TestSlackAPIErrorKindsAreCounted(t *testing.T) {
	h := newHarness(t, nil, "")
	h.slack.FailNext("chat.postEphemeral", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 0})
	ctx := context.Background()
	for _, f := range []fakeslack.Fault{{Status: http.StatusServiceUnavailable}, {Error: "channel_not_found"}} {
		h.slack.FailNext("chat.update", 1, f)
		h.bot.out.Update(ctx, channel, "1700000000.000100", nil, "x")
	}
	h.bot.api.PostEphemeralContext(ctx, channel, alice)
	samples := scrape(t, h.srv.URL)
	for _, tt := range []struct{ method, result string }{
		{"chat.update", "5xx"}, {"chat.update", "channel_not_found"}, {"chat.postEphemeral", "ratelimited"},
	} {
		if v := value(samples, "maatwerk_slack_api_calls_total", map[string]string{"method": tt.method, "result": tt.result}); v < 1 {
			t.Errorf("%s %s counted %v times, want ≥ 1", tt.method, tt.result, v)
		}
	}
}

func TestOversizeBodyGets413AndChangesNothing(t *testing.T) {
	h := newHarness(t, nil, "")
	body := []byte("command=%2Fmaatwerk&channel_id=" + channel + "&user_id=" + alice + "&text=" + strings.Repeat("a", transport.MaxBody))
	for _, path := range []string{"/slack/commands", "/slack/interactivity", "/slack/events"} {
		r, err := h.send.Post(path, "application/x-www-form-urlencoded", body, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: status %d, want 413", path, r.Status)
		}
	}
	h.bot.Wait()
	if n := len(h.slack.Calls()); n != 1 {
		t.Errorf("oversize requests caused %d Web API calls", n-1)
	}
	if n, err := h.store.CountCases(context.Background()); err != nil || n != 0 {
		t.Errorf("oversize requests stored %d cases (%v)", n, err)
	}
	samples := scrape(t, h.srv.URL)
	if v := value(samples, "maatwerk_http_requests_total", map[string]string{"path": "/slack/commands", "code": "413"}); v != 1 {
		t.Errorf("413s counted %v, want 1", v)
	}
}

func TestServerHasTimeouts(t *testing.T) {
	h := newHarness(t, nil, "")
	srv := h.bot.NewServer(":0")
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes <= 0 {
		t.Errorf("server without a limit: %+v", srv)
	}
	if srv.ReadTimeout > 3*time.Minute || srv.WriteTimeout < 3*time.Second {
		t.Errorf("read timeout %v, write timeout %v: Slack waits 3 s", srv.ReadTimeout, srv.WriteTimeout)
	}
}

// A whole case in HTTP mode with every secret configured: no token or
// secret may reach the log, every request line carries its request id, and
// the lines about a case name it.
func TestLogsHoldNoSecretsAndCarryRequestIDs(t *testing.T) {
	h := newHarness(t, nil, "", func(c *Config) { c.AppToken = testAppToken })
	srv, slack, b, logs := h.srv, h.slack, h.bot, h.logs

	root := h.drive.Start(alice, "Logregels")
	h.drive.RunToSummary(alice, root, len(mustCards(t).Steps())+2)
	// A forged and an oversize request are logged too, without their body.
	(&fakeslack.Sender{AppURL: srv.URL, Secret: "wrong", Slack: slack}).Post("/slack/commands", "application/x-www-form-urlencoded", []byte("text="+testToken), nil)
	b.Wait()

	out := logs.String()
	for _, secret := range []string{testToken, testSecret, testAppToken, "xoxb-", "xapp-", "v0="} {
		if strings.Contains(out, secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
	requests, withCase, answers := 0, 0, 0
	ids := map[string]bool{}
	for _, line := range bytes.Split(bytes.TrimSpace([]byte(out)), []byte("\n")) {
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Fatalf("log line is not JSON: %s", line)
		}
		switch rec["msg"] {
		case "request":
			requests++
			id, _ := rec["request_id"].(string)
			if id == "" || ids[id] {
				t.Errorf("request line without a unique request id: %s", line)
			}
			ids[id] = true
			if rec["case_id"] != nil {
				withCase++
			}
		case "answer recorded":
			answers++
			if rec["request_id"] == nil && rec["case"] == nil {
				t.Errorf("answer line names neither request nor case: %s", line)
			}
		}
	}
	if requests < 10 || withCase == 0 || answers == 0 {
		t.Errorf("%d request lines, %d naming a case, %d answers recorded", requests, withCase, answers)
	}
}

func TestAPIResult(t *testing.T) {
	tests := []struct {
		body      string
		ok        bool
		code      string
		knownWant bool
	}{
		{`{"ok":true,"channel":"C1","ts":"1.2","message":{"blocks":[{"type":"section"}]}}`, true, "", true},
		{`{"ok":false,"error":"channel_not_found"}`, false, "channel_not_found", true},
		{`{"error":"ratelimited","ok":false}`, false, "ratelimited", true},
		{`{"ok":false,"response_metadata":{"messages":["[ERROR] x"]},"error":"invalid_blocks"}`, false, "invalid_blocks", true},
		{`{"channel":"C1","ok":true}`, true, "", true},
		{` {"ok": false, "error": "not_in_channel"}`, false, "not_in_channel", true},
		{`not json`, false, "", false},
		{`{"ts":"1.2"}`, false, "", false},
	}
	for _, tt := range tests {
		ok, code, known := delivery.APIResult([]byte(tt.body))
		if ok != tt.ok || code != tt.code || known != tt.knownWant {
			t.Errorf("apiResult(%s) = %v %q %v, want %v %q %v", tt.body, ok, code, known, tt.ok, tt.code, tt.knownWant)
		}
	}
}
