package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

func TestDueLookBacks(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.Open(t)
		t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		due := t0.Add(dialogs.LookBackAfter)
		plan := func(c *record.Case) error { c.LookBack = &record.LookBack{Due: due}; return nil }

		a := mustCreate(t, s, newCase("C1", "Planned", t0))
		b := mustCreate(t, s, newCase("C1", "Not planned", t0))
		gone := mustCreate(t, s, newCase("C2", "Erased", t0))
		for _, id := range []int64{a.ID, gone.ID} {
			if _, err := s.UpdateCase(ctx, id, plan); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.DeleteCase(ctx, gone.ID); err != nil {
			t.Fatal(err)
		}
		check := func(at time.Time, want ...int64) {
			t.Helper()
			got, err := s.DueLookBacks(ctx, at)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("DueLookBacks(%v) = %v, %v; want %v", at, got, err, want)
			}
		}
		check(due.Add(-time.Second))
		check(due, a.ID)
		_ = b

		// Posted: it leaves the index.
		if _, err := s.UpdateCase(ctx, a.ID, func(c *record.Case) error { c.SetPost(record.PostLookBack, "1.2"); return nil }); err != nil {
			t.Fatal(err)
		}
		check(due.Add(time.Hour))
	})
}
