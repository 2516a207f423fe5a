package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// TestCaseCacheServesOnlyWhatTheFileHolds: an entry whose bytes are not
// the file's (a write whose commit failed after the case was put) is not
// used.
func TestCaseCacheServesOnlyWhatTheFileHolds(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "m.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	c := &record.Case{Channel: "C0CACHE", Title: "In het bestand", StartedAt: start, UpdatedAt: start, Status: record.StatusOpen}
	if err := s.CreateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	s.cases.keep(c.ID, []byte(`{"title":"nooit vastgelegd"}`), &record.Case{ID: c.ID, Title: "nooit vastgelegd"})
	got, err := s.Case(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "In het bestand" {
		t.Errorf("Case served %q from the cache, want the file's %q", got.Title, "In het bestand")
	}
	again, err := s.Case(ctx, c.ID) // now from the cache
	if err != nil {
		t.Fatal(err)
	}
	if again.Title != "In het bestand" || again == got {
		t.Errorf("second read: %q (same pointer: %v)", again.Title, again == got)
	}
}
