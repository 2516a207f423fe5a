package dialogs

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

func TestParseWeek(t *testing.T) {
	tests := []struct {
		in   string
		want Week
		ok   bool
	}{
		{"2026-W47", Week{2026, 47}, true},
		{"2026-w47", Week{2026, 47}, true},
		{"2026W47", Week{2026, 47}, true},
		{" 2026-W7 ", Week{2026, 7}, true},
		{"2026-W53", Week{2026, 53}, true}, // 2026 starts on a Thursday: 53 weeks
		{"2025-W53", Week{}, false},
		{"2026-W00", Week{}, false},
		{"2026-W54", Week{}, false},
		{"26-W47", Week{}, false},
		{"2026-47", Week{}, false},
		{"W47", Week{}, false},
		{"2026-W4x", Week{}, false},
		{"vorige", Week{}, false},
		{"", Week{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseWeek(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseWeek(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseWeek(f *testing.F) {
	for _, s := range []string{"2026-W47", "2026w1", "2020-W53", "1970-W01", "9999-W52", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, ok := ParseWeek(s)
		if !ok {
			return
		}
		// A parsed week formats and parses back, and its Monday is in it.
		if back, ok := ParseWeek(w.String()); !ok || back != w {
			t.Fatalf("%q → %v → %q → %v", s, w, w.String(), back)
		}
		if WeekOf(w.Start(time.UTC), time.UTC) != w || w.Next().Prev() != w {
			t.Fatalf("%v: Start or Next/Prev inconsistent", w)
		}
	})
}

func TestWeekBoundsAcrossDaylightSaving(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		week  Week
		hours time.Duration
	}{
		{Week{2026, 13}, 167}, // clocks forward on Sunday 29 March
		{Week{2026, 43}, 169}, // clocks back on Sunday 25 October
		{Week{2026, 47}, 168},
		{Week{2020, 53}, 168},
		{Week{2027, 1}, 168},
	}
	for _, tt := range tests {
		start, end := tt.week.Start(loc), tt.week.End(loc)
		if got := end.Sub(start); got != tt.hours*time.Hour {
			t.Errorf("%s lasts %v, want %dh", tt.week, got, tt.hours)
		}
		if s := start.In(loc); s.Weekday() != time.Monday || s.Hour() != 0 {
			t.Errorf("%s starts %v", tt.week, s)
		}
		if WeekOf(end.Add(-time.Second), loc) != tt.week || WeekOf(end, loc) != tt.week.Next() {
			t.Errorf("%s: the last second or the next Monday in the wrong week", tt.week)
		}
	}
	// Monday 09:00 on the wall clock both sides of each change.
	for _, w := range []Week{{2026, 13}, {2026, 14}, {2026, 43}, {2026, 44}} {
		if at := w.At(loc, time.Monday, 9, 0).In(loc); at.Hour() != 9 || at.Weekday() != time.Monday {
			t.Errorf("%s Monday 09:00 is %v", w, at)
		}
	}
	if got := (Week{2026, 1}).Prev(); got != (Week{2025, 52}) {
		t.Errorf("week before 2026-W01 is %v", got)
	}
	if got := (Week{2026, 53}).Next(); got != (Week{2027, 1}) {
		t.Errorf("week after 2026-W53 is %v", got)
	}
}

func TestWeekCovers(t *testing.T) {
	w := Week{2026, 48}
	for day, want := range map[time.Weekday]Week{
		time.Monday: w.Prev(), time.Tuesday: w.Prev(), time.Wednesday: w.Prev(),
		time.Thursday: w, time.Friday: w, time.Saturday: w, time.Sunday: w,
	} {
		if got := w.Covers(day); got != want {
			t.Errorf("a digest on %s of %s covers %s, want %s", day, w, got, want)
		}
	}
}

// digestCaseAt builds a case directly: signals answered at start, a
// variant placed at start when variant is set.
func digestCaseAt(id int64, channel, scheme string, start time.Time, signals []string, variant string, values ...string) *record.Case {
	c := &record.Case{ID: id, Channel: channel, Title: fmt.Sprintf("Casus %d", id), Scheme: scheme, Lang: cards.NL,
		StartedAt: start, UpdatedAt: start, Status: record.StatusOpen, Thread: fmt.Sprintf("%d.0", id)}
	c.Answers = append(c.Answers, record.Answer{Step: "signalen/uitkomst", Choices: signals, At: start})
	if variant != "" {
		c.Answers = append(c.Answers, record.Answer{Step: "varianten/plaatsing", Choices: []string{variant}, At: start})
	}
	for i, v := range values {
		c.Arguments = append(c.Arguments, record.Argument{N: i + 1, Pro: true, Text: "x", Value: v, At: start})
	}
	return c
}

func TestDigestPatternsWindow(t *testing.T) {
	e := New(mustSet(t), nil)
	w := Week{2026, 48}
	mon := w.Start(time.UTC)
	week := func(n int) time.Time { return mon.AddDate(0, 0, -7*n+1) } // Tuesday n weeks back
	cases := []*record.Case{
		digestCaseAt(1, "C", "Wmo", week(0), []string{"onevenredig"}, "hardheidsclausule", "rechtszekerheid"),
		digestCaseAt(2, "C", "WMO", week(1), []string{"onevenredig"}, "hardheidsclausule", "rechtszekerheid"),
		digestCaseAt(3, "C", " wmo", week(3), []string{"onevenredig", "escalatie"}, "standaardisatie", "rechtszekerheid"),
		// Five weeks back: outside a four-week window.
		digestCaseAt(4, "C", "Wmo", week(4), []string{"escalatie"}, "hardheidsclausule"),
		digestCaseAt(5, "C", "Wmo", week(4), []string{"escalatie"}, ""),
		// Another channel never counts.
		digestCaseAt(6, "D", "Wmo", week(0), []string{"onevenredig", "escalatie"}, "hardheidsclausule"),
	}
	d := e.Digest(cases, DigestParams{Channel: "C", Week: w, Now: mon.AddDate(0, 0, 8)})
	var got []string
	for _, p := range d.Patterns {
		got = append(got, fmt.Sprintf("%s:%s:%d", p.Kind, p.ID, len(p.Cases)))
	}
	want := []string{"signal:onevenredig:3", "scheme:wmo:3", "value:rechtszekerheid:3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("patterns %v, want %v", got, want)
	}
	if d.Patterns[1].Label != "Wmo" {
		t.Errorf("scheme label %q, want the first spelling", d.Patterns[1].Label)
	}
	// Hardship: cases 2 and 1 (oldest first) share onevenredig (4 is outside the window,
	// 3 is not a hardship clause, 6 is another channel).
	if len(d.Hardship) != 1 || len(d.Hardship[0].Cases) != 2 || d.Hardship[0].Cases[0].ID != 2 || d.Hardship[0].Cases[1].ID != 1 {
		t.Errorf("hardship %+v", d.Hardship)
	}
	// Eight weeks and a minimum of 4: escalatie (3, 4, 5) is not enough,
	// Wmo (1, 2, 3, 4, 5) is.
	d = e.Digest(cases, DigestParams{Channel: "C", Week: w, PatternMin: 4, PatternWeeks: 8})
	got = nil
	for _, p := range d.Patterns {
		got = append(got, fmt.Sprintf("%s:%s:%d", p.Kind, p.ID, len(p.Cases)))
	}
	if want := []string{"scheme:wmo:5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("patterns(4 in 8) %v, want %v", got, want)
	}
	text := PlainDigest(d, DigestFormat{Command: "/mw"})
	if !strings.Contains(text, "`/mw kaart beleid`") || !strings.Contains(text, "in 8 weken") {
		t.Errorf("plain digest without the pointer to the policy card or the window:\n%s", text)
	}
}

func TestDigestEmptyWeek(t *testing.T) {
	e := New(mustSet(t), nil)
	d := e.Digest(nil, DigestParams{Channel: "C", Week: Week{2026, 48}, Lang: cards.EN})
	if !d.Empty() {
		t.Fatalf("digest of nothing is not empty: %+v", d)
	}
	if got := PlainDigest(d, DigestFormat{}); !strings.Contains(got, "No new cases") {
		t.Errorf("empty digest text:\n%s", got)
	}
}

func TestDigestTextsSameVerbs(t *testing.T) {
	nl, en := reflect.ValueOf(*DigestTextsFor(cards.NL)), reflect.ValueOf(*DigestTextsFor(cards.EN))
	for i := range nl.NumField() {
		name := nl.Type().Field(i).Name
		if nl.Field(i).Kind() != reflect.String {
			continue
		}
		a, b := nl.Field(i).String(), en.Field(i).String()
		if a == "" || b == "" {
			t.Errorf("%s is empty in one language", name)
		}
		if strings.HasSuffix(name, "F") && !slices.Equal(verbs(a), verbs(b)) {
			t.Errorf("%s: verbs %q (nl) and %q (en) differ", name, verbs(a), verbs(b))
		}
	}
}

func mustSet(t *testing.T) *cards.Set {
	t.Helper()
	set, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	return set
}
