package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func TestHistQuantile(t *testing.T) {
	text := `# TYPE maatwerk_ack_seconds histogram
maatwerk_ack_seconds_bucket{kind="commands",le="0.001"} 90
maatwerk_ack_seconds_bucket{kind="commands",le="0.005"} 99
maatwerk_ack_seconds_bucket{kind="commands",le="+Inf"} 100
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.001"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="0.005"} 0
maatwerk_ack_seconds_bucket{kind="interactivity",le="+Inf"} 100
maatwerk_slack_api_calls_total{method="chat.update",result="ok"} 7
`
	samples, err := parseExposition(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q     float64
		kinds []string
		want  string
		total float64
	}{
		{0.5, []string{"commands"}, "≤ 1 ms", 100},
		{0.99, []string{"commands"}, "≤ 5 ms", 100},
		{0.999, []string{"commands"}, "> 5 ms", 100},
		{0.45, []string{"commands", "interactivity"}, "≤ 1 ms", 200},
		{0.5, []string{"commands", "interactivity"}, "> 5 ms", 200},
		{0.5, []string{"events"}, "none", 0},
	}
	for _, tt := range tests {
		got, total := histQuantile(samples, tt.q, tt.kinds...)
		if got != tt.want || total != tt.total {
			t.Errorf("histQuantile(%v, %v) = %q, %v; want %q, %v", tt.q, tt.kinds, got, total, tt.want, tt.total)
		}
	}
	if s := samples[len(samples)-1]; s.labels["method"] != "chat.update" || s.value != 7 {
		t.Errorf("last sample %+v", s)
	}
}

func TestLatencyQuantiles(t *testing.T) {
	var l latencies
	for i := 1; i <= 100; i++ {
		l.add(time.Duration(i) * time.Millisecond)
	}
	if p50, p99 := l.quantile(0.5), l.quantile(0.99); p50 != 50*time.Millisecond || p99 != 99*time.Millisecond {
		t.Errorf("p50 %v, p99 %v", p50, p99)
	}
	if (&latencies{}).quantile(0.99) != 0 {
		t.Error("empty quantile not 0")
	}
}

func TestIDs(t *testing.T) {
	if w, ok := workerOf(caseTag(17, 3)); !ok || w != 17 {
		t.Errorf("workerOf(caseTag(17,3)) = %d %v", w, ok)
	}
	if _, ok := workerOf("C0CASES01"); ok {
		t.Error("a channel the driver did not make was taken for a worker's")
	}
	if id, seq, ok := parseBlockID("p.42.7"); !ok || id != 42 || seq != 7 {
		t.Errorf("parseBlockID = %d %d %v", id, seq, ok)
	}
	if _, _, ok := parseBlockID("mw.root"); ok {
		t.Error("parsed a block id that is not a prompt's")
	}
}

// The pacer spaces slots by 1/rate, so n slots take (n-1)/rate.
func TestPacerRate(t *testing.T) {
	p := newPacer(1000)
	start := time.Now()
	for range 51 {
		if err := p.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("51 slots at 1000/s took %v, want at least 50 ms", d)
	}
}

func TestFlags(t *testing.T) {
	var out strings.Builder
	if _, err := parseFlags(nil, &out); err == nil || !strings.Contains(err.Error(), "-bin") {
		t.Errorf("no -bin: %v", err)
	}
	o, err := parseFlags([]string{"-bin", "x", "-rate", "50", "-env", "GOGC=200", "-slack-limits"}, &out)
	if err != nil || o.rate != 50 || len(o.botEnv) != 1 || !o.slackLimits {
		t.Errorf("parseFlags: %+v %v", o, err)
	}
	if _, err := parseFlags([]string{"-bin", "x", "-env", "GOGC"}, &out); err == nil {
		t.Error("-env without = accepted")
	}
}

// TestCeilingCaller: the ceiling's calls reach the minimal endpoint and are
// answered as Slack answers; a call it cannot read counts as failed.
func TestCeilingCaller(t *testing.T) {
	api, stop, err := minimalAPI()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	c := newCaller(api)
	c.owe(3)
	c.owe(2)
	deadline := time.Now().Add(10 * time.Second)
	for c.owed.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if owed, failed := c.owed.Load(), c.failed.Load(); owed != 0 || failed != 0 {
		t.Errorf("owed %d, failed %d after 5 calls; want 0, 0", owed, failed)
	}
	c.body = []byte("text=zonder+kanaal")
	if err := c.call(); err == nil {
		t.Error("a call without a channel was answered ok")
	}
}

// TestMemory reads this process's resident memory and its parts.
func TestMemory(t *testing.T) {
	m, err := memory(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if m.rssKB <= 0 || m.anonKB <= 0 || m.fileKB <= 0 || m.hwmKB < m.rssKB || m.anonKB+m.fileKB > m.rssKB {
		t.Errorf("memory = %+v", m)
	}
}

func TestTagIn(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"*MW-0007* · Belastingproef " + caseTag(12, 345) + " gestart", caseTag(12, 345)},
		{"CLOSED CL12 CL0001X00000", ""},
		{"CLx " + caseTag(3, 4), caseTag(3, 4)},
		{"geen", ""},
	} {
		if got := tagIn(tt.text); got != tt.want {
			t.Errorf("tagIn(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}
