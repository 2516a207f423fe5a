// Package kvtest is the conformance suite of package kv: the behaviour
// the store relies on, run against each engine (Run).
package kvtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Run runs the suite; open returns a new, empty database for each test
// and closes it at the test's end (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) kv.DB) {
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, db kv.DB)
	}{
		{"GetPutDelete", testGetPutDelete},
		{"ForEachOrder", testForEachOrder},
		{"ForEachPages", testForEachPages},
		{"ForEachError", testForEachError},
		{"Cursor", testCursor},
		{"CursorPages", testCursorPages},
		{"CursorSeesOwnWrites", testCursorOwnWrites},
		{"CursorEmpty", testCursorEmpty},
		{"NextSequence", testNextSequence},
		{"Rollback", testRollback},
		{"KeyN", testKeyN},
		{"Buckets", testBuckets},
		{"ReadOnly", testReadOnly},
		{"Snapshot", testSnapshot},
		{"SerialUpdates", testSerialUpdates},
		{"CancelledContext", testCancelled},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

var bk = []byte("b")

// update runs fn in an Update with the bucket, failing the test on error.
func update(t *testing.T, db kv.DB, fn func(b kv.Bucket) error) {
	t.Helper()
	err := db.Update(context.Background(), func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bk)
		if err != nil {
			return err
		}
		return fn(b)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// view runs fn in a View with the bucket, failing the test on error.
func view(t *testing.T, db kv.DB, fn func(b kv.Bucket) error) {
	t.Helper()
	err := db.View(context.Background(), func(tx kv.Tx) error {
		b := tx.Bucket(bk)
		if b == nil {
			return errors.New("no bucket")
		}
		return fn(b)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// fill puts keys (each its own value) in the bucket.
func fill(t *testing.T, db kv.DB, keys ...[]byte) {
	t.Helper()
	update(t, db, func(b kv.Bucket) error {
		for _, k := range keys {
			if err := b.Put(k, append([]byte("v"), k...)); err != nil {
				return err
			}
		}
		return nil
	})
}

// edgeKeys are keys with 0x00 and 0xff bytes and prefixes of each other,
// in byte order.
var edgeKeys = [][]byte{{0x00}, {0x00, 0x00}, {0x00, 0xff}, {0x01}, []byte("a"), []byte("a\x00"), []byte("ab"), []byte("b"), {0x7f}, {0x80}, {0xff}, {0xff, 0x00}, {0xff, 0xff}}

func testGetPutDelete(t *testing.T, db kv.DB) {
	update(t, db, func(b kv.Bucket) error {
		if v := b.Get([]byte("k")); v != nil {
			t.Errorf("Get of a missing key = %q, want nil", v)
		}
		if err := b.Put([]byte("k"), []byte("v1")); err != nil {
			return err
		}
		if v := b.Get([]byte("k")); string(v) != "v1" {
			t.Errorf("Get in the same transaction = %q, want v1", v)
		}
		if err := b.Put([]byte("e"), []byte{}); err != nil {
			return err
		}
		return b.Delete([]byte("missing"))
	})
	view(t, db, func(b kv.Bucket) error {
		if v := b.Get([]byte("k")); string(v) != "v1" {
			t.Errorf("Get = %q, want v1", v)
		}
		if v := b.Get([]byte("e")); v == nil || len(v) != 0 {
			t.Errorf("Get of an empty value = %v, want non-nil and empty", v)
		}
		return nil
	})
	update(t, db, func(b kv.Bucket) error {
		if err := b.Put([]byte("k"), []byte("v2")); err != nil {
			return err
		}
		return b.Delete([]byte("e"))
	})
	view(t, db, func(b kv.Bucket) error {
		if v := b.Get([]byte("k")); string(v) != "v2" {
			t.Errorf("Get after overwrite = %q, want v2", v)
		}
		if v := b.Get([]byte("e")); v != nil {
			t.Errorf("Get after Delete = %q, want nil", v)
		}
		return nil
	})
}

// collect walks the bucket with ForEach.
func collect(b kv.Bucket) ([][]byte, error) {
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		if !bytes.Equal(v, append([]byte("v"), k...)) {
			return fmt.Errorf("key %x has value %q", k, v)
		}
		keys = append(keys, bytes.Clone(k))
		return nil
	})
	return keys, err
}

func testForEachOrder(t *testing.T, db kv.DB) {
	// Put in reverse, read in byte order.
	for i := len(edgeKeys) - 1; i >= 0; i-- {
		fill(t, db, edgeKeys[i])
	}
	view(t, db, func(b kv.Bucket) error {
		keys, err := collect(b)
		if err != nil {
			return err
		}
		if fmt.Sprintf("%x", keys) != fmt.Sprintf("%x", edgeKeys) {
			t.Errorf("ForEach order %x, want %x", keys, edgeKeys)
		}
		return nil
	})
}

// numbered returns n keys "k00000", "k00001", … in order.
func numbered(n int) [][]byte {
	keys := make([][]byte, n)
	for i := range keys {
		keys[i] = fmt.Appendf(nil, "k%05d", i)
	}
	return keys
}

func testForEachPages(t *testing.T, db kv.DB) {
	// More than any engine's page, and a page's multiple.
	for _, n := range []int{0, 1, 256, 257, 1000} {
		keys := numbered(n)
		db.Update(context.Background(), func(tx kv.Tx) error { return tx.DeleteBucket(bk) })
		fill(t, db, keys...)
		view(t, db, func(b kv.Bucket) error {
			got, err := collect(b)
			if err != nil {
				return err
			}
			if len(got) != n || (n > 0 && (!bytes.Equal(got[0], keys[0]) || !bytes.Equal(got[n-1], keys[n-1]))) {
				t.Errorf("ForEach over %d keys: %d keys", n, len(got))
			}
			return nil
		})
	}
}

func testForEachError(t *testing.T, db kv.DB) {
	fill(t, db, numbered(10)...)
	stop := errors.New("stop")
	view(t, db, func(b kv.Bucket) error {
		n := 0
		err := b.ForEach(func(k, v []byte) error {
			n++
			if n == 3 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 3 {
			t.Errorf("ForEach stopped with %v after %d keys, want stop after 3", err, n)
		}
		return nil
	})
}
