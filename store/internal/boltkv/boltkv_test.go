package boltkv_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/boltkv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

func open(t *testing.T) *boltkv.DB {
	t.Helper()
	db, err := bolt.Open(filepath.Join(t.TempDir(), "kv.db"), 0o600, &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	d := boltkv.New(db)
	t.Cleanup(func() { d.Close() })
	return d
}

func TestBucketsCursorAndSequence(t *testing.T) {
	d := open(t)
	ctx := t.Context()
	err := d.Update(ctx, func(tx kv.Tx) error {
		if !tx.Writable() {
			t.Error("Update's transaction is not writable")
		}
		if tx.Bucket([]byte("b")) != nil {
			t.Error("a missing bucket is not a nil kv.Bucket")
		}
		if err := tx.DeleteBucket([]byte("b")); !errors.Is(err, kv.ErrNoBucket) {
			t.Errorf("DeleteBucket of a missing bucket: %v", err)
		}
		b, err := tx.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		for _, k := range []string{"c", "a", "b"} {
			if err := b.Put([]byte(k), []byte("v"+k)); err != nil {
				return err
			}
		}
		if n, err := b.NextSequence(); err != nil || n != 1 {
			t.Errorf("NextSequence = %d, %v", n, err)
		}
		return b.Delete([]byte("nothing"))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = d.View(ctx, func(tx kv.Tx) error {
		if tx.Writable() {
			t.Error("View's transaction is writable")
		}
		b := tx.Bucket([]byte("b"))
		if b.KeyN() != 3 || string(b.Get([]byte("a"))) != "va" {
			t.Errorf("KeyN %d, a = %q", b.KeyN(), b.Get([]byte("a")))
		}
		c := b.Cursor()
		if k, _ := c.Seek([]byte("bb")); string(k) != "c" {
			t.Errorf("Seek(bb) = %q", k)
		}
		if k, _ := c.Last(); string(k) != "c" {
			t.Errorf("Last = %q", k)
		}
		if k, _ := c.Next(); k != nil {
			t.Errorf("Next past the end = %q", k)
		}
		if s := b.(kv.Sequencer).Sequence(); s != 1 {
			t.Errorf("Sequence = %d", s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestEndedContextStartsNothing(t *testing.T) {
	d := open(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	ran := false
	if err := d.Update(ctx, func(kv.Tx) error { ran = true; return nil }); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("Update with an ended ctx: %v, ran %v", err, ran)
	}
	if err := d.View(ctx, func(kv.Tx) error { ran = true; return nil }); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("View with an ended ctx: %v, ran %v", err, ran)
	}
}
