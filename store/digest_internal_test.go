package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// TestMigrationBuildsDigestIndexes opens a file as schema version 1 left
// it (cases, no activity index, no channel list) and checks that migration
// 2 builds both.
// bbolt only: an old schema is written into a file; a PostgreSQL database
// is made at the current schema, or copied from a migrated file.
func TestMigrationBuildsDigestIndexes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	s, err := Open(ctx, path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, time.November, 2, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		c := &record.Case{Channel: "C1", Title: "Casus", StartedAt: start.Add(time.Duration(i) * time.Hour),
			UpdatedAt: start.Add(time.Duration(i) * time.Hour), Status: record.StatusOpen}
		if err := s.CreateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	// Back to version 1: the digest buckets empty, the schema 1.
	err = s.db.Update(ctx, func(tx kv.Tx) error {
		for _, b := range digestBuckets() {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, itob(1))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	upgrade := time.Now()
	s, err = Open(ctx, path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(); v != SchemaVersionCurrent() || v < 2 {
		t.Fatalf("schema %d after migration", v)
	}
	cases, err := s.DigestCases(ctx, "C1", "", start, start)
	if err != nil || len(cases) != 3 {
		t.Fatalf("after migration DigestCases found %d cases (%v), want 3", len(cases), err)
	}
	// The channel has its digest from the upgrade on, not from its first
	// case (no digest of last week posted at once).
	cs, err := s.Channel(ctx, "C1")
	if err != nil || cs.Since.Before(upgrade) {
		t.Errorf("channel C1 after migration: %+v, %v; want since the upgrade (%v)", cs, err, upgrade)
	}
}
