package store_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"
)

func TestCreateCaseOnce(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		tests := []struct {
			name string
			keys []string // one call per key, in order
			want []int64  // the existing id each call returns (0: it stored the case)
		}{
			{"one key", []string{"fn:Fx1"}, []int64{0}},
			{"the same key again", []string{"fn:Fx1", "fn:Fx1", "fn:Fx1"}, []int64{0, 1, 1}},
			{"two keys", []string{"fn:Fx1", "fn:Fx2", "fn:Fx1", "fn:Fx2"}, []int64{0, 0, 1, 2}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				s := e.Open(t)
				stored := 0
				for i, key := range tt.keys {
					c := newCase("C1", "Casus uit een workflow", t0)
					got, err := s.CreateCaseOnce(t.Context(), key, c, t0, json.RawMessage(`{}`))
					if err != nil {
						t.Fatal(err)
					}
					if got != tt.want[i] {
						t.Errorf("call %d (%s) returned %d, want %d", i, key, got, tt.want[i])
					}
					if got == 0 {
						stored++
					}
				}
				if n, err := s.CountCases(t.Context()); err != nil || n != stored {
					t.Errorf("%d cases stored (%v), want %d", n, err, stored)
				}
				if jobs, err := s.Jobs(t.Context(), 100); err != nil || len(jobs) != stored {
					t.Errorf("%d jobs in the outbox (%v), want one per case stored (%d)", len(jobs), err, stored)
				}
			})
		}
	})
}

func TestCreateCaseOnceConcurrent(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		const n = 8
		var wg sync.WaitGroup
		got := make([]int64, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := newCase("C1", "Casus uit een workflow", t0)
				id, err := s.CreateCaseOnce(t.Context(), "fn:FxSAME", c, t0, nil)
				if err != nil {
					t.Error(err)
				}
				got[i] = id
			}()
		}
		wg.Wait()
		first := 0
		for _, id := range got {
			if id == 0 {
				first++
			}
		}
		if cases, _ := s.CountCases(t.Context()); first != 1 || cases != 1 {
			t.Errorf("%d calls stored a case, %d cases in the store; want 1 and 1 (%v)", first, cases, got)
		}
	})
}

func TestCreateCaseOnceKeyIsPruned(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		c := newCase("C1", "Casus uit een workflow", t0)
		if _, err := s.CreateCaseOnce(t.Context(), "fn:Fx1", c, t0, nil); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PruneEvents(t.Context(), t0); err != nil || n != 0 {
			t.Fatalf("PruneEvents at the key's time = %d, %v; want 0", n, err)
		}
		if n, err := s.PruneEvents(t.Context(), t0.Add(time.Hour)); err != nil || n != 1 {
			t.Fatalf("PruneEvents after the key's time = %d, %v; want 1", n, err)
		}
		// Forgotten: the case itself stays, and the key is new again.
		if _, err := s.Case(t.Context(), c.ID); err != nil {
			t.Errorf("the case went with its key: %v", err)
		}
		again := newCase("C1", "Casus uit een workflow", t0)
		if id, err := s.CreateCaseOnce(t.Context(), "fn:Fx1", again, t0, nil); err != nil || id != 0 {
			t.Errorf("after pruning CreateCaseOnce = %d, %v; want a new case", id, err)
		}
	})
}

func TestCreateCaseOnceRefuses(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		tests := []struct {
			name string
			key  string
			at   time.Time
		}{
			{"no key", "", t0},
			{"no start time", "fn:Fx1", time.Time{}},
			{"a plain event id", "Ev1", t0},
		}
		if _, err := s.SeenEvent(t.Context(), "Ev1", t0); err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := newCase("C1", "Casus", tt.at)
				if _, err := s.CreateCaseOnce(t.Context(), tt.key, c, t0, nil); err == nil {
					t.Error("no error")
				}
			})
		}
		if n, _ := s.CountCases(t.Context()); n != 0 {
			t.Errorf("%d cases stored", n)
		}
	})
}
