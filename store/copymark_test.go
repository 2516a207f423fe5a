package store_test

import (
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestCopyMark: a migration's mark is recorded, survives a reopen, and is
// cleared when a bot starts serving; Empty tells a new database from one
// with cases.
func TestCopyMark(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := t.Context()
		where := e.Fresh(t)
		s := e.OpenAt(t, where, store.Options{NoSync: true})
		if src, ok, err := s.CopyMark(ctx); err != nil || ok || src != "" {
			t.Fatalf("CopyMark on a new database = %q, %v, %v", src, ok, err)
		}
		if empty, err := s.Empty(ctx); err != nil || !empty {
			t.Errorf("Empty on a new database = %v, %v", empty, err)
		}
		if err := s.MarkCopy(ctx, "/data/maatwerk.db"); err != nil {
			t.Fatal(err)
		}
		mustCreate(t, s, newCase("C1", "Gekopieerd", time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)))
		s.Close()
		s = e.OpenAt(t, where, store.Options{NoSync: true})
		if src, ok, err := s.CopyMark(ctx); err != nil || !ok || src != "/data/maatwerk.db" {
			t.Errorf("CopyMark after reopen = %q, %v, %v", src, ok, err)
		}
		if empty, err := s.Empty(ctx); err != nil || empty {
			t.Errorf("Empty with a case = %v, %v", empty, err)
		}
		if err := s.ServingStarted(ctx); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.CopyMark(ctx); err != nil || ok {
			t.Errorf("CopyMark after ServingStarted = %v, %v; want none", ok, err)
		}
		if err := s.ServingStarted(ctx); err != nil {
			t.Errorf("ServingStarted again: %v", err)
		}
	})
}
