package main

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// Answering a question the way a caseworker would.

// A caseworker whose click opens no modal within reclickAfter clicks again,
// up to maxClicks clicks in all.
const (
	reclickAfter = 5 * time.Second
	maxClicks    = 3
)

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
