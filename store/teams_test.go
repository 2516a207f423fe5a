package store_test

import (
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestAdoptTeam: cases stored before they recorded their workspace are
// given the installation's, once; the console's cases stay without one;
// a team filter never takes one team id for another that starts with it.
func TestAdoptTeam(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := t.Context()
		old := newCase("C0EEN", "Van voor de werkplaatsen", t0)
		console := newCase("console", "In de terminal", t0.Add(time.Hour))
		other := newCase("C0EEN", "Van werkplaats T12", t0.Add(2*time.Hour))
		other.Team = "T12"
		for _, c := range []*record.Case{old, console, other} {
			mustCreate(t, s, c)
		}
		n, err := s.AdoptTeam(ctx, "T1", "E1")
		if err != nil || n != 1 {
			t.Fatalf("AdoptTeam = %d, %v; want 1 case", n, err)
		}
		for id, want := range map[int64]string{old.ID: "T1", console.ID: "", other.ID: "T12"} {
			c, err := s.Case(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if c.Team != want || (want == "T1" && c.Enterprise != "E1") {
				t.Errorf("case %d: team %q enterprise %q, want %q", id, c.Team, c.Enterprise, want)
			}
		}
		// Once: a case stored without a team later is not adopted again.
		late := newCase("C0EEN", "Later zonder werkplaats", t0.Add(3*time.Hour))
		mustCreate(t, s, late)
		if n, err := s.AdoptTeam(ctx, "T1", "E1"); err != nil || n != 0 {
			t.Errorf("second AdoptTeam = %d, %v; want 0", n, err)
		}
		briefs, err := s.ChannelBriefs(ctx, "C0EEN", store.BriefFilter{Team: "T1"})
		if err != nil {
			t.Fatal(err)
		}
		if len(briefs) != 1 || briefs[0].ID != old.ID {
			t.Errorf("briefs of T1: %+v; want only case %d (not T12's)", briefs, old.ID)
		}
		hits, err := s.Search(ctx, "C0EEN", store.Query{Terms: []store.Term{{Word: "van"}}, Team: "T12"})
		if err != nil || len(hits.Hits) != 1 || hits.Hits[0].ID != other.ID {
			t.Errorf("search of T12: %+v, %v", hits, err)
		}
		cases, err := s.ListCases(ctx, "C0EEN", store.Filter{Team: "T1"})
		if err != nil || len(cases) != 1 || cases[0].ID != old.ID {
			t.Errorf("ListCases of T1: %d cases, %v", len(cases), err)
		}
	})
}
