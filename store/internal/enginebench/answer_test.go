package enginebench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// location returns where a fresh database of the engine is. PostgreSQL is
// pgtest's: the server in MAATWERK_TEST_POSTGRES, else a throw-away cluster
// without fsync, which flatters it — for figures, point
// MAATWERK_TEST_POSTGRES at a server that syncs as production does. The
// bbolt side always syncs.
func location(b *testing.B, engine string) string {
	if engine == "bbolt" {
		return filepath.Join(b.TempDir(), "maatwerk.db")
	}
	return pgtest.URL(b)
}

// BenchmarkAnswerPath is the store's part of every acknowledged answer:
// ChangeCase reads the case, adds the answer, writes the case and an
// outbox job in one transaction and commits; the bot acknowledges the click
// to Slack only after that. With one writer it is the latency one
// caseworker sees; with 16 at once, the latency under load (concurrent
// writes share a commit). It reports the median and p99 per answer.
//
//	go test -run '^$' -bench AnswerPath -benchtime 2000x ./store/internal/enginebench
func BenchmarkAnswerPath(b *testing.B) {
	for _, engine := range []string{"bbolt", "postgres"} {
		for _, writers := range []int{1, 16} {
			b.Run(fmt.Sprintf("%s/writers=%d", engine, writers), func(b *testing.B) {
				benchAnswers(b, location(b, engine), writers)
			})
		}
	}
}

func benchAnswers(b *testing.B, where string, writers int) {
	ctx := context.Background()
	st, err := store.Open(ctx, where, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	const cases = 64
	t0 := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	ids := make([]int64, cases)
	for i := range ids {
		c := caseWithAnswers(fmt.Sprintf("C0BENCH%02d", i%8), fmt.Sprintf("1765100%03d.000100", i), t0)
		if err := st.CreateCase(ctx, c); err != nil {
			b.Fatal(err)
		}
		ids[i] = c.ID
	}
	payload := json.RawMessage(`{"answer":true}`)
	var (
		mu  sync.Mutex
		lat = make([]time.Duration, 0, b.N)
		wg  sync.WaitGroup
		n   = make(chan int)
	)
	b.ResetTimer()
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				id := ids[(i*writers+w)%cases]
				start := time.Now()
				_, err := st.ChangeCase(ctx, id, t0, func(c *record.Case) (json.RawMessage, error) {
					answer(c, i)
					return payload, nil
				})
				d := time.Since(start)
				if err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	for i := range b.N {
		n <- i
	}
	close(n)
	wg.Wait()
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
		b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*99/100)]), "p99-ms")
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// caseWithAnswers is a case halfway: twelve answers, three arguments.
func caseWithAnswers(channel, thread string, at time.Time) *record.Case {
	c := &record.Case{
		Version: record.CaseVersion, Channel: channel, Thread: thread, Team: "T0BENCH",
		Title: "Bijzondere bijstand voor verhuiskosten na huisuitzetting", Scheme: "Participatiewet",
		StartedBy: "U0MARLOES", StartedAt: at, UpdatedAt: at, Status: record.StatusOpen,
	}
	for i := range 12 {
		answer(c, i)
	}
	for i := range 3 {
		c.Arguments = append(c.Arguments, record.Argument{N: i + 1, Pro: i%2 == 0, By: "U0PIETER",
			Text: "Zonder vergoeding dreigt dakloosheid, wat de gemeente uiteindelijk meer kost.", At: at})
	}
	return c
}

// answer adds the next answer, keeping the case at its size (the oldest
// goes once there are twelve): every write is as big as the last.
func answer(c *record.Case, i int) {
	if len(c.Answers) >= 12 {
		c.Answers = c.Answers[1:]
	}
	c.Seq++
	c.Answers = append(c.Answers, record.Answer{
		Step: fmt.Sprintf("stap-%d", i%12), Seq: c.Seq, By: "U0MARLOES", At: c.StartedAt.Add(time.Duration(i) * time.Minute),
		Text: "De aanvrager heeft geen netwerk dat kan bijspringen en de termijn van de woningcorporatie is kort.",
	})
	c.SetPost(fmt.Sprintf("step:stap-%d", i%12), fmt.Sprintf("1765200%03d.000%03d", i%1000, i%1000))
}
