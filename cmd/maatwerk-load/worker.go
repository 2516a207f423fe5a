package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// The simulated caseworker: what it saw the bot post, and waiting for it.

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
			m.actions = controls(m.blocks)
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
					m.actions = controls(m.blocks)
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

// controls are the actions of a message that answer a question: all but
// the Wijzig button an answered question keeps (mw.change) and the
// summary's Verslag button (mw.report), so none means the question is
// answered (or the message is no question).
func controls(blocks json.RawMessage) []fakeslack.Action {
	return fakeslack.ActionsExcept(blocks, "mw.change", "mw.report")
}
