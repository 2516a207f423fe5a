package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/boltkv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/pgkv"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

// The one table of engines the store's behaviour tests run on (issue
// 18.5): a test that passes on bbolt and fails on PostgreSQL shows a real
// difference between the engines. It lives in package store so that both
// the internal tests and package store_test (engines_alias_test.go) use
// it. Tests of what only a bbolt file has (damaged files, the file lock,
// Compact, the backup socket, Check) stay on bbolt alone.

// Engine is one of the store's engines.
type Engine struct {
	Name string
	// Fresh returns the location of a new, empty database: a file path
	// (bbolt) or a postgres:// URL (dropped when the test ends).
	Fresh func(tb testing.TB) string
}

// Engines is the table: bbolt and PostgreSQL. PostgreSQL's subtests skip
// when there is none (pgtest), unless MAATWERK_TEST_POSTGRES_REQUIRED=1.
func Engines() []Engine {
	return []Engine{
		{"bbolt", func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "maatwerk.db") }},
		{"postgres", func(tb testing.TB) string { return pgtest.URL(tb) }},
	}
}

// EachEngine runs fn as a parallel subtest per engine (t.Run(e.Name, …));
// each subtest makes its own database.
func EachEngine(t *testing.T, fn func(t *testing.T, e Engine)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, e)
		})
	}
}

// Open opens a new, empty database on the engine (without fsync) and
// closes it when the test ends.
func (e Engine) Open(tb testing.TB) *Store {
	tb.Helper()
	return e.OpenAt(tb, e.Fresh(tb), Options{NoSync: true})
}

// OpenAt opens the database at where (from Fresh, to open one again) and
// closes it when the test ends; closing it earlier is fine.
func (e Engine) OpenAt(tb testing.TB, where string, opts Options) *Store {
	tb.Helper()
	s, err := Open(context.Background(), where, opts)
	if err != nil {
		tb.Fatalf("Open(%s): %v", Redacted(where), err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close(%s): %v", Redacted(where), err)
		}
	})
	return s
}

// openWrapped opens a new database on the engine with its kv.DB passed
// through wrap first (a fault-injecting wrapper), closed when the test ends.
func (e Engine) openWrapped(tb testing.TB, wrap func(kv.DB) kv.DB) *Store {
	tb.Helper()
	where := e.Fresh(tb)
	var db kv.DB
	if IsPostgres(where) {
		p, err := pgkv.Open(tb.Context(), where, pgkv.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		db = p
	} else {
		b, err := bolt.Open(where, 0o600, &bolt.Options{NoSync: true})
		if err != nil {
			tb.Fatal(err)
		}
		db = boltkv.New(b)
	}
	s, err := openEngine(tb.Context(), wrap(db), Redacted(where), Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// PutRaw writes value under key in bucket as it is, past the store's
// encoding: a record that does not decode, as a bug or a damaged disk may
// leave one, written the same way on every engine.
func PutRaw(ctx context.Context, s *Store, bucket string, key, value []byte) error {
	return s.update(ctx, func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte(bucket))
		if err != nil {
			return err
		}
		return b.Put(key, value)
	})
}

// GetRaw returns the value under key in bucket as it is stored (nil for
// none), and whether the bucket exists.
func GetRaw(ctx context.Context, s *Store, bucket string, key []byte) (v []byte, ok bool, err error) {
	err = s.view(ctx, func(tx kv.Tx) error {
		b := tx.Bucket([]byte(bucket))
		if b == nil {
			return nil
		}
		ok = true
		if got := b.Get(key); got != nil {
			v = append([]byte{}, got...)
		}
		return nil
	})
	return v, ok, err
}

// DumpRaw returns every key and value of every bucket, as they are
// stored, one after the other: to look for what must not be stored.
func DumpRaw(ctx context.Context, s *Store) ([]byte, error) {
	var out []byte
	err := s.view(ctx, func(tx kv.Tx) error {
		for _, name := range append(copiedBuckets(), bucketCopyMark) {
			b := tx.Bucket(name)
			if b == nil {
				continue
			}
			if err := b.ForEach(func(k, v []byte) error {
				out = append(append(append(out, k...), '\n'), v...)
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// RawAt opens the database at where as the engine alone (no store: no
// buckets made, no schema checked or migrated) and returns the value of
// key in bucket (nil for none) and the bucket's number of keys.
func RawAt(tb testing.TB, where, bucket string, key []byte) (v []byte, keyN int) {
	tb.Helper()
	var db kv.DB
	if IsPostgres(where) {
		p, err := pgkv.Open(tb.Context(), where, pgkv.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		db = p
	} else {
		b, err := bolt.Open(where, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		if err != nil {
			tb.Fatal(err)
		}
		db = boltkv.New(b)
	}
	defer db.Close()
	err := db.View(tb.Context(), func(tx kv.Tx) error {
		if b := tx.Bucket([]byte(bucket)); b != nil {
			if got := b.Get(key); got != nil {
				v = append([]byte{}, got...)
			}
			keyN = b.KeyN()
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return v, keyN
}
