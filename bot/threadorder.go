package bot

import (
	"context"
	"log/slog"
	"sync"

	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/slack-go/slack/slackevents"
)

// Replies in one thread are handled one at a time, oldest first (by their
// message ts, the order Slack gave them): a reply that answers the open
// question is never overtaken by a later one that closes the case, and two
// replies are taken into the case in the order people wrote them. Events of
// different threads still run side by side.

// threadQueues holds the waiting events per thread. The zero value is
// ready to use.
type threadQueues struct {
	mu sync.Mutex
	q  map[string]*threadQueue
}

type threadQueue struct {
	items []queuedEvent
}

type queuedEvent struct {
	ts string
	fn func(context.Context) error
}

// threadOf returns the thread an event belongs to ("channel/thread ts")
// and the event's own message ts; "" for events outside a thread.
func threadOf(ev slackevents.EventsAPIEvent) (key, ts string) {
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		thread := e.ThreadTimeStamp
		if thread == "" {
			return "", ""
		}
		ts = e.TimeStamp
		if e.Message != nil && e.Message.Timestamp != "" {
			ts = e.Message.Timestamp // an edit: the edited message's place
		}
		return e.Channel + "/" + thread, ts
	case *slackevents.AppMentionEvent:
		if e.ThreadTimeStamp == "" {
			return "", ""
		}
		return e.Channel + "/" + e.ThreadTimeStamp, e.TimeStamp
	}
	return "", ""
}

// inThreadOrder runs fn in the background after the events of the same
// thread queued before it, oldest message first.
func (in *inbox) inThreadOrder(key, ts string, fn func(context.Context) error) {
	t := &in.threads
	t.mu.Lock()
	if t.q == nil {
		t.q = map[string]*threadQueue{}
	}
	q, running := t.q[key]
	if !running {
		q = &threadQueue{}
		t.q[key] = q
	}
	q.items = append(q.items, queuedEvent{ts: ts, fn: fn})
	t.mu.Unlock()
	if running {
		return // the thread's worker takes it
	}
	in.spawn("thread events", func(ctx context.Context) error {
		for {
			t.mu.Lock()
			if len(q.items) == 0 {
				delete(t.q, key)
				t.mu.Unlock()
				return nil
			}
			first := 0
			for i, it := range q.items {
				if it.ts < q.items[first].ts {
					first = i
				}
			}
			it := q.items[first]
			q.items = append(q.items[:first], q.items[first+1:]...)
			t.mu.Unlock()
			if err := it.fn(ctx); err != nil && ctx.Err() == nil {
				in.log.Error("background work failed", "work", "thread event", "err", err)
			}
		}
	})
}

// inbox takes Slack's events in: each is stored before it is acknowledged
// (so a restart loses none), handled once (Slack's retries are recognised
// by their event id), and the events of one thread in the order of their
// messages.
type inbox struct {
	cfg   Config
	store *store.Store
	log   *slog.Logger
	// threads orders the events of one thread.
	threads threadQueues
	// spawn runs work in the background of the bot; event handles one.
	spawn func(name string, fn func(ctx context.Context) error)
	event func(ctx context.Context, ev slackevents.EventsAPIEvent) error
	// sweep finds the events a dead replica left (inbox_sweep.go).
	sweep inboxSweep
}
