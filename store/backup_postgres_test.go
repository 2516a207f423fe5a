package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

// Backup of a PostgreSQL database, while a store works on it, is a bbolt
// file that opens with every case, a mode only its owner reads, and no
// half file left when it fails.
func TestBackupPostgres(t *testing.T) {
	where := pgtest.URL(t)
	s := store.Engines()[1].OpenAt(t, where, store.Options{})
	for i := range 30 {
		mustCreate(t, s, newCase("C0BACKUP", "Casus voor de back-up", t0.Add(time.Duration(i)*time.Hour)))
	}
	file := filepath.Join(t.TempDir(), "backup.db")
	n, err := store.Backup(t.Context(), where, file)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(file)
	if err != nil || fi.Size() != n || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, size %d (reported %d), mode %v", err, fi.Size(), n, fi.Mode().Perm())
	}
	b := store.Engines()[0].OpenAt(t, file, store.Options{})
	if got, err := b.CountCases(t.Context()); err != nil || got != 30 {
		t.Errorf("the backup holds %d cases (%v), want 30", got, err)
	}
	c, err := b.Case(t.Context(), 30)
	if err != nil || c.Title != "Casus voor de back-up" {
		t.Errorf("case 30 in the backup: %v %v", c, err)
	}

	// A database that cannot be reached leaves no file, and the message
	// does not show the password.
	bad := "postgres://maatwerkbot:geheim-wachtwoord@127.0.0.1:1/maatwerkbot?connect_timeout=2"
	other := filepath.Join(t.TempDir(), "other.db")
	_, err = store.Backup(t.Context(), bad, other)
	if err == nil || strings.Contains(err.Error(), "geheim-wachtwoord") {
		t.Errorf("backup of an unreachable database: %v", err)
	}
	if _, serr := os.Stat(other); !os.IsNotExist(serr) {
		t.Errorf("a failed backup left %s", other)
	}
	entries, _ := os.ReadDir(filepath.Dir(other))
	if len(entries) != 0 {
		t.Errorf("a failed backup left files: %v", entries)
	}
}
