package store_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

// Benchmarks on 100,000 cases: search in one channel and in one of 50,
// opening the file, and the App Home's query. The fixtures are built once
// per test binary (without fsync, 5,000 cases a transaction) in a temporary
// directory that TestMain removes. Run for example:
//
//	go test ./store -run '^$' -bench 100k -benchtime 20x -count 5
const (
	fixtureCases = 100_000
	fixtureBatch = 5_000
)

var (
	fixtureDir  string
	fixtureOnce = map[int]*sync.Once{1: {}, 50: {}}
	fixturePath = map[int]string{}
	fixtureErr  = map[int]error{}
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "maatwerk-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtureDir = dir
	code := pgtest.Main(m) // stops the cluster pgtest may have started
	os.RemoveAll(dir)
	os.Exit(code)
}

// Words the fixture's titles, schemes and arguments are made of.
var (
	fixtureSubjects = []string{"Verhuiskosten", "Bijzondere bijstand", "Eigen bijdrage", "Terugvordering", "Boete",
		"Kinderopvangtoeslag", "Huurachterstand", "Woonkostentoeslag", "Inkomstenvrijlating", "Studiekosten",
		"Taaleis", "Kostendelersnorm", "Zorgkosten", "Energietoeslag", "Re-integratie", "Beslaglegging",
		"Schuldhulp", "Vervoersvoorziening", "Huishoudelijke hulp", "Daklozenopvang"}
	fixtureSituations = []string{"na huisuitzetting", "bij mantelzorg", "na scheiding", "bij psychische klachten",
		"na overlijden partner", "bij zzp-inkomen", "na brand", "bij jonge moeder", "na detentie", "bij statushouder",
		"bij laaggeletterdheid", "na faillissement", "bij chronische ziekte"}
	fixtureSchemes = []string{"Participatiewet", "Wmo 2015", "Jeugdwet", "Wet gemeentelijke schuldhulpverlening",
		"Toeslagenwet", "Bijzondere bijstand"}
	fixtureSignals = []string{"strijdig-met-doel", "onevenredig", "escalatie", "regels-botsen", "omgeving-geraakt"}
	fixtureArgs    = []string{
		"Zonder vergoeding dreigt dakloosheid, wat de gemeente uiteindelijk meer kost dan de verhuizing.",
		"Rechtsgelijkheid: andere aanvragers in dezelfde situatie kregen ook geen vergoeding.",
		"De termijn van de woningcorporatie is kort en het netwerk kan niet bijspringen.",
		"Een uitzondering zonder heldere grens wordt morgen een precedent.",
		"De regeling voorziet niet in deze situatie; de wetgever heeft dat niet zo bedoeld.",
	}
	fixtureDecisions = []string{"maatwerk", "regel", "opschalen", "meer-informatie"}
)

// fixtureCase is case i of the fixture: a complete conversation's worth of
// answers (17, of which 5 signal groups), 3 arguments and a decision for
// most; every tenth case (i%10 == 7) is still open.
func fixtureCase(i, channels int) *record.Case {
	at := t0.Add(time.Duration(i) * 5 * time.Minute)
	c := fullCase(fmt.Sprintf("C0KANAAL%02d", i%channels), fmt.Sprintf("17410%06d.%06d", i, i%997), at)
	c.Title = fmt.Sprintf("%s %s (%d)", fixtureSubjects[i%len(fixtureSubjects)],
		fixtureSituations[(i/7)%len(fixtureSituations)], i)
	c.Scheme = fixtureSchemes[(i/3)%len(fixtureSchemes)]
	c.StartedBy = users[i%len(users)]
	for g, step := range []string{"signalen/uitkomst", "signalen/persoon", "signalen/regel", "signalen/zelf", "signalen/weging"} {
		c.Answers[g].Step = step
		c.Answers[g].Choices = []string{fixtureSignals[(i+g)%len(fixtureSignals)], fixtureSignals[(i*3+g)%len(fixtureSignals)]}
		c.Answers[g].Text = ""
	}
	c.Arguments = c.Arguments[:3]
	for j := range c.Arguments {
		c.Arguments[j].Text = fixtureArgs[(i+j)%len(fixtureArgs)]
	}
	c.Decision.Option = fixtureDecisions[i%len(fixtureDecisions)]
	c.Decision.Rationale = fmt.Sprintf("Afgewogen in casus %d: %s.", i, fixtureArgs[(i+3)%len(fixtureArgs)])
	if i%10 == 7 {
		c.Status = record.StatusOpen
		c.Step = 10
		c.Decision = nil
	} else {
		c.Status = record.StatusClosed
	}
	return c
}

// fixture returns the path of a database with 100,000 cases over channels
// channels (1 or 50), building it the first time.
func fixture(b *testing.B, channels int) string {
	b.Helper()
	fixtureOnce[channels].Do(func() {
		start := time.Now()
		path := filepath.Join(fixtureDir, fmt.Sprintf("cases-%d.db", channels))
		s, err := store.Open(context.Background(), path, store.Options{NoSync: true})
		if err != nil {
			fixtureErr[channels] = err
			return
		}
		defer s.Close()
		batch := make([]*record.Case, 0, fixtureBatch)
		for i := range fixtureCases {
			batch = append(batch, fixtureCase(i, channels))
			if len(batch) == fixtureBatch || i == fixtureCases-1 {
				if err := s.CreateCases(context.Background(), batch); err != nil {
					fixtureErr[channels] = err
					return
				}
				batch = batch[:0]
			}
		}
		fixturePath[channels] = path
		info, _ := os.Stat(path)
		b.Logf("fixture: %d cases in %d channel(s), %d MB, built in %v", fixtureCases, channels, info.Size()>>20, time.Since(start).Round(time.Millisecond))
	})
	if err := fixtureErr[channels]; err != nil {
		b.Fatalf("fixture: %v", err)
	}
	return fixturePath[channels]
}

func BenchmarkSearch100k(b *testing.B) {
	queries := []struct {
		name  string
		terms []store.Term
	}{
		// A title word of one case in 20.
		{"word", []store.Term{{Word: "verhuiskosten"}}},
		// A scheme of one case in 6.
		{"common", []store.Term{{Word: "participatiewet"}}},
		// A signal by its code, and a title word: AND.
		{"signal+word", []store.Term{{Word: "onevenredig", Codes: map[string]int{"signalen/uitkomst:onevenredig": 3}}, {Word: "verhuiskosten"}}},
		// A word common in the cards' labels: 15 options (bot.labelCodes), each weighing 1.
		{"label-generic", []store.Term{{Word: "regel", Codes: map[string]int{
			"argumenten/besluit:regel": 1, "argumenten/opties:eenmalig-tijdelijk": 1, "argumenten/opties:regel-toepassen": 1,
			"argumenten/opties:ruimte-benutten": 1, "argumenten/ruimte:beleidsregel-4-84": 1, "argumenten/ruimte:beoordelingsruimte": 1,
			"argumenten/ruimte:hardheidsclausule": 1, "signalen/persoon:onvoorzien": 1, "signalen/regel:andere-regeling": 1,
			"signalen/regel:doel-onduidelijk": 1, "signalen/regel:geen-ruimte": 1, "signalen/regel:ruimte-in-regel": 1,
			"signalen/uitkomst:strijdig-met-doel": 1, "signalen/uitkomst:regels-botsen": 1, "signalen/zelf:schuurt": 1}}}},
		// A word in every case (arguments, rationale): every case is a hit.
		{"everywhere", []store.Term{{Word: "afgewogen"}}},
		// Nothing matches.
		{"none", []store.Term{{Word: "xylofoon"}}},
	}
	for _, channels := range []int{1, 50} {
		for _, q := range queries {
			b.Run(fmt.Sprintf("channels=%d/%s", channels, q.name), func(b *testing.B) {
				s := MustOpenPath(b, fixture(b, channels), store.Options{NoSync: true})
				ctx := context.Background()
				var r store.SearchResult
				b.ResetTimer()
				for b.Loop() {
					var err error
					r, err = s.Search(ctx, "C0KANAAL00", store.Query{Terms: q.terms})
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(r.Total), "hits")
			})
		}
	}
}

// BenchmarkOpen100k is the bot's start on a big file: store.Open (buckets
// and migrations) and Close.
func BenchmarkOpen100k(b *testing.B) {
	path := fixture(b, 50)
	for b.Loop() {
		s, err := store.Open(context.Background(), path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkHome100k is the store side of one team lead's App Home, as
// bot.homeData reads it: the user's 200 newest cases, then for each of their
// channels (at most 20) the 200 newest briefs and all open ones.
func BenchmarkHome100k(b *testing.B) {
	s := MustOpenPath(b, fixture(b, 50), store.Options{NoSync: true})
	ctx := context.Background()
	briefs := 0
	for b.Loop() {
		mine, err := s.UserBriefs(ctx, users[0], "", 200)
		if err != nil {
			b.Fatal(err)
		}
		briefs = len(mine)
		var channels []string
		for _, br := range mine {
			if !slices.Contains(channels, br.Channel) && len(channels) < 20 {
				channels = append(channels, br.Channel)
			}
		}
		for _, ch := range channels {
			recent, err := s.ChannelBriefs(ctx, ch, store.BriefFilter{Window: 200})
			if err != nil {
				b.Fatal(err)
			}
			open, err := s.ChannelBriefs(ctx, ch, store.BriefFilter{OpenOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			briefs += len(recent) + len(open)
		}
	}
	b.ReportMetric(float64(briefs), "briefs")
}

// BenchmarkMigrate100k is the one-time upgrade of a 100,000-case file from
// schema 1 (no briefs, no user index) to the current one: store.Open builds
// both indexes from the cases. Run it with -benchtime 1x: each run first
// copies the fixture (untimed).
func BenchmarkMigrate100k(b *testing.B) {
	src := fixture(b, 50)
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "v1.db")
		copyFile(b, src, path)
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error {
			for _, name := range []string{"briefs", "user_cases"} {
				if err := tx.DeleteBucket([]byte(name)); err != nil {
					return err
				}
			}
			return tx.Bucket([]byte("meta")).Put([]byte("schema"), u64(1))
		})
		db.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		s, err := store.Open(context.Background(), path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		os.Remove(path)
		b.StartTimer()
	}
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}
