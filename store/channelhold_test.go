package store_test

import (
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestChannelHold: a hold is news once (and again when its reason
// changes, keeping since when), survives a digest schedule being saved and
// a reopen, and is lifted by ReleaseChannel; the channel's cases are not
// touched.
func TestChannelHold(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		where := e.Fresh(t)
		s := e.OpenAt(t, where, store.Options{NoSync: true})
		ctx := t.Context()
		at := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
		if err := s.CreateCase(ctx, newCase("C1", "Casus in C1", at)); err != nil {
			t.Fatal(err)
		}
		steps := []struct {
			why      string
			wantNews bool
		}{
			{store.HoldArchived, true},
			{store.HoldArchived, false},
			{store.HoldRemoved, true},
		}
		for i, st := range steps {
			news, err := s.HoldChannel(ctx, "C1", st.why, at.Add(time.Duration(i)*time.Hour))
			if err != nil || news != st.wantNews {
				t.Errorf("step %d: HoldChannel(%s) = %v, %v; want news %v", i, st.why, news, err, st.wantNews)
			}
		}
		if err := s.SetDigestSchedule(ctx, "C1", store.DigestSchedule{Day: "friday", Hour: 8}); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s = e.OpenAt(t, where, store.Options{NoSync: true})
		held, err := s.HeldChannels(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if h, ok := held["C1"]; !ok || h.Why != store.HoldRemoved || !h.Since.Equal(at) || len(held) != 1 {
			t.Errorf("held = %+v; want C1 removed since %v", held, at)
		}
		was, err := s.ReleaseChannel(ctx, "C1")
		if err != nil || was == nil || was.Why != store.HoldRemoved {
			t.Errorf("ReleaseChannel = %+v, %v", was, err)
		}
		if was, err := s.ReleaseChannel(ctx, "C1"); err != nil || was != nil {
			t.Errorf("second ReleaseChannel = %+v, %v; want nothing to lift", was, err)
		}
		if n, err := s.CountCases(ctx); err != nil || n != 1 {
			t.Errorf("%d cases (%v) after hold and release, want 1", n, err)
		}
		if cs, err := s.Channel(ctx, "C1"); err != nil || cs.Digest.Day != "friday" || cs.Hold != nil {
			t.Errorf("settings = %+v, %v", cs, err)
		}
	})
}

// TestEraseAll erases every case, old and new, with its owed work.
func TestEraseAll(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := t.Context()
		now := time.Now()
		for i, at := range []time.Time{now.AddDate(-3, 0, 0), now, now.Add(time.Hour)} {
			c := newCase("C1", "Casus", at)
			if err := s.CreateCaseWithJob(ctx, c, at, []byte(`{}`)); err != nil {
				t.Fatalf("case %d: %v", i, err)
			}
		}
		gone, err := s.EraseAll(ctx)
		if err != nil || len(gone) != 3 {
			t.Fatalf("EraseAll = %v, %v; want 3 erased", gone, err)
		}
		if n, _ := s.CountCases(ctx); n != 0 {
			t.Errorf("%d cases left", n)
		}
		if n := s.OutboxLen(); n != 0 {
			t.Errorf("%d jobs left", n)
		}
	})
}
