package kvtest

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// want checks that a cursor move landed on key (nil: past the end) with
// fill's value.
func want(t *testing.T, what string, k, v, key []byte) {
	t.Helper()
	if !bytes.Equal(k, key) || (k == nil) != (key == nil) {
		t.Errorf("%s = %x, want %x", what, k, key)
		return
	}
	if k != nil && !bytes.Equal(v, append([]byte("v"), k...)) {
		t.Errorf("%s: value %q, want %q", what, v, append([]byte("v"), k...))
	}
}

func testCursor(t *testing.T, db kv.DB) {
	fill(t, db, edgeKeys...)
	n := len(edgeKeys)
	view(t, db, func(b kv.Bucket) error {
		c := b.Cursor()
		k, v := c.First()
		want(t, "First", k, v, edgeKeys[0])
		for i := 1; i < n; i++ {
			k, v = c.Next()
			want(t, fmt.Sprintf("Next %d", i), k, v, edgeKeys[i])
		}
		k, v = c.Next()
		want(t, "Next past the end", k, v, nil)
		// bbolt: past the end the cursor stays on the last key.
		k, v = c.Prev()
		want(t, "Prev after running off the end", k, v, edgeKeys[n-2])

		k, v = c.Last()
		want(t, "Last", k, v, edgeKeys[n-1])
		for i := n - 2; i >= 0; i-- {
			k, v = c.Prev()
			want(t, fmt.Sprintf("Prev %d", i), k, v, edgeKeys[i])
		}
		k, v = c.Prev()
		want(t, "Prev before the start", k, v, nil)
		k, v = c.Next()
		want(t, "Next after running off the start", k, v, edgeKeys[1])

		// Seek: on a key, between keys, before all, past the end.
		k, v = c.Seek([]byte("a"))
		want(t, "Seek a", k, v, []byte("a"))
		k, v = c.Seek([]byte("a\x00\x00"))
		want(t, "Seek between a\\x00 and ab", k, v, []byte("ab"))
		k, v = c.Prev()
		want(t, "Prev after Seek", k, v, []byte("a\x00"))
		k, v = c.Next()
		want(t, "Next after Prev", k, v, []byte("ab"))
		k, v = c.Seek(nil)
		want(t, "Seek nil", k, v, edgeKeys[0])
		k, v = c.Seek([]byte{0xff, 0xff, 0x00})
		want(t, "Seek past the end", k, v, nil)
		k, v = c.Prev()
		want(t, "Prev after Seek past the end", k, v, edgeKeys[n-1])
		return nil
	})
}

// testCursorPages walks more keys than a page both ways, turning round
// in the middle.
func testCursorPages(t *testing.T, db kv.DB) {
	keys := numbered(700)
	fill(t, db, keys...)
	view(t, db, func(b kv.Bucket) error {
		c := b.Cursor()
		i := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			want(t, "forward", k, v, keys[i])
			i++
		}
		if i != len(keys) {
			t.Errorf("forward walk: %d keys, want %d", i, len(keys))
		}
		i = len(keys) - 1
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			want(t, "backward", k, v, keys[i])
			i--
		}
		if i != -1 {
			t.Errorf("backward walk stopped before key %d", i)
		}
		// Seek to the middle, back 300 then forward 500.
		k, v := c.Seek(keys[350])
		want(t, "Seek", k, v, keys[350])
		for i := 349; i >= 50; i-- {
			k, v = c.Prev()
			want(t, "Prev", k, v, keys[i])
		}
		for i := 51; i < 551; i++ {
			k, v = c.Next()
			want(t, "Next", k, v, keys[i])
		}
		return nil
	})
}

// testCursorOwnWrites changes the bucket in the transaction: a cursor
// placed (First, Last, Seek) after the change sees it. (Between moves,
// bbolt's cursor may miss changes: reposition after writing, as bbolt's
// documentation says; pgkv's sees them, which its own tests check.)
func testCursorOwnWrites(t *testing.T, db kv.DB) {
	keys := numbered(300)
	fill(t, db, keys...)
	update(t, db, func(b kv.Bucket) error {
		c := b.Cursor()
		k, v := c.Seek(keys[10])
		want(t, "Seek", k, v, keys[10])
		put := append(bytes.Clone(keys[10]), 0)
		if err := b.Put(put, append([]byte("v"), put...)); err != nil {
			return err
		}
		if err := b.Delete(keys[11]); err != nil {
			return err
		}
		k, v = c.Seek(keys[10])
		want(t, "Seek after the writes", k, v, keys[10])
		k, v = c.Next()
		want(t, "Next onto a key put", k, v, put)
		k, v = c.Next()
		want(t, "Next past a key deleted", k, v, keys[12])
		if err := b.Put(keys[0], []byte("new")); err != nil {
			return err
		}
		if k, v = b.Cursor().First(); !bytes.Equal(k, keys[0]) || string(v) != "new" {
			t.Errorf("First of a new cursor after Put = %q %q, want %q new", k, v, keys[0])
		}
		last := []byte("z")
		if err := b.Put(last, append([]byte("v"), last...)); err != nil {
			return err
		}
		k, v = c.Last()
		want(t, "Last after a Put past the end", k, v, last)
		n := 0
		if err := b.ForEach(func(k, v []byte) error { n++; return nil }); err != nil {
			return err
		}
		if n != 301 {
			t.Errorf("ForEach after the writes: %d keys, want 301", n)
		}
		return nil
	})
}

func testCursorEmpty(t *testing.T, db kv.DB) {
	update(t, db, func(b kv.Bucket) error { return nil })
	view(t, db, func(b kv.Bucket) error {
		c := b.Cursor()
		for what, move := range map[string]func() ([]byte, []byte){
			"First": c.First, "Last": c.Last, "Next": c.Next, "Prev": c.Prev,
			"Seek": func() ([]byte, []byte) { return c.Seek([]byte("x")) },
		} {
			if k, v := move(); k != nil || v != nil {
				t.Errorf("%s on an empty bucket = %q, %q", what, k, v)
			}
		}
		return nil
	})
}
