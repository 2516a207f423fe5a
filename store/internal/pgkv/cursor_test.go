package pgkv_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

var bk = []byte("b")

func numbered(n int) [][]byte {
	keys := make([][]byte, n)
	for i := range keys {
		keys[i] = fmt.Appendf(nil, "k%05d", i)
	}
	return keys
}

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

func want(t *testing.T, what string, k, v, key []byte) {
	t.Helper()
	if !bytes.Equal(k, key) || (k != nil && !bytes.Equal(v, append([]byte("v"), k...))) {
		t.Errorf("%s = %x %q, want %x", what, k, v, key)
	}
}

// TestCursorSeesWritesBetweenMoves changes the bucket between cursor
// moves: the cursor reads again and sees the change.
func TestCursorSeesWritesBetweenMoves(t *testing.T) {
	db := open(t)
	keys := numbered(300)
	fill(t, db, keys...)
	update(t, db, func(b kv.Bucket) error {
		c := b.Cursor()
		k, v := c.Seek(keys[10])
		want(t, "Seek", k, v, keys[10])
		// Put a key right after the cursor and delete the one after.
		put := append(bytes.Clone(keys[10]), 0)
		if err := b.Put(put, append([]byte("v"), put...)); err != nil {
			return err
		}
		if err := b.Delete(keys[11]); err != nil {
			return err
		}
		k, v = c.Next()
		want(t, "Next onto a key put since", k, v, put)
		k, v = c.Next()
		want(t, "Next past a key deleted since", k, v, keys[12])
		// Backwards: delete the key before, put one before that.
		if err := b.Delete(keys[11]); err != nil {
			return err
		}
		if err := b.Delete(put); err != nil {
			return err
		}
		k, v = c.Prev()
		want(t, "Prev past keys deleted since", k, v, keys[10])
		// Change a value the cursor may have read already.
		if err := b.Put(keys[9], []byte("new")); err != nil {
			return err
		}
		if k, v = c.Prev(); !bytes.Equal(k, keys[9]) || string(v) != "new" {
			t.Errorf("Prev after Put = %q %q, want %q new", k, v, keys[9])
		}
		// Delete the key the cursor is on, then move on.
		if err := b.Delete(keys[9]); err != nil {
			return err
		}
		k, v = c.Next()
		want(t, "Next from a deleted key", k, v, keys[10])
		// ForEach sees the writes too.
		n := 0
		if err := b.ForEach(func(k, v []byte) error { n++; return nil }); err != nil {
			return err
		}
		if n != 298 {
			t.Errorf("ForEach after the writes: %d keys, want 298", n)
		}
		// A key put past the end of a page the cursor read to its end.
		k, v = c.Last()
		want(t, "Last", k, v, keys[299])
		last := []byte("z")
		if err := b.Put(last, append([]byte("v"), last...)); err != nil {
			return err
		}
		k, v = c.Next()
		want(t, "Next onto a key put after the last", k, v, last)
		return nil
	})
}
