package pgkv_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Writes are queued and sent in batches: a write that PostgreSQL refuses
// (here a key larger than a btree index row may be) fails the Update, and nothing
// of it is committed, also the writes queued before it; a batch longer
// than the queue is sent on the way and read back in the same Update.
func TestQueuedWrites(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	bucket := []byte("b")
	if err := db.Update(ctx, func(tx kv.Tx) error { _, err := tx.CreateBucketIfNotExists(bucket); return err }); err != nil {
		t.Fatal(err)
	}

	err := db.Update(ctx, func(tx kv.Tx) error {
		b := tx.Bucket(bucket)
		if err := b.Put([]byte("first"), []byte("1")); err != nil {
			return err
		}
		big := make([]byte, 10_000) // random, so compression cannot shrink it
		rand.Read(big)
		return b.Put(big, []byte("too big a key for a btree index"))
	})
	if err == nil {
		t.Fatal("an Update whose queued write PostgreSQL refused succeeded")
	}
	db.View(ctx, func(tx kv.Tx) error {
		if v := tx.Bucket(bucket).Get([]byte("first")); v != nil {
			t.Errorf("the write queued before the refused one was committed: %q", v)
		}
		return nil
	})

	const n = 1000 // more than one batch
	err = db.Update(ctx, func(tx kv.Tx) error {
		b := tx.Bucket(bucket)
		for i := range n {
			if err := b.Put(fmt.Appendf(nil, "k%04d", i), fmt.Appendf(nil, "%d", i)); err != nil {
				return err
			}
		}
		if got := b.KeyN(); got != n {
			return fmt.Errorf("KeyN in the same Update = %d, want %d", got, n)
		}
		if err := b.Delete([]byte("k0500")); err != nil {
			return err
		}
		if v := b.Get([]byte("k0500")); v != nil {
			return fmt.Errorf("a deleted key reads %q in the same Update", v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.View(ctx, func(tx kv.Tx) error {
		if got := tx.Bucket(bucket).KeyN(); got != n-1 {
			t.Errorf("after commit KeyN = %d, want %d", got, n-1)
		}
		return nil
	})
}
