package groupcommit

import (
	"encoding/binary"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func open(t *testing.T) *bolt.DB {
	t.Helper()
	db, err := bolt.Open(filepath.Join(t.TempDir(), "g.db"), 0o600, &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("b")); return err }); err != nil {
		t.Fatal(err)
	}
	return db
}

// Many writers increment counters; every third write fails and one panics.
// Each successful write must count exactly once, failed ones not at all,
// and each writer gets its own function's error.
func TestWritesCountOnceAndFailuresStayApart(t *testing.T) {
	db := open(t)
	w := New[*bolt.Tx](db.Update)
	defer w.Close()
	errNo := errors.New("nee")
	const writers, rounds = 32, 50
	var wg sync.WaitGroup
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				key := []byte{byte(g % 4)}
				err := w.Write(func(tx *bolt.Tx) error {
					b := tx.Bucket([]byte("b"))
					n := uint64(0)
					if v := b.Get(key); v != nil {
						n = binary.BigEndian.Uint64(v)
					}
					if err := b.Put(key, binary.BigEndian.AppendUint64(nil, n+1)); err != nil {
						return err
					}
					switch {
					case g == 0 && r == 7:
						panic("kapot")
					case r%3 == 2:
						return errNo
					}
					return nil
				})
				switch {
				case g == 0 && r == 7:
					if err == nil {
						t.Error("a panicking write succeeded")
					}
				case r%3 == 2:
					if !errors.Is(err, errNo) {
						t.Errorf("failing write: err = %v", err)
					}
				case err != nil:
					t.Errorf("write: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	want := 0
	for g := range writers {
		for r := range rounds {
			if r%3 != 2 && !(g == 0 && r == 7) {
				want++
			}
		}
	}
	total := 0
	db.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("b")).ForEach(func(_, v []byte) error {
			total += int(binary.BigEndian.Uint64(v))
			return nil
		})
	})
	if total != want {
		t.Errorf("stored %d increments, want %d", total, want)
	}
}

func TestWriteAfterClose(t *testing.T) {
	w := New[*bolt.Tx](open(t).Update)
	if err := w.Write(func(*bolt.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	w.Close()
	w.Close()
	if err := w.Write(func(*bolt.Tx) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: %v", err)
	}
}
