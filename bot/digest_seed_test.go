package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// amsterdam is the time zone of the digest tests.
func amsterdam(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// testClock is a clock the test sets.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock on by d.
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Sleep moves the clock on by d at once: a test's waits cost no real time.
func (c *testClock) Sleep(ctx context.Context, d time.Duration) error {
	c.Add(d)
	return ctx.Err()
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// seedCase describes a case as a caseworker would hold it: started at
// start, its signals ticked an hour later, and then either left open,
// closed at the weighing, or argued and decided (and placed among the
// variants) on decideAt.
type seedCase struct {
	channel, title, scheme string
	by                     string
	start                  time.Time
	signals                []string
	// close is a closing option at the weighing ("geen-maatwerk",
	// "dienstverlening") with reason; the case closes two hours after start.
	close, reason string
	// decision is a decision option; the arguments (values) are added, the
	// decision taken and the variant placed on decideAt.
	decision string
	decideAt time.Time
	values   []string
	variant  string
	// finish completes the conversation after the variant.
	finish bool
	// bare leaves the case without any answer.
	bare bool
}

// seeder stores cases through the engine, with the engine's clock moved to
// each moment an answer is given.
type seeder struct {
	t      testing.TB
	st     *store.Store
	engine *dialogs.Engine
	clock  *testClock
	n      int
}

func newSeeder(tb testing.TB, st *store.Store) *seeder {
	clock := &testClock{}
	return &seeder{t: tb, st: st, engine: dialogs.New(mustCards(tb), clock.Now), clock: clock}
}

// add stores c and returns its id.
func (s *seeder) add(sc seedCase) int64 {
	s.t.Helper()
	ctx := context.Background()
	s.n++
	by := sc.by
	if by == "" {
		by = alice
	}
	s.clock.Set(sc.start)
	c, err := s.engine.NewCase(dialogs.Start{Channel: sc.channel, Title: sc.title, Scheme: sc.scheme, By: by, Lang: cards.NL})
	if err != nil {
		s.t.Fatal(err)
	}
	c.Thread = fmt.Sprintf("%d.%06d", sc.start.Unix(), s.n)
	c.SetPost(delivery.PostRoot, c.Thread)
	if err := s.st.CreateCase(ctx, c); err != nil {
		s.t.Fatal(err)
	}
	if sc.bare {
		return c.ID
	}
	at := sc.start.Add(time.Hour)
	steps := s.engine.Cards().Steps()
	answer := func(choices []string, text string) {
		s.t.Helper()
		s.clock.Set(at)
		_, err := s.st.UpdateCase(ctx, c.ID, func(cc *record.Case) error {
			p, ok := s.engine.Prompt(cc)
			if !ok {
				return fmt.Errorf("no open question")
			}
			if text == "" && (p.NeedsText(first(choices)) || p.Kind == cards.KindText) {
				text = "Toelichting bij " + p.StepID + "."
			}
			_, err := s.engine.Answer(cc, dialogs.Input{Seq: cc.Seq, Step: p.StepID, Choices: choices, Text: text, By: by})
			return err
		})
		if err != nil {
			s.t.Fatalf("%s: %v", sc.title, err)
		}
		at = at.Add(time.Minute)
	}
	current := func() cards.Step {
		cc, err := s.st.Case(ctx, c.ID)
		if err != nil {
			s.t.Fatal(err)
		}
		return steps[cc.Step]
	}
	// The four signal groups: each signal goes to the group that has it.
	for current().Item.Kind == cards.KindMulti {
		st := current()
		var picked []string
		for _, o := range st.Options {
			if slices.Contains(sc.signals, o.ID) {
				picked = append(picked, o.ID)
			}
		}
		answer(picked, "")
	}
	if sc.close != "" {
		at = sc.start.Add(2 * time.Hour)
		answer([]string{sc.close}, sc.reason)
		return c.ID
	}
	if sc.decision == "" {
		return c.ID
	}
	answer([]string{"verder"}, "")
	at = sc.decideAt
	for {
		st := current()
		switch st.Item.Kind {
		case cards.KindText:
			answer(nil, "")
		case cards.KindMulti:
			answer([]string{st.Options[0].ID}, "")
		case cards.KindArguments:
			s.clock.Set(at)
			_, err := s.st.UpdateCase(ctx, c.ID, func(cc *record.Case) error {
				for i, v := range append([]string{""}, sc.values...) {
					if _, err := s.engine.AddArgument(cc, dialogs.ArgumentInput{Pro: i%2 == 0, Text: "Argument over " + v + ".", Value: v, By: bob}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				s.t.Fatal(err)
			}
			answer(nil, "")
		case cards.KindChoice:
			choice := st.Options[0].ID
			if isVariant(st) {
				if sc.variant == "" {
					return c.ID
				}
				choice = sc.variant
			}
			answer([]string{choice}, "")
		case cards.KindDecision:
			answer([]string{sc.decision}, "Afgewogen in het team, omdat de gevolgen zwaar zijn.")
			if sc.variant == "" {
				return c.ID
			}
		}
		if isVariant(st) && !sc.finish {
			return c.ID
		}
		if cc, _ := s.st.Case(ctx, c.ID); cc.Status == record.StatusClosed {
			return c.ID
		}
	}
}

// isVariant reports whether st places the decision among the variants.
func isVariant(st cards.Step) bool { return st.Item.OptionsFrom == "varianten" }

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// Channels of the month of cases.
const (
	chanA = channel
	chanB = "C0OTHER02"
)

// seedMonth stores November 2026 in two channels (ISO weeks 45 to 48) and
// returns the ids by short name. Channel B's cases share signals and schemes
// with A's, so a leak would show in A's counts.
func seedMonth(tb testing.TB, st *store.Store, loc *time.Location) map[string]int64 {
	tb.Helper()
	s := newSeeder(tb, st)
	day := func(d, h, m int) time.Time { return time.Date(2026, time.November, d, h, m, 0, 0, loc) }
	ids := map[string]int64{}
	ids["kostendeler"] = s.add(seedCase{channel: chanA, title: "Kostendelersnorm bij mantelzorg voor moeder", scheme: "Participatiewet",
		start: day(3, 9, 30), signals: []string{"onevenredig", "onvoorzien", "komt-vaker-voor"},
		decision: "maatwerk", decideAt: day(4, 14, 0), values: []string{"menselijke-maat"}, variant: "hardheidsclausule", finish: true})
	ids["terugvordering"] = s.add(seedCase{channel: chanA, title: "Terugvordering na te laat gemelde inkomsten", scheme: "Participatiewet",
		start: day(5, 11, 0), signals: []string{"onevenredig", "escalatie"},
		decision: "regel", decideAt: day(24, 10, 0), values: []string{"rechtsgelijkheid"}, variant: "standaardisatie"})
	ids["woning"] = s.add(seedCase{channel: chanA, title: "Woningaanpassing bij wisselende zorgvraag", scheme: "Wmo", by: bob,
		start: day(10, 13, 15), signals: []string{"onvoorzien", "regels-botsen"},
		decision: "maatwerk", decideAt: day(12, 9, 0), values: []string{"menselijke-maat", "uitvoerbaarheid"}, variant: "hardheidsclausule", finish: true})
	ids["aflossing"] = s.add(seedCase{channel: chanA, title: "Aflossingsplan past niet bij seizoenswerk", scheme: "Schuldhulpverlening",
		start: day(11, 10, 0), signals: []string{"standaardproces"}, close: "geen-maatwerk", reason: "Extra uitleg over het proces was genoeg."})
	ids["zoon"] = s.add(seedCase{channel: chanA, title: "Kostendelersnorm bij inwonende volwassen zoon", scheme: "participatiewet ",
		start: day(17, 9, 0), signals: []string{"onevenredig", "komt-vaker-voor"}})
	ids["boete"] = s.add(seedCase{channel: chanA, title: "Boete na gemiste afspraak door ziekenhuisopname", scheme: "Participatiewet",
		start: day(23, 8, 45), signals: []string{"onevenredig", "onvoorzien"},
		decision: "maatwerk", decideAt: day(24, 15, 0), values: []string{"menselijke-maat", "rechtsgelijkheid"}, variant: "hardheidsclausule"})
	ids["leefgeld"] = s.add(seedCase{channel: chanA, title: "Leefgeld bij schuldsanering te laag voor dieet", scheme: "Schuldhulpverlening", by: bob,
		start: day(25, 10, 30), signals: []string{"minder-redzaam"}, close: "dienstverlening", reason: "Doorverwezen naar het budgetteam."})
	ids["vervoer"] = s.add(seedCase{channel: chanA, title: "Vervoersvoorziening na verhuizing <naar buurgemeente>", scheme: "Wmo",
		start: day(26, 14, 0), signals: []string{"regels-botsen", "doel-onduidelijk"}, decision: "voorleggen", decideAt: day(27, 11, 0)})
	ids["laptop"] = s.add(seedCase{channel: chanA, title: "Bijzondere bijstand voor een laptop", start: day(29, 22, 30), bare: true})
	// Channel B.
	ids["b-geheim"] = s.add(seedCase{channel: chanB, title: "Geheime casus uit kanaal B", scheme: "Participatiewet",
		start: day(24, 9, 0), signals: []string{"onevenredig", "onvoorzien"},
		decision: "maatwerk", decideAt: day(25, 9, 0), values: []string{"menselijke-maat"}, variant: "hardheidsclausule"})
	ids["b-stil"] = s.add(seedCase{channel: chanB, title: "Stille casus uit kanaal B", scheme: "Wmo", start: day(2, 9, 0), signals: []string{"vastgelopen"}})
	ids["b-dicht"] = s.add(seedCase{channel: chanB, title: "Afgesloten casus uit kanaal B", scheme: "Wmo",
		start: day(26, 9, 0), signals: []string{"standaardproces"}, close: "geen-maatwerk", reason: "Past binnen de regel."})
	// A case in A from the week after (W49) must not count in W48.
	ids["later"] = s.add(seedCase{channel: chanA, title: "Casus van de week erna", scheme: "Participatiewet",
		start: time.Date(2026, time.November, 30, 8, 0, 0, 0, loc), signals: []string{"onevenredig"}})
	return ids
}

// keysOf returns the display keys of the named cases.
func keysOf(ids map[string]int64, names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, record.FormatKey(ids[n]))
	}
	return out
}

// mustContainAll fails for each want missing from got.
func mustContainAll(tb testing.TB, got string, want ...string) {
	tb.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			tb.Errorf("missing %q in:\n%s", w, got)
		}
	}
}
