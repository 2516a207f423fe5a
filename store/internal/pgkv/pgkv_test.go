package pgkv_test

import (
	"context"
	"os"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv/kvtest"
	"github.com/maatwerkbot/maatwerkbot/store/internal/pgkv"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// open opens a new database for the test, closed at its end.
func open(t testing.TB) *pgkv.DB {
	t.Helper()
	db, err := pgkv.Open(context.Background(), pgtest.URL(t), pgkv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	kvtest.Run(t, func(t *testing.T) kv.DB { return open(t) })
}
