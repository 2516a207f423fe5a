package bot

import (
	"encoding/json"
	"hash/fnv"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// The root message of a case shows its status and progress, and syncCase
// brings it in line after every change. Slack allows chat.update about 50
// times a minute per workspace (Tier 3), and a caseworker who ticks through
// the signal groups, or colleagues adding arguments together, change a case
// several times within seconds. rootPacer keeps the root in step without
// spending an update on every change:
//
//   - an update that would show what the root already shows is left out;
//   - a change of status (paused, closed, reopened …) is shown at once;
//   - other changes are shown at once when the root was last updated at
//     least Config.RootInterval ago, and otherwise together, once that
//     interval has passed: syncCase then leaves a root-only job in the
//     outbox, due at that moment, so the root catches up even when nothing
//     else happens to the case, and also after a restart.
//
// What it remembers lives in memory: after a restart the first change of a
// case updates its root at once.
type rootPacer struct {
	every time.Duration

	mu   sync.Mutex
	last map[int64]rootSent
}

// rootSent is what a case's root message was last updated to.
type rootSent struct {
	at     time.Time
	status record.Status
	hash   uint64
	// owed says a root-only job is in the outbox for a change not yet
	// shown.
	owed bool
}

// maxRootPaced bounds the memory; older entries are dropped first when it
// is reached (see forgetOld).
const maxRootPaced = 4096

// rootAction is what to do with a case's root message now.
type rootAction int

const (
	rootSend  rootAction = iota // update it now
	rootSame                    // it shows this already
	rootDefer                   // later: a root-only job is needed, due at the returned time
	rootOwed                    // later: a root-only job is owed already
)

func newRootPacer(every time.Duration) *rootPacer {
	return &rootPacer{every: every, last: map[int64]rootSent{}}
}

// rootHash identifies a rendering of the root message.
func rootHash(blocks []slack.Block, text string) uint64 {
	h := fnv.New64a()
	json.NewEncoder(h).Encode(blocks)
	h.Write([]byte(text))
	return h.Sum64()
}

// decide says what to do with case id's root, rendered as hash while the
// case has status; due says a root-only job's time has come (the root must
// catch up now). With rootDefer, the time returned is when the job is due.
func (p *rootPacer) decide(id int64, status record.Status, hash uint64, now time.Time, due bool) (rootAction, time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	last, ok := p.last[id]
	switch {
	case ok && last.hash == hash:
		return rootSame, time.Time{}
	case !ok, due, p.every <= 0, last.status != status, now.Sub(last.at) >= p.every:
		return rootSend, time.Time{}
	case last.owed:
		return rootOwed, time.Time{}
	}
	return rootDefer, last.at.Add(p.every)
}

// owes reports whether a change of case id (still with status) would only
// wait for the root-only job already owed: then the root need not even be
// rendered.
func (p *rootPacer) owes(id int64, status record.Status, now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	last, ok := p.last[id]
	return ok && last.owed && p.every > 0 && last.status == status && now.Sub(last.at) < p.every
}

// sent records that case id's root was updated at now to hash.
func (p *rootPacer) sent(id int64, status record.Status, hash uint64, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.last) >= maxRootPaced {
		p.forgetOld(now)
	}
	p.last[id] = rootSent{at: now, status: status, hash: hash}
}

// owe records that a root-only job for case id is in the outbox.
func (p *rootPacer) owe(id int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if last, ok := p.last[id]; ok {
		last.owed = true
		p.last[id] = last
	}
}

// forget drops what is known of case id (its messages are gone).
func (p *rootPacer) forget(id int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.last, id)
}

// forgetOld drops the entries that no longer hold anything back: updated
// longer than the interval ago, with no job owed; if that frees nothing,
// it drops everything (the next change of each case then updates its root
// at once, which is always correct). Call with p.mu held.
func (p *rootPacer) forgetOld(now time.Time) {
	for id, last := range p.last {
		if !last.owed && now.Sub(last.at) >= p.every {
			delete(p.last, id)
		}
	}
	if len(p.last) >= maxRootPaced {
		clear(p.last)
	}
}
