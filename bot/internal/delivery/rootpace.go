package delivery

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
	Last map[int64]RootSent
}

// RootSent is what a case's root message was last updated to.
type RootSent struct {
	At     time.Time
	Status record.Status
	Hash   uint64
	// Owed says a root-only job is in the outbox for a change not yet
	// shown.
	Owed bool
}

// MaxRootPaced bounds the memory; older entries are dropped first when it
// is reached (see forgetOld).
const MaxRootPaced = 4096

// RootAction is what to do with a case's root message now.
type RootAction int

const (
	RootSend  RootAction = iota // update it now
	RootSame                    // it shows this already
	RootDefer                   // later: a root-only job is needed, due at the returned time
	RootOwed                    // later: a root-only job is owed already
)

func NewRootPacer(every time.Duration) *rootPacer {
	return &rootPacer{every: every, Last: map[int64]RootSent{}}
}

// rootHash identifies a rendering of the root message.
func rootHash(blocks []slack.Block, text string) uint64 {
	h := fnv.New64a()
	json.NewEncoder(h).Encode(blocks)
	h.Write([]byte(text))
	return h.Sum64()
}

// Decide says what to do with case id's root, rendered as hash while the
// case has status; due says a root-only job's time has come (the root must
// catch up now). With rootDefer, the time returned is when the job is due.
func (p *rootPacer) Decide(id int64, status record.Status, hash uint64, now time.Time, due bool) (RootAction, time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	last, ok := p.Last[id]
	switch {
	case ok && last.Hash == hash:
		return RootSame, time.Time{}
	case !ok, due, p.every <= 0, last.Status != status, now.Sub(last.At) >= p.every:
		return RootSend, time.Time{}
	case last.Owed:
		return RootOwed, time.Time{}
	}
	return RootDefer, last.At.Add(p.every)
}

// Owes reports whether a change of case id (still with status) would only
// wait for the root-only job already owed: then the root need not even be
// rendered.
func (p *rootPacer) Owes(id int64, status record.Status, now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	last, ok := p.Last[id]
	return ok && last.Owed && p.every > 0 && last.Status == status && now.Sub(last.At) < p.every
}

// Sent records that case id's root was updated at now to hash.
func (p *rootPacer) Sent(id int64, status record.Status, hash uint64, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.Last) >= MaxRootPaced {
		p.forgetOld(now)
	}
	p.Last[id] = RootSent{At: now, Status: status, Hash: hash}
}

// Owe records that a root-only job for case id is in the outbox.
func (p *rootPacer) Owe(id int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if last, ok := p.Last[id]; ok {
		last.Owed = true
		p.Last[id] = last
	}
}

// Forget drops what is known of case id (its messages are gone).
func (p *rootPacer) Forget(id int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.Last, id)
}

// forgetOld drops the entries that no longer hold anything back: updated
// longer than the interval ago, with no job owed; if that frees nothing,
// it drops everything (the next change of each case then updates its root
// at once, which is always correct). Call with p.mu held.
func (p *rootPacer) forgetOld(now time.Time) {
	for id, last := range p.Last {
		if !last.Owed && now.Sub(last.At) >= p.every {
			delete(p.Last, id)
		}
	}
	if len(p.Last) >= MaxRootPaced {
		clear(p.Last)
	}
}
