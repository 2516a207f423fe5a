package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// Concurrent writes share transactions (bbolt Batch), where a function may
// run more than once and a failing one is retried on its own. Every update
// must still count exactly once, and a failed one not at all.
func TestConcurrentWritesCountOnce(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := context.Background()
		const cases, writers, rounds = 8, 24, 30
		ids := make([]int64, cases)
		for i := range ids {
			ids[i] = mustCreate(t, s, newCase(fmt.Sprintf("C%02d", i), "Gelijktijdig", t0)).ID
		}
		errOdd := errors.New("weigert oneven rondes")
		var wg sync.WaitGroup
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r := range rounds {
					id := ids[(w+r)%cases]
					_, err := s.UpdateCase(ctx, id, func(c *record.Case) error {
						if r%2 == 1 {
							c.Seq += 1000 // must not be stored
							return errOdd
						}
						c.Seq++
						return nil
					})
					if r%2 == 1 && !errors.Is(err, errOdd) {
						t.Errorf("writer %d round %d: err = %v, want the function's own error", w, r, err)
					}
					if r%2 == 0 && err != nil {
						t.Errorf("writer %d round %d: %v", w, r, err)
					}
					if _, err := s.SeenEvent(ctx, fmt.Sprintf("Ev%d", r), t0); err != nil {
						t.Errorf("SeenEvent: %v", err)
					}
				}
			}()
		}
		wg.Wait()
		total := 0
		for _, id := range ids {
			c, err := s.Case(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if c.Seq-1 != c.Rev-1 {
				t.Errorf("case %d: seq advanced %d times but stored %d revisions", id, c.Seq-1, c.Rev-1)
			}
			total += c.Seq - 1
		}
		if want := writers * rounds / 2; total != want {
			t.Errorf("%d updates stored, want %d", total, want)
		}
	})
}

// Of many concurrent deliveries of one event exactly one is the first.
func TestConcurrentSeenEventOnce(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := context.Background()
		var (
			mu    sync.Mutex
			first = map[string]int{}
			wg    sync.WaitGroup
		)
		for w := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for e := range 20 {
					id := fmt.Sprintf("Ev%03d", (e+w)%20)
					seen, err := s.SeenEvent(ctx, id, t0)
					if err != nil {
						t.Error(err)
						return
					}
					if !seen {
						mu.Lock()
						first[id]++
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		for e := range 20 {
			if id := fmt.Sprintf("Ev%03d", e); first[id] != 1 {
				t.Errorf("%s was first %d times", id, first[id])
			}
		}
	})
}

// BenchmarkConcurrentUpdateCase is 32 requests answering at once, each on
// its own case, with fsync. "one-at-a-time" lets one write in at a time, so
// each has its own transaction and fsync, as with db.Update; "shared" lets
// them overlap, so they share transactions (internal/groupcommit).
func BenchmarkConcurrentUpdateCase(b *testing.B) {
	for _, tt := range []struct {
		name string
		solo bool
	}{
		{"one-at-a-time", true},
		{"shared", false},
	} {
		b.Run(tt.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "maatwerk.db")
			s := MustOpenPath(b, path, store.Options{NoSync: true})
			const n = 256
			for i := range n {
				mustCreate(b, s, fullCase(benchChannel(i), benchThread(i), benchStart(i)))
			}
			s.Close()
			s = MustOpenPath(b, path, store.Options{})
			ctx := context.Background()
			var (
				next int64
				mu   sync.Mutex
				solo sync.Mutex
			)
			b.SetParallelism(16) // concurrent requests, not cores
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				mu.Lock()
				next++
				id := next%n + 1
				mu.Unlock()
				i := 0
				for pb.Next() {
					i++
					if tt.solo {
						solo.Lock()
					}
					_, err := s.UpdateCase(ctx, id, func(c *record.Case) error {
						a := &c.Answers[i%len(c.Answers)]
						a.Text = fmt.Sprintf("Herzien antwoord %d: de termijn is verlengd.", i)
						c.Seq++
						return nil
					})
					if tt.solo {
						solo.Unlock()
					}
					if err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
