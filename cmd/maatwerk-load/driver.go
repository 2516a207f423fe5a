package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// The secrets of the benchmark's fake workspace.
const (
	loadBotToken = "xoxb-load-benchmark-token"
	loadSecret   = "load-benchmark-signing-secret"
)

// driver runs the workers against the bot.
type driver struct {
	slack  *fakeslack.Server
	send   *fakeslack.Sender
	pace   *pacer
	stopAt time.Time
	// stepTimeout is how long a worker waits for the bot's next message
	// before it counts the wait as stalled.
	stepTimeout time.Duration

	workers []*worker

	lat map[string]*latencies // by request kind: command, click, submit
	// next is how long after an answer was acknowledged the next question
	// (or the summary) was there: what a caseworker waits for.
	next latencies
	// rootLag is how long after an answer was acknowledged the case's root
	// message was updated (it shows progress).
	rootLag    latencies
	neverShown atomic.Int64
	requests   atomic.Int64
	failures   atomic.Int64
	stalled    atomic.Int64
	reclicks   atomic.Int64 // clicks repeated: 5 s without a modal or an answer
	started    atomic.Int64
	completed  atomic.Int64
	firstErr   atomic.Pointer[string]

	mu    sync.Mutex
	acked map[int64][]int // case id → seq of each acknowledged answer

	// With shared channels (-channels), which case a call is about: by
	// message ts and by case id.
	channels int
	routeMu  sync.Mutex
	byTS     map[string]string // message ts → case tag
	byCase   map[int64]string  // case id → case tag
}

func newDriver(slack *fakeslack.Server, appURL string, o options) *driver {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 4 * o.cases, MaxIdleConnsPerHost: 4 * o.cases, IdleConnTimeout: time.Minute,
	}}
	d := &driver{
		slack:       slack,
		send:        &fakeslack.Sender{AppURL: appURL, Secret: loadSecret, Slack: slack, Client: client},
		pace:        newPacer(o.rate),
		stepTimeout: 10 * time.Second,
		lat:         map[string]*latencies{"command": {}, "click": {}, "submit": {}},
		acked:       map[int64][]int{},
		channels:    o.channels,
		byTS:        map[string]string{},
		byCase:      map[int64]string{},
	}
	if o.slackLimits {
		// Within Slack's limits a message may rightly wait for its
		// Retry-After: the run measures how long, rather than giving up.
		d.stepTimeout = 2 * time.Minute
		slack.EnforceRateLimits(true)
	}
	for i := range o.cases {
		w := &worker{id: i, user: fmt.Sprintf("ULOAD%04d", i), wake: make(chan struct{}, 1), rootLag: &d.rootLag, neverShown: &d.neverShown}
		slack.AddUser(w.user, fmt.Sprintf("belaster%d", i), "nl-NL")
		d.workers = append(d.workers, w)
	}
	slack.KeepCallContent(false)
	slack.Observe(func(method string, params map[string]string, answer map[string]any) {
		if tag := d.caseOf(method, params, answer); tag != "" {
			if i, ok := workerOf(tag); ok && i < len(d.workers) {
				d.workers[i].observe(method, tag, params, answer)
			}
		}
	})
	return d
}

// caseOf returns the tag of the case a Web API call was about, or "".
func (d *driver) caseOf(method string, params map[string]string, answer map[string]any) string {
	channel := params["channel"]
	ts := params["ts"]
	if method == "chat.postMessage" || method == "response_url" {
		channel, _ = answer["channel"].(string)
		ts, _ = answer["ts"].(string)
	}
	var caseID int64
	if method == "views.open" {
		var v struct {
			PrivateMetadata string `json:"private_metadata"`
		}
		json.Unmarshal([]byte(params["view"]), &v)
		var m struct {
			Channel string `json:"ch"`
			Case    int64  `json:"case"`
		}
		json.Unmarshal([]byte(v.PrivateMetadata), &m)
		channel, caseID = m.Channel, m.Case
	}
	if d.channels == 0 {
		return channel // a channel per case: the channel is the tag
	}
	d.routeMu.Lock()
	defer d.routeMu.Unlock()
	switch {
	case method == "views.open":
		return d.byCase[caseID]
	case method != "chat.postMessage":
		return d.byTS[ts]
	}
	tag := tagIn(params["text"]) // a root message names its case
	if thread := params["thread_ts"]; thread != "" {
		tag = d.byTS[thread]
	}
	if tag != "" {
		d.byTS[ts] = tag
	}
	return tag
}

// learnCase notes which case id the case tag has, so its modals find it.
func (d *driver) learnCase(caseID int64, tag string) {
	d.routeMu.Lock()
	d.byCase[caseID] = tag
	d.routeMu.Unlock()
}

func (d *driver) fail(format string, args ...any) {
	d.failures.Add(1)
	s := fmt.Sprintf(format, args...)
	d.firstErr.CompareAndSwap(nil, &s)
}

// do sends one request at its paced slot and times it.
func (d *driver) do(ctx context.Context, kind string, send func() (fakeslack.Response, error)) (fakeslack.Response, bool) {
	if err := d.pace.wait(ctx); err != nil {
		return fakeslack.Response{}, false
	}
	start := time.Now()
	r, err := send()
	d.lat[kind].add(time.Since(start))
	d.requests.Add(1)
	switch {
	case err != nil:
		d.fail("%s: %v", kind, err)
		return r, false
	case r.Status != http.StatusOK:
		d.fail("%s: status %d: %.200s", kind, r.Status, r.Body)
		return r, false
	case strings.Contains(string(r.Body), `"response_action":"errors"`):
		d.fail("%s: field errors: %.300s", kind, r.Body)
		return r, false
	}
	return r, true
}

func (d *driver) ack(caseID int64, seq int) {
	d.mu.Lock()
	d.acked[caseID] = append(d.acked[caseID], seq)
	d.mu.Unlock()
}

// run drives every worker until stopAt, then lets the cases in flight end
// their current request.
func (d *driver) run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, w := range d.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prev := ""
			for n := 1; time.Now().Before(d.stopAt) && ctx.Err() == nil; n++ {
				tag, ch := caseTag(w.id, n), caseTag(w.id, n)
				if d.channels > 0 {
					ch = sharedChannel(w.id % d.channels)
				}
				d.runCase(ctx, w, tag, ch)
				if prev != "" && d.channels == 0 {
					d.slack.Forget(prev) // its late updates are done by now
				}
				prev = ch
			}
		}()
	}
	wg.Wait()
}

func (d *driver) runCase(ctx context.Context, w *worker, tag, ch string) {
	w.reset(tag)
	title := fmt.Sprintf("Belastingproef %s", tag)
	if _, ok := d.do(ctx, "command", func() (fakeslack.Response, error) { return d.send.Command("/maatwerk", w.user, ch, title) }); !ok {
		return
	}
	d.started.Add(1)
	var root string
	if !w.waitFor(ctx, d.stepTimeout, func() bool { root = w.root(); return root != "" }) {
		if ctx.Err() == nil {
			d.stalled.Add(1)
		}
		return
	}
	answered := map[string]bool{}
	var answeredAt time.Time
	for time.Now().Before(d.stopAt) {
		var (
			p    *msg
			done bool
		)
		if !w.waitFor(ctx, d.stepTimeout, func() bool {
			p, done = w.openPrompt(root, answered), w.summary(root)
			return p != nil || done
		}) {
			if ctx.Err() == nil {
				d.stalled.Add(1)
			}
			return
		}
		if !answeredAt.IsZero() {
			d.next.add(time.Since(answeredAt))
		}
		if p == nil {
			d.completed.Add(1)
			return
		}
		if !d.answer(ctx, w, ch, p) {
			return
		}
		answeredAt = time.Now()
		answered[p.ts] = true
	}
}

// botEnv is the bot's configuration for the run.
func botEnv(slack *fakeslack.Server, addr, db string) []string {
	return []string{
		"SLACK_BOT_TOKEN=" + loadBotToken,
		"SLACK_SIGNING_SECRET=" + loadSecret,
		"SLACK_API_URL=" + slack.APIURL(),
		"MAATWERK_MODE=http",
		"MAATWERK_LISTEN_ADDR=" + addr,
		"MAATWERK_DB=" + db,
		"MAATWERK_TIMEZONE=Europe/Amsterdam",
	}
}
