package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// digestHarness is newHarness with an injected clock and time zone: the
// real HTTP handlers and the real scheduler tick against a fake Slack.
func digestHarness(t *testing.T, fs *fakeslack.Server, dbPath string, clock *testClock, loc *time.Location, lang cards.Lang) *harness {
	t.Helper()
	return newHarness(t, fs, dbPath, func(c *Config) {
		c.Now, c.Location, c.Lang = clock.Now, loc, lang
	})
}

// botMessages are the bot's top-level messages in channel.
func botMessages(fs *fakeslack.Server, channel string) []fakeslack.Message {
	var out []fakeslack.Message
	for _, m := range fs.Messages(channel) {
		if m.ThreadTS == "" && m.User == fakeslack.BotUserID && !m.Deleted {
			out = append(out, m)
		}
	}
	return out
}

// checkGoldenText compares got with testdata/golden/name.
func checkGoldenText(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run Golden -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; if intended, run go test ./bot -run Golden -update\ngot:\n%s", path, got)
	}
}

// novemberDigest is the moment the digest of 2026-W48 falls due: Monday
// 30 November 2026, 09:00 in Amsterdam.
func novemberDigest(loc *time.Location) time.Time {
	return time.Date(2026, time.November, 30, 9, 0, 0, 0, loc)
}

func TestGoldenDigestMonth(t *testing.T) {
	loc := amsterdam(t)
	st := mustStore(t)
	ids := seedMonth(t, st, loc)
	e := dialogs.New(mustCards(t), nil)
	ctx := context.Background()
	w48 := dialogs.Week{Year: 2026, Num: 48}
	for _, lang := range cards.Langs() {
		p := dialogs.DigestParams{Channel: chanA, Week: w48, Loc: loc, Lang: lang, Now: novemberDigest(loc)}
		since, idle := p.Window()
		cases, err := st.DigestCases(ctx, chanA, "", since, idle)
		if err != nil {
			t.Fatal(err)
		}
		d := e.Digest(cases, p)
		text := dialogs.PlainDigest(d, dialogs.DigestFormat{Command: "/maatwerk"})
		checkGoldenText(t, "digest-"+string(lang)+".txt", text)
		links := map[string]string{}
		for _, c := range cases {
			links[c.Thread] = "https://fake.slack.test/archives/" + c.Channel + "/p" + strings.ReplaceAll(c.Thread, ".", "")
		}
		r := render.Renderer{Engine: e, Loc: loc}
		blocks, fallback := r.Digest(d, "/maatwerk", links, &render.DigestRef{Channel: chanA, Week: w48.String()})
		checkGolden(t, string(lang)+"/digest", message{fallback, blocks})
		raw, _ := json.Marshal(blocks)
		for _, name := range []string{"b-geheim", "b-stil", "b-dicht"} {
			if strings.Contains(text, record.FormatKey(ids[name])) || strings.Contains(string(raw), record.FormatKey(ids[name])) {
				t.Errorf("%s: case %s of channel B is in channel A's digest", lang, name)
			}
		}
		if strings.Contains(text, "kanaal B") || strings.Contains(text, "Casus van de week erna") {
			t.Errorf("%s: a case of channel B or of week 49 is in the digest:\n%s", lang, text)
		}
		if !strings.Contains(string(raw), `\u0026lt;naar buurgemeente\u0026gt;`) {
			t.Errorf("%s: a title's < and > are not escaped in the blocks", lang)
		}
	}
}

func TestDigestContent(t *testing.T) {
	loc := amsterdam(t)
	st := mustStore(t)
	ids := seedMonth(t, st, loc)
	e := dialogs.New(mustCards(t), nil)
	ctx := context.Background()
	digest := func(channel string, w dialogs.Week, min int) dialogs.Digest {
		p := dialogs.DigestParams{Channel: channel, Week: w, Loc: loc, Lang: cards.NL, Now: novemberDigest(loc), PatternMin: min}
		since, idle := p.Window()
		cases, err := st.DigestCases(ctx, channel, "", since, idle)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if c.Channel != channel {
				t.Fatalf("DigestCases(%s) returned a case of %s", channel, c.Channel)
			}
		}
		return e.Digest(cases, p)
	}
	keys := func(cs []dialogs.DigestCase) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Key)
		}
		return out
	}
	w48 := dialogs.Week{Year: 2026, Num: 48}
	d := digest(chanA, w48, 0)
	if got, want := keys(d.Started), keysOf(ids, "boete", "leefgeld", "vervoer", "laptop"); !slices.Equal(got, want) {
		t.Errorf("started %v, want %v", got, want)
	}
	decided := map[string][]string{}
	for _, g := range d.Decisions {
		decided[g.ID] = keys(g.Cases)
	}
	wantDecided := map[string][]string{
		"maatwerk": keysOf(ids, "boete"), "regel": keysOf(ids, "terugvordering"), "voorleggen": keysOf(ids, "vervoer"),
	}
	if len(decided) != len(wantDecided) {
		t.Errorf("decisions %v, want %v", decided, wantDecided)
	}
	for k, v := range wantDecided {
		if !slices.Equal(decided[k], v) {
			t.Errorf("decision %s: %v, want %v", k, decided[k], v)
		}
	}
	if got, want := keys(d.ClosedAfterSignals), keysOf(ids, "leefgeld"); !slices.Equal(got, want) {
		t.Errorf("closed after signals %v, want %v", got, want)
	}
	if got, want := keys(d.Idle), keysOf(ids, "zoon"); !slices.Equal(got, want) {
		t.Errorf("idle %v, want %v", got, want)
	}
	if len(d.Idle) == 1 && d.Idle[0].Note != "12 dagen geen activiteit" {
		t.Errorf("idle note %q", d.Idle[0].Note)
	}
	type flag struct {
		kind, id string
		n        int
	}
	var flags []flag
	for _, p := range d.Patterns {
		flags = append(flags, flag{p.Kind, p.ID, len(p.Cases)})
	}
	// onevenredig: kostendeler, terugvordering, zoon, boete; onvoorzien:
	// kostendeler, woning, boete; Participatiewet (any spelling): the
	// same four; menselijke maat: kostendeler, woning, boete. Channel B's
	// cases would make regels-botsen, Wmo and komt-vaker-voor reach 3.
	wantFlags := []flag{
		{dialogs.PatternSignal, "onevenredig", 4},
		{dialogs.PatternScheme, "participatiewet", 4},
		{dialogs.PatternSignal, "onvoorzien", 3},
		{dialogs.PatternValue, "menselijke-maat", 3},
	}
	if !slices.Equal(flags, wantFlags) {
		t.Errorf("patterns %v, want %v", flags, wantFlags)
	}
	if len(d.Hardship) != 2 {
		t.Fatalf("hardship groups %+v, want 2", d.Hardship)
	}
	if got, want := keys(d.Hardship[0].Cases), keysOf(ids, "kostendeler", "woning", "boete"); !slices.Equal(got, want) {
		t.Errorf("hardship group 1 %v, want %v", got, want)
	}
	if got, want := keys(d.Hardship[1].Cases), keysOf(ids, "kostendeler", "boete"); !slices.Equal(got, want) {
		t.Errorf("hardship group 2 %v, want %v", got, want)
	}
	// With MAATWERK_PATTERN_MIN=2 more recurs: komt-vaker-voor (2 cases).
	d2 := digest(chanA, w48, 2)
	if !slices.ContainsFunc(d2.Patterns, func(p dialogs.DigestPattern) bool { return p.ID == "komt-vaker-voor" }) {
		t.Errorf("PatternMin 2: komt-vaker-voor not flagged: %+v", d2.Patterns)
	}
	// Channel B's digest has B's cases only.
	db := digest(chanB, w48, 0)
	if got, want := keys(db.Started), keysOf(ids, "b-geheim", "b-dicht"); !slices.Equal(got, want) {
		t.Errorf("channel B started %v, want %v", got, want)
	}
	if got, want := keys(db.Idle), keysOf(ids, "b-stil"); !slices.Equal(got, want) {
		t.Errorf("channel B idle %v, want %v", got, want)
	}
	if len(db.Patterns) != 0 {
		t.Errorf("channel B patterns %+v, want none", db.Patterns)
	}
	// Week 46: the case closed at the signals, and the hardship decision.
	d46 := digest(chanA, dialogs.Week{Year: 2026, Num: 46}, 0)
	if got, want := keys(d46.ClosedAfterSignals), keysOf(ids, "aflossing"); !slices.Equal(got, want) {
		t.Errorf("W46 closed after signals %v, want %v", got, want)
	}
}

func mustStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "maatwerk.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// seedFile seeds the month into a database file and closes it.
func seedFile(t *testing.T, loc *time.Location) (string, map[string]int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	st, err := store.Open(context.Background(), path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := seedMonth(t, st, loc)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

func TestDigestScheduledExactlyOnceAcrossRestart(t *testing.T) {
	loc := amsterdam(t)
	path, ids := seedFile(t, loc)
	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	clock.Set(novemberDigest(loc).Add(-time.Second))
	h := digestHarness(t, fs, path, clock, loc, cards.NL)
	ctx := context.Background()
	// The bot started just before 09:00: it catches up week 47 (never
	// posted), and week 48 is not due yet.
	h.bot.sched.digestTick(ctx)
	msgs := botMessages(fs, chanA)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "2026-W47") {
		t.Fatalf("before 09:00: %d messages in A, want the catch-up of 2026-W47", len(msgs))
	}
	clock.Set(novemberDigest(loc))
	next := h.bot.sched.digestTick(ctx)
	h.bot.sched.digestTick(ctx)
	msgsA, msgsB := botMessages(fs, chanA), botMessages(fs, chanB)
	if len(msgsA) != 2 || !strings.Contains(msgsA[1].Text, "2026-W48") {
		t.Fatalf("at 09:00: A has %d digests, want 2 (W47, W48)", len(msgsA))
	}
	// The next digest is a week away; the scheduler looks again within
	// the hour.
	if want := clock.Now().Add(schedulerMaxSleep); !next.Equal(want) {
		t.Errorf("next wake-up %v, want %v", next, want)
	}
	if !strings.Contains(string(msgsA[1].Blocks), record.FormatKey(ids["boete"])) {
		t.Errorf("A's digest does not name %s", record.FormatKey(ids["boete"]))
	}
	if !strings.Contains(string(msgsA[1].Blocks), "https://fake.slack.test/archives/"+chanA+"/p") {
		t.Errorf("A's digest has no thread permalinks")
	}
	for _, m := range msgsA {
		if strings.Contains(string(m.Blocks), "kanaal B") {
			t.Errorf("channel B's case in A's digest")
		}
	}
	if len(msgsB) != 2 || !strings.Contains(string(msgsB[1].Blocks), "Geheime casus uit kanaal B") {
		t.Fatalf("B has %d digests, want 2 (W47, W48) with its own case", len(msgsB))
	}
	// A restart on the same file, the same morning: nothing again.
	h.stop()
	clock.Set(novemberDigest(loc).Add(time.Hour))
	h2 := digestHarness(t, fs, path, clock, loc, cards.NL)
	h2.bot.sched.digestTick(ctx)
	if n, m := len(botMessages(fs, chanA)), len(botMessages(fs, chanB)); n != 2 || m != 2 {
		t.Errorf("after a restart: %d digests in A, %d in B; want 2 and 2", n, m)
	}
	// The permalinks were cached: the second bot asked Slack for none.
	links := len(fs.CallsTo("chat.getPermalink"))
	h2.bot.sched.digestTick(ctx)
	if got := len(fs.CallsTo("chat.getPermalink")); got != links {
		t.Errorf("a tick with nothing due asked for %d permalinks", got-links)
	}
}

func TestDigestRefusedPostIsRetried(t *testing.T) {
	loc := amsterdam(t)
	path, _ := seedFile(t, loc)
	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	clock.Set(novemberDigest(loc))
	h := digestHarness(t, fs, path, clock, loc, cards.NL)
	ctx := context.Background()
	mark(t, h.store, chanA, "2026-W47")
	mark(t, h.store, chanB, "2026-W47")
	fs.FailNext("chat.postMessage", 1, fakeslack.Fault{Status: 503})
	next := h.bot.sched.digestTick(ctx)
	if n := len(botMessages(fs, chanA)); n != 0 {
		t.Fatalf("%d digests in A after a 503", n)
	}
	if n := len(botMessages(fs, chanB)); n != 1 {
		t.Fatalf("%d digests in B, want 1 (A's failure must not stop B)", n)
	}
	if want := clock.Now().Add(schedulerRetry); !next.Equal(want) {
		t.Errorf("after a refused post the scheduler wakes at %v, want %v", next, want)
	}
	// The process restarts; the refused post is made once, B's not again.
	h.stop()
	h2 := digestHarness(t, fs, path, clock, loc, cards.NL)
	h2.bot.sched.digestTick(ctx)
	h2.bot.sched.digestTick(ctx)
	if n, m := len(botMessages(fs, chanA)), len(botMessages(fs, chanB)); n != 1 || m != 1 {
		t.Errorf("after restart: %d digests in A, %d in B; want 1 and 1", n, m)
	}
	rec, err := h2.store.DigestPostOf(ctx, chanA, "2026-W48")
	if err != nil {
		t.Fatal(err)
	}
	if s := rec.Sends[chanA]; s == nil || s.State != store.SendPosted || s.TS == "" || s.Attempts != 2 {
		t.Errorf("record %+v, want posted with ts after 2 attempts", s)
	}
}

// mark records channel's digest of week as posted (an earlier week the
// test does not look at).
func mark(t *testing.T, st *store.Store, channel, week string) {
	t.Helper()
	ctx := context.Background()
	if _, _, err := st.BeginDigestSend(ctx, channel, week, channel, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := st.FinishDigestSend(ctx, channel, week, channel, channel, "1.1", time.Time{}); err != nil {
		t.Fatal(err)
	}
}

func TestDigestStopBetweenPostAndRecord(t *testing.T) {
	loc := amsterdam(t)
	path, _ := seedFile(t, loc)
	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	clock.Set(novemberDigest(loc))
	h := digestHarness(t, fs, path, clock, loc, cards.NL)
	ctx := context.Background()
	mark(t, h.store, chanA, "2026-W47")
	mark(t, h.store, chanB, "2026-W47")
	// The process dies right after Slack took the post.
	died := errors.New("killed")
	h.bot.sched.digest.afterPost = func() error { return died }
	h.bot.sched.digestTick(ctx)
	if n := len(botMessages(fs, chanA)); n != 1 {
		t.Fatalf("%d digests in A, want the 1 posted before dying", n)
	}
	h.stop()
	h2 := digestHarness(t, fs, path, clock, loc, cards.NL)
	h2.bot.sched.digestTick(ctx)
	clock.Set(novemberDigest(loc).Add(3 * time.Hour))
	h2.bot.sched.digestTick(ctx)
	if n := len(botMessages(fs, chanA)); n != 1 {
		t.Errorf("after the restart: %d digests in A, want still 1", n)
	}
	if !strings.Contains(h2.logs.String(), "not posting again") {
		t.Errorf("the unconfirmed post was not logged")
	}
}

func TestDigestCatchUpOnlyLatestMissedWeek(t *testing.T) {
	loc := amsterdam(t)
	path, _ := seedFile(t, loc)
	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	// Down from before 30 November until Wednesday 9 December: the digests
	// of W48 (due 30 Nov) and W49 (due 7 Dec) were missed.
	clock.Set(time.Date(2026, time.December, 9, 12, 0, 0, 0, loc))
	h := digestHarness(t, fs, path, clock, loc, cards.NL)
	ctx := context.Background()
	mark(t, h.store, chanA, "2026-W47")
	h.bot.sched.digestTick(ctx)
	h.bot.sched.digestTick(ctx)
	msgs := botMessages(fs, chanA)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "2026-W49") {
		var texts []string
		for _, m := range msgs {
			texts = append(texts, m.Text)
		}
		t.Fatalf("catch-up posted %q, want only 2026-W49", texts)
	}
	if _, err := h.store.DigestPostOf(ctx, chanA, "2026-W48"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("W48 has a record (%v); only the latest missed week is caught up", err)
	}
}

func TestDigestDaylightSaving(t *testing.T) {
	loc := amsterdam(t)
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		name         string
		firstCase    time.Time // the channel's first case
		lastCase     time.Time // a case late on the Sunday the clocks change
		day          string
		hour, minute int
		week         string
		ticks        []time.Time
		want         []int // digests after each tick
	}{{
		// Clocks go forward on Sunday 29 March 2026: the week W13 is 167
		// hours. Monday 09:00 CEST is 07:00 UTC.
		name: "spring Monday 09:00", firstCase: time.Date(2026, time.March, 23, 10, 0, 0, 0, loc),
		lastCase: time.Date(2026, time.March, 29, 23, 30, 0, 0, loc),
		day:      "monday", hour: 9, week: "2026-W13",
		ticks: []time.Time{utc(2026, 3, 30, 6, 59), utc(2026, 3, 30, 7, 0), utc(2026, 3, 30, 8, 0), utc(2026, 3, 31, 7, 0)},
		want:  []int{0, 1, 1, 1},
	}, {
		// Clocks go back on Sunday 25 October 2026: W43 is 169 hours.
		// Monday 09:00 CET is 08:00 UTC.
		name: "autumn Monday 09:00", firstCase: time.Date(2026, time.October, 19, 10, 0, 0, 0, loc),
		lastCase: time.Date(2026, time.October, 25, 23, 30, 0, 0, loc),
		day:      "monday", hour: 9, week: "2026-W43",
		ticks: []time.Time{utc(2026, 10, 26, 7, 0), utc(2026, 10, 26, 7, 59), utc(2026, 10, 26, 8, 0), utc(2026, 10, 26, 9, 0)},
		want:  []int{0, 0, 1, 1},
	}, {
		// Sunday 02:30 happens twice on 25 October (00:30 and 01:30 UTC):
		// posted once, at the second (time.Date takes the CET one).
		name: "autumn Sunday 02:30, twice on the clock", firstCase: time.Date(2026, time.October, 19, 10, 0, 0, 0, loc),
		lastCase: time.Date(2026, time.October, 24, 20, 0, 0, 0, loc),
		day:      "sunday", hour: 2, minute: 30, week: "2026-W43",
		ticks: []time.Time{utc(2026, 10, 25, 0, 0), utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 2, 30)},
		want:  []int{0, 0, 1, 1},
	}, {
		// Sunday 02:30 does not exist on 29 March: it comes at 03:30 CEST
		// (01:30 UTC), once.
		name: "spring Sunday 02:30, not on the clock", firstCase: time.Date(2026, time.March, 23, 10, 0, 0, 0, loc),
		lastCase: time.Date(2026, time.March, 28, 20, 0, 0, 0, loc),
		day:      "sunday", hour: 2, minute: 30, week: "2026-W13",
		ticks: []time.Time{utc(2026, 3, 29, 1, 0), utc(2026, 3, 29, 1, 29), utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 5, 0)},
		want:  []int{0, 0, 1, 1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "maatwerk.db")
			st, err := store.Open(context.Background(), path, store.Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			s := newSeeder(t, st)
			s.add(seedCase{channel: chanA, title: "Eerste casus van het kanaal", scheme: "Wmo", start: tt.firstCase, signals: []string{"onvoorzien"}})
			late := s.add(seedCase{channel: chanA, title: "Casus laat op zondag", scheme: "Wmo", start: tt.lastCase, bare: true})
			err = st.SetDigestSchedule(context.Background(), chanA, store.DigestSchedule{
				Day: tt.day, Hour: tt.hour, Minute: tt.minute, Target: store.TargetHere, At: tt.firstCase})
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			fs := fakeslack.New(t, testToken)
			clock := &testClock{}
			h := digestHarness(t, fs, path, clock, loc, cards.NL)
			for i, at := range tt.ticks {
				clock.Set(at)
				h.bot.sched.digestTick(context.Background())
				msgs := botMessages(fs, chanA)
				if len(msgs) != tt.want[i] {
					t.Fatalf("tick %d at %s: %d digests, want %d", i, at.In(loc).Format(time.RFC3339), len(msgs), tt.want[i])
				}
				if len(msgs) > 0 && !strings.Contains(msgs[0].Text, tt.week) {
					t.Fatalf("digest %q, want week %s", msgs[0].Text, tt.week)
				}
			}
			// The case late on the last Sunday belongs to the week.
			if msgs := botMessages(fs, chanA); !strings.Contains(string(msgs[0].Blocks), record.FormatKey(late)) {
				t.Errorf("the case of Sunday %s is not in the week's digest", tt.lastCase.Format(time.RFC3339))
			}
		})
	}
}

func TestWeekDueInstantsAcrossDaylightSaving(t *testing.T) {
	loc := amsterdam(t)
	sc := schedule{day: time.Monday, hour: 9}
	// Every Monday of 2026 at 09:00 on the wall clock, whatever the offset.
	w := dialogs.Week{Year: 2026, Num: 1}
	for range 53 {
		due := w.At(loc, sc.day, sc.hour, sc.minute)
		if l := due.In(loc); l.Weekday() != time.Monday || l.Hour() != 9 || l.Minute() != 0 {
			t.Fatalf("%s: due at %s", w, l)
		}
		got, covers := sc.latestDue(due, loc)
		if !got.Equal(due) || covers != w.Prev() {
			t.Fatalf("%s: latestDue(%s) = %s covering %s", w, due, got, covers)
		}
		if n := sc.nextDue(due, loc); n.Sub(due) < 167*time.Hour || n.Sub(due) > 169*time.Hour {
			t.Fatalf("%s: next due %s after %s", w, n.Sub(due), due)
		}
		w = w.Next()
		if w.Year != 2026 {
			break
		}
	}
}

func TestDigestToTeamLeadsByDM(t *testing.T) {
	loc := amsterdam(t)
	path, _ := seedFile(t, loc)
	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	clock.Set(novemberDigest(loc))
	st, err := store.Open(context.Background(), path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	err = st.SetDigestSchedule(context.Background(), chanA, store.DigestSchedule{Day: "monday", Hour: 9, Target: store.TargetLeads, At: time.Date(2026, 11, 1, 0, 0, 0, 0, loc)})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	h := digestHarness(t, fs, path, clock, loc, cards.NL)
	h.bot.sched.digestTick(context.Background())
	h.bot.sched.digestTick(context.Background())
	if n := len(botMessages(fs, chanA)); n != 0 {
		t.Errorf("%d digests in the channel, want them by DM", n)
	}
	dm := botMessages(fs, "D"+lead)
	if len(dm) != 1 || !strings.Contains(dm[0].Text, "2026-W48") {
		t.Errorf("the team lead got %d DMs, want the digest of W48 once", len(dm))
	}
}

// lastResponse returns the last post to a response_url whose text contains
// want.
func lastResponse(fs *fakeslack.Server, want string) (fakeslack.Call, bool) {
	calls := fs.CallsTo("response_url")
	for i := len(calls) - 1; i >= 0; i-- {
		if strings.Contains(calls[i].Params["text"], want) {
			return calls[i], true
		}
	}
	return fakeslack.Call{}, false
}

func TestDigestCommand(t *testing.T) {
	loc := amsterdam(t)
	path, ids := seedFile(t, loc)
	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	clock.Set(novemberDigest(loc).Add(2 * time.Hour))
	h := digestHarness(t, fs, path, clock, loc, cards.NL)
	// Anyone in the channel may read it: bob is no team lead.
	h.drive.OK(h.send.Command("/maatwerk", bob, chanA, "overzicht vorige"))
	h.bot.Wait()
	call, ok := lastResponse(fs, "2026-W48")
	if !ok {
		t.Fatalf("no ephemeral digest; calls: %v", fs.CallsTo("response_url"))
	}
	if call.Params["response_type"] != "ephemeral" {
		t.Errorf("on-demand digest is %q, want ephemeral", call.Params["response_type"])
	}
	blocks := json.RawMessage(call.Params["blocks"])
	mustContainAll(t, string(blocks), record.FormatKey(ids["boete"]), "Plaats in kanaal", "Patronen voor beleid")
	if len(botMessages(fs, chanA)) != 0 {
		t.Fatalf("the on-demand digest was posted in the channel")
	}
	var post fakeslack.Action
	for _, a := range fakeslack.Actions(blocks) {
		if a.ActionID == render.ActDigestPost {
			post = a
		}
	}
	if post.ActionID == "" {
		t.Fatal("no post button")
	}
	eph := fakeslack.Message{Channel: chanA, TS: "1700000999.000001", Blocks: blocks}
	h.drive.OK(h.send.Click(bob, eph, post, "", nil))
	h.drive.OK(h.send.Click(alice, eph, post, "", nil)) // a second click on the same copy
	h.bot.Wait()
	msgs := botMessages(fs, chanA)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "2026-W48") || strings.Contains(string(msgs[0].Blocks), render.ActDigestPost) {
		t.Fatalf("after the click: %d messages in the channel, want the digest without a button", len(msgs))
	}
	if _, ok := lastResponse(fs, "staat nu in het kanaal"); !ok {
		t.Errorf("the clicker was not told the digest was posted")
	}

	tests := []struct {
		name, text, want string
	}{
		{"this week", "overzicht", "2026-W49"},
		{"last week in words", "digest last week", "2026-W48"},
		{"English alias and ISO week", "digest 2026-W46", "2026-W46"},
		{"bad week", "overzicht week47", "overzicht vorige"},
		{"week 53 of a 52-week year", "overzicht 2025-W53", "overzicht 2026-W47"},
		{"future week", "overzicht 2027-W01", "nog niet begonnen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.drive.OK(h.send.Command("/maatwerk", bob, chanA, tt.text))
			h.bot.Wait()
			if strings.Contains(string(r.Body), tt.want) {
				return
			}
			if _, ok := lastResponse(fs, tt.want); !ok {
				t.Errorf("%q: no answer containing %q (reply %s)", tt.text, tt.want, r.Body)
			}
		})
	}
}

func TestSettingsOnlyForTeamLeads(t *testing.T) {
	loc := amsterdam(t)
	path, _ := seedFile(t, loc)
	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	clock.Set(time.Date(2026, time.December, 2, 10, 0, 0, 0, loc))
	h := digestHarness(t, fs, path, clock, loc, cards.NL)
	for _, word := range []string{"instellingen", "settings"} {
		r := h.drive.OK(h.send.Command("/maatwerk", bob, chanA, word))
		if !strings.Contains(string(r.Body), "Alleen teamleiders") || !strings.Contains(string(r.Body), "ephemeral") {
			t.Errorf("%s by a caseworker: %s, want a friendly ephemeral refusal", word, r.Body)
		}
	}
	h.bot.Wait()
	if n := len(fs.CallsTo("views.open")); n != 0 {
		t.Fatalf("a caseworker got %d settings modals", n)
	}
	// The team lead gets the modal with the defaults.
	h.drive.OK(h.send.Command("/maatwerk", lead, chanA, "instellingen"))
	h.bot.Wait()
	views := fs.Views()
	if len(views) != 1 {
		t.Fatalf("%d views open, want the settings modal", len(views))
	}
	view := views[0]
	mustContainAll(t, string(view), "maandag", "09:00", "Dit kanaal", cbSettings)
	var v slack.View
	if err := json.Unmarshal(view, &v); err != nil {
		t.Fatal(err)
	}
	// A caseworker who submits the modal anyway (a forged or stale
	// payload) is refused at the field.
	values := map[string]map[string]string{
		blkDigestOn: {render.ActInput: "=" + valOn}, blkDigestDay: {render.ActInput: "=friday"},
		blkDigestTime: {render.ActInput: "=16:30"}, blkDigestWhere: {render.ActInput: "=" + store.TargetLeads},
	}
	r, err := h.send.Submit(bob, view, values)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(r.Body), "Alleen teamleiders") {
		t.Errorf("submit by a caseworker: %s", r.Body)
	}
	if cs, _ := h.store.Channel(context.Background(), chanA); cs.Digest.Set {
		t.Fatalf("a caseworker's submission changed the settings: %+v", cs.Digest)
	}
	// The lead moves the digest to Friday 16:30, by DM.
	r = h.drive.OK(h.send.Submit(lead, view, values))
	h.bot.Wait()
	cs, err := h.store.Channel(context.Background(), chanA)
	if err != nil {
		t.Fatal(err)
	}
	if d := cs.Digest; !d.Set || d.Off || d.Day != "friday" || d.Hour != 16 || d.Minute != 30 || d.Target != store.TargetLeads || d.By != lead {
		t.Fatalf("settings %+v", d)
	}
	if _, ok := lastResponse(fs, "vrijdag om 16:30"); !ok {
		t.Errorf("the lead was not told the new schedule")
	}
	// Friday 4 December 16:30: W49 (the current week) goes to the lead.
	clock.Set(time.Date(2026, time.December, 4, 16, 30, 0, 0, loc))
	h.bot.sched.digestTick(context.Background())
	if dm := botMessages(fs, "D"+lead); len(dm) != 1 || !strings.Contains(dm[0].Text, "2026-W49") {
		t.Errorf("the lead got %d digests by DM, want W49 once", len(dm))
	}
	// "Another channel" without a channel is refused at that field (in a
	// newly opened modal: a submitted one is closed).
	h.drive.OK(h.send.Command("/maatwerk", lead, chanA, "instellingen"))
	h.bot.Wait()
	view = fs.Views()[len(fs.Views())-1]
	values[blkDigestWhere] = map[string]string{render.ActInput: "=" + store.TargetOther}
	r, err = h.send.Submit(lead, view, values)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(r.Body), blkDigestOther) {
		t.Errorf("other channel without a channel: %s", r.Body)
	}
}

func TestGoldenSettingsModal(t *testing.T) {
	r, _ := goldenRenderer(t)
	for _, lang := range cards.Langs() {
		m := render.Meta{Channel: chanA, Lang: string(lang)}
		sc := scheduleOf(store.ChannelSettings{Channel: chanA})
		checkGolden(t, string(lang)+"/settings", settingsModal(lang, r.Loc, m, sc))
	}
}

func TestDigestGivesUpWhenNotInTargetChannel(t *testing.T) {
	loc := amsterdam(t)
	path, _ := seedFile(t, loc)
	const elsewhere = "C0LEADS09"
	st, err := store.Open(context.Background(), path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	err = st.SetDigestSchedule(context.Background(), chanA, store.DigestSchedule{Day: "monday", Hour: 9,
		Target: store.TargetOther, TargetChannel: elsewhere, At: time.Date(2026, 11, 1, 0, 0, 0, 0, loc)})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	fs := fakeslack.New(t, testToken)
	fs.SetNotInChannel(elsewhere)
	clock := &testClock{}
	clock.Set(novemberDigest(loc))
	h := digestHarness(t, fs, path, clock, loc, cards.NL)
	for i := range store.MaxDigestAttempts + 3 {
		clock.Set(novemberDigest(loc).Add(time.Duration(i) * schedulerRetry))
		h.bot.sched.digestTick(context.Background())
	}
	tries := 0
	for _, c := range fs.CallsTo("chat.postMessage") {
		if c.Params["channel"] == elsewhere {
			tries++
		}
	}
	if tries != store.MaxDigestAttempts {
		t.Errorf("%d posts tried in the channel the bot is not in, want %d", tries, store.MaxDigestAttempts)
	}
	dm := botMessages(fs, "D"+lead)
	if len(dm) != 1 || !strings.Contains(dm[0].Text, "nodig me daar eerst uit") {
		t.Errorf("the team lead got %d DMs, want one asking to invite the bot", len(dm))
	}
}

func TestRunSchedulerCatchesUpAndWakes(t *testing.T) {
	loc := amsterdam(t)
	path, _ := seedFile(t, loc)
	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	clock.Set(novemberDigest(loc).Add(-time.Hour)) // W47 is missed, W48 not yet due
	h := digestHarness(t, fs, path, clock, loc, cards.NL)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.bot.RunScheduler(ctx) }()
	fs.WaitFor(t, 10*time.Second, "the catch-up of W47 at start", func() bool {
		m := botMessages(fs, chanA)
		return len(m) == 1 && strings.Contains(m[0].Text, "2026-W47")
	})
	// The clock passes 09:00; a wake-up (as after saved settings) makes the
	// scheduler look again without waiting for its timer.
	clock.Set(novemberDigest(loc))
	h.bot.sched.wake()
	fs.WaitFor(t, 10*time.Second, "W48 after the wake-up", func() bool { return len(botMessages(fs, chanA)) == 2 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if m := botMessages(fs, chanA); len(m) != 2 || !strings.Contains(m[1].Text, "2026-W48") {
		t.Errorf("digests in A: %d", len(m))
	}
}

// TestDigestLargeWeekStaysWithinLimits renders a very busy week: lists are
// cut shorter until the message fits Slack's limits, without cutting a
// link in half.
func TestDigestLargeWeekStaysWithinLimits(t *testing.T) {
	r, _ := goldenRenderer(t)
	w := dialogs.Week{Year: 2026, Num: 48}
	d := dialogs.Digest{Channel: chanA, Week: w, Lang: cards.NL, From: w.Start(time.UTC), To: w.End(time.UTC), PatternWeeks: 4}
	links := map[string]string{}
	var many []dialogs.DigestCase
	for i := range 80 {
		c := dialogs.DigestCase{ID: int64(i + 1), Key: record.FormatKey(int64(i + 1)), Thread: fmt.Sprintf("1700000000.%06d", i),
			Title: strings.Repeat("Lange titel over een ingewikkelde situatie & meer ", 4), Note: "Een toelichting die ook niet kort is."}
		links[c.Thread] = "https://fake.slack.test/archives/" + chanA + "/p1700000000" + fmt.Sprintf("%06d", i)
		many = append(many, c)
	}
	d.Started, d.Idle, d.ClosedAfterSignals = many, many, many
	for _, id := range []string{"onevenredig", "onvoorzien", "escalatie"} {
		d.Patterns = append(d.Patterns, dialogs.DigestPattern{Kind: dialogs.PatternSignal, ID: id, Label: id, Cases: many})
		d.Decisions = append(d.Decisions, dialogs.DigestGroup{ID: id, Label: id, Cases: many})
	}
	blocks, _ := r.Digest(d, "/maatwerk", links, &render.DigestRef{Channel: chanA, Week: w.String()})
	raw, _ := json.Marshal(blocks)
	if len(raw) > render.MaxMessageChars {
		t.Errorf("%d characters of blocks, over %d", len(raw), render.MaxMessageChars)
	}
	var generic []map[string]any
	_ = json.Unmarshal(raw, &generic)
	for _, p := range checkLimits(generic, "message") {
		t.Error(p)
	}
	for _, b := range blocks {
		s, ok := b.(*slack.SectionBlock)
		if !ok {
			continue
		}
		if strings.Count(s.Text.Text, "<") != strings.Count(s.Text.Text, ">") {
			t.Errorf("a link is cut in half: %s", s.Text.Text)
		}
	}
	if !strings.Contains(string(raw), "… en nog") {
		t.Errorf("the cut lists do not say how many more")
	}
}
