package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

func TestQuietCases(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := context.Background()
		t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		cutoff := t0.Add(5 * 24 * time.Hour)
		mk := func(channel string, updated time.Time, status record.Status) int64 {
			c := newCase(channel, "Casus", t0)
			c.UpdatedAt, c.Status = updated, status
			return mustCreate(t, s, c).ID
		}
		quiet := mk("C1", t0, record.StatusOpen)
		recent := mk("C1", cutoff.Add(time.Hour), record.StatusOpen)
		pausedRecently := mk("C1", cutoff.Add(time.Hour), record.StatusPaused)
		closed := mk("C1", t0, record.StatusClosed)
		other := mk("C2", t0, record.StatusOpen)

		got, err := s.QuietCases(ctx, "C1", cutoff)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int64{quiet, pausedRecently}; !slices.Equal(ids(got), want) {
			t.Errorf("quiet cases %v, want %v (recent %d, closed %d, other channel %d left out)", ids(got), want, recent, closed, other)
		}
		// A change moves a case out of (and back into) the quiet ones.
		if _, err := s.UpdateCase(ctx, quiet, func(c *record.Case) error { c.UpdatedAt = cutoff.Add(time.Minute); return nil }); err != nil {
			t.Fatal(err)
		}
		got, _ = s.QuietCases(ctx, "C1", cutoff)
		if slices.Contains(ids(got), quiet) {
			t.Errorf("a case changed after the cutoff is still quiet: %v", ids(got))
		}
	})
}
