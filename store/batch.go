package store

import (
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// defaultBatchDelay is how long a write waits for others to share its
// transaction and fsync when another write is already under way. bbolt's own
// default (10 ms) would be most of a request's budget; an fsync here costs
// about 0.5 ms.
const defaultBatchDelay = 500 * time.Microsecond

// writer runs the per-request writes (CreateCase, UpdateCase, SeenEvent).
type writer struct {
	db *bolt.DB
	// busy counts the writes under way.
	busy atomic.Int64
}

// write runs fn in a read-write transaction. A write that finds no other
// write under way runs at once (db.Update: nothing to wait for); otherwise
// it joins a batch (db.Batch), so concurrent requests share one transaction
// and one fsync.
//
// fn may run more than once, in a batch and again on its own when it or
// another function of its batch fails: it must read everything it needs
// from tx and only assign the caller's outputs, never accumulate into them.
func (w *writer) write(fn func(*bolt.Tx) error) error {
	if w.busy.Add(1) == 1 {
		defer w.busy.Add(-1)
		return w.db.Update(fn)
	}
	defer w.busy.Add(-1)
	return w.db.Batch(fn)
}
