package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

func TestChangeCaseWritesJobInSameTransaction(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := t.Context()
		c := newCase("C1", "Uitkering te laat", t0)
		if err := s.CreateCaseWithJob(ctx, c, t0, json.RawMessage(`{"root":true}`)); err != nil {
			t.Fatal(err)
		}
		// A failing change writes neither the case nor a job.
		boom := errors.New("boom")
		if _, err := s.ChangeCase(ctx, c.ID, t0, func(c *record.Case) (json.RawMessage, error) {
			c.Title = "veranderd"
			return json.RawMessage(`{"x":1}`), boom
		}); !errors.Is(err, boom) {
			t.Fatalf("ChangeCase error = %v, want boom", err)
		}
		// A change without payload writes no job.
		if _, err := s.ChangeCase(ctx, c.ID, t0, func(c *record.Case) (json.RawMessage, error) { return nil, nil }); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ChangeCase(ctx, c.ID, t0.Add(time.Second), func(c *record.Case) (json.RawMessage, error) {
			c.Title = "Uitkering veel te laat"
			return json.RawMessage(`{"answered":["a"]}`), nil
		}); err != nil {
			t.Fatal(err)
		}
		jobs, err := s.Jobs(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(jobs) != 2 || jobs[0].ID >= jobs[1].ID || string(jobs[0].Payload) != `{"root":true}` ||
			string(jobs[1].Payload) != `{"answered":["a"]}` || jobs[1].Case != c.ID || jobs[1].Channel != "C1" {
			t.Fatalf("jobs = %+v", jobs)
		}
		if got := mustCase(t, s, c.ID); got.Title != "Uitkering veel te laat" {
			t.Errorf("title = %q", got.Title)
		}
		if n := s.OutboxLen(); n != 2 {
			t.Errorf("OutboxLen = %d, want 2", n)
		}

		later := t0.Add(time.Minute)
		if err := s.RetryJob(ctx, jobs[0].ID, later, "ratelimited", false); err != nil {
			t.Fatal(err)
		}
		jobs, _ = s.Jobs(ctx, 1)
		if len(jobs) != 1 || jobs[0].Attempts != 1 || jobs[0].Failures != 0 || !jobs[0].NotBefore.Equal(later) || jobs[0].LastError != "ratelimited" {
			t.Fatalf("after RetryJob: %+v", jobs)
		}
		if err := s.JobsDone(ctx, jobs[0].ID); err != nil {
			t.Fatal(err)
		}
		if n := s.OutboxLen(); n != 1 {
			t.Errorf("OutboxLen after done = %d, want 1", n)
		}
		// Erasing the case drops what is still owed for it.
		if err := s.DeleteCase(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if n := s.OutboxLen(); n != 0 {
			t.Errorf("OutboxLen after DeleteCase = %d, want 0", n)
		}
	})
}

func TestOutboxSurvivesReopen(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		where := e.Fresh(t)
		s := e.OpenAt(t, where, store.Options{})
		c := newCase("C1", "Na herstart", t0)
		if err := s.CreateCaseWithJob(t.Context(), c, t0, json.RawMessage(`{}`)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s = e.OpenAt(t, where, store.Options{})
		defer s.Close()
		if jobs, err := s.Jobs(t.Context(), 0); err != nil || len(jobs) != 1 || jobs[0].Case != c.ID {
			t.Fatalf("jobs after reopen = %+v, %v", jobs, err)
		}
	})
}

func TestAcceptEventOnceAndInbox(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := t.Context()
		first, seq, err := s.AcceptEvent(ctx, "Ev1", t0, []byte(`{"a":1}`))
		if err != nil || !first || seq == 0 {
			t.Fatalf("first delivery: %v %d %v", first, seq, err)
		}
		if again, _, err := s.AcceptEvent(ctx, "Ev1", t0, []byte(`{"a":1}`)); err != nil || again {
			t.Fatalf("second delivery accepted: %v %v", again, err)
		}
		in, err := s.Inbox(ctx)
		if err != nil || len(in) != 1 || in[0].Seq != seq || string(in[0].Payload) != `{"a":1}` {
			t.Fatalf("inbox = %+v, %v", in, err)
		}
		if err := s.EventDone(ctx, seq); err != nil {
			t.Fatal(err)
		}
		if in, _ := s.Inbox(ctx); len(in) != 0 {
			t.Fatalf("inbox after done = %+v", in)
		}
		// Seen ids are kept until pruned, then a redelivery is new again.
		if n, err := s.PruneEvents(ctx, t0.Add(time.Hour)); err != nil || n != 1 {
			t.Fatalf("PruneEvents = %d, %v", n, err)
		}
		if again, _, _ := s.AcceptEvent(ctx, "Ev1", t0, nil); !again {
			t.Error("after pruning the id is not new")
		}
	})
}

func TestPurgeErasesOldCases(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := t.Context()
		old := mustCreate(t, s, newCase("C1", "Oud", t0))
		recent := mustCreate(t, s, newCase("C1", "Recent", t0.Add(400*24*time.Hour)))
		// Activity keeps a case: last activity, not the start, counts.
		active := mustCreate(t, s, newCase("C1", "Oud maar actief", t0))
		if _, err := s.UpdateCase(ctx, active.ID, func(c *record.Case) error {
			c.UpdatedAt = t0.Add(400 * 24 * time.Hour)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateCase(ctx, old.ID, func(c *record.Case) error { c.UpdatedAt = t0; return nil }); err != nil {
			t.Fatal(err)
		}
		if err := s.Enqueue(ctx, store.Job{Case: old.ID, Channel: "C1"}); err != nil {
			t.Fatal(err)
		}
		gone, err := s.Purge(ctx, t0.Add(365*24*time.Hour))
		if err != nil || len(gone) != 1 || gone[0] != old.ID {
			t.Fatalf("Purge = %v, %v; want [%d]", gone, err, old.ID)
		}
		if _, err := s.Case(ctx, old.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("purged case still readable: %v", err)
		}
		list, _ := s.ListCases(ctx, "C1", store.Filter{})
		if len(list) != 2 {
			t.Errorf("ListCases after purge = %d cases, want 2 (%d, %d)", len(list), recent.ID, active.ID)
		}
		if n := s.OutboxLen(); n != 0 {
			t.Errorf("purged case's job still owed: %d", n)
		}
	})
}

// TestCompactErasesFromFile: a deleted case's text is still in the file's
// freed pages until Compact rewrites it; after Compact it is gone, and the
// store goes on working.
// bbolt only: a file (its lock, pages, socket or old schema); see store.Engines.
func TestCompactErasesFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	s := MustOpenPath(t, path, store.Options{})
	defer s.Close()
	ctx := t.Context()
	secret := "Zeldzaamwoordvoordetest"
	var ids []int64
	for i := range 50 {
		c := mustCreate(t, s, newCase("C1", secret+" nummer", t0.Add(time.Duration(i)*time.Minute)))
		ids = append(ids, c.ID)
	}
	keep := mustCreate(t, s, newCase("C1", "Blijft", t0.Add(time.Hour)))
	for _, id := range ids {
		if err := s.DeleteCase(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	raw, _ := os.ReadFile(path)
	if !bytes.Contains(raw, []byte(secret)) {
		t.Fatal("the deleted text is not in the file before Compact: this test would prove nothing")
	}
	if err := s.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	raw, _ = os.ReadFile(path)
	if bytes.Contains(raw, []byte(secret)) {
		t.Fatal("the deleted cases' text is still in the file after Compact")
	}
	if got := mustCase(t, s, keep.ID); got.Title != "Blijft" {
		t.Errorf("kept case after Compact: %q", got.Title)
	}
	c := mustCreate(t, s, newCase("C1", "Na compact", t0.Add(2*time.Hour)))
	if c.ID <= keep.ID {
		t.Errorf("id after Compact %d reuses an old id (kept %d)", c.ID, keep.ID)
	}
	if _, err := os.Stat(path + ".compact"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
}

// TestHotBackupWhileOpen: the database is held (as by the running bot);
// Backup gets a consistent copy through the backup socket, and the copy
// opens as a database with the cases in it.
// bbolt only: a file (its lock, pages, socket or old schema); see store.Engines.
func TestHotBackupWhileOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	s := MustOpenPath(t, path, store.Options{})
	c := mustCreate(t, s, newCase("C1", "In de backup", t0))
	file := filepath.Join(dir, "backup.db")
	if _, err := store.Backup(t.Context(), path, file); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("Backup of a held database without socket = %v, want ErrLocked", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.ServeBackups(ctx, slog.New(slog.DiscardHandler)) }()
	var err error
	for range 200 { // the socket appears within moments
		if _, err = os.Stat(store.BackupSocket(path)); err == nil {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	n, err := store.Backup(t.Context(), path, file)
	if err != nil || n == 0 {
		t.Fatalf("hot Backup = %d, %v", n, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(store.BackupSocket(path)); !os.IsNotExist(err) {
		t.Errorf("socket left behind: %v", err)
	}
	b := MustOpenPath(t, file, store.Options{})
	if got := mustCase(t, b, c.ID); got.Title != "In de backup" {
		t.Errorf("case in the backup: %q", got.Title)
	}
}
