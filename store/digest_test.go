package store_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

func caseIDs(cs []*record.Case) []int64 {
	var out []int64
	for _, c := range cs {
		out = append(out, c.ID)
	}
	slices.Sort(out)
	return out
}

func TestDigestCasesReadsTheActivityIndex(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.Open(t)
		day := func(n int) time.Time { return t0.AddDate(0, 0, n) }
		add := func(channel string, start, updated time.Time, status record.Status) int64 {
			c := newCase(channel, "Casus", start)
			c.UpdatedAt, c.Status = updated, status
			mustCreate(t, s, c)
			return c.ID
		}
		oldClosed := add("C1", day(0), day(1), record.StatusClosed)
		oldOpen := add("C1", day(2), day(3), record.StatusOpen)
		oldPaused := add("C1", day(4), day(5), record.StatusPaused)
		startedBefore := add("C1", day(6), day(40), record.StatusClosed) // changed in the window
		recent := add("C1", day(41), day(42), record.StatusOpen)
		add("C2", day(41), day(42), record.StatusOpen)
		add("C2", day(2), day(3), record.StatusOpen)
		add("C10", day(41), day(42), record.StatusOpen) // a channel id that starts like C1

		got, err := s.DigestCases(ctx, "C1", "", day(35), day(30))
		if err != nil {
			t.Fatal(err)
		}
		// A paused case may wait for information: the digest lists those.
		want := []int64{oldOpen, oldPaused, startedBefore, recent}
		if !slices.Equal(caseIDs(got), want) {
			t.Errorf("DigestCases = %v, want %v (not the closed %d, nothing of C2 or C10)", caseIDs(got), want, oldClosed)
		}

		// A change moves the case in the index: the old open case is worked on
		// and closed, so it is read as changed, and no longer as idle.
		if _, err := s.UpdateCase(ctx, oldOpen, func(c *record.Case) error {
			c.UpdatedAt, c.Status = day(41), record.StatusClosed
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		got, _ = s.DigestCases(ctx, "C1", "", day(35), day(30))
		if want := []int64{oldOpen, oldPaused, startedBefore, recent}; !slices.Equal(caseIDs(got), want) {
			t.Errorf("after the update: %v, want %v", caseIDs(got), want)
		}
		got, _ = s.DigestCases(ctx, "C1", "", day(50), day(45))
		if want := []int64{oldPaused, recent}; !slices.Equal(caseIDs(got), want) {
			t.Errorf("nothing changed since day 50; open or paused and idle since before day 45: %v, want %v", caseIDs(got), want)
		}
		// A deleted case leaves the index.
		if err := s.DeleteCase(ctx, recent); err != nil {
			t.Fatal(err)
		}
		got, _ = s.DigestCases(ctx, "C1", "", day(35), day(30))
		if want := []int64{oldOpen, oldPaused, startedBefore}; !slices.Equal(caseIDs(got), want) {
			t.Errorf("after the delete: %v, want %v", caseIDs(got), want)
		}
	})
}

func TestChannelsRegisteredByFirstCase(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.Open(t)
		if err := s.SetDigestSchedule(ctx, "C1", store.DigestSchedule{Day: "friday", Hour: 16}); err != nil {
			t.Fatal(err)
		}
		mustCreate(t, s, newCase("C1", "Later", t0.AddDate(0, 0, 5)))
		mustCreate(t, s, newCase("C1", "Eerder", t0))
		mustCreate(t, s, newCase("C2", "Ander kanaal", t0.AddDate(0, 0, 1)))
		chans, err := s.Channels(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(chans) != 2 || chans[0].Channel != "C1" || chans[1].Channel != "C2" {
			t.Fatalf("channels %+v", chans)
		}
		if c := chans[0]; !c.Since.Equal(t0) || !c.Digest.Set || c.Digest.Day != "friday" || c.Digest.Hour != 16 {
			t.Errorf("C1 %+v: want since its first case and the schedule kept", c)
		}
		if _, err := s.Channel(ctx, "C9"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown channel: %v", err)
		}
	})
}

func TestBeginDigestSendExactlyOnce(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.Open(t)
		var wg sync.WaitGroup
		var mu sync.Mutex
		begun := 0
		for range 20 {
			wg.Go(func() {
				ok, _, err := s.BeginDigestSend(ctx, "C1", "2026-W48", "C1", t0)
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					begun++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if begun != 1 {
			t.Fatalf("%d callers began the send, want 1", begun)
		}
		// Refused by Slack: it may begin again, once.
		if gaveUp, err := s.AbortDigestSend(ctx, "C1", "2026-W48", "C1", "ratelimited"); err != nil || gaveUp {
			t.Fatal(gaveUp, err)
		}
		if ok, _, _ := s.BeginDigestSend(ctx, "C1", "2026-W48", "C1", t0); !ok {
			t.Fatal("after an abort the send cannot begin again")
		}
		if err := s.FinishDigestSend(ctx, "C1", "2026-W48", "C1", "C1", "1.2", t0); err != nil {
			t.Fatal(err)
		}
		ok, prev, err := s.BeginDigestSend(ctx, "C1", "2026-W48", "C1", t0)
		if err != nil || ok || prev.State != store.SendPosted || prev.TS != "1.2" || prev.Attempts != 2 {
			t.Errorf("after posting: begin = %v, %+v, %v", ok, prev, err)
		}
		// Refused again and again: after MaxDigestAttempts it stays failed.
		for n := 1; ; n++ {
			ok, _, err := s.BeginDigestSend(ctx, "C2", "2026-W48", "C2", t0)
			if err != nil || !ok {
				t.Fatalf("attempt %d cannot begin: %v", n, err)
			}
			gaveUp, err := s.AbortDigestSend(ctx, "C2", "2026-W48", "C2", "not_in_channel")
			if err != nil {
				t.Fatal(err)
			}
			if gaveUp != (n == store.MaxDigestAttempts) {
				t.Fatalf("attempt %d: gave up %v", n, gaveUp)
			}
			if gaveUp {
				break
			}
		}
		if ok, prev, _ := s.BeginDigestSend(ctx, "C2", "2026-W48", "C2", t0); ok || prev.State != store.SendFailed {
			t.Errorf("after giving up: begin %v, %+v", ok, prev)
		}
		// Another week and another target are separate.
		if ok, _, _ := s.BeginDigestSend(ctx, "C1", "2026-W49", "C1", t0); !ok {
			t.Error("the next week cannot begin")
		}
		if ok, _, _ := s.BeginDigestSend(ctx, "C1", "2026-W48", "ULEAD", t0); !ok {
			t.Error("another target cannot begin")
		}
	})
}

func TestPermalinkCache(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.Open(t)
		if err := s.PutPermalinks(ctx, "C1", map[string]string{"1.1": "https://x/1", "1.2": "https://x/2"}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Permalinks(ctx, "C1", []string{"1.1", "1.3"})
		if err != nil || len(got) != 1 || got["1.1"] != "https://x/1" {
			t.Errorf("Permalinks = %v, %v", got, err)
		}
		if got, _ := s.Permalinks(ctx, "C2", []string{"1.1"}); len(got) != 0 {
			t.Errorf("another channel's permalinks: %v", got)
		}
	})
}
