package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
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

// msg is a bot message as the worker saw it posted and updated.
type msg struct {
	ts, thread, text string
	blocks           json.RawMessage
	// actions are the controls in blocks, read once per post or update
	// (the worker looks at them on every wake-up).
	actions   []fakeslack.Action
	broadcast bool
}

// worker is one simulated caseworker: it runs one case at a time in a
// channel of its own and hears about the bot's posts through the fake's
// observer, so nothing polls.
type worker struct {
	id   int
	user string
	wake chan struct{}

	mu    sync.Mutex
	tag   string // the case's tag (caseTag), also its channel unless channels are shared
	msgs  map[string]*msg
	order []string // ts of the bot's posts, in order
	views []json.RawMessage
	// unshown are the times of answers the root message has not shown yet;
	// rootLag gets how long each waited, at the root's next update.
	unshown []time.Time
	rootLag *latencies
	// neverShown counts answers whose case ended (for the worker) before
	// its root showed them.
	neverShown *atomic.Int64
}

// caseTag names worker's n-th case; it is the case's channel id unless
// channels are shared, and it is in the case's title either way.
func caseTag(worker, n int) string { return fmt.Sprintf("CL%04dX%06d", worker, n) }

// workerOf reads the worker index from a tag made by caseTag.
func workerOf(tag string) (int, bool) {
	if len(tag) < 6 || !strings.HasPrefix(tag, "CL") {
		return 0, false
	}
	n, err := strconv.Atoi(tag[2:6])
	return n, err == nil
}

// tagIn finds a case tag in a message text ("" if none).
func tagIn(text string) string {
	for i := strings.Index(text, "CL"); i >= 0 && i+13 <= len(text); {
		t := text[i : i+13]
		if _, ok := workerOf(t); ok && t[6] == 'X' {
			if _, err := strconv.Atoi(t[7:]); err == nil {
				return t
			}
		}
		j := strings.Index(text[i+2:], "CL")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return ""
}

// sharedChannel is the k-th channel that cases share (-channels).
func sharedChannel(k int) string { return fmt.Sprintf("CSHARED%03d", k) }

func (w *worker) reset(tag string) {
	w.mu.Lock()
	w.tag = tag
	w.msgs = map[string]*msg{}
	w.order = nil
	w.views = nil
	w.neverShown.Add(int64(len(w.unshown)))
	w.unshown = nil
	w.mu.Unlock()
}

// answered notes an acknowledged answer, for the root's lag.
func (w *worker) answered(at time.Time) {
	w.mu.Lock()
	w.unshown = append(w.unshown, at)
	w.mu.Unlock()
}

func (w *worker) notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// observe takes in one Web API call the bot made about the case tag.
func (w *worker) observe(method, tag string, params map[string]string, answer map[string]any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if tag != w.tag {
		return // a late update of the worker's previous case
	}
	switch method {
	case "chat.postMessage":
		ts, _ := answer["ts"].(string)
		m := &msg{ts: ts, thread: params["thread_ts"], text: params["text"], blocks: json.RawMessage(params["blocks"]),
			broadcast: params["reply_broadcast"] == "true" || params["reply_broadcast"] == "1"}
		if m.thread != "" {
			m.actions = fakeslack.Actions(m.blocks)
		}
		w.msgs[ts] = m
		w.order = append(w.order, ts)
	case "chat.update", "response_url": // a response_url replaced the message clicked
		ts := params["ts"]
		if method == "response_url" {
			ts, _ = answer["ts"].(string)
		}
		if m := w.msgs[ts]; m != nil {
			if m.thread == "" { // the root: it now shows the answers so far
				now := time.Now()
				for _, at := range w.unshown {
					w.rootLag.add(now.Sub(at))
				}
				w.unshown = w.unshown[:0]
			}
			if b, ok := params["blocks"]; ok {
				m.blocks = json.RawMessage(b)
				if m.thread != "" {
					m.actions = fakeslack.Actions(m.blocks)
				}
			}
			if t, ok := params["text"]; ok {
				m.text = t
			}
		}
	case "views.open":
		w.views = append(w.views, json.RawMessage(params["view"]))
	}
	w.notify()
}

// waitFor waits until cond (run with w.mu held) holds, or timeout.
func (w *worker) waitFor(ctx context.Context, timeout time.Duration, cond func() bool) bool {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		w.mu.Lock()
		ok := cond()
		w.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-w.wake:
		case <-t.C:
			return false
		case <-ctx.Done():
			return false
		}
	}
}

// root is the case's top-level message ("" until posted); call with w.mu held.
func (w *worker) root() string {
	for _, ts := range w.order {
		if w.msgs[ts].thread == "" {
			return ts
		}
	}
	return ""
}

// openPrompt is the newest message in the thread with controls that the
// worker has not answered yet; call with w.mu held.
func (w *worker) openPrompt(root string, answered map[string]bool) *msg {
	for i := len(w.order) - 1; i >= 0; i-- {
		m := w.msgs[w.order[i]]
		if m.thread == root && !answered[m.ts] && len(m.actions) > 0 {
			c := *m
			return &c
		}
	}
	return nil
}

// after reports whether the bot posted a question or the summary in p's
// thread after p; call with w.mu held.
func (w *worker) after(p *msg) bool {
	for i := len(w.order) - 1; i >= 0 && w.order[i] != p.ts; i-- {
		if m := w.msgs[w.order[i]]; m.thread == p.thread && (len(m.actions) > 0 || m.broadcast) {
			return true
		}
	}
	return false
}

// summary reports whether the case's summary was posted; call with w.mu held.
func (w *worker) summary(root string) bool {
	for _, ts := range w.order {
		if m := w.msgs[ts]; m.thread == root && m.broadcast {
			return true
		}
	}
	return false
}

// A caseworker whose click opens no modal within reclickAfter clicks again,
// up to maxClicks clicks in all.
const (
	reclickAfter = 5 * time.Second
	maxClicks    = 3
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

// answer answers the open question p the way a caseworker would: ticking
// boxes and confirming, clicking the first choice (and giving the reason a
// modal asks for), answering a free-text question in its modal, adding one
// argument before moving on.
func (d *driver) answer(ctx context.Context, w *worker, ch string, p *msg) bool {
	acts := p.actions
	find := func(prefix string) (fakeslack.Action, bool) {
		for _, a := range acts {
			if strings.HasPrefix(a.ActionID, prefix) {
				return a, true
			}
		}
		return fakeslack.Action{}, false
	}
	caseID, seq, ok := parseBlockID(acts[0].BlockID)
	if !ok {
		d.fail("prompt without a prompt block id: %s", acts[0].BlockID)
		return false
	}
	if d.channels > 0 {
		d.learnCase(caseID, w.tag)
	}
	m := fakeslack.Message{Channel: ch, TS: p.ts, ThreadTS: p.thread, Text: p.text, Blocks: p.blocks, User: fakeslack.BotUserID}
	click := func(a fakeslack.Action, selected string, checked map[string][]string) bool {
		_, ok := d.do(ctx, "click", func() (fakeslack.Response, error) { return d.send.Click(w.user, m, a, selected, checked) })
		return ok
	}
	views := func() int { w.mu.Lock(); defer w.mu.Unlock(); return len(w.views) }
	// clickFor clicks a and waits until done (run with w.mu held) or a
	// modal opens; it reports which. When neither happens soon, Slack may
	// have refused the modal (the bot then tells the user to click again):
	// the caseworker clicks again, a few times.
	clickFor := func(a fakeslack.Action, selected string, done func() bool) (modal, ok bool) {
		before := views()
		for try := 1; ; try++ {
			if !click(a, selected, nil) {
				return false, false
			}
			wait := d.stepTimeout
			if try < maxClicks {
				wait = min(wait, reclickAfter)
			}
			if w.waitFor(ctx, wait, func() bool {
				modal = len(w.views) > before
				return modal || done()
			}) {
				return modal, true
			}
			if try == maxClicks || ctx.Err() != nil {
				d.stalled.Add(1)
				return false, false
			}
			d.reclicks.Add(1)
		}
	}
	never := func() bool { return false }
	// submit submits values in the newest modal.
	submit := func(values map[string]map[string]string) bool {
		w.mu.Lock()
		view := w.views[len(w.views)-1]
		w.mu.Unlock()
		_, ok := d.do(ctx, "submit", func() (fakeslack.Response, error) { return d.send.Submit(w.user, view, values) })
		return ok
	}
	reason := map[string]map[string]string{"text": {"input": "Ik doe dit omdat de gevolgen anders onevenredig zijn, ondanks het risico op precedent."}}
	// clickMaybeModal clicks a; if a modal opens instead of an answer, it
	// submits the reason.
	clickMaybeModal := func(a fakeslack.Action, selected string) bool {
		modal, ok := clickFor(a, selected, func() bool {
			// Answered: the question shows the answer, or the next one is there.
			cur := w.msgs[p.ts]
			return cur == nil || len(cur.actions) == 0 || w.after(p)
		})
		switch {
		case !ok:
			return false
		case modal:
			return submit(reason)
		}
		return true
	}

	switch {
	case has(acts, "mw.checks"):
		checks, _ := find("mw.checks")
		confirm, _ := find("mw.confirm")
		ticked := checks.Options[:min(2, len(checks.Options))]
		if !click(confirm, "", map[string][]string{checks.ActionID: ticked}) {
			return false
		}
	case has(acts, "mw.argsdone"):
		add, _ := find("mw.argadd")
		if modal, ok := clickFor(add, "", never); !ok || !modal || !submit(map[string]map[string]string{
			"procon": {"input": "=contra"},
			"text":   {"input": "andere huishoudens in dezelfde situatie krijgen dit niet"},
			"value":  {"input": "=rechtsgelijkheid"},
		}) {
			return false
		}
		// The tally is refreshed with the argument; then move on.
		if !w.waitFor(ctx, d.stepTimeout, func() bool {
			cur := w.msgs[p.ts]
			return cur != nil && strings.Contains(string(cur.blocks), "andere huishoudens")
		}) {
			d.stalled.Add(1)
			return false
		}
		w.mu.Lock()
		m.Blocks, acts = w.msgs[p.ts].blocks, w.msgs[p.ts].actions
		w.mu.Unlock()
		done, _ := find("mw.argsdone")
		if !click(done, "", nil) {
			return false
		}
	case has(acts, "mw.select"):
		sel, _ := find("mw.select")
		if !clickMaybeModal(sel, sel.Options[0]) {
			return false
		}
	case has(acts, "mw.choose."):
		choose, _ := find("mw.choose.")
		if !clickMaybeModal(choose, "") {
			return false
		}
	case has(acts, "mw.answer"):
		a, _ := find("mw.answer")
		if modal, ok := clickFor(a, "", never); !ok || !modal || !submit(reason) {
			return false
		}
	default:
		d.fail("a question with controls the driver does not know: %.300s", p.blocks)
		return false
	}
	d.ack(caseID, seq)
	w.answered(time.Now())
	return true
}

func has(acts []fakeslack.Action, prefix string) bool {
	for _, a := range acts {
		if strings.HasPrefix(a.ActionID, prefix) {
			return true
		}
	}
	return false
}

// parseBlockID reads the bot's prompt block id "p.<case>.<seq>".
func parseBlockID(s string) (int64, int, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 || parts[0] != "p" {
		return 0, 0, false
	}
	id, err1 := strconv.ParseInt(parts[1], 10, 64)
	seq, err2 := strconv.Atoi(parts[2])
	return id, seq, err1 == nil && err2 == nil
}

// botEnv is the bot's configuration for the run.
func botEnv(slack *fakeslack.Server, addr, dir string) []string {
	return []string{
		"SLACK_BOT_TOKEN=" + loadBotToken,
		"SLACK_SIGNING_SECRET=" + loadSecret,
		"SLACK_API_URL=" + slack.APIURL(),
		"MAATWERK_MODE=http",
		"MAATWERK_LISTEN_ADDR=" + addr,
		"MAATWERK_DB=" + filepath.Join(dir, "maatwerk.db"),
		"MAATWERK_TIMEZONE=Europe/Amsterdam",
	}
}
