package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

// replicaEnv makes the replicas' timings short, so that a test sees a
// take-over in seconds: a channel's lease runs out 2 s after its replica
// died, and the scheduler role and the inbox's orphans are looked at
// every second.
var replicaEnv = []string{"MAATWERK_OUTBOX_LEASE=2s", "MAATWERK_REPLICA_CHECK=1s"}

// TestTwoReplicasKillOneLosesNothing (issue 18.5): two replicas of the
// binary share one PostgreSQL database behind a load balancer; Slack's
// requests (clicks and thread events) go through the balancer while
// Slack rate-limits and fails on purpose, and the replica holding the
// scheduler role is killed with SIGKILL in the middle. The load goes on
// through the balancer to the survivor, which takes over the dead
// replica's channels and the events it accepted and did not handle.
// Then every acknowledged answer and argument is stored exactly once, the
// outbox and the inbox are empty, no message of a case was posted twice,
// and each question of each case is in its thread once.
func TestTwoReplicasKillOneLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("two replicas under load; skipped with -short")
	}
	start := time.Now()
	url := pgtest.URL(t)
	slack := fakeslack.New(t, e2eToken)
	replicas := []*process{startBotEnv(t, slack, url, replicaEnv...), startBotEnv(t, slack, url, replicaEnv...)}
	lb, err := bottest.NewBalancer("http://"+replicas[0].addr, "http://"+replicas[1].addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lb.Close)
	d := driver(t, slack, replicas[0])
	d.Send.AppURL = lb.URL()
	t.Cleanup(func() {
		if t.Failed() {
			for i, p := range replicas {
				t.Logf("replica %d's log:\n%s", i, p.out)
			}
		}
	})

	const cases = 6
	const user = "UCASEWRK1"
	var roots []fakeslack.Message
	for i := range cases {
		roots = append(roots, d.Start(user, fmt.Sprintf("Casus over twee replica's %c", 'A'+i)))
	}
	prompts := make([]fakeslack.Message, cases)
	for i, r := range roots {
		prompts[i] = d.OpenPrompt(r)
		if bottest.Kind(prompts[i]) != "multi" {
			t.Fatalf("first question of the flow is %s; this test clicks checkboxes", bottest.Kind(prompts[i]))
		}
	}
	// The victim is the replica holding the scheduler role: the survivor
	// must take that over too, to sweep up the events the victim left.
	victim := -1
	slack.WaitFor(t, 10*time.Second, "a replica holding the scheduler role", func() bool {
		for i, p := range replicas {
			if schedulerHeld(p) {
				victim = i
				return true
			}
		}
		return false
	})
	dead, survivor := replicas[victim], replicas[1-victim]

	// Slack misbehaves from now on.
	slack.FailNext("chat.update", 4, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 1})
	slack.FailNext("chat.postMessage", 2, fakeslack.Fault{Status: http.StatusInternalServerError})
	slack.FailNext("reactions.add", 2, fakeslack.Fault{Status: http.StatusBadGateway})

	const killAt, afterKill = 80, 4 // acknowledged requests before the kill; arguments per case after it
	var (
		mu         sync.Mutex
		ackedArgs  = map[string]string{} // message ts → text
		ackedClick = map[int]bool{}      // case index
		acks       atomic.Int32
		killed     = make(chan struct{})
		killOnce   sync.Once
		killedAt   time.Time
	)
	kill := func() {
		killOnce.Do(func() {
			dead.cmd.Process.Kill()
			killedAt = time.Now()
			close(killed)
		})
	}
	send := d.Send
	var wg sync.WaitGroup
	for i := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			left := afterKill
			for n := 0; left > 0; n++ {
				select {
				case <-killed:
					left--
				default:
				}
				if n == 3 {
					checks, _ := bottest.Find(prompts[i], "mw.checks")
					confirm, _ := bottest.Find(prompts[i], "mw.confirm")
					r, err := send.Click(user, prompts[i], confirm, "", map[string][]string{checks.ActionID: checks.Options[:1]})
					if err == nil && r.Status == http.StatusOK {
						mu.Lock()
						ackedClick[i] = true
						mu.Unlock()
						acks.Add(1)
					}
					continue
				}
				text := fmt.Sprintf("voor: argument %c%c bij twee replica's", 'a'+i, 'a'+n%26)
				ts := slack.AddUserMessage(e2eChan, roots[i].TS, "UCOLLEGA1", text)
				r, err := send.Event("EvREPL"+ts, map[string]any{"type": "message", "channel": e2eChan,
					"user": "UCOLLEGA1", "text": text, "ts": ts, "thread_ts": roots[i].TS, "channel_type": "channel"}, 0)
				if err == nil && r.Status == http.StatusOK {
					mu.Lock()
					ackedArgs[ts] = text
					mu.Unlock()
					if acks.Add(1) >= killAt {
						kill()
					}
				}
			}
		}()
	}
	wg.Wait()
	<-dead.done
	answered := lb.Answered()

	st, err := store.Open(context.Background(), url, store.Options{})
	if err != nil {
		t.Fatalf("open the shared database: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()

	// The survivor delivers all that is owed: the victim's channel after
	// its lease ran out, the events it accepted after they waited two
	// role checks.
	d2 := driver(t, slack, survivor)
	stored := func() (args map[string]int, answers map[int]int) {
		args, answers = map[string]int{}, map[int]int{}
		for i, r := range roots {
			c, err := st.CaseByThread(ctx, e2eChan, r.TS)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range c.Arguments {
				args[a.Ref]++
			}
			answers[i] = len(c.Answers)
		}
		return args, answers
	}
	slack.WaitFor(t, 30*time.Second, "every acknowledged answer and argument stored and delivered", func() bool {
		if n := st.OutboxLen(); n != 0 {
			return false
		}
		if inbox, err := st.Inbox(ctx); err != nil || len(inbox) != 0 {
			return false
		}
		args, _ := stored()
		mu.Lock()
		defer mu.Unlock()
		for ts := range ackedArgs {
			if args[ts] == 0 {
				return false
			}
		}
		for i, r := range roots {
			first, _ := slack.Message(e2eChan, prompts[i].TS)
			if ackedClick[i] != (len(bottest.Controls(first.Blocks)) == 0) {
				return false
			}
			if open, ok := d2.CurrentPrompt(r); ackedClick[i] && (!ok || open.TS == prompts[i].TS) {
				return false
			}
		}
		return true
	})
	drained := time.Since(killedAt)

	args, answers := stored()
	lost, doubled := 0, 0
	for ts := range ackedArgs {
		switch args[ts] {
		case 0:
			lost++
		case 1:
		default:
			doubled++
		}
	}
	if lost > 0 || doubled > 0 {
		t.Errorf("of %d acknowledged arguments, %d lost and %d stored twice", len(ackedArgs), lost, doubled)
	}
	for i := range roots {
		if ackedClick[i] && answers[i] != 1 {
			t.Errorf("case %c: the acknowledged answer is stored %d times", 'A'+i, answers[i])
		}
	}

	// No message posted twice: each (case, key) of the bot's messages once,
	// and each case's questions in its thread once each: the answered one
	// and the open one.
	posts, deleted := postsByKey(t, slack.Messages(e2eChan))
	steps := map[string]int{}
	for k, n := range posts {
		if n > 1 {
			t.Errorf("case %s: message %q posted %d times", k.caseID, k.key, n)
		}
		if strings.HasPrefix(k.key, "step:") {
			steps[k.caseID]++
		}
	}
	for i, r := range roots {
		c, _ := st.CaseByThread(ctx, e2eChan, r.TS)
		if want := answers[i] + 1; steps[strconv.FormatInt(c.ID, 10)] != want {
			t.Errorf("case %s: %d questions in its thread, want %d (answered and open)", c.Key(), steps[strconv.FormatInt(c.ID, 10)], want)
		}
	}

	mu.Lock()
	defer mu.Unlock()
	t.Logf("two replicas, %d cases; killed replica %d (scheduler role) after %d acknowledged requests; the balancer: %v",
		cases, victim, killAt, answered)
	t.Logf("acknowledged: %d arguments, %d answers; stored: %d arguments (lost %d, twice %d); "+
		"the survivor's take-overs: %d channels; case messages in Slack: %d (%d deleted), none twice; "+
		"all delivered %v after the kill; run %v",
		len(ackedArgs), len(ackedClick), len(args), lost, doubled, metric(t, survivor, `maatwerk_outbox_claims_total{result="taken_over"}`),
		len(posts), deleted, drained.Round(10*time.Millisecond), time.Since(start).Round(10*time.Millisecond))
}

// postKey is a case message's metadata: the case id and its Posts key.
type postKey struct{ caseID, key string }

// postsByKey counts the bot's case messages by their metadata, and those
// deleted.
func postsByKey(t *testing.T, msgs []fakeslack.Message) (map[postKey]int, int) {
	t.Helper()
	out, deleted := map[postKey]int{}, 0
	for _, m := range msgs {
		if m.User != fakeslack.BotUserID || m.Metadata == nil {
			continue
		}
		var md struct {
			EventType    string `json:"event_type"`
			EventPayload struct {
				Case string `json:"case"`
				Key  string `json:"key"`
			} `json:"event_payload"`
		}
		if err := json.Unmarshal(m.Metadata, &md); err != nil {
			t.Fatalf("metadata of %s: %v", m.TS, err)
		}
		if md.EventType != "maatwerk_post" {
			continue
		}
		out[postKey{md.EventPayload.Case, md.EventPayload.Key}]++
		if m.Deleted {
			deleted++
		}
	}
	return out, deleted
}

// schedulerHeld reports whether p says on /readyz that it holds the
// scheduler role.
func schedulerHeld(p *process) bool {
	resp, err := http.Get("http://" + p.addr + "/readyz")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return strings.Contains(string(body), "scheduler: held")
}

// metric reads one sample of p's /metrics, by its name and labels as
// printed; -1 when it is not there.
func metric(t *testing.T, p *process, sample string) int {
	t.Helper()
	resp, err := http.Get("http://" + p.addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(body)) {
		if v, ok := strings.CutPrefix(line, sample+" "); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatalf("%s %q: %v", sample, v, err)
			}
			return n
		}
	}
	return -1
}
