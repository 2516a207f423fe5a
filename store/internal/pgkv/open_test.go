package pgkv_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/pgkv"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

// TestOpenErrorHidesPassword: a connection error is one line without
// the password.
func TestOpenErrorHidesPassword(t *testing.T) {
	ctx := context.Background()
	for _, u := range []string{
		"postgres://maatwerk:s3cretpw@127.0.0.1:1/db?connect_timeout=2",
		"postgresql://maatwerk@127.0.0.1:1/db?password=s3cretpw&connect_timeout=2",
		"mysql://maatwerk:s3cretpw@127.0.0.1:1/db",
		"postgres://maatwerk:s3cretpw@127.0.0.1:1/db?sslmode=bogus",
		"host=127.0.0.1 password=s3cretpw",
	} {
		db, err := pgkv.Open(ctx, u, pgkv.Options{})
		if err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", u)
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, "s3cretpw") || strings.Contains(msg, "\n") {
			t.Errorf("Open's error shows the password or is not one line: %q", msg)
		}
		t.Log(msg)
	}
}

// TestMigrations: replicas opening one new database at once all
// succeed, and every migration is recorded once.
func TestMigrations(t *testing.T) {
	u := pgtest.URL(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			db, err := pgkv.Open(context.Background(), u, pgkv.Options{})
			if err != nil {
				t.Error(err)
				return
			}
			db.Close()
		})
	}
	wg.Wait()
	var logged []string
	db, err := pgkv.Open(context.Background(), u, pgkv.Options{Log: func(m string) { logged = append(logged, m) }})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if len(logged) != 0 {
		t.Errorf("a migrated database was migrated again: %q", logged)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n, last int
	if err := conn.QueryRow(ctx, "SELECT count(*), max(version) FROM maatwerk_schema").Scan(&n, &last); err != nil {
		t.Fatal(err)
	}
	if n != last || n < 2 {
		t.Errorf("maatwerk_schema has %d rows up to version %d", n, last)
	}
	// A database from a newer version is refused.
	if _, err := conn.Exec(ctx, "INSERT INTO maatwerk_schema (version, name) VALUES (999, 'future')"); err != nil {
		t.Fatal(err)
	}
	if db, err := pgkv.Open(ctx, u, pgkv.Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		if db != nil {
			db.Close()
		}
		t.Errorf("Open of a database with a newer schema = %v", err)
	}
}

// TestStickyError: a read that fails returns nil, and View or Update
// returns its error; the Update commits nothing.
func TestStickyError(t *testing.T) {
	db := open(t)
	err := db.Update(context.Background(), func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, write := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		run := db.View
		if write {
			run = db.Update
		}
		err := run(ctx, func(tx kv.Tx) error {
			b := tx.Bucket([]byte("b"))
			if write {
				if err := b.Put([]byte("new"), []byte("x")); err != nil {
					return err
				}
			}
			cancel()
			if v := b.Get([]byte("k")); v != nil {
				t.Errorf("Get after a failure = %q, want nil", v)
			}
			if n := b.KeyN(); n != 0 {
				t.Errorf("KeyN after a failure = %d, want 0", n)
			}
			if k, _ := b.Cursor().First(); k != nil {
				t.Errorf("First after a failure = %q, want nil", k)
			}
			return nil // fn does not see the failure; View/Update report it
		})
		if err == nil || !errors.Is(err, context.Canceled) {
			t.Errorf("write %v: error %v, want the read's (context canceled)", write, err)
		}
	}
	err = db.View(context.Background(), func(tx kv.Tx) error {
		if v := tx.Bucket([]byte("b")).Get([]byte("new")); v != nil {
			t.Error("an Update whose read failed committed its write")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkUpdate is the latency of one small Update (one Put) on the
// test server.
func BenchmarkUpdate(b *testing.B) {
	db := open(b)
	ctx := context.Background()
	value := make([]byte, 100)
	i := 0
	for b.Loop() {
		i++
		err := db.Update(ctx, func(tx kv.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("b"))
			if err != nil {
				return err
			}
			return bk.Put([]byte{byte(i), byte(i >> 8)}, value)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkView is the latency of one View with one Get.
func BenchmarkView(b *testing.B) {
	db := open(b)
	ctx := context.Background()
	db.Update(ctx, func(tx kv.Tx) error {
		bk, err := tx.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		return bk.Put([]byte("k"), make([]byte, 100))
	})
	for b.Loop() {
		err := db.View(ctx, func(tx kv.Tx) error {
			if tx.Bucket([]byte("b")).Get([]byte("k")) == nil {
				return errors.New("missing")
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
