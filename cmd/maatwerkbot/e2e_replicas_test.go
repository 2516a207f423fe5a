package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	neturl "net/url"
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
// Slack rate-limits and fails on purpose, and one replica is killed with
// SIGKILL in the middle: right after Slack posted one of its case
// messages, before it could record it (or, if neither posts one in time,
// the one holding the scheduler role). The load goes on
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
	// Each replica reaches Slack through a cutter, which can kill it right
	// after Slack posted one of its case messages and before it hears so:
	// the message is in Slack and not recorded.
	cutters := []*cutter{newCutter(t, slack.APIURL()), newCutter(t, slack.APIURL())}
	replicas := make([]*process, len(cutters))
	for i, c := range cutters {
		replicas[i] = startBotEnv(t, slack, url, append([]string{"SLACK_API_URL=" + c.url()}, replicaEnv...)...)
	}
	lb, err := bottest.NewBalancer("http://"+replicas[0].addr, "http://"+replicas[1].addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lb.Close)
	t.Cleanup(func() {
		if t.Failed() {
			for i, p := range replicas {
				t.Logf("replica %d's log:\n%s", i, p.out)
			}
		}
	})

	// Cases in three channels, so that each replica holds channels' leases.
	const cases = 6
	const user = "UCASEWRK1"
	drivers := make([]*bottest.Driver, cases)
	roots := make([]fakeslack.Message, cases)
	for i := range cases {
		drivers[i] = driver(t, slack, replicas[0])
		drivers[i].Send.AppURL = lb.URL()
		drivers[i].Channel = fmt.Sprintf("C0E2EREP%d", i%3)
		roots[i] = drivers[i].Start(user, fmt.Sprintf("Casus over twee replica's %c", 'A'+i))
	}
	prompts := make([]fakeslack.Message, cases)
	for i, r := range roots {
		prompts[i] = drivers[i].OpenPrompt(r)
		if bottest.Kind(prompts[i]) != "multi" {
			t.Fatalf("first question of the flow is %s; this test clicks checkboxes", bottest.Kind(prompts[i]))
		}
	}
	holder := -1
	slack.WaitFor(t, 10*time.Second, "a replica holding the scheduler role", func() bool {
		for i, p := range replicas {
			if schedulerHeld(p) {
				holder = i
				return true
			}
		}
		return false
	})

	// Slack misbehaves from now on.
	slack.FailNext("chat.update", 4, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 1})
	slack.FailNext("chat.postMessage", 2, fakeslack.Fault{Status: http.StatusInternalServerError})
	slack.FailNext("reactions.add", 2, fakeslack.Fault{Status: http.StatusBadGateway})

	// The victim is the first replica to post a case message after killAt
	// acknowledged requests; if neither does by killAt+40, the one holding
	// the scheduler role.
	const killAt, afterKill = 60, 4 // afterKill: requests per case after the kill
	var (
		mu         sync.Mutex
		ackedArgs  = map[string]string{} // message ts → text
		ackedClick = map[int]bool{}      // case index
		acks       atomic.Int32
		killed     = make(chan struct{})
		killOnce   sync.Once
		killedAt   time.Time
		victim     int
		midPost    bool
	)
	kill := func(i int, posting bool) (done bool) {
		killOnce.Do(func() {
			for _, c := range cutters {
				c.armed.Store(false)
			}
			replicas[i].cmd.Process.Kill()
			killedAt, victim, midPost, done = time.Now(), i, posting, true
			close(killed)
		})
		return done
	}
	for i, c := range cutters {
		c.cut = func() bool { return kill(i, true) }
	}
	send := drivers[0].Send
	var wg sync.WaitGroup
	for i := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch := drivers[i].Channel
			left, clicked := afterKill, false
			for n := 0; left > 0; n++ {
				select {
				case <-killed:
					left--
				default:
				}
				if !clicked && acks.Load() >= killAt {
					// The answer comes when the victim is armed: the next
					// question is a case message posted.
					clicked = true
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
				ts := slack.AddUserMessage(ch, roots[i].TS, "UCOLLEGA1", text)
				r, err := send.Event("EvREPL"+ts, map[string]any{"type": "message", "channel": ch,
					"user": "UCOLLEGA1", "text": text, "ts": ts, "thread_ts": roots[i].TS, "channel_type": "channel"}, 0)
				if err == nil && r.Status == http.StatusOK {
					mu.Lock()
					ackedArgs[ts] = text
					mu.Unlock()
					switch n := acks.Add(1); {
					case n >= killAt+40:
						kill(holder, false)
					case n >= killAt:
						for _, c := range cutters {
							c.arm()
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	dead, survivor := replicas[victim], replicas[1-victim]
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
	stored := func() (args map[string]int, answers map[int]int) {
		args, answers = map[string]int{}, map[int]int{}
		for i, r := range roots {
			c, err := st.CaseByThread(ctx, drivers[i].Channel, r.TS)
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
			first, _ := slack.Message(drivers[i].Channel, prompts[i].TS)
			if ackedClick[i] != (len(bottest.Controls(first.Blocks)) == 0) {
				return false
			}
			if open, ok := drivers[i].CurrentPrompt(r); ackedClick[i] && (!ok || open.TS == prompts[i].TS) {
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
	var msgs []fakeslack.Message
	for i := range 3 {
		msgs = append(msgs, slack.Messages(drivers[i].Channel)...)
	}
	posts, deleted := postsByKey(t, msgs)

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
		c, _ := st.CaseByThread(ctx, drivers[i].Channel, r.TS)
		if want := answers[i] + 1; steps[strconv.FormatInt(c.ID, 10)] != want {
			t.Errorf("case %s: %d questions in its thread, want %d (answered and open)", c.Key(), steps[strconv.FormatInt(c.ID, 10)], want)
		}
	}

	takenOver := metric(t, survivor, `maatwerk_outbox_claims_total{result="taken_over"}`)
	adopted := strings.Count(survivor.out.String(), "adopted messages posted for a case but not recorded")
	if midPost && (takenOver < 1 || adopted < 1) {
		t.Errorf("the victim died posting a case message; the survivor took over %d channels and adopted the messages of %d cases, want 1 or more each",
			takenOver, adopted)
	}
	mu.Lock()
	defer mu.Unlock()
	how := "between Slack posting a case message and its answer"
	if !midPost {
		how = "without a case message in flight"
	}
	role := "standby"
	if victim == holder {
		role = "holding the scheduler role"
	}
	t.Logf("two replicas, %d cases in 3 channels; killed replica %d (%s) after %d acknowledged requests, %s; the balancer: %v",
		cases, victim, role, acks.Load(), how, answered)
	t.Logf("acknowledged: %d arguments, %d answers; stored: %d arguments (lost %d, twice %d); "+
		"the survivor's take-overs: %d channels, cases with messages adopted: %d; case messages in Slack: %d (%d deleted), none twice; "+
		"all delivered %v after the kill; run %v",
		len(ackedArgs), len(ackedClick), len(args), lost, doubled, takenOver, adopted,
		len(posts), deleted, drained.Round(10*time.Millisecond), time.Since(start).Round(10*time.Millisecond))
}

// cutter stands between a replica and Slack. Once armed, it kills the
// replica (cut) right after Slack posted one of the replica's case
// messages, before the answer reaches the replica; kill disarms the
// cutters.
type cutter struct {
	srv *httptest.Server
	cut func() bool // kills the replica unless another was; set before arm

	armed atomic.Bool
}

// newCutter starts a cutter in front of the Web API at api.
func newCutter(t *testing.T, api string) *cutter {
	c := &cutter{}
	target, err := neturl.Parse(api)
	if err != nil {
		t.Fatal(err)
	}
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.Out.URL.Scheme, pr.Out.URL.Host = target.Scheme, target.Host
		pr.Out.URL.Path = strings.TrimSuffix(target.Path, "/") + "/" + strings.TrimPrefix(pr.In.URL.Path, "/")
	}}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !c.armed.Load() || !strings.HasSuffix(r.URL.Path, "chat.postMessage") || !bytes.Contains(body, []byte("maatwerk_post")) {
			proxy.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		proxy.ServeHTTP(rec, r) // Slack posts it…
		if rec.Code != http.StatusOK || !bytes.Contains(rec.Body.Bytes(), []byte(`"ok":true`)) || !c.cut() {
			// …or not (a fault injected), or another replica was killed
			// first: the replica hears so.
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		// …and the replica died before it heard so.
		panic(http.ErrAbortHandler)
	}))
	t.Cleanup(c.srv.Close)
	return c
}

// url is the Web API base URL to give the replica.
func (c *cutter) url() string { return c.srv.URL + "/" }

// arm makes the next case message posted the replica's last.
func (c *cutter) arm() { c.armed.Store(true) }

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
