package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

func copyTestCase(i int, at time.Time) *record.Case {
	return &record.Case{
		Version: record.CaseVersion, Channel: fmt.Sprintf("C%d", i%7), Title: fmt.Sprintf("Casus %d", i),
		Scheme: "Participatiewet", Urgency: "deze week", Lang: cards.NL, CardsVersion: "2025.03",
		StartedBy: "U0MARLOES", StartedAt: at, UpdatedAt: at, Status: record.StatusOpen, Seq: 1,
	}
}

// copySource is a store of 2,500 cases (more than two writes of Copy),
// jobs and inbox events, whose three newest cases were erased: its cases'
// sequence is past its last id.
func copySource(t *testing.T, e Engine) *Store {
	t.Helper()
	ctx := t.Context()
	s := e.openWrapped(t, func(d kv.DB) kv.DB { return d })
	start := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	var cs []*record.Case
	for i := range 250 {
		cs = append(cs, copyTestCase(i, start.Add(time.Duration(i)*time.Minute)))
	}
	if err := s.CreateCases(ctx, cs); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := s.CreateCaseWithJob(ctx, copyTestCase(i, start), start, []byte(`{"job":1}`)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.AcceptEvent(ctx, fmt.Sprintf("Ev%d", i), start, []byte(`{"event":1}`)); err != nil {
			t.Fatal(err)
		}
	}
	old := start.AddDate(-1, 0, 0)
	for i := range 3 {
		if err := s.CreateCase(ctx, copyTestCase(i, old)); err != nil {
			t.Fatal(err)
		}
	}
	if gone, err := s.Purge(ctx, start); err != nil || len(gone) != 3 {
		t.Fatalf("purge: %v, %v", gone, err)
	}
	return s
}

// dump is every bucket's content.
func dump(t *testing.T, s *Store) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	err := s.view(t.Context(), func(tx kv.Tx) error {
		for _, name := range copiedBuckets() {
			b := tx.Bucket(name)
			if b == nil {
				continue
			}
			m := map[string]string{}
			if err := b.ForEach(func(k, v []byte) error { m[string(k)] = string(v); return nil }); err != nil {
				return err
			}
			out[string(name)] = m
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameContent(t *testing.T, dst, src *Store) {
	t.Helper()
	want, got := dump(t, src), dump(t, dst)
	if !maps.EqualFunc(got, want, maps.Equal) {
		for name := range want {
			if !maps.Equal(got[name], want[name]) {
				t.Errorf("bucket %s: %d keys on dst, %d on src, or values differ", name, len(got[name]), len(want[name]))
			}
		}
		t.FailNow()
	}
}

// failingDB fails its Updates once fail reaches zero (counting down).
type failingDB struct {
	kv.DB
	fail int
}

var errBoom = errors.New("boom")

func (f *failingDB) Update(ctx context.Context, fn func(kv.Tx) error) error {
	if f.fail == 0 {
		return errBoom
	}
	f.fail--
	return f.DB.Update(ctx, fn)
}

// eachEnginePair runs fn as a parallel subtest for each engine to copy
// from and each to copy into: bbolt into PostgreSQL and back, and bbolt
// into bbolt. (PostgreSQL into PostgreSQL adds nothing the two others do
// not test, and its 2,500-case source takes seconds to write.)
func eachEnginePair(t *testing.T, fn func(t *testing.T, from, to Engine)) {
	for _, from := range Engines() {
		for _, to := range Engines() {
			if from.Name != "bbolt" && to.Name != "bbolt" {
				continue
			}
			t.Run(from.Name+"_into_"+to.Name, func(t *testing.T) {
				t.Parallel()
				fn(t, from, to)
			})
		}
	}
}

func TestCopy(t *testing.T) {
	t.Parallel()
	eachEnginePair(t, testCopy)
}

func testCopy(t *testing.T, from, to Engine) {
	ctx := t.Context()
	src := copySource(t, from)
	dst := to.openWrapped(t, func(d kv.DB) kv.DB { return d })
	dst.copyBatch = 100 // writes of 100 keys: several per bucket
	var calls int
	counts, err := Copy(ctx, dst, src, func(string, int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if counts["cases"] != 253 || counts["outbox"] != 3 || counts["inbox"] != 3 || calls < 3 {
		t.Errorf("counts %v after %d progress calls", counts, calls)
	}
	sameContent(t, dst, src)

	// A second run changes nothing.
	again, err := Copy(ctx, dst, src, nil)
	if err != nil || !maps.Equal(again, counts) {
		t.Fatalf("second copy: %v, %v", again, err)
	}
	sameContent(t, dst, src)

	// New ids on dst continue after src's, erased ones included.
	c := copyTestCase(1, time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC))
	if err := dst.CreateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	if c.ID != 257 {
		t.Errorf("first new id on dst = %d, want 257 (src's cases went up to 256)", c.ID)
	}
	if _, seq, err := dst.AcceptEvent(ctx, "EvNew", time.Now(), []byte(`{}`)); err != nil || seq != 4 {
		t.Errorf("first new inbox seq on dst = %d, %v; want 4", seq, err)
	}

	// What src lost since is lost on dst by the next run.
	if _, err := src.Purge(ctx, time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if _, err := Copy(ctx, dst, src, nil); err != nil {
		t.Fatal(err)
	}
	sameContent(t, dst, src)
}

// A copy that stops half-way, on an ended ctx or a failed write, is
// finished by running it again.
func TestCopyResumes(t *testing.T) {
	t.Parallel()
	eachEnginePair(t, testCopyResumes)
}

func testCopyResumes(t *testing.T, from, to Engine) {
	src := copySource(t, from)
	t.Run("ctx ended", func(t *testing.T) {
		dst := to.openWrapped(t, func(d kv.DB) kv.DB { return d })
		dst.copyBatch = 100
		ctx, cancel := context.WithCancel(t.Context())
		_, err := Copy(ctx, dst, src, func(bucket string, n int) {
			if bucket == "cases" {
				cancel()
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Copy with ctx ended half-way: %v", err)
		}
		if n := len(dump(t, dst)["cases"]); n == 0 || n >= 253 {
			t.Fatalf("dst has %d cases after the stop, want some", n)
		}
		if _, err := Copy(t.Context(), dst, src, nil); err != nil {
			t.Fatal(err)
		}
		sameContent(t, dst, src)
	})
	t.Run("write failed", func(t *testing.T) {
		f := &failingDB{fail: -1}
		dst := to.openWrapped(t, func(d kv.DB) kv.DB { f.DB = d; return f })
		dst.copyBatch = 100
		f.fail = 5
		if _, err := Copy(t.Context(), dst, src, nil); !errors.Is(err, errBoom) {
			t.Fatalf("Copy with a failing write: %v", err)
		}
		f.fail = -1
		if _, err := Copy(t.Context(), dst, src, nil); err != nil {
			t.Fatal(err)
		}
		sameContent(t, dst, src)
		c := copyTestCase(1, time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC))
		if err := dst.CreateCase(t.Context(), c); err != nil || c.ID != 257 {
			t.Errorf("new case on dst: id %d, %v; want 257", c.ID, err)
		}
	})
}

// plainBucket hides the engine's Sequencer, as an engine without one.
type plainBucket struct{ kv.Bucket }

// Without a Sequencer the sequence is moved on by NextSequence.
func TestRaiseSequenceWithoutSequencer(t *testing.T) {
	t.Parallel()
	EachEngine(t, testRaiseSequenceWithoutSequencer)
}

func testRaiseSequenceWithoutSequencer(t *testing.T, e Engine) {
	s := e.openWrapped(t, func(d kv.DB) kv.DB { return d })
	err := s.update(t.Context(), func(tx kv.Tx) error {
		b := plainBucket{tx.Bucket(bucketInbox)}
		if err := raiseSequence(b, 0); err != nil {
			return err
		}
		if err := raiseSequence(b, 41); err != nil {
			return err
		}
		if n, err := b.NextSequence(); err != nil || n != 42 {
			t.Errorf("NextSequence after raising to 41 = %d, %v", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
