package bot

import (
	"slices"
	"testing"
	"time"
)

// An event counts as left by a dead replica only after it waited
// orphanAfter since this replica first saw it, and never while this
// replica handles it.
func TestInboxSweepOrphans(t *testing.T) {
	var s inboxSweep
	t0 := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	if got := s.orphans([]uint64{1, 2, 3}, t0); len(got) != 0 {
		t.Fatalf("first sight: orphans %v, want none", got)
	}
	s.begin(2)
	if got := s.orphans([]uint64{1, 2, 3, 4}, t0.Add(30*time.Second)); len(got) != 0 {
		t.Fatalf("after 30 s: orphans %v, want none", got)
	}
	got := s.orphans([]uint64{1, 2, 4}, t0.Add(orphanAfter))
	if !slices.Equal(got, []uint64{1}) {
		t.Fatalf("after a minute: orphans %v, want [1] (2 is handled here, 3 is gone, 4 is new)", got)
	}
	s.end(2)
	got = s.orphans([]uint64{2, 4}, t0.Add(orphanAfter+30*time.Second))
	if !slices.Equal(got, []uint64{2, 4}) {
		t.Fatalf("later: orphans %v, want [2 4]", got)
	}
}
