package kvtest

import (
	"context"
	"encoding/binary"
	"errors"
	"sync"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

func testNextSequence(t *testing.T, db kv.DB) {
	update(t, db, func(b kv.Bucket) error {
		for want := uint64(1); want <= 3; want++ {
			n, err := b.NextSequence()
			if err != nil {
				return err
			}
			if n != want {
				t.Errorf("NextSequence = %d, want %d", n, want)
			}
		}
		return nil
	})
	// Another bucket has its own sequence.
	err := db.Update(context.Background(), func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("other"))
		if err != nil {
			return err
		}
		if n, err := b.NextSequence(); err != nil || n != 1 {
			t.Errorf("NextSequence of a new bucket = %d, %v; want 1", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	update(t, db, func(b kv.Bucket) error {
		if n, err := b.NextSequence(); err != nil || n < 4 {
			t.Errorf("NextSequence in a later transaction = %d, %v; want 4 or more", n, err)
		}
		return nil
	})
}

func testRollback(t *testing.T, db kv.DB) {
	fill(t, db, []byte("keep"))
	boom := errors.New("boom")
	err := db.Update(context.Background(), func(tx kv.Tx) error {
		b := tx.Bucket(bk)
		if _, err := b.NextSequence(); err != nil {
			return err
		}
		if err := b.Put([]byte("new"), []byte("x")); err != nil {
			return err
		}
		if err := b.Delete([]byte("keep")); err != nil {
			return err
		}
		if _, err := tx.CreateBucketIfNotExists([]byte("new bucket")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want fn's error", err)
	}
	err = db.View(context.Background(), func(tx kv.Tx) error {
		b := tx.Bucket(bk)
		if b.Get([]byte("new")) != nil || b.Get([]byte("keep")) == nil {
			t.Error("a failed Update left its writes")
		}
		if tx.Bucket([]byte("new bucket")) != nil {
			t.Error("a failed Update left its bucket")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The sequence may have a gap; it never goes back.
	update(t, db, func(b kv.Bucket) error {
		if n, err := b.NextSequence(); err != nil || n < 1 {
			t.Errorf("NextSequence after a rollback = %d, %v", n, err)
		}
		return nil
	})
}

func testKeyN(t *testing.T, db kv.DB) {
	update(t, db, func(b kv.Bucket) error {
		if n := b.KeyN(); n != 0 {
			t.Errorf("KeyN of a new bucket = %d", n)
		}
		return nil
	})
	fill(t, db, numbered(300)...)
	update(t, db, func(b kv.Bucket) error { return b.Delete([]byte("k00007")) })
	view(t, db, func(b kv.Bucket) error {
		if n := b.KeyN(); n != 299 {
			t.Errorf("KeyN = %d, want 299", n)
		}
		return nil
	})
}

func testBuckets(t *testing.T, db kv.DB) {
	ctx := context.Background()
	err := db.Update(ctx, func(tx kv.Tx) error {
		if tx.Bucket([]byte("x")) != nil {
			t.Error("Bucket of a missing bucket is not nil")
		}
		if err := tx.DeleteBucket([]byte("x")); !errors.Is(err, kv.ErrNoBucket) {
			t.Errorf("DeleteBucket of a missing bucket = %v, want ErrNoBucket", err)
		}
		for _, name := range []string{"x", "x", "y", "x\x00"} {
			b, err := tx.CreateBucketIfNotExists([]byte(name))
			if err != nil {
				return err
			}
			if err := b.Put([]byte("k"), []byte(name)); err != nil {
				return err
			}
		}
		if tx.Bucket([]byte("x")) == nil {
			t.Error("a bucket made in this transaction is missing")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx kv.Tx) error {
		if err := tx.DeleteBucket([]byte("x")); err != nil {
			return err
		}
		if tx.Bucket([]byte("x")) != nil {
			t.Error("a deleted bucket is still there")
		}
		// Made again, it is empty.
		b, err := tx.CreateBucketIfNotExists([]byte("x"))
		if err != nil {
			return err
		}
		if v := b.Get([]byte("k")); v != nil {
			t.Errorf("a bucket deleted and made again has %q", v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.View(ctx, func(tx kv.Tx) error {
		for _, name := range []string{"y", "x\x00"} {
			if v := tx.Bucket([]byte(name)).Get([]byte("k")); string(v) != name {
				t.Errorf("bucket %q has %q", name, v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testReadOnly(t *testing.T, db kv.DB) {
	fill(t, db, []byte("k"))
	err := db.View(context.Background(), func(tx kv.Tx) error {
		if tx.Writable() {
			t.Error("a View transaction is writable")
		}
		if err := tx.Bucket(bk).Put([]byte("k"), []byte("x")); err == nil {
			t.Error("Put in a View transaction succeeded")
		}
		if _, err := tx.CreateBucketIfNotExists([]byte("z")); err == nil {
			t.Error("CreateBucketIfNotExists in a View transaction succeeded")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	update(t, db, func(b kv.Bucket) error { return nil })
	db.Update(context.Background(), func(tx kv.Tx) error {
		if !tx.Writable() {
			t.Error("an Update transaction is not writable")
		}
		return nil
	})
}

// testSnapshot commits an Update while a View is open: the View keeps
// seeing the state it started with. (On bbolt, open the database with an
// InitialMmapSize: a commit that must grow the map waits for open reads.)
func testSnapshot(t *testing.T, db kv.DB) {
	fill(t, db, []byte("a"))
	read := make(chan struct{})
	written := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- db.View(context.Background(), func(tx kv.Tx) error {
			b := tx.Bucket(bk)
			if string(b.Get([]byte("a"))) != "va" {
				t.Error("View: first read is wrong")
			}
			close(read)
			<-written
			if v := b.Get([]byte("a")); string(v) != "va" {
				t.Errorf("View sees %q after a concurrent commit, want its snapshot's va", v)
			}
			if v := b.Get([]byte("b")); v != nil {
				t.Errorf("View sees a key committed after it started")
			}
			if n := b.KeyN(); n != 1 {
				t.Errorf("View's KeyN = %d after a concurrent commit, want 1", n)
			}
			return nil
		})
	}()
	<-read
	update(t, db, func(b kv.Bucket) error {
		if err := b.Put([]byte("a"), []byte("changed")); err != nil {
			return err
		}
		return b.Put([]byte("b"), []byte("vb"))
	})
	close(written)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// testSerialUpdates has 20 goroutines increment one counter: no
// increment is lost.
func testSerialUpdates(t *testing.T, db kv.DB) {
	const n = 20
	key := []byte("counter")
	update(t, db, func(b kv.Bucket) error { return nil })
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			err := db.Update(context.Background(), func(tx kv.Tx) error {
				b := tx.Bucket(bk)
				var c uint64
				if v := b.Get(key); v != nil {
					c = binary.BigEndian.Uint64(v)
				}
				return b.Put(key, binary.BigEndian.AppendUint64(nil, c+1))
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	view(t, db, func(b kv.Bucket) error {
		if c := binary.BigEndian.Uint64(b.Get(key)); c != n {
			t.Errorf("counter = %d after %d increments", c, n)
		}
		return nil
	})
}

func testCancelled(t *testing.T, db kv.DB) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	if err := db.View(ctx, func(kv.Tx) error { ran = true; return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("View with a cancelled context = %v", err)
	}
	if err := db.Update(ctx, func(kv.Tx) error { ran = true; return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Update with a cancelled context = %v", err)
	}
	if ran {
		t.Error("fn ran with a cancelled context")
	}
}
