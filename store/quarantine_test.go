package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// One outbox job that does not decode is set aside; the others are read,
// the operator is told once, and check -repair -drop removes it. On main
// Jobs returned an error for the whole outbox, which stopped every delivery.
func TestUnreadableJobIsSetAside(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.Fresh(t)
		s := e.OpenAt(t, where, store.Options{})
		c := mustCreate(t, s, newCase("C1", "Casus", time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)))
		for range 2 {
			if err := s.Enqueue(ctx, store.Job{Case: c.ID, Channel: "C1", Created: time.Now()}); err != nil {
				t.Fatal(err)
			}
		}
		if err := store.PutRaw(ctx, s, "outbox", u64(99), []byte(`{"case":1,"channel":"C1","created":"not-a-time"}`)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		var mu sync.Mutex
		var told []string
		s, err := store.Open(ctx, where, store.Options{OnQuarantine: func(b, k string, err error) {
			mu.Lock()
			told = append(told, b+"/"+k)
			mu.Unlock()
		}})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		jobs, err := s.Jobs(ctx, 0)
		if err != nil || len(jobs) != 2 {
			t.Fatalf("Jobs = %d, %v; want the 2 good ones", len(jobs), err)
		}
		if n, _ := s.QuarantineCount(ctx); n != 1 || len(told) != 1 || told[0] != "outbox/99" {
			t.Fatalf("quarantine %d, told %v", n, told)
		}
		list, _ := s.QuarantineList(ctx)
		if len(list) != 1 || list[0].Bucket != "outbox" || list[0].Error == "" {
			t.Fatalf("list %+v", list)
		}
		if back, gone, stay, err := s.RepairQuarantine(ctx, false); err != nil || back+gone != 0 || stay != 1 {
			t.Errorf("repair without drop: %d %d %d %v", back, gone, stay, err)
		}
		if _, gone, _, err := s.RepairQuarantine(ctx, true); err != nil || gone != 1 {
			t.Errorf("repair with drop: %d %v", gone, err)
		}
		if n, _ := s.QuarantineCount(ctx); n != 0 {
			t.Errorf("%d left after drop", n)
		}
	})
}

// One case that does not decode does not stop the retention purge of the
// others; it is set aside. On main the purge failed for all cases.
func TestPurgeGoesOnPastAnUnreadableCase(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.Fresh(t)
		s := e.OpenAt(t, where, store.Options{})
		old := time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)
		a := mustCreate(t, s, newCase("C1", "Oud", old))
		b := mustCreate(t, s, newCase("C1", "Ook oud", old))
		if err := store.PutRaw(ctx, s, "cases", u64(int(b.ID)), []byte(`{"id":2,"updated_at":"kapot"}`)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err := store.Open(ctx, where, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		gone, err := s.Purge(ctx, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil || len(gone) != 1 || gone[0] != a.ID {
			t.Fatalf("Purge = %v, %v; want case %d purged", gone, err, a.ID)
		}
		if n, _ := s.QuarantineCount(ctx); n != 1 {
			t.Errorf("quarantine %d, want the unreadable case", n)
		}
	})
}

// Lists and the digest read past a case that does not decode and set it
// aside; on main one such case failed the whole list and the digest.
func TestListsGoOnPastAnUnreadableCase(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.Fresh(t)
		s := e.OpenAt(t, where, store.Options{})
		at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		good := mustCreate(t, s, newCase("C1", "Goed", at))
		poison := mustCreate(t, s, newCase("C1", "Kapot", at.Add(time.Hour)))
		if err := store.PutRaw(ctx, s, "cases", u64(int(poison.ID)), []byte(`{"id":2,"started_at":"kapot"`)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err := store.Open(ctx, where, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		list, err := s.ListCases(ctx, "C1", store.Filter{})
		if err != nil || len(list) != 1 || list[0].ID != good.ID {
			t.Fatalf("ListCases = %v, %v", ids(list), err)
		}
		if _, err := s.DigestCases(ctx, "C1", "", at.Add(-time.Hour), at); err != nil {
			t.Fatalf("DigestCases: %v", err)
		}
		if n, _ := s.QuarantineCount(ctx); n != 1 {
			t.Errorf("quarantine %d, want 1", n)
		}
	})
}

// One channel's settings that do not decode do not stop the digests of the
// others: Channels sets them aside. On main Channels failed for all.
func TestUnreadableSettingsAreSetAside(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		where := e.Fresh(t)
		s := e.OpenAt(t, where, store.Options{})
		mustCreate(t, s, newCase("C1", "Een", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)))
		mustCreate(t, s, newCase("C2", "Twee", time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)))
		if err := store.PutRaw(ctx, s, "channels", []byte("C2"), []byte(`{"channel":`)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err := store.Open(ctx, where, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		chs, err := s.Channels(ctx)
		if err != nil || len(chs) != 1 || chs[0].Channel != "C1" {
			t.Fatalf("Channels = %+v, %v", chs, err)
		}
		if n, _ := s.QuarantineCount(ctx); n != 1 {
			t.Errorf("quarantine %d", n)
		}
	})
}
