package main

import (
	"bytes"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

// migrateTargets are the databases migrate copies into in these tests.
func migrateTargets() map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"bbolt": func(t *testing.T) string { return filepath.Join(t.TempDir(), "target.db") },
		"postgres": func(t *testing.T) string {
			// With a password (the test server trusts local connections and
			// ignores it), to check that no output shows it.
			u, err := url.Parse(pgtest.URL(t))
			if err != nil {
				t.Fatal(err)
			}
			u.User = url.UserPassword(u.User.Username(), "geheim-wachtwoord")
			return u.String()
		},
	}
}

// TestMigrate: migrate copies every case with the counts per kind, a second
// run copies over its own earlier copy, and a database a bot works on is
// never overwritten.
func TestMigrate(t *testing.T) {
	for name, target := range migrateTargets() {
		t.Run(name, func(t *testing.T) {
			from, e := exportDB(t)
			to := target(t)
			ctx := t.Context()
			var out bytes.Buffer
			if err := run(ctx, []string{"migrate", "-from", from, "-to", to}, nil, &out, &out); err != nil {
				t.Fatalf("migrate: %v\n%s", err, &out)
			}
			if !strings.Contains(out.String(), "cases") || !strings.Contains(out.String(), " 3\n") {
				t.Errorf("the counts do not say 3 cases:\n%s", &out)
			}
			if strings.Contains(out.String(), "geheim-wachtwoord") {
				t.Errorf("the output shows the database's password:\n%s", &out)
			}
			// The operator's export reads the migrated database.
			var csv bytes.Buffer
			if err := runExport(ctx, []string{"--channel", "C0EEN"}, to, e, docEnv{Loc: time.UTC}, &csv); err != nil {
				t.Fatalf("export from the migrated database: %v", err)
			}
			if !strings.Contains(csv.String(), "Verhuiskosten") || strings.Contains(csv.String(), "Casus van een ander team") {
				t.Errorf("export of C0EEN:\n%s", &csv)
			}
			st, err := store.Open(ctx, to, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []int64{1, 2, 3} {
				if _, err := st.Case(ctx, id); err != nil {
					t.Errorf("case %d after the migration: %v", id, err)
				}
			}
			st.Close()

			out.Reset()
			if err := run(ctx, []string{"migrate", "-from", from, "-to", to}, nil, &out, &out); err != nil {
				t.Fatalf("second run: %v\n%s", err, &out)
			}
			if !strings.Contains(out.String(), "earlier copy") {
				t.Errorf("the second run does not say it goes on with the earlier copy:\n%s", &out)
			}

			// The bot starts on it (serve clears the mark): now migrate
			// refuses, and the database keeps what the bot did.
			st, err = store.Open(ctx, to, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.ServingStarted(ctx); err != nil {
				t.Fatal(err)
			}
			st.Close()
			err = run(ctx, []string{"migrate", "-from", from, "-to", to}, nil, &out, &out)
			if err == nil || !strings.Contains(err.Error(), "already holds cases") {
				t.Errorf("migrate over a database a bot works on: err = %v", err)
			}
		})
	}
}

func TestMigrateUsage(t *testing.T) {
	for _, args := range [][]string{{"migrate"}, {"migrate", "-from", "a.db"}, {"migrate", "-to", "b.db"}, {"migrate", "-from", "a.db", "-to", "b.db", "extra"}} {
		err := run(t.Context(), args, nil, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "usage: maatwerkbot migrate") {
			t.Errorf("%v: err = %v", args, err)
		}
	}
}
