package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// The digest benchmark's workspace: 100,000 cases in 50 channels over two
// years (about 19 cases per channel per week).
const (
	digestCases    = 100_000
	digestChannels = 50
	digestSpan     = 2 * 365 * 24 * time.Hour
)

var digestEnd = time.Date(2026, time.November, 30, 9, 0, 0, 0, time.UTC)

// digestSignals are option ids of the signal groups, by step.
var digestSignals = map[string][]string{
	"signalen/uitkomst": {"strijdig-met-doel", "onevenredig", "escalatie", "regels-botsen", "omgeving-geraakt"},
	"signalen/persoon":  {"onvoorzien", "standaardproces", "minder-redzaam", "tussen-instanties", "vastgelopen"},
	"signalen/regel":    {"ruimte-in-regel", "geen-ruimte", "doel-onduidelijk", "komt-vaker-voor", "andere-regeling"},
	"signalen/zelf":     {"buikpijn", "niet-uit-te-leggen", "krant", "collegas-anders"},
}

var digestSchemes = []string{"Participatiewet", "Wmo", "Schuldhulpverlening", "Jeugdwet", "Bijzondere bijstand", ""}

// digestFixtureCase is one realistic case: signals, then closed at the
// weighing, or argued, decided and placed; recent ones may still be open,
// and a few old ones were left open.
func digestFixtureCase(r *rand.Rand, i int) *record.Case {
	start := digestEnd.Add(-digestSpan).Add(time.Duration(i) * (digestSpan / digestCases))
	ch := fmt.Sprintf("C0KANAAL%02d", r.IntN(digestChannels))
	by := fmt.Sprintf("U0USER%03d", r.IntN(200))
	c := &record.Case{
		Channel: ch, Thread: fmt.Sprintf("%d.%06d", start.Unix(), i%1_000_000),
		Title:  fmt.Sprintf("Casus %d: bijzondere omstandigheden bij de toepassing van de regel", i),
		Scheme: digestSchemes[r.IntN(len(digestSchemes))], Lang: cards.NL, CardsVersion: "2026.11-1",
		StartedBy: by, StartedAt: start, UpdatedAt: start, Status: record.StatusOpen, Seq: 1,
	}
	at := start.Add(time.Hour)
	for _, step := range []string{"signalen/uitkomst", "signalen/persoon", "signalen/regel", "signalen/zelf"} {
		opts := digestSignals[step]
		var picked []string
		for _, o := range opts {
			if r.IntN(4) == 0 {
				picked = append(picked, o)
			}
		}
		c.Answers = append(c.Answers, record.Answer{Step: step, Seq: c.Seq, Choices: picked, By: by, At: at})
		c.Seq++
		c.Step++
		at = at.Add(10 * time.Minute)
	}
	c.UpdatedAt = at
	age := digestEnd.Sub(start)
	switch {
	case r.IntN(5) == 0:
		c.Answers = append(c.Answers, record.Answer{Step: "signalen/weging", Seq: c.Seq, Choices: []string{"geen-maatwerk"}, Text: "Past binnen de regel.", By: by, At: at})
		c.Status, c.Closure = record.StatusClosed, &record.Closure{Option: "geen-maatwerk", Reason: "Past binnen de regel.", By: by, At: at}
	case age > 6*7*24*time.Hour && r.IntN(50) != 0, age <= 6*7*24*time.Hour && r.IntN(2) == 0:
		decided := at.Add(time.Duration(r.IntN(10*24)) * time.Hour)
		for k := range 3 {
			c.Arguments = append(c.Arguments, record.Argument{N: k + 1, Pro: k%2 == 0, By: by, At: decided,
				Text: "De gevolgen wegen zwaarder dan het doel van de regel.", Value: []string{"menselijke-maat", "rechtsgelijkheid", "doelmatigheid"}[r.IntN(3)]})
		}
		c.Decision = &record.Decision{Option: []string{"maatwerk", "regel", "voorleggen", "meer-informatie"}[r.IntN(4)], Rationale: "Afgewogen.", By: by, At: decided}
		c.Answers = append(c.Answers, record.Answer{Step: "argumenten/besluit", Seq: c.Seq, Choices: []string{c.Decision.Option}, Text: "Afgewogen.", By: by, At: decided})
		c.Answers = append(c.Answers, record.Answer{Step: "varianten/plaatsing", Seq: c.Seq + 1, Choices: []string{[]string{"hardheidsclausule", "standaardisatie", "beleidscategorie"}[r.IntN(3)]}, By: by, At: decided})
		c.UpdatedAt = decided
		if age > 6*7*24*time.Hour {
			c.Status, c.Closure = record.StatusClosed, &record.Closure{By: by, At: decided}
		}
	}
	return c
}

// BenchmarkDigest is the weekly digest of one channel among 100,000 stored
// cases: the store reads the activity index (not every case) and the engine
// computes the digest with patterns over four weeks. The fixture is built
// once per run, without fsync, in batched transactions.
func BenchmarkDigest(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "digest.db")
	s := MustOpenPath(b, path, store.Options{NoSync: true})
	r := rand.New(rand.NewPCG(1, 2))
	const batch = 5000
	for i := 0; i < digestCases; i += batch {
		cases := make([]*record.Case, 0, batch)
		for j := i; j < i+batch; j++ {
			cases = append(cases, digestFixtureCase(r, j))
		}
		if err := s.CreateCasesBatch(ctx, cases); err != nil {
			b.Fatal(err)
		}
	}
	set, err := cards.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	e := dialogs.New(set, nil)
	week := dialogs.WeekOf(digestEnd, time.UTC).Prev()
	b.Run("channel-week", func(b *testing.B) {
		read := 0
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			ch := fmt.Sprintf("C0KANAAL%02d", i%digestChannels)
			i++
			p := dialogs.DigestParams{Channel: ch, Week: week, Loc: time.UTC, Now: digestEnd}
			since, idle := p.Window()
			cases, err := s.DigestCases(ctx, ch, "", since, idle)
			if err != nil {
				b.Fatal(err)
			}
			d := e.Digest(cases, p)
			if len(d.Started) == 0 {
				b.Fatalf("%s: empty digest", ch)
			}
			read += len(cases)
		}
		b.ReportMetric(float64(read)/float64(b.N), "cases-read/op")
	})
}
