package store

import (
	"context"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// write runs fn in a read-write transaction shared with the writes that
// arrive while the previous commit is under way (package groupcommit), so
// concurrent requests share one fsync. It is used for the per-request
// writes (CreateCase, UpdateCase and ChangeCase, SeenEvent, AcceptEvent) and
// the outbox's and inbox's bookkeeping (Enqueue, JobsDone, RetryJob,
// EventDone), which runs beside them.
//
// fn may run more than once (when it or another function in its
// transaction fails): it must read everything it needs from tx and only
// assign the caller's outputs, never accumulate into them.
func (s *Store) write(fn func(kv.Tx) error) error {
	if s.w == nil {
		// A Store not made by Open (OpenReadOnly, Backup): no committer;
		// bbolt refuses the write on a read-only file as before.
		return s.update(context.Background(), fn)
	}
	return s.w.Write(fn)
}

// commit is the group-commit writer's update: one transaction for the
// writes of many callers, so no one caller's context ends it.
func (s *Store) commit(fn func(kv.Tx) error) error {
	return s.update(context.Background(), fn)
}
