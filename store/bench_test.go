package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// A year of cases in a busy workspace: 10,000 cases in 20 channels, one
// every 53 minutes, with 0 to 17 answers and 0 to 5 arguments each.
const (
	benchCases    = 10_000
	benchChannels = 20
	benchSpan     = 365 * 24 * time.Hour
)

func benchChannel(i int) string { return fmt.Sprintf("C0KANAAL%02d", i%benchChannels) }
func benchThread(i int) string  { return fmt.Sprintf("17410%05d.%06d", i, i%997) }
func benchStart(i int) time.Time {
	return t0.Add(time.Duration(i) * (benchSpan / benchCases))
}

// openBenchStore fills a database with the year of cases (without fsync,
// which the read benchmarks do not need) and returns it.
func openBenchStore(b *testing.B) *store.Store {
	b.Helper()
	s := MustOpen(b)
	for i := range benchCases {
		c := fullCase(benchChannel(i), benchThread(i), benchStart(i))
		c.Answers = c.Answers[:i%(len(c.Answers)+1)]
		c.Arguments = c.Arguments[:i%(len(c.Arguments)+1)]
		if i%3 == 0 {
			c.Status = record.StatusClosed
		}
		mustCreate(b, s, c)
	}
	return s
}

// BenchmarkUpdateCase is one click: load a full case (17 answers, 5
// arguments), change it and store it. With fsync this is the cost of every
// answer, argument and remark.
func BenchmarkUpdateCase(b *testing.B) {
	for _, sync := range []bool{true, false} {
		name := map[bool]string{true: "sync", false: "nosync"}[sync]
		b.Run(name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "maatwerk.db")
			s := MustOpenPath(b, path, store.Options{NoSync: true})
			for i := range 1000 {
				mustCreate(b, s, fullCase(benchChannel(i), benchThread(i), benchStart(i)))
			}
			s.Close()
			s = MustOpenPath(b, path, store.Options{NoSync: !sync})
			ctx := context.Background()
			id := int64(500)
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				i++
				_, err := s.UpdateCase(ctx, id, func(c *record.Case) error {
					a := &c.Answers[i%len(c.Answers)]
					a.Text = fmt.Sprintf("Herzien antwoord %d: de termijn is verlengd.", i)
					a.Seq = c.Seq
					c.Seq++
					c.UpdatedAt = c.UpdatedAt.Add(time.Second)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCaseByThread is finding the case of a reply among 10,000 cases.
func BenchmarkCaseByThread(b *testing.B) {
	s := openBenchStore(b)
	ctx := context.Background()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i = (i + 7919) % benchCases
		c, err := s.CaseByThread(ctx, benchChannel(i), benchThread(i))
		if err != nil {
			b.Fatal(err)
		}
		if c.ID != int64(i+1) {
			b.Fatalf("thread %d gave case %d", i, c.ID)
		}
	}
}

// BenchmarkListCasesWeek is the weekly digest of one channel: its cases of
// one week among 10,000 cases in 20 channels.
func BenchmarkListCasesWeek(b *testing.B) {
	s := openBenchStore(b)
	ctx := context.Background()
	since := t0.Add(26 * 7 * 24 * time.Hour)
	f := store.Filter{Since: since, Until: since.Add(7 * 24 * time.Hour)}
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		cs, err := s.ListCases(ctx, benchChannel(7), f)
		if err != nil {
			b.Fatal(err)
		}
		n = len(cs)
	}
	if n == 0 {
		b.Fatal("no cases in the week")
	}
	b.ReportMetric(float64(n), "cases/op")
}
