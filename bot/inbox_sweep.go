package bot

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/slack-go/slack/slackevents"
)

// The inbox when several replicas share the database. An event is accepted
// into the inbox by the replica Slack sent it to, which handles it at once
// and takes it out. A replica that dies between the two leaves the event
// in the inbox; on bbolt the restarted process replays it (replayInbox),
// but on a shared database a replica that starts must not replay what the
// others are handling right now. So there the replica holding the
// scheduler role sweeps the inbox: an event still there after orphanAfter,
// seen on two sweeps and not being handled by this replica, was left by a
// replica that died, and is handled now.

// orphanAfter is how long an event may wait in the inbox before the sweep
// takes it for a dead replica's, by default: far longer than handling
// takes. With Config.ReplicaCheck set it is twice that (two sweeps).
const orphanAfter = time.Minute

// inboxSweep remembers when each pending event was first seen, and which
// events this replica is handling.
type inboxSweep struct {
	// after is how long an event waits before it is taken for an orphan;
	// 0: orphanAfter.
	after    time.Duration
	mu       sync.Mutex
	seen     map[uint64]time.Time
	handling map[uint64]bool
}

// begin and end mark an event this replica is handling.
func (s *inboxSweep) begin(seq uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.handling == nil {
		s.handling = map[uint64]bool{}
	}
	s.handling[seq] = true
}

func (s *inboxSweep) end(seq uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.handling, seq)
}

// orphans returns the seqs of pending that waited at least s.after
// since this replica first saw them, and forgets events no longer pending.
func (s *inboxSweep) orphans(pending []uint64, now time.Time) []uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[uint64]time.Time{}
	}
	after := s.after
	if after <= 0 {
		after = orphanAfter
	}
	still := make(map[uint64]time.Time, len(pending))
	var out []uint64
	for _, seq := range pending {
		first, ok := s.seen[seq]
		if !ok {
			first = now
		}
		still[seq] = first
		if !s.handling[seq] && now.Sub(first) >= after {
			out = append(out, seq)
		}
	}
	s.seen = still
	return out
}

// sweepInbox handles the events a dead replica left in the inbox (see
// above). The scheduler calls it while this replica holds the role.
func (in *inbox) sweepInbox(ctx context.Context) {
	pending, err := in.store.Inbox(ctx)
	if err != nil {
		in.log.Error("read event inbox", "err", err)
		return
	}
	seqs := make([]uint64, len(pending))
	for i, p := range pending {
		seqs[i] = p.Seq
	}
	orphan := map[uint64]bool{}
	for _, seq := range in.sweep.orphans(seqs, in.cfg.Now()) {
		orphan[seq] = true
	}
	n := 0
	for _, p := range pending {
		if !orphan[p.Seq] {
			continue
		}
		ev, err := slackevents.ParseEvent(json.RawMessage(p.Payload), slackevents.OptionNoVerifyToken())
		if err != nil {
			in.log.Error("drop unreadable event from inbox", "err", err)
			in.store.EventDone(ctx, p.Seq)
			continue
		}
		n++
		if err := in.handleAccepted(ctx, p.Seq, ev); err != nil {
			in.log.Error("event left by another replica failed", "err", err)
		}
	}
	if n > 0 {
		in.log.Info("handled events another replica accepted and did not live to handle", "events", n)
	}
}
