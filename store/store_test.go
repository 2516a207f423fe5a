package store_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// t0 is a Monday morning; the test cases start around it.
var t0 = time.Date(2025, time.March, 3, 9, 0, 0, 0, time.UTC)

// MustOpen opens a fresh database in a temporary directory (without fsync)
// and closes it when the test ends.
func MustOpen(tb testing.TB) *store.Store {
	tb.Helper()
	return MustOpenPath(tb, filepath.Join(tb.TempDir(), "maatwerk.db"), store.Options{NoSync: true})
}

// MustOpenPath opens the database at path and closes it when the test ends.
// Closing it earlier is fine: a second Close is a no-op.
func MustOpenPath(tb testing.TB, path string, opts store.Options) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), path, opts)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close(%s): %v", path, err)
		}
	})
	return s
}

// newCase returns a case as the engine opens it: not stored, no thread yet.
func newCase(channel, title string, at time.Time) *record.Case {
	return &record.Case{
		Version:      record.CaseVersion,
		Channel:      channel,
		Title:        title,
		Scheme:       "Participatiewet",
		Urgency:      "deze week",
		Lang:         cards.NL,
		CardsVersion: "2025.03",
		StartedBy:    "U0MARLOES",
		StartedAt:    at,
		UpdatedAt:    at,
		Status:       record.StatusOpen,
		Seq:          1,
	}
}

// steps are step ids in the order a conversation asks them.
var steps = []string{
	"gebruik", "betekenis", "ruimte", "variant", "menselijke-maat",
	"rechtsgelijkheid", "rechtszekerheid", "rechtmatigheid", "doelmatigheid",
	"uitvoerbaarheid", "transparantie", "objectiviteit", "evenredigheid",
	"dynamieken", "steun", "communicatie", "vastleggen-leren",
}

var users = []string{"U0MARLOES", "U0JEROEN", "U0FATIMA", "U0PIETER", "U0SANNE"}

// fullCase returns a case late in its life: a thread, 17 answers, 5
// arguments, some discussion, a decision and the transport's posts.
func fullCase(channel, thread string, at time.Time) *record.Case {
	c := newCase(channel, "Bijzondere bijstand voor verhuiskosten na huisuitzetting", at)
	c.Thread = thread
	c.SetPost("root", thread)
	c.SetPost("summary", fmt.Sprintf("%s1", thread[:len(thread)-1]))
	for i, step := range steps {
		when := at.Add(time.Duration(i+1) * 7 * time.Minute)
		a := record.Answer{Step: step, Seq: i + 1, By: users[i%len(users)], At: when}
		if i%3 == 0 {
			a.Choices = []string{"ja", "deels"}
		} else {
			a.Text = "De aanvrager heeft geen netwerk dat kan bijspringen en de termijn van de woningcorporatie is kort; " +
				"de regeling voorziet niet in deze situatie, de wetgever heeft dat ook niet zo bedoeld."
		}
		c.Answers = append(c.Answers, a)
		c.SetPost(record.StepPostKey(step), fmt.Sprintf("1741%06d.%06d", i, i))
	}
	for i := range 5 {
		c.Arguments = append(c.Arguments, record.Argument{
			N: i + 1, Pro: i%2 == 0, By: users[(i+1)%len(users)],
			Text:  "Zonder vergoeding dreigt dakloosheid, wat de gemeente uiteindelijk meer kost dan de verhuizing.",
			Value: []string{"menselijke-maat", "rechtsgelijkheid", "doelmatigheid"}[i%3],
			Ref:   fmt.Sprintf("1741%06d.100%03d", i, i),
			At:    at.Add(time.Duration(i+20) * 9 * time.Minute),
		})
	}
	c.Discussion = []record.Remark{
		{By: "U0PIETER", Text: "Hebben we dit vorig jaar niet ook zo gedaan bij de Lindelaan?", At: at.Add(3 * time.Hour)},
		{By: "U0SANNE", Text: "Ja, MW-0012. Daar is toen een eenmalige uitzondering gemaakt.", At: at.Add(4 * time.Hour)},
	}
	c.Decision = &record.Decision{Option: "maatwerk", Rationale: "Schrijnend geval; eenmalig, vastgelegd.", By: "U0MARLOES", At: at.Add(5 * time.Hour)}
	c.Step = len(steps)
	c.Seq = len(steps) + 1
	c.UpdatedAt = at.Add(5 * time.Hour)
	return c
}

func jsonOf(tb testing.TB, c *record.Case) string {
	tb.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func mustCreate(tb testing.TB, s *store.Store, c *record.Case) *record.Case {
	tb.Helper()
	if err := s.CreateCase(context.Background(), c); err != nil {
		tb.Fatalf("CreateCase(%q): %v", c.Title, err)
	}
	return c
}

func setThread(thread string) func(*record.Case) error {
	return func(c *record.Case) error { c.Thread = thread; return nil }
}

func ids(cs []*record.Case) []int64 {
	out := []int64{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func u64(v int) []byte { return binary.BigEndian.AppendUint64(nil, uint64(v)) }

func TestOpen(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		t.Run("creates buckets and records schema version", func(t *testing.T) {
			t.Parallel()
			path := e.Fresh(t)
			s := e.OpenAt(t, path, store.Options{})
			if got := s.Path(); got != store.Redacted(path) {
				t.Errorf("Path() = %q, want %q", got, store.Redacted(path))
			}
			v, err := s.SchemaVersion()
			if err != nil {
				t.Fatal(err)
			}
			if v != store.SchemaVersionCurrent() || v < 1 {
				t.Errorf("SchemaVersion() = %d, want SchemaVersionCurrent() = %d (>= 1)", v, store.SchemaVersionCurrent())
			}
			for _, name := range []string{"meta", "cases", "threads", "chan_time", "events"} {
				if _, ok, err := store.GetRaw(t.Context(), s, name, nil); err != nil || !ok {
					t.Errorf("bucket %q missing (%v)", name, err)
				}
			}
			if got, _, err := store.GetRaw(t.Context(), s, "meta", []byte("schema")); err != nil || !bytes.Equal(got, u64(store.SchemaVersionCurrent())) {
				t.Errorf("meta/schema = %x, %v; want %x", got, err, u64(store.SchemaVersionCurrent()))
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if e.Name != "bbolt" {
				return
			}
			if info, err := os.Stat(path); err != nil {
				t.Fatal(err)
			} else if perm := info.Mode().Perm(); perm != 0o600 {
				t.Errorf("file mode %v, want 0600 (cases are personal data)", perm)
			}
		})

		t.Run("reopen keeps data and ids", func(t *testing.T) {
			t.Parallel()
			path := e.Fresh(t)
			s := e.OpenAt(t, path, store.Options{})
			c := mustCreate(t, s, fullCase("C0GEMEENTE", "1741000000.000100", t0))
			want := jsonOf(t, c)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}

			s = e.OpenAt(t, path, store.Options{})
			got, err := s.Case(t.Context(), c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if g := jsonOf(t, got); g != want {
				t.Errorf("after reopen:\n got %s\nwant %s", g, want)
			}
			if byThread, err := s.CaseByThread(t.Context(), "C0GEMEENTE", "1741000000.000100"); err != nil || byThread.ID != c.ID {
				t.Errorf("CaseByThread after reopen = %v, %v; want case %d", byThread, err, c.ID)
			}
			if v, _ := s.SchemaVersion(); v != store.SchemaVersionCurrent() {
				t.Errorf("SchemaVersion() after reopen = %d, want %d", v, store.SchemaVersionCurrent())
			}
			next := mustCreate(t, s, newCase("C0GEMEENTE", "Tweede", t0.Add(time.Hour)))
			if next.ID != 2 {
				t.Errorf("first id after reopen = %d, want 2", next.ID)
			}
		})

		t.Run("refuses a newer schema", func(t *testing.T) {
			t.Parallel()
			path := e.Fresh(t)
			s := e.OpenAt(t, path, store.Options{})
			mustCreate(t, s, newCase("C0GEMEENTE", "Bewaard", t0))
			newer := store.SchemaVersionCurrent() + 1
			if err := store.PutRaw(t.Context(), s, "meta", []byte("schema"), u64(newer)); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}

			s, err := store.Open(t.Context(), path, store.Options{LockTimeout: 200 * time.Millisecond})
			if err == nil {
				s.Close()
				t.Fatal("Open of a file with a newer schema succeeded")
			}
			if errors.Is(err, store.ErrLocked) {
				t.Errorf("error %q is ErrLocked, want a schema error", err)
			}
			for _, want := range []string{fmt.Sprintf("schema version %d", newer), "newer"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			// The refused database is left as it was (and a file not locked
			// any more).
			if v, _ := store.RawAt(t, path, "meta", []byte("schema")); !bytes.Equal(v, u64(newer)) {
				t.Errorf("meta/schema after refused open = %x, want %x", v, u64(newer))
			}
			if _, n := store.RawAt(t, path, "cases", nil); n != 1 {
				t.Error("the case is gone after a refused open")
			}
		})

		t.Run("cancelled context on a new file", func(t *testing.T) {
			t.Parallel()
			path := e.Fresh(t)
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			s, err := store.Open(ctx, path, store.Options{})
			if err == nil {
				s.Close()
				t.Fatal("Open with a cancelled context on a new file succeeded")
			}
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %q, want context.Canceled", err)
			}
			// Nothing half-migrated was left: a later Open migrates fully.
			s = e.OpenAt(t, path, store.Options{})
			if v, _ := s.SchemaVersion(); v != store.SchemaVersionCurrent() {
				t.Errorf("SchemaVersion() = %d, want %d", v, store.SchemaVersionCurrent())
			}
		})
	})
}

// TestOpenNotADatabaseFile: a file that is not a bbolt database is refused
// (bbolt only: a file).
func TestOpenNotADatabaseFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	if err := os.WriteFile(path, bytes.Repeat([]byte("geen bbolt "), 800), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(t.Context(), path, store.Options{LockTimeout: 200 * time.Millisecond})
	if err == nil {
		s.Close()
		t.Fatal("Open of a text file succeeded")
	}
	if errors.Is(err, store.ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q: want a non-lock error naming the file", err)
	}
}

// TestOpenLocked checks that a second Open of a file held by this process
// fails instead of hanging: bbolt locks with flock(2), and on Linux two open
// file descriptions of one file conflict even within one process.
// bbolt only: a file (its lock, pages, socket or old schema); see store.Engines.
func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	first := MustOpenPath(t, path, store.Options{NoSync: true})
	mustCreate(t, first, newCase("C0GEMEENTE", "Van de eerste", t0))

	const timeout = 200 * time.Millisecond
	start := time.Now()
	s, err := store.Open(t.Context(), path, store.Options{LockTimeout: timeout})
	elapsed := time.Since(start)
	if err == nil {
		s.Close()
		t.Fatal("second Open of a held file succeeded")
	}
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	if elapsed < timeout/2 || elapsed > timeout+2*time.Second {
		t.Errorf("second Open gave up after %v, want about %v", elapsed, timeout)
	}

	// The first store is unharmed, and once closed the file opens again.
	if _, err := first.Case(t.Context(), 1); err != nil {
		t.Errorf("first store after failed second Open: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again := MustOpenPath(t, path, store.Options{LockTimeout: timeout})
	if _, err := again.Case(t.Context(), 1); err != nil {
		t.Errorf("reopen after close: %v", err)
	}
}

const holdEnv = "MAATWERK_STORE_TEST_HOLD"

// TestHelperHoldLock is not a test: run as a child process by
// TestOpenLockedByOtherProcess, it opens the database named in holdEnv,
// says "ready" and holds it until its stdin closes.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv(holdEnv)
	if path == "" {
		t.Skip("helper process for TestOpenLockedByOtherProcess")
	}
	s, err := store.Open(context.Background(), path, store.Options{NoSync: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	fmt.Println("ready")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
	os.Exit(0)
}

// TestOpenLockedByOtherProcess is the situation ErrLocked is for: a second
// bot started on the same file.
// bbolt only: a file (its lock, pages, socket or old schema); see store.Engines.
func TestOpenLockedByOtherProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHelperHoldLock$", "-test.count=1")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		stdin.Close()
		cmd.Wait()
		t.Fatalf("helper said %q, %v; want ready", line, err)
	}

	s, err := store.Open(t.Context(), path, store.Options{LockTimeout: 200 * time.Millisecond})
	if err == nil {
		s.Close()
	}
	if !errors.Is(err, store.ErrLocked) {
		t.Errorf("Open of a file held by another process: %v, want ErrLocked", err)
	}

	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	MustOpenPath(t, path, store.Options{LockTimeout: 200 * time.Millisecond})
}

func TestCreateCase(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		inputs := []*record.Case{
			newCase("C0GEMEENTE", "Kwijtschelding na brand", t0),
			fullCase("C0GEMEENTE", "1741000000.000100", t0.Add(time.Hour)),
			newCase("C0WIJKTEAM", "Reiskosten mantelzorger", t0.Add(2*time.Hour)),
		}
		for i, c := range inputs {
			c.Version, c.Rev = 0, 7 // the store sets both
			mustCreate(t, s, c)
			if want := int64(i + 1); c.ID != want {
				t.Errorf("case %d: ID = %d, want %d", i, c.ID, want)
			}
			if c.Rev != 1 {
				t.Errorf("case %d: Rev = %d, want 1", i, c.Rev)
			}
			if c.Version != record.CaseVersion {
				t.Errorf("case %d: Version = %d, want %d", i, c.Version, record.CaseVersion)
			}
		}
		for _, want := range inputs {
			got, err := s.Case(t.Context(), want.ID)
			if err != nil {
				t.Fatalf("Case(%d): %v", want.ID, err)
			}
			if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
				t.Errorf("Case(%d):\n got %s\nwant %s", want.ID, g, w)
			}
		}

		// A thread given at creation is indexed.
		got, err := s.CaseByThread(t.Context(), "C0GEMEENTE", "1741000000.000100")
		if err != nil || got.ID != 2 {
			t.Errorf("CaseByThread of a case created with a thread = %v, %v; want case 2", got, err)
		}

		for _, id := range []int64{0, -1, 4, 1 << 40} {
			t.Run(fmt.Sprintf("missing %d", id), func(t *testing.T) {
				c, err := s.Case(t.Context(), id)
				if !errors.Is(err, store.ErrNotFound) {
					t.Errorf("Case(%d) = %v, %v; want ErrNotFound", id, c, err)
				}
			})
		}
	})
}

var errRefused = errors.New("stap is al beantwoord")

func TestUpdateCase(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		t.Run("error from fn stores nothing", func(t *testing.T) {
			t.Parallel()
			s := e.Open(t)
			c := mustCreate(t, s, newCase("C0GEMEENTE", "Oorspronkelijk", t0))
			want := jsonOf(t, c)
			got, err := s.UpdateCase(t.Context(), c.ID, func(c *record.Case) error {
				c.Title = "Gewijzigd"
				c.Thread = "1741000000.000100"
				c.Answers = append(c.Answers, record.Answer{Step: "gebruik", By: "U0JEROEN"})
				return errRefused
			})
			if !errors.Is(err, errRefused) || got != nil {
				t.Errorf("UpdateCase = %v, %v; want nil, %v", got, err, errRefused)
			}
			stored, err := s.Case(t.Context(), c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if g := jsonOf(t, stored); g != want {
				t.Errorf("after a refused update:\n got %s\nwant %s", g, want)
			}
			if _, err := s.CaseByThread(t.Context(), "C0GEMEENTE", "1741000000.000100"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("thread of a refused update is indexed: %v", err)
			}
		})

		t.Run("increments rev and returns what it stored", func(t *testing.T) {
			t.Parallel()
			s := e.Open(t)
			c := mustCreate(t, s, newCase("C0GEMEENTE", "Titel", t0))
			for rev := 2; rev <= 4; rev++ {
				got, err := s.UpdateCase(t.Context(), c.ID, func(c *record.Case) error {
					c.Seq++
					c.UpdatedAt = c.UpdatedAt.Add(time.Minute)
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if got.Rev != rev || got.Seq != rev {
					t.Errorf("update %d: Rev %d, Seq %d; want %d, %d", rev-1, got.Rev, got.Seq, rev, rev)
				}
				stored, err := s.Case(t.Context(), c.ID)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := jsonOf(t, stored), jsonOf(t, got); g != w {
					t.Errorf("update %d: stored\n %s\nreturned\n %s", rev-1, g, w)
				}
			}
		})

		t.Run("fn cannot change id, version or rev", func(t *testing.T) {
			t.Parallel()
			s := e.Open(t)
			c := mustCreate(t, s, newCase("C0GEMEENTE", "Titel", t0))
			got, err := s.UpdateCase(t.Context(), c.ID, func(c *record.Case) error {
				c.ID, c.Version, c.Rev = 99, 0, 40
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != c.ID || got.Version != record.CaseVersion || got.Rev != 41 {
				t.Errorf("after fn set ID 99, Version 0, Rev 40: ID %d, Version %d, Rev %d; want %d, %d, 41 (Rev is fn's + 1)",
					got.ID, got.Version, got.Rev, c.ID, record.CaseVersion)
			}
			if _, err := s.Case(t.Context(), 99); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Case(99) after fn set ID 99: %v, want ErrNotFound", err)
			}
		})

		t.Run("missing case", func(t *testing.T) {
			t.Parallel()
			s := e.Open(t)
			called := false
			got, err := s.UpdateCase(t.Context(), 1, func(*record.Case) error { called = true; return nil })
			if !errors.Is(err, store.ErrNotFound) || got != nil {
				t.Errorf("UpdateCase(1) on an empty store = %v, %v; want ErrNotFound", got, err)
			}
			if called {
				t.Error("fn was called for a missing case")
			}
		})
	})
}

func TestCaseByThread(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		a := mustCreate(t, s, newCase("C0GEMEENTE", "Eerste", t0))
		b := mustCreate(t, s, newCase("C0WIJKTEAM", "Tweede", t0.Add(time.Hour)))
		update := func(id int64, thread string) {
			t.Helper()
			if _, err := s.UpdateCase(t.Context(), id, setThread(thread)); err != nil {
				t.Fatal(err)
			}
		}
		lookup := func(channel, thread string) (int64, error) {
			t.Helper()
			c, err := s.CaseByThread(t.Context(), channel, thread)
			if err != nil {
				return 0, err
			}
			return c.ID, nil
		}

		// Posting the root message sets the thread; both channels use the same
		// ts, which Slack allows: the index is per channel.
		update(a.ID, "1741000000.000100")
		update(b.ID, "1741000000.000100")
		for _, tc := range []struct {
			channel, thread string
			want            int64
		}{
			{"C0GEMEENTE", "1741000000.000100", a.ID},
			{"C0WIJKTEAM", "1741000000.000100", b.ID},
			{"C0GEMEENTE", "1741000000.000200", 0},
			{"C0ANDERS", "1741000000.000100", 0},
			{"C0GEMEENTE", "", 0},
			{"", "1741000000.000100", 0},
		} {
			got, err := lookup(tc.channel, tc.thread)
			switch {
			case tc.want == 0 && !errors.Is(err, store.ErrNotFound):
				t.Errorf("CaseByThread(%q, %q) = %d, %v; want ErrNotFound", tc.channel, tc.thread, got, err)
			case tc.want != 0 && (err != nil || got != tc.want):
				t.Errorf("CaseByThread(%q, %q) = %d, %v; want case %d", tc.channel, tc.thread, got, err, tc.want)
			}
		}

		// The root message is reposted: the thread moves.
		update(a.ID, "1741000500.000300")
		if _, err := lookup("C0GEMEENTE", "1741000000.000100"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("old thread after move: %v, want ErrNotFound", err)
		}
		if got, err := lookup("C0GEMEENTE", "1741000500.000300"); err != nil || got != a.ID {
			t.Errorf("new thread after move = %d, %v; want case %d", got, err, a.ID)
		}
		if got, err := lookup("C0WIJKTEAM", "1741000000.000100"); err != nil || got != b.ID {
			t.Errorf("other channel's thread after move = %d, %v; want case %d", got, err, b.ID)
		}

		// Other updates keep the index.
		if _, err := s.UpdateCase(t.Context(), a.ID, func(c *record.Case) error { c.Seq++; return nil }); err != nil {
			t.Fatal(err)
		}
		if got, err := lookup("C0GEMEENTE", "1741000500.000300"); err != nil || got != a.ID {
			t.Errorf("thread after an unrelated update = %d, %v; want case %d", got, err, a.ID)
		}

		// Clearing the thread unindexes it.
		update(a.ID, "")
		if _, err := lookup("C0GEMEENTE", "1741000500.000300"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("thread after clearing: %v, want ErrNotFound", err)
		}
	})
}

// TestUpdateCaseConcurrent is two clicks on one case, fifty times over:
// every update must see the one before it.
func TestUpdateCaseConcurrent(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		c := mustCreate(t, s, newCase("C0GEMEENTE", "Drukbezocht", t0))
		const n = 50
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Go(func() {
				_, err := s.UpdateCase(t.Context(), c.ID, func(c *record.Case) error {
					c.Answers = append(c.Answers, record.Answer{
						Step: fmt.Sprintf("stap-%02d", i), Seq: c.Seq, Text: "akkoord",
						By: users[i%len(users)], At: t0.Add(time.Duration(i) * time.Second),
					})
					c.Seq++
					return nil
				})
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		got, err := s.Case(t.Context(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Rev != n+1 || got.Seq != n+1 {
			t.Errorf("Rev %d, Seq %d; want %d, %d", got.Rev, got.Seq, n+1, n+1)
		}
		seen := map[string]int{}
		for _, a := range got.Answers {
			seen[a.Step]++
		}
		for i := range n {
			if step := fmt.Sprintf("stap-%02d", i); seen[step] != 1 {
				t.Errorf("answer %s stored %d times, want once", step, seen[step])
			}
		}
		if len(got.Answers) != n {
			t.Errorf("%d answers, want %d", len(got.Answers), n)
		}
	})
}

// seedChannels stores cases in channels whose names share prefixes and
// returns the ids by name.
func seedChannels(tb testing.TB, s *store.Store) map[string]int64 {
	tb.Helper()
	day := func(d int) time.Time { return t0.Add(time.Duration(d) * 24 * time.Hour) }
	specs := []struct {
		name, channel string
		at            time.Time
		status        record.Status
	}{
		{"c1-ma", "C1", day(0), record.StatusOpen},
		{"c1x-ma", "C1X", day(0).Add(time.Minute), record.StatusOpen},
		{"c1-di", "C1", day(1), record.StatusClosed},
		{"c1-wo", "C1", day(2), record.StatusOpen},
		{"c1x-do", "C1X", day(3), record.StatusClosed},
		{"c1-do", "C1", day(3), record.StatusPaused},
		{"c1-vr", "C1", day(4), record.StatusClosed},
		{"c1-za", "C1", day(5), record.StatusOpen},
		{"c2-wo", "C2", day(2), record.StatusOpen},
		{"c-wo", "C", day(2), record.StatusOpen},
		{"c1-volgende-ma", "C1", day(7).Add(-time.Nanosecond), record.StatusOpen},
	}
	out := map[string]int64{}
	for i, sp := range specs {
		c := newCase(sp.channel, sp.name, sp.at)
		c.Thread = fmt.Sprintf("1741%06d.000100", i)
		mustCreate(tb, s, c)
		if sp.status != record.StatusOpen {
			if _, err := s.UpdateCase(context.Background(), c.ID, func(c *record.Case) error {
				c.Status = sp.status
				if sp.status == record.StatusClosed {
					c.Closure = &record.Closure{Option: "geen maatwerk nodig", By: "U0MARLOES", At: sp.at.Add(time.Hour)}
				}
				return nil
			}); err != nil {
				tb.Fatal(err)
			}
		}
		out[sp.name] = c.ID
	}
	return out
}

func TestListCases(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		id := seedChannels(t, s)
		day := func(d int) time.Time { return t0.Add(time.Duration(d) * 24 * time.Hour) }
		names := func(ns ...string) []int64 {
			out := []int64{}
			for _, n := range ns {
				if id[n] == 0 {
					t.Fatalf("no case %q", n)
				}
				out = append(out, id[n])
			}
			return out
		}
		tests := []struct {
			name    string
			channel string
			filter  store.Filter
			want    []int64
		}{
			{"all, newest first", "C1", store.Filter{},
				names("c1-volgende-ma", "c1-za", "c1-vr", "c1-do", "c1-wo", "c1-di", "c1-ma")},
			{"since is inclusive", "C1", store.Filter{Since: day(2)},
				names("c1-volgende-ma", "c1-za", "c1-vr", "c1-do", "c1-wo")},
			{"since one nanosecond later", "C1", store.Filter{Since: day(2).Add(time.Nanosecond)},
				names("c1-volgende-ma", "c1-za", "c1-vr", "c1-do")},
			{"until is exclusive", "C1", store.Filter{Until: day(4)},
				names("c1-do", "c1-wo", "c1-di", "c1-ma")},
			{"until one nanosecond later", "C1", store.Filter{Until: day(4).Add(time.Nanosecond)},
				names("c1-vr", "c1-do", "c1-wo", "c1-di", "c1-ma")},
			{"a week", "C1", store.Filter{Since: day(0), Until: day(7)},
				names("c1-volgende-ma", "c1-za", "c1-vr", "c1-do", "c1-wo", "c1-di", "c1-ma")},
			{"since and until", "C1", store.Filter{Since: day(2), Until: day(4)},
				names("c1-do", "c1-wo")},
			{"since equals until", "C1", store.Filter{Since: day(2), Until: day(2)}, nil},
			{"since after until", "C1", store.Filter{Since: day(4), Until: day(2)}, nil},
			{"since after all", "C1", store.Filter{Since: day(30)}, nil},
			{"until before all", "C1", store.Filter{Until: day(-1)}, nil},
			{"bounds in another time zone", "C1",
				store.Filter{Since: day(2).In(time.FixedZone("CET", 3600)), Until: day(4).In(time.FixedZone("CEST", 7200))},
				names("c1-do", "c1-wo")},
			{"open only keeps paused", "C1", store.Filter{OpenOnly: true},
				names("c1-volgende-ma", "c1-za", "c1-do", "c1-wo", "c1-ma")},
			{"limit", "C1", store.Filter{Limit: 2}, names("c1-volgende-ma", "c1-za")},
			{"limit larger than result", "C1", store.Filter{Limit: 50},
				names("c1-volgende-ma", "c1-za", "c1-vr", "c1-do", "c1-wo", "c1-di", "c1-ma")},
			{"open only with limit", "C1", store.Filter{OpenOnly: true, Limit: 3},
				names("c1-volgende-ma", "c1-za", "c1-do")},
			{"open only, since, until, limit", "C1", store.Filter{OpenOnly: true, Since: day(1), Until: day(5), Limit: 5},
				names("c1-do", "c1-wo")},
			{"channel with C1 as prefix", "C1X", store.Filter{}, names("c1x-do", "c1x-ma")},
			{"channel with C1 as prefix, open only", "C1X", store.Filter{OpenOnly: true}, names("c1x-ma")},
			{"channel with C1 as prefix, until", "C1X", store.Filter{Until: day(3)}, names("c1x-ma")},
			{"channel that is a prefix of C1", "C", store.Filter{}, names("c-wo")},
			{"channel after C1", "C2", store.Filter{}, names("c2-wo")},
			{"channel after C1, since", "C2", store.Filter{Since: day(3)}, nil},
			{"channel without cases", "C9", store.Filter{}, nil},
			{"channel without cases, bounded", "C0", store.Filter{Since: day(0), Until: day(7)}, nil},
			{"empty channel", "", store.Filter{}, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.ListCases(t.Context(), tc.channel, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				want := tc.want
				if want == nil {
					want = []int64{}
				}
				if g := ids(got); !slices.Equal(g, want) {
					t.Errorf("ListCases(%q, %+v) = %v, want %v", tc.channel, tc.filter, g, want)
				}
				for _, c := range got {
					if c.Channel != tc.channel {
						t.Errorf("case %d of channel %q in ListCases(%q)", c.ID, c.Channel, tc.channel)
					}
				}
			})
		}

		t.Run("returns whole cases", func(t *testing.T) {
			got, err := s.ListCases(t.Context(), "C1", store.Filter{Limit: 1})
			if err != nil || len(got) != 1 {
				t.Fatalf("ListCases = %v, %v", got, err)
			}
			stored, err := s.Case(t.Context(), got[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := jsonOf(t, got[0]), jsonOf(t, stored); g != w {
				t.Errorf("ListCases case\n %s\nCase\n %s", g, w)
			}
		})
	})
}

func TestListCasesSameStartTime(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		var want []int64
		for i := range 3 {
			c := mustCreate(t, s, newCase("C0GEMEENTE", fmt.Sprintf("Tegelijk %d", i), t0))
			want = append([]int64{c.ID}, want...)
		}
		got, err := s.ListCases(t.Context(), "C0GEMEENTE", store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), want) {
			t.Errorf("cases started at the same time: %v, want %v (last stored first)", ids(got), want)
		}
	})
}

func TestOpenCases(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		id := seedChannels(t, s)
		check := func(channel string, want ...int64) {
			t.Helper()
			got, err := s.OpenCases(t.Context(), channel)
			if err != nil {
				t.Fatal(err)
			}
			if want == nil {
				want = []int64{}
			}
			if !slices.Equal(ids(got), want) {
				t.Errorf("OpenCases(%q) = %v, want %v", channel, ids(got), want)
			}
			for _, c := range got {
				if c.Status == record.StatusClosed {
					t.Errorf("OpenCases(%q) has closed case %d", channel, c.ID)
				}
			}
		}
		check("C1", id["c1-volgende-ma"], id["c1-za"], id["c1-do"], id["c1-wo"], id["c1-ma"])
		check("C1X", id["c1x-ma"])
		check("C9")

		// Closing a case takes it off the list, reopening puts it back.
		setStatus := func(name string, st record.Status) {
			t.Helper()
			if _, err := s.UpdateCase(t.Context(), id[name], func(c *record.Case) error { c.Status = st; return nil }); err != nil {
				t.Fatal(err)
			}
		}
		setStatus("c1-za", record.StatusClosed)
		setStatus("c1-di", record.StatusOpen)
		check("C1", id["c1-volgende-ma"], id["c1-do"], id["c1-wo"], id["c1-di"], id["c1-ma"])
	})
}

func TestDeleteCase(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		gone := mustCreate(t, s, fullCase("C0GEMEENTE", "1741000000.000100", t0))
		kept := mustCreate(t, s, fullCase("C0GEMEENTE", "1741000100.000200", t0.Add(time.Hour)))
		moved := mustCreate(t, s, fullCase("C0GEMEENTE", "1741000200.000300", t0.Add(2*time.Hour)))
		noThread := mustCreate(t, s, newCase("C0GEMEENTE", "Nog niet gepost", t0.Add(3*time.Hour)))
		if _, err := s.UpdateCase(t.Context(), moved.ID, setThread("1741000300.000400")); err != nil {
			t.Fatal(err)
		}
		keptJSON := jsonOf(t, kept)

		for _, c := range []*record.Case{gone, moved, noThread} {
			if err := s.DeleteCase(t.Context(), c.ID); err != nil {
				t.Fatalf("DeleteCase(%d): %v", c.ID, err)
			}
		}

		for _, c := range []*record.Case{gone, moved, noThread} {
			if _, err := s.Case(t.Context(), c.ID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Case(%d) after delete: %v, want ErrNotFound", c.ID, err)
			}
			if _, err := s.UpdateCase(t.Context(), c.ID, func(*record.Case) error { return nil }); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("UpdateCase(%d) after delete: %v, want ErrNotFound", c.ID, err)
			}
			if err := s.DeleteCase(t.Context(), c.ID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("second DeleteCase(%d): %v, want ErrNotFound", c.ID, err)
			}
		}
		for _, thread := range []string{"1741000000.000100", "1741000200.000300", "1741000300.000400"} {
			if c, err := s.CaseByThread(t.Context(), "C0GEMEENTE", thread); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("CaseByThread(%s) after delete = %v, %v; want ErrNotFound", thread, c, err)
			}
		}
		for _, f := range []store.Filter{{}, {OpenOnly: true}, {Limit: 1}, {Since: t0, Until: t0.Add(2 * time.Hour)}} {
			got, err := s.ListCases(t.Context(), "C0GEMEENTE", f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), []int64{kept.ID}) {
				t.Errorf("ListCases(%+v) after delete = %v, want [%d]", f, ids(got), kept.ID)
			}
		}

		// The other case is untouched, and ids are not reused.
		if got, err := s.CaseByThread(t.Context(), "C0GEMEENTE", "1741000100.000200"); err != nil || jsonOf(t, got) != keptJSON {
			t.Errorf("kept case after deletes = %v, %v", got, err)
		}
		if next := mustCreate(t, s, newCase("C0GEMEENTE", "Na het wissen", t0.Add(4*time.Hour))); next.ID != 5 {
			t.Errorf("id after deletes = %d, want 5", next.ID)
		}
	})
}

func TestSeenEvent(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		for _, step := range []struct {
			id   string
			want bool
		}{
			{"Ev08MFMKH6", false},
			{"Ev08MFMKH6", true},
			{"Ev08MFMKH7", false},
			{"Ev08MFMKH6", true},
			{"Ev08MFMKH7", true},
		} {
			got, err := s.SeenEvent(t.Context(), step.id, t0)
			if err != nil {
				t.Fatal(err)
			}
			if got != step.want {
				t.Errorf("SeenEvent(%q) = %v, want %v", step.id, got, step.want)
			}
		}
		// bbolt has no empty keys; the bot does not ask about events without id.
		if _, err := s.SeenEvent(t.Context(), "", t0); err == nil {
			t.Error("SeenEvent of an empty id succeeded")
		}
	})
}

// TestSeenEventConcurrent is Slack delivering one event twenty times at
// once: exactly one delivery may be handled.
func TestSeenEventConcurrent(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		s := e.Open(t)
		const n = 20
		var first, again atomic.Int32
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				seen, err := s.SeenEvent(t.Context(), "Ev08MFMKH6", t0)
				switch {
				case err != nil:
					t.Error(err)
				case seen:
					again.Add(1)
				default:
					first.Add(1)
				}
			})
		}
		wg.Wait()
		if first.Load() != 1 || again.Load() != n-1 {
			t.Errorf("%d deliveries saw a new event and %d a seen one; want 1 and %d", first.Load(), again.Load(), n-1)
		}
	})
}

func TestPruneEvents(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		events := []struct {
			id string
			at time.Time
		}{
			{"Ev01", t0},
			{"Ev02", t0.Add(time.Hour)},
			{"Ev03", t0.Add(2 * time.Hour)},
			{"Ev04", t0.Add(3 * time.Hour)},
		}
		tests := []struct {
			name   string
			cutoff time.Time
			pruned []string
		}{
			{"before all", t0.Add(-time.Hour), nil},
			{"at the first keeps it", t0, nil},
			{"just after the first", t0.Add(time.Nanosecond), []string{"Ev01"}},
			{"in the middle", t0.Add(2 * time.Hour), []string{"Ev01", "Ev02"}},
			{"after all", t0.Add(24 * time.Hour), []string{"Ev01", "Ev02", "Ev03", "Ev04"}},
			{"zero time", time.Time{}, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				s := e.Open(t)
				for _, ev := range events {
					if _, err := s.SeenEvent(t.Context(), ev.id, ev.at); err != nil {
						t.Fatal(err)
					}
				}
				n, err := s.PruneEvents(t.Context(), tc.cutoff)
				if err != nil {
					t.Fatal(err)
				}
				if n != len(tc.pruned) {
					t.Errorf("PruneEvents = %d, want %d", n, len(tc.pruned))
				}
				for _, ev := range events {
					seen, err := s.SeenEvent(t.Context(), ev.id, t0.Add(48*time.Hour))
					if err != nil {
						t.Fatal(err)
					}
					if want := !slices.Contains(tc.pruned, ev.id); seen != want {
						t.Errorf("SeenEvent(%s) after prune = %v, want %v", ev.id, seen, want)
					}
				}
				// What was pruned is recorded again (at +48h) and survives the same cutoff.
				if n, err := s.PruneEvents(t.Context(), tc.cutoff); err != nil || n != 0 {
					t.Errorf("second PruneEvents = %d, %v; want 0", n, err)
				}
			})
		}
	})
}

// fillStore stores n full cases spread over channels and returns them.
func fillStore(tb testing.TB, s *store.Store, n int) []*record.Case {
	tb.Helper()
	out := make([]*record.Case, 0, n)
	for i := range n {
		c := fullCase(fmt.Sprintf("C0KANAAL%02d", i%4), fmt.Sprintf("1741%06d.000100", i), t0.Add(time.Duration(i)*time.Hour))
		out = append(out, mustCreate(tb, s, c))
	}
	return out
}

// checkBackup opens a backup as a store and checks it has the cases.
func checkBackup(t *testing.T, file string, want []*record.Case) {
	t.Helper()
	b := MustOpenPath(t, file, store.Options{LockTimeout: 200 * time.Millisecond})
	if v, err := b.SchemaVersion(); err != nil || v != store.SchemaVersionCurrent() {
		t.Errorf("backup SchemaVersion() = %d, %v", v, err)
	}
	for _, c := range want {
		got, err := b.CaseByThread(t.Context(), c.Channel, c.Thread)
		if err != nil {
			t.Fatalf("case %d in backup: %v", c.ID, err)
		}
		if got.ID != c.ID || got.Title != c.Title || len(got.Answers) < len(c.Answers) {
			t.Errorf("case %d in backup: %+v", c.ID, got)
		}
	}
	for i := range 4 {
		if got, err := b.ListCases(t.Context(), fmt.Sprintf("C0KANAAL%02d", i), store.Filter{}); err != nil || len(got) != len(want)/4 {
			t.Errorf("backup ListCases(C0KANAAL%02d) = %d cases, %v; want %d", i, len(got), err, len(want)/4)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}

type failingWriter struct{ after int }

var errDiskFull = errors.New("no space left on device")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after <= 0 {
		return 0, errDiskFull
	}
	n := min(len(p), w.after)
	w.after -= n
	if n < len(p) {
		return n, errDiskFull
	}
	return n, nil
}

// bbolt only: a file (its lock, pages, socket or old schema); see store.Engines.
func TestWriteBackup(t *testing.T) {
	t.Run("while writers go on", func(t *testing.T) {
		s := MustOpen(t)
		cases := fillStore(t, s, 200)

		stop := make(chan struct{})
		var updates atomic.Int64
		var wg sync.WaitGroup
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				c := cases[i%len(cases)]
				_, err := s.UpdateCase(context.Background(), c.ID, func(c *record.Case) error {
					c.Discussion = append(c.Discussion, record.Remark{By: "U0PIETER", Text: "Nog een gedachte.", At: t0})
					return nil
				})
				if err != nil {
					t.Error(err)
					return
				}
				updates.Add(1)
			}
		})
		dir := t.TempDir()
		for i := range 3 {
			file := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
			f, err := os.Create(file)
			if err != nil {
				t.Fatal(err)
			}
			n, err := s.WriteBackup(t.Context(), f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				t.Fatalf("WriteBackup: %v", err)
			}
			if info, err := os.Stat(file); err != nil || info.Size() != n {
				t.Errorf("WriteBackup reported %d bytes; file: %v, %v", n, info.Size(), err)
			}
			checkBackup(t, file, cases)
		}
		close(stop)
		wg.Wait()
		if updates.Load() == 0 {
			t.Error("no update ran during the backups")
		}
		t.Logf("%d updates during 3 backups", updates.Load())
	})

	t.Run("writer fails", func(t *testing.T) {
		s := MustOpen(t)
		fillStore(t, s, 4)
		for _, after := range []int{0, 4096, 10000} {
			// bbolt formats the writer's error with %s for the meta pages,
			// so only its text survives there.
			_, err := s.WriteBackup(t.Context(), &failingWriter{after: after})
			if err == nil || !strings.Contains(err.Error(), errDiskFull.Error()) {
				t.Errorf("WriteBackup to a writer failing after %d bytes: %v, want %v", after, err, errDiskFull)
			}
		}
		// The store still works.
		if _, err := s.Case(t.Context(), 1); err != nil {
			t.Error(err)
		}
	})
}

// entries lists a directory's names.
func entries(tb testing.TB, dir string) []string {
	tb.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, de := range des {
		out = append(out, de.Name())
	}
	return out
}

// bbolt only: a file (its lock, pages, socket or old schema); see store.Engines.
func TestBackup(t *testing.T) {
	// One source database, closed, shared by the subtests that only read it.
	src := filepath.Join(t.TempDir(), "maatwerk.db")
	s := MustOpenPath(t, src, store.Options{NoSync: true})
	cases := fillStore(t, s, 40)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	t.Run("closed database", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, "maatwerk-2025-03-03.db")
		n, err := store.Backup(t.Context(), src, file)
		if err != nil {
			t.Fatal(err)
		}
		if info, err := os.Stat(file); err != nil || info.Size() != n {
			t.Errorf("Backup reported %d bytes; file %v", n, err)
		}
		if got := entries(t, dir); !slices.Equal(got, []string{"maatwerk-2025-03-03.db"}) {
			t.Errorf("backup directory holds %v, want only the backup", got)
		}
		checkBackup(t, file, cases)
		// The source is released.
		MustOpenPath(t, src, store.Options{LockTimeout: 200 * time.Millisecond}).Close()
	})

	t.Run("replaces an old backup", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "maatwerk.db")
		if err := os.WriteFile(file, []byte("oude backup"), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := store.Backup(t.Context(), src, file); err != nil {
			t.Fatal(err)
		}
		checkBackup(t, file, cases)
	})

	failures := []struct {
		name  string
		setup func(t *testing.T, dir string) (src, file string) // dir is where the backup goes
		check func(t *testing.T, err error)
	}{
		{
			name: "open by another store",
			setup: func(t *testing.T, dir string) (string, string) {
				MustOpenPath(t, src, store.Options{NoSync: true})
				return src, filepath.Join(dir, "backup.db")
			},
			check: func(t *testing.T, err error) {
				if !errors.Is(err, store.ErrLocked) {
					t.Errorf("Backup of an open database: %v, want ErrLocked", err)
				}
			},
		},
		{
			name: "missing source",
			setup: func(t *testing.T, dir string) (string, string) {
				return filepath.Join(t.TempDir(), "bestaat-niet.db"), filepath.Join(dir, "backup.db")
			},
			check: func(t *testing.T, err error) {
				if !errors.Is(err, os.ErrNotExist) {
					t.Errorf("Backup of a missing file: %v, want os.ErrNotExist", err)
				}
			},
		},
		{
			name: "source is not a database",
			setup: func(t *testing.T, dir string) (string, string) {
				p := filepath.Join(t.TempDir(), "tekst.db")
				if err := os.WriteFile(p, bytes.Repeat([]byte("geen bbolt "), 800), 0o600); err != nil {
					t.Fatal(err)
				}
				return p, filepath.Join(dir, "backup.db")
			},
			check: func(t *testing.T, err error) {
				if err == nil || errors.Is(err, store.ErrLocked) {
					t.Errorf("Backup of a text file: %v, want an open error", err)
				}
			},
		},
		{
			name: "destination is a directory",
			setup: func(t *testing.T, dir string) (string, string) {
				file := filepath.Join(dir, "backup.db")
				if err := os.Mkdir(file, 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(file, "iets"), nil, 0o600); err != nil {
					t.Fatal(err)
				}
				return src, file
			},
			check: func(t *testing.T, err error) {
				if err == nil {
					t.Error("Backup onto a directory succeeded")
				}
			},
		},
		{
			name: "destination directory missing",
			setup: func(t *testing.T, dir string) (string, string) {
				return src, filepath.Join(dir, "weg", "backup.db")
			},
			check: func(t *testing.T, err error) {
				if !errors.Is(err, os.ErrNotExist) {
					t.Errorf("Backup into a missing directory: %v, want os.ErrNotExist", err)
				}
			},
		},
	}
	for _, tc := range failures {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			from, file := tc.setup(t, dir)
			before := entries(t, dir)
			n, err := store.Backup(t.Context(), from, file)
			tc.check(t, err)
			if err != nil && n != 0 {
				t.Errorf("failed Backup reported %d bytes", n)
			}
			if after := entries(t, dir); !slices.Equal(after, before) {
				t.Errorf("failed Backup left %v in the backup directory, had %v", after, before)
			}
		})
	}

	t.Run("cancelled context", func(t *testing.T) {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := store.Backup(ctx, src, filepath.Join(dir, "backup.db"))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Backup with a cancelled context: %v, want context.Canceled", err)
		}
		if got := entries(t, dir); len(got) != 0 {
			t.Errorf("cancelled Backup left %v", got)
		}
	})
}

// TestCancelledContext checks that every method gives up on a cancelled or
// expired context before it changes anything.
func TestCancelledContext(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		cancelled, cancel := context.WithCancel(context.Background())
		cancel()
		expired, cancel2 := context.WithDeadline(context.Background(), t0)
		defer cancel2()

		s := e.Open(t)
		existing := mustCreate(t, s, fullCase("C0GEMEENTE", "1741000000.000100", t0))
		if _, err := s.SeenEvent(t.Context(), "Ev-oud", t0); err != nil {
			t.Fatal(err)
		}
		snapshot := func() string {
			var buf bytes.Buffer
			fmt.Fprintln(&buf, jsonOf(t, mustCase(t, s, existing.ID)))
			if _, err := s.Case(t.Context(), existing.ID+1); !errors.Is(err, store.ErrNotFound) {
				fmt.Fprintln(&buf, "case 2 exists:", err)
			}
			return buf.String()
		}
		before := snapshot()

		methods := []struct {
			name string
			call func(ctx context.Context) error
		}{
			{"CreateCase", func(ctx context.Context) error {
				c := newCase("C0GEMEENTE", "Te laat", t0)
				err := s.CreateCase(ctx, c)
				if c.ID != 0 {
					t.Errorf("CreateCase assigned id %d", c.ID)
				}
				return err
			}},
			{"Case", func(ctx context.Context) error {
				_, err := s.Case(ctx, existing.ID)
				return err
			}},
			{"CaseByThread", func(ctx context.Context) error {
				_, err := s.CaseByThread(ctx, existing.Channel, existing.Thread)
				return err
			}},
			{"UpdateCase", func(ctx context.Context) error {
				_, err := s.UpdateCase(ctx, existing.ID, func(c *record.Case) error {
					t.Error("UpdateCase called fn")
					c.Title = "Overschreven"
					return nil
				})
				return err
			}},
			{"ListCases", func(ctx context.Context) error {
				_, err := s.ListCases(ctx, existing.Channel, store.Filter{})
				return err
			}},
			{"OpenCases", func(ctx context.Context) error {
				_, err := s.OpenCases(ctx, existing.Channel)
				return err
			}},
			{"DeleteCase", func(ctx context.Context) error {
				return s.DeleteCase(ctx, existing.ID)
			}},
			{"SeenEvent", func(ctx context.Context) error {
				seen, err := s.SeenEvent(ctx, "Ev-nieuw", t0)
				if seen {
					t.Error("SeenEvent reported seen")
				}
				return err
			}},
			{"PruneEvents", func(ctx context.Context) error {
				_, err := s.PruneEvents(ctx, t0.Add(time.Hour))
				return err
			}},
			{"WriteBackup", func(ctx context.Context) error {
				var buf bytes.Buffer
				_, err := s.WriteBackup(ctx, &buf)
				if buf.Len() != 0 {
					t.Errorf("WriteBackup wrote %d bytes", buf.Len())
				}
				return err
			}},
		}
		for _, m := range methods {
			for _, ctx := range []context.Context{cancelled, expired} {
				t.Run(fmt.Sprintf("%s/%v", m.name, ctx.Err()), func(t *testing.T) {
					if err := m.call(ctx); err != ctx.Err() {
						t.Errorf("%s = %v, want %v", m.name, err, ctx.Err())
					}
				})
			}
		}

		if after := snapshot(); after != before {
			t.Errorf("the database changed:\nbefore %s\nafter  %s", before, after)
		}
		if seen, err := s.SeenEvent(t.Context(), "Ev-nieuw", t0); err != nil || seen {
			t.Errorf("SeenEvent(Ev-nieuw) = %v, %v: recorded under a cancelled context", seen, err)
		}
		if seen, err := s.SeenEvent(t.Context(), "Ev-oud", t0); err != nil || !seen {
			t.Errorf("SeenEvent(Ev-oud) = %v, %v: pruned under a cancelled context", seen, err)
		}
		if c := mustCreate(t, s, newCase("C0GEMEENTE", "Op tijd", t0)); c.ID != 2 {
			t.Errorf("next id = %d, want 2: a cancelled CreateCase used a sequence number", c.ID)
		}
	})
}

func mustCase(tb testing.TB, s *store.Store, id int64) *record.Case {
	tb.Helper()
	c, err := s.Case(context.Background(), id)
	if err != nil {
		tb.Fatalf("Case(%d): %v", id, err)
	}
	return c
}

// TestUpdateCaseKeepsIndexesWhenKeysChange: the thread and time indexes are
// keyed by Channel and StartedAt; UpdateCase moves them when those change.
func TestUpdateCaseKeepsIndexesWhenKeysChange(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		day := func(d int) time.Time { return t0.Add(time.Duration(d) * 24 * time.Hour) }

		t.Run("StartedAt", func(t *testing.T) {
			t.Parallel()
			s := e.Open(t)
			c := mustCreate(t, s, newCase("C1", "Verkeerde startdatum", day(0)))
			if _, err := s.UpdateCase(t.Context(), c.ID, func(c *record.Case) error { c.StartedAt = day(10); return nil }); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.ListCases(t.Context(), "C1", store.Filter{Until: day(1)}); len(got) != 0 {
				t.Errorf("ListCases(Until day 1) = case started %v", got[0].StartedAt)
			}
			if got, _ := s.ListCases(t.Context(), "C1", store.Filter{Since: day(9)}); len(got) != 1 {
				t.Errorf("ListCases(Since day 9) = %d cases, want the case started on day 10", len(got))
			}
		})

		t.Run("Channel", func(t *testing.T) {
			t.Parallel()
			s := e.Open(t)
			c := mustCreate(t, s, fullCase("C1", "1741000000.000100", day(0)))
			if _, err := s.UpdateCase(t.Context(), c.ID, func(c *record.Case) error { c.Channel = "C2"; return nil }); err != nil {
				t.Fatal(err)
			}
			if got, err := s.CaseByThread(t.Context(), "C1", "1741000000.000100"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("CaseByThread(old channel) = case in %s, %v; want ErrNotFound", got.Channel, err)
			}
			if got, _ := s.ListCases(t.Context(), "C1", store.Filter{}); len(got) != 0 {
				t.Errorf("ListCases(C1) has the case now in %s", got[0].Channel)
			}
			if got, _ := s.ListCases(t.Context(), "C2", store.Filter{}); len(got) != 1 {
				t.Errorf("ListCases(C2) = %d cases, want the moved case", len(got))
			}
		})
	})
}

// TestOddStartTimesRefused: start times are keyed as unsigned nanoseconds
// since 1970, so a case with a zero or pre-1970 StartedAt could never be
// listed. CreateCase and UpdateCase refuse it instead of storing a case
// that would be invisible.
func TestOddStartTimesRefused(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		for _, at := range []time.Time{{}, time.Date(1969, time.December, 31, 0, 0, 0, 0, time.UTC)} {
			t.Run(at.Format(time.DateOnly), func(t *testing.T) {
				t.Parallel()
				s := e.Open(t)
				if err := s.CreateCase(t.Context(), newCase("C1", "Zonder start", at)); err == nil {
					t.Errorf("CreateCase with a case started %v: no error", at)
				}
				c := mustCreate(t, s, newCase("C1", "Met start", t0))
				if _, err := s.UpdateCase(t.Context(), c.ID, func(c *record.Case) error { c.StartedAt = at; return nil }); err == nil {
					t.Errorf("UpdateCase to start %v: no error", at)
				}
				got, err := s.OpenCases(t.Context(), "C1")
				if err != nil || len(got) != 1 || got[0].ID != c.ID || !got[0].StartedAt.Equal(t0) {
					t.Errorf("OpenCases after refused changes = %v, %v; want the case unchanged", ids(got), err)
				}
			})
		}
	})
}
