package store_test

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Participatiewet", "participatiewet"},
		{"Geëmigreerd naar Curaçao", "geemigreerd naar curacao"},
		{"ĲSSELSTEIN, café-kosten!", "ijsselstein cafe kosten"},
		{"  Wmo  2015 ", "wmo 2015"},
		{"Straße Øresund", "strasse oresund"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := store.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"de kosten van het verhuizen", []string{"kosten", "verhuizen"}},
		{"Schulden schulden", []string{"schulden"}},
		{"de", []string{"de"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := store.Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func term(w string) store.Term { return store.Term{Word: w} }

func hitIDs(r store.SearchResult) []int64 {
	out := []int64{}
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := t.Context()
		// 1: title match; 2: only in an argument; 3: scheme; 4: other channel;
		// 5: decision and signal; 6: withdrawn argument only.
		c1 := newCase("C0EEN", "Verhuiskosten na huisuitzetting", t0)
		c2 := newCase("C0EEN", "Bijstand jongere", t0.Add(time.Hour))
		c2.Arguments = []record.Argument{{N: 1, Pro: true, Text: "Dreigende huisuitzetting", By: "U0JEROEN"}}
		c3 := newCase("C0EEN", "Eigen bijdrage", t0.Add(2*time.Hour))
		c3.Scheme = "Wmo 2015"
		c3.Zaaknummer = "Z-2026-00123"
		c4 := newCase("C0TWEE", "Verhuiskosten elders", t0.Add(3*time.Hour))
		c5 := newCase("C0EEN", "Boete bij te laat melden", t0.Add(4*time.Hour))
		c5.Answers = []record.Answer{{Step: "signalen/uitkomst", Choices: []string{"escalatie", "onevenredig"}, By: "U0MARLOES"}}
		c5.Decision = &record.Decision{Option: "maatwerk", Rationale: "Geëscaleerde schulden; boete kwijtgescholden.", By: "U0MARLOES"}
		c6 := newCase("C0EEN", "Kinderopvang", t0.Add(5*time.Hour))
		c6.Arguments = []record.Argument{{N: 1, Text: "Huisuitzetting", By: "U0SANNE", Withdrawn: true}}
		for _, c := range []*record.Case{c1, c2, c3, c4, c5, c6} {
			mustCreate(t, s, c)
		}

		tests := []struct {
			name    string
			channel string
			terms   []store.Term
			want    []int64
		}{
			{"title beats argument", "C0EEN", []store.Term{term("huisuitzetting")}, []int64{1, 2}},
			{"other channel not searched", "C0EEN", []store.Term{term("verhuiskosten")}, []int64{1}},
			{"only the other channel", "C0TWEE", []store.Term{term("verhuiskosten")}, []int64{4}},
			{"scheme", "C0EEN", []store.Term{term("wmo")}, []int64{3}},
			{"rationale", "C0EEN", []store.Term{term("schulden")}, []int64{5}},
			{"accents folded", "C0EEN", []store.Term{term(store.Fold("geëscaleerde"))}, []int64{5}},
			{"all terms must match", "C0EEN", []store.Term{term("boete"), term("wmo")}, []int64{}},
			{"two terms", "C0EEN", []store.Term{term("boete"), term("schulden")}, []int64{5}},
			{"signal by code", "C0EEN", []store.Term{{Word: "zwaar", Codes: map[string]int{"signalen/uitkomst:onevenredig": 3}}}, []int64{5}},
			{"code of an unchosen option", "C0EEN", []store.Term{{Word: "zwaar", Codes: map[string]int{"signalen/uitkomst:strijdig-met-doel": 3}}}, []int64{}},
			{"decision option id", "C0EEN", []store.Term{term("maatwerk")}, []int64{5}},
			{"chosen option id", "C0EEN", []store.Term{term("escalatie")}, []int64{5}},
			{"a step id is no match", "C0EEN", []store.Term{term("uitkomst")}, []int64{}},
			{"zaaknummer", "C0EEN", []store.Term{term(store.Fold("Z-2026-00123"))}, []int64{3}},
			{"part of a zaaknummer", "C0EEN", []store.Term{term("00123")}, []int64{3}},
			{"no terms", "C0EEN", nil, []int64{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r, err := s.Search(ctx, tt.channel, store.Query{Terms: tt.terms})
				if err != nil {
					t.Fatal(err)
				}
				if got := hitIDs(r); !slices.Equal(got, tt.want) {
					t.Errorf("hits %v, want %v", got, tt.want)
				}
				if r.Total != len(tt.want) {
					t.Errorf("Total %d, want %d", r.Total, len(tt.want))
				}
				for _, h := range r.Hits {
					if h.Channel != tt.channel {
						t.Errorf("hit %d is in %s, searched %s", h.ID, h.Channel, tt.channel)
					}
				}
			})
		}

		t.Run("limit keeps the best, newest first on a tie", func(t *testing.T) {
			r, err := s.Search(ctx, "C0EEN", store.Query{Terms: []store.Term{term("e")}, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			// Every title in C0EEN has an "e": all score 5, so the two newest.
			if got := hitIDs(r); !slices.Equal(got, []int64{6, 5}) || r.Total != 5 {
				t.Errorf("hits %v of %d, want [6 5] of 5", got, r.Total)
			}
		})

		t.Run("follows updates and deletes", func(t *testing.T) {
			_, err := s.UpdateCase(ctx, 3, func(c *record.Case) error { c.Scheme = "Participatiewet"; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteCase(ctx, 1); err != nil {
				t.Fatal(err)
			}
			for w, want := range map[string][]int64{"wmo": {}, "huisuitzetting": {2}} {
				r, err := s.Search(ctx, "C0EEN", store.Query{Terms: []store.Term{term(w)}})
				if err != nil {
					t.Fatal(err)
				}
				if got := hitIDs(r); !slices.Equal(got, want) {
					t.Errorf("%s: hits %v, want %v", w, got, want)
				}
			}
		})
	})
}

func briefIDs(bs []store.Brief) []int64 {
	out := []int64{}
	for _, b := range bs {
		out = append(out, b.ID)
	}
	return out
}

func TestUserAndChannelBriefs(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		ctx := t.Context()
		a := newCase("C0EEN", "Eerste", t0) // started by U0MARLOES
		b := newCase("C0TWEE", "Tweede", t0.Add(time.Hour))
		b.StartedBy = "U0JEROEN"
		c := newCase("C0EEN", "Derde", t0.Add(2*time.Hour))
		c.StartedBy = "U0JEROEN"
		c.Status = record.StatusClosed
		for _, x := range []*record.Case{a, b, c} {
			mustCreate(t, s, x)
		}
		check := func(name string, got []store.Brief, err error, want []int64) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			if ids := briefIDs(got); !slices.Equal(ids, want) {
				t.Errorf("%s: %v, want %v", name, ids, want)
			}
		}
		got, err := s.UserBriefs(ctx, "U0MARLOES", "", 0)
		check("marloes", got, err, []int64{1})
		got, err = s.UserBriefs(ctx, "U0JEROEN", "", 0)
		check("jeroen", got, err, []int64{3, 2})
		got, err = s.UserBriefs(ctx, "U0JEROEN", "", 1)
		check("jeroen limit 1", got, err, []int64{3})

		// Marloes adds an argument in case 2 (another channel): she takes part.
		if _, err := s.UpdateCase(ctx, 2, func(c *record.Case) error {
			c.Arguments = append(c.Arguments, record.Argument{N: 1, Text: "x", By: "U0MARLOES"})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		got, err = s.UserBriefs(ctx, "U0MARLOES", "", 0)
		check("marloes after argument", got, err, []int64{2, 1})
		if got[0].Channel != "C0TWEE" || !slices.Contains(got[0].Participants, "U0MARLOES") {
			t.Errorf("brief of case 2: %+v", got[0])
		}
		// The argument goes (say its message was deleted): so does the entry.
		if _, err := s.UpdateCase(ctx, 2, func(c *record.Case) error { c.Arguments = nil; return nil }); err != nil {
			t.Fatal(err)
		}
		got, err = s.UserBriefs(ctx, "U0MARLOES", "", 0)
		check("marloes after removal", got, err, []int64{1})
		// A case moving channel moves its brief.
		if _, err := s.UpdateCase(ctx, 1, func(c *record.Case) error { c.Channel = "C0TWEE"; return nil }); err != nil {
			t.Fatal(err)
		}
		got, err = s.UserBriefs(ctx, "U0MARLOES", "", 0)
		check("marloes after move", got, err, []int64{1})
		if got[0].Channel != "C0TWEE" {
			t.Errorf("brief channel %s, want C0TWEE", got[0].Channel)
		}

		got, err = s.ChannelBriefs(ctx, "C0TWEE", store.BriefFilter{})
		check("C0TWEE", got, err, []int64{2, 1})
		got, err = s.ChannelBriefs(ctx, "C0EEN", store.BriefFilter{})
		check("C0EEN", got, err, []int64{3})
		got, err = s.ChannelBriefs(ctx, "C0EEN", store.BriefFilter{OpenOnly: true})
		check("C0EEN open", got, err, []int64{})
		got, err = s.ChannelBriefs(ctx, "C0TWEE", store.BriefFilter{Window: 1})
		check("C0TWEE window 1", got, err, []int64{2})
		got, err = s.ChannelBriefs(ctx, "C0", store.BriefFilter{})
		check("a channel-id prefix is not a channel", got, err, []int64{})

		if err := s.DeleteCase(ctx, 3); err != nil {
			t.Fatal(err)
		}
		got, err = s.UserBriefs(ctx, "U0JEROEN", "", 0)
		check("jeroen after delete", got, err, []int64{2})

		chans, err := s.ChannelCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := []store.ChannelCount{{"C0TWEE", 2}}; !slices.Equal(chans, want) {
			t.Errorf("Channels = %v, want %v", chans, want)
		}
	})
}

// TestMigrationBuildsIndexes opens a file as the previous schema left it
// (cases, no briefs) and finds its cases.
// bbolt only: an old schema is written into a file; a PostgreSQL database
// is made at the current schema, or copied from a migrated file.
func TestMigrationBuildsIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	s := MustOpenPath(t, path, store.Options{NoSync: true})
	mustCreate(t, s, fullCase("C0EEN", "1741000000.000100", t0))
	s.Close()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range []string{"briefs", "user_cases"} {
			if err := tx.DeleteBucket([]byte(b)); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), u64(1))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s = MustOpenPath(t, path, store.Options{NoSync: true})
	r, err := s.Search(t.Context(), "C0EEN", store.Query{Terms: []store.Term{term("verhuiskosten")}})
	if err != nil || len(r.Hits) != 1 {
		t.Fatalf("search after migration: %v, %v", hitIDs(r), err)
	}
	bs, err := s.UserBriefs(t.Context(), "U0PIETER", "", 0)
	if err != nil || len(bs) != 1 {
		t.Fatalf("user briefs after migration: %v, %v", briefIDs(bs), err)
	}
}

// bbolt only: a file (its lock, pages, socket or old schema); see store.Engines.
func TestOpenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	s := MustOpenPath(t, path, store.Options{NoSync: true})
	mustCreate(t, s, newCase("C0EEN", "Eerste", t0))

	if ro, err := store.OpenReadOnly(t.Context(), path, store.Options{LockTimeout: 100 * time.Millisecond}); !errors.Is(err, store.ErrLocked) {
		if ro != nil {
			ro.Close()
		}
		t.Fatalf("OpenReadOnly while the bot holds the file: %v, want ErrLocked", err)
	}
	s.Close()
	ro, err := store.OpenReadOnly(t.Context(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	list, err := ro.ListCases(t.Context(), "C0EEN", store.Filter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("ListCases read-only: %d, %v", len(list), err)
	}
	if err := ro.CreateCase(t.Context(), newCase("C0EEN", "Tweede", t0)); err == nil {
		t.Error("a read-only store accepted a write")
	}
	if _, err := store.OpenReadOnly(t.Context(), filepath.Join(t.TempDir(), "none.db"), store.Options{}); err == nil {
		t.Error("OpenReadOnly of a missing file succeeded")
	}
}
