package dialogs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// fakeStore is a ConsoleStore in memory. Like the real store it keeps cases
// as JSON, so a caller never shares a case with it, and it serialises every
// call with a mutex.
type fakeStore struct {
	mu    sync.Mutex
	next  int64
	cases map[int64][]byte
	// openErr, when set, is what OpenCases returns.
	openErr error
}

var errNotFound = errors.New("fake store: not found")

func newFakeStore() *fakeStore { return &fakeStore{cases: map[int64][]byte{}} }

func (s *fakeStore) CreateCase(ctx context.Context, c *record.Case) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	c.ID, c.Version, c.Rev = s.next, record.CaseVersion, 1
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	s.cases[c.ID] = b
	return nil
}

func (s *fakeStore) UpdateCase(ctx context.Context, id int64, fn func(*record.Case) error) (*record.Case, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.cases[id]
	if !ok {
		return nil, errNotFound
	}
	var c record.Case
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	if err := fn(&c); err != nil {
		return nil, err
	}
	c.ID = id
	c.Rev++
	b, err := json.Marshal(&c)
	if err != nil {
		return nil, err
	}
	s.cases[id] = b
	return &c, nil
}

// OpenCases returns the channel's cases that are not closed, newest first.
func (s *fakeStore) OpenCases(ctx context.Context, channel string) ([]*record.Case, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.openErr != nil {
		return nil, s.openErr
	}
	var out []*record.Case
	for id := s.next; id > 0; id-- {
		b, ok := s.cases[id]
		if !ok {
			continue
		}
		var c record.Case
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, err
		}
		if c.Channel == channel && c.Status != record.StatusClosed {
			out = append(out, &c)
		}
	}
	return out, nil
}

func (s *fakeStore) get(tb testing.TB, id int64) *record.Case {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var c record.Case
	if err := json.Unmarshal(s.cases[id], &c); err != nil {
		tb.Fatalf("case %d: %v", id, err)
	}
	return &c
}

func (s *fakeStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.cases)
}

// runConsole runs a console over the fixture content with the given lines
// as input and returns what it wrote.
func runConsole(tb testing.TB, store *fakeStore, lang cards.Lang, lines ...string) (string, error) {
	tb.Helper()
	e, _ := newTestEngine(tb)
	var out strings.Builder
	con := &Console{
		Engine: e, Store: store, User: "tester", Lang: lang,
		In: strings.NewReader(strings.Join(lines, "\n") + "\n"), Out: &out,
	}
	err := con.Run(context.Background())
	return out.String(), err
}

// wholeConversation answers every question of the fixture at the console.
var wholeConversation = []string{
	"Huurachterstand na verhuizing", // title
	"Participatiewet",               // scheme
	"",                              // zaaknummer
	"1, 2",                          // uitkomst: onredelijk, stapeling
	"0",                             // persoon: none
	"1",                             // weging: verder
	"De regel wil schulden voorkomen.",
	"voor: De uitkomst is onevenredig.",
	"tegen: Anderen kregen dit ook niet.",
	"klaar",
	"3",                   // ruimte: weet ik niet
	"3",                   // mandaat: iemand anders …
	"De afdeling bezwaar", // … who then?
	"1",                   // besluit: maatwerk …
	"Maatwerk, omdat de gevolgen van de regel hier onevenredig zijn.", // … rationale
	"ja", // recorded despite the warning: the mandate is someone else's
	"Ja, waarschijnlijk.",
	"1", // signaal voor beleid: geen
}

func TestConsoleWholeConversation(t *testing.T) {
	store := newFakeStore()
	out, err := runConsole(t, store, cards.NL, wholeConversation...)
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	for _, w := range []string{
		"Casus MW-0001 is gestart",
		"[MW-0001] Signalen · stap 1 van 10",
		"Aanwezige signalen: Onredelijke uitkomst; Stapeling",
		"Argument #1 vastgelegd: De uitkomst is onevenredig.",
		"Argument #2 vastgelegd: Anderen kregen dit ook niet.",
		"Voor: 1 · Tegen: 1",
		"Wie dan?",
		"Motivering van het besluit",
		"[MW-0001] Reflectie · stap 9 van 10",
		"Samenvatting van MW-0001 — Huurachterstand na verhuizing",
		"Besluit: Maatwerk toepassen (besloten door tester op 2 maart 2026, 09:30)",
		"Status: afgerond",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	// The one warning is the mandate's: the decision lies elsewhere.
	if n := strings.Count(out, "\n! "); n != 1 || !strings.Contains(out, "\n! Bij Mandaat koos je: Iemand anders.") {
		t.Errorf("the console reported %d problems, want the mandate warning only:\n%s", n, out)
	}
	if !strings.Contains(out, "Vastgelegd ondanks waarschuwing: buiten het mandaat dat bij Mandaat is gekozen") {
		t.Errorf("the summary does not say the decision went on despite the warning:\n%s", out)
	}
	c := store.get(t, 1)
	if c.Status != record.StatusClosed || c.Step != fixtureTotal || len(c.Answers) != fixtureTotal || c.Thread != "MW-0001" || c.Channel != ConsoleChannel {
		t.Errorf("stored case: status %s, step %d, %d answers, thread %q, channel %q", c.Status, c.Step, len(c.Answers), c.Thread, c.Channel)
	}
	if c.Decision == nil || c.Decision.Option != "maatwerk" || c.Decision.Rationale != "Maatwerk, omdat de gevolgen van de regel hier onevenredig zijn." || c.Decision.By != "tester" {
		t.Errorf("Decision = %+v", c.Decision)
	}
	if !slices.Equal(c.Decision.Warnings, []record.WarningKind{record.WarnOutsideMandate}) {
		t.Errorf("Decision.Warnings = %q, want the mandate's", c.Decision.Warnings)
	}
	if a, _ := c.AnswerTo(stepMandaat); !slices.Equal(a.Choices, []string{"anders"}) || a.Text != "De afdeling bezwaar" {
		t.Errorf("mandaat answer = %+v", a)
	}
	if a, _ := c.AnswerTo(stepUitkomst); !slices.Equal(a.Choices, []string{"onredelijk", "stapeling"}) {
		t.Errorf("uitkomst answer = %+v", a)
	}
	if len(c.Arguments) != 2 || !c.Arguments[0].Pro || c.Arguments[1].Pro || c.Arguments[0].By != "tester" {
		t.Errorf("Arguments = %+v", c.Arguments)
	}
	if c.Rev < fixtureTotal {
		t.Errorf("Rev = %d: the console did not store every answer", c.Rev)
	}
}

func TestConsoleEnglish(t *testing.T) {
	store := newFakeStore()
	out, err := runConsole(t, store, cards.EN,
		"Rent arrears after a move", "Participation Act", "Z-2026-00123",
		"2", "1,2", "1", "The rule wants to prevent debts.",
		"pro: The outcome is disproportionate.", "con: It sets a precedent.", "done",
		"1", "1", "2", "The rule fits this case, so I apply it.", "Yes.", "1")
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	for _, w := range []string{"Case MW-0001 has started", "Signals · step 1 of 10", "Summary of MW-0001", "Case number: Z-2026-00123", "Status: completed", "Decision: Apply the rule"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if got := leaks(out, dutchInterface(t)); len(got) > 0 {
		t.Errorf("Dutch interface texts %q in the English console:\n%s", got, out)
	}
	if c := store.get(t, 1); c.Lang != cards.EN || c.Status != record.StatusClosed {
		t.Errorf("stored case: lang %s, status %s", c.Lang, c.Status)
	}
}

func TestConsoleMistakes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  []string // in the output, in this order
		check func(t *testing.T, c *record.Case)
	}{
		{"personal data in the title", []string{"Mevrouw met bsn 123456782", "Een casus", "Wmo", ""},
			[]string{"een burgerservicenummer (BSN)", "Korte omschrijving", "Casus MW-0001 is gestart"},
			func(t *testing.T, c *record.Case) {
				if c.Title != "Een casus" {
					t.Errorf("Title = %q", c.Title)
				}
			}},
		{"empty title", []string{"", "Een casus", "", ""},
			[]string{"Vul hier iets in.", "Korte omschrijving", "Casus MW-0001 is gestart"}, nil},
		{"a wrong zaaknummer is asked again on its own", []string{"Een casus", "Wmo", "123456782", "Jansen", "Z-2026-00123"},
			[]string{"een burgerservicenummer (BSN)", "Zaaknummer", "Een zaaknummer bestaat uit cijfers", "Zaaknummer", "Casus MW-0001 is gestart"},
			func(t *testing.T, c *record.Case) {
				if c.Title != "Een casus" || c.Scheme != "Wmo" || c.Zaaknummer != "Z-2026-00123" {
					t.Errorf("case: title %q, scheme %q, zaaknummer %q", c.Title, c.Scheme, c.Zaaknummer)
				}
			}},
		{"not a number", []string{"Een casus", "", "", "x", "1"},
			[]string{"stap 1 van 10", "Typ één of meer nummers van 1 tot en met 3, met komma's ertussen, of 0 voor geen.", "stap 1 van 10", "stap 2 van 10"},
			func(t *testing.T, c *record.Case) {
				if c.Step != 1 {
					t.Errorf("Step = %d", c.Step)
				}
			}},
		{"number out of range", []string{"Een casus", "", "", "1,4", "0", "3"},
			[]string{"Typ één of meer nummers van 1 tot en met 3", "stap 1 van 10", "stap 2 van 10", "Typ één of meer nummers van 1 tot en met 2", "stap 2 van 10"},
			func(t *testing.T, c *record.Case) {
				if c.Step != 1 {
					t.Errorf("Step = %d", c.Step)
				}
			}},
		{"reason left empty", []string{"Een casus", "", "", "0", "0", "2", ""},
			[]string{"Waarom niet?", "! Vul hier iets in.", "stap 3 van 10"},
			func(t *testing.T, c *record.Case) {
				if c.Step != 2 || c.Status != record.StatusOpen {
					t.Errorf("Step %d, status %s", c.Step, c.Status)
				}
			}},
		{"closing early", []string{"Een casus", "", "", "0", "0", "2", "De regel past."},
			[]string{"Waarom niet?", "Afgesloten na de signalen: Afsluiten: geen maatwerk nodig — De regel past."},
			func(t *testing.T, c *record.Case) {
				if c.Status != record.StatusClosed || c.Closure == nil || c.Closure.Option != "geen-maatwerk" {
					t.Errorf("status %s, closure %+v", c.Status, c.Closure)
				}
			}},
		{"personal data in a text answer", []string{"Een casus", "", "", "0", "0", "1", "Bel 0612345678"},
			[]string{"stap 4 van 10", "! Je tekst lijkt een telefoonnummer te bevatten", "Je tekst was: Bel 0612345678", "stap 4 van 10"},
			func(t *testing.T, c *record.Case) {
				if c.Step != 3 || len(c.Answers) != 3 {
					t.Errorf("Step %d, %d answers", c.Step, len(c.Answers))
				}
			}},
		{"arguments: other text, then done without any", []string{"Een casus", "", "", "0", "0", "1", "Doel.", "hallo", "klaar", "VOOR: Toch wel."},
			[]string{"stap 5 van 10", "Begin met 'voor:' of 'tegen:'", "stap 5 van 10", "! Voeg eerst minstens één argument toe", "Argument #1 vastgelegd: Toch wel."},
			func(t *testing.T, c *record.Case) {
				if c.Step != 4 || len(c.Arguments) != 1 {
					t.Errorf("Step %d, %d arguments", c.Step, len(c.Arguments))
				}
			}},
		{"argument with personal data", []string{"Een casus", "", "", "tegen: mail jan@example.nl"},
			[]string{"! Je tekst lijkt een e-mailadres te bevatten"},
			func(t *testing.T, c *record.Case) {
				if len(c.Arguments) != 0 {
					t.Errorf("Arguments = %+v", c.Arguments)
				}
			}},
		{"summary on request", []string{"Een casus", "", "", "2", "samenvatting"},
			[]string{"stap 2 van 10", "Samenvatting van MW-0001", "stap 2 van 10"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newFakeStore()
			out, err := runConsole(t, store, cards.NL, tc.lines...)
			if err != nil {
				t.Fatalf("Run: %v\n%s", err, out)
			}
			rest := out
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			if tc.check != nil {
				tc.check(t, store.get(t, 1))
			}
		})
	}
}

func TestConsoleStopAndResume(t *testing.T) {
	store := newFakeStore()
	out, err := runConsole(t, store, cards.NL, "Een casus", "", "", "1", "stop", "1")
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if !strings.Contains(out, "De casus is bewaard") {
		t.Errorf("stop does not say the case was saved:\n%s", out)
	}
	if c := store.get(t, 1); c.Status != record.StatusOpen || c.Step != 1 {
		t.Errorf("after stop: status %s, step %d", c.Status, c.Step)
	}

	// A second run offers the open case and goes on where it stopped.
	out, err = runConsole(t, store, cards.NL, "1", "2")
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	for _, w := range []string{"Open casussen:", "1. MW-0001 Een casus (Stap 2 van 10)", "2. Nieuwe casus", "stap 2 van 10", "stap 3 van 10"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if c := store.get(t, 1); c.Step != 2 || c.Status != record.StatusOpen {
		t.Errorf("after resuming: status %s, step %d", c.Status, c.Step)
	}

	// A wrong choice is asked again; the last number starts a new case.
	out, err = runConsole(t, store, cards.NL, "7", "nieuw", "2", "Tweede casus", "", "")
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if strings.Count(out, "Kies één van de mogelijkheden.") != 2 || !strings.Contains(out, "Casus MW-0002 is gestart") {
		t.Errorf("output:\n%s", out)
	}
	if store.count() != 2 {
		t.Errorf("%d cases stored, want 2", store.count())
	}
}

func TestConsoleEndOfInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		cases int
	}{
		{"no input", nil, 0},
		{"after the title", []string{"Een casus"}, 0},
		{"in the conversation", []string{"Een casus", "", "", "1"}, 1},
		{"while asking a reason", []string{"Een casus", "", "", "0", "0", "2"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newFakeStore()
			e, _ := newTestEngine(t)
			var out strings.Builder
			con := &Console{Engine: e, Store: store, User: "tester", In: strings.NewReader(strings.Join(tc.lines, "\n")), Out: &out}
			if err := con.Run(context.Background()); err != nil {
				t.Fatalf("Run at end of input = %v", err)
			}
			if store.count() != tc.cases {
				t.Errorf("%d cases stored, want %d", store.count(), tc.cases)
			}
			if tc.cases > 0 {
				if c := store.get(t, 1); c.Status != record.StatusOpen {
					t.Errorf("status %s, want open", c.Status)
				}
			}
		})
	}
}

func TestConsoleErrors(t *testing.T) {
	t.Run("store", func(t *testing.T) {
		store := newFakeStore()
		store.openErr = errors.New("disk on fire")
		_, err := runConsole(t, store, cards.NL, "Een casus", "", "")
		if err == nil || !strings.Contains(err.Error(), "disk on fire") {
			t.Errorf("Run = %v, want the store's error", err)
		}
	})
	t.Run("cancelled before anything", func(t *testing.T) {
		e, _ := newTestEngine(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		store := newFakeStore()
		con := &Console{Engine: e, Store: store, User: "tester", In: strings.NewReader("Een casus\n\n\n"), Out: new(strings.Builder)}
		if err := con.Run(ctx); err != nil || store.count() != 0 {
			t.Errorf("Run = %v with %d cases; want nil and none (Ctrl-C is a way out, not an error)", err, store.count())
		}
	})
}

// TestFakeStoreConcurrent checks the fake itself: updates from many
// goroutines are serialised, as the real store's transactions are.
func TestFakeStoreConcurrent(t *testing.T) {
	store := newFakeStore()
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	if err := store.CreateCase(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			_, err := store.UpdateCase(context.Background(), c.ID, func(c *record.Case) error {
				_, err := e.AddArgument(c, ArgumentInput{Pro: i%2 == 0, Text: fmt.Sprintf("Argument %d", i), By: starter})
				return err
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got := store.get(t, c.ID)
	if len(got.Arguments) != 20 || got.Rev != 21 {
		t.Errorf("%d arguments, rev %d; want 20 and 21", len(got.Arguments), got.Rev)
	}
	for i, a := range got.Arguments {
		if a.N != i+1 {
			t.Errorf("argument %d has N %d", i+1, a.N)
		}
	}
}

// TestConsoleCtrlC: Ctrl-C while a question waits for its answer leaves at
// once, says the case is saved and returns no error; the case keeps what
// was answered. Before, the console waited for Enter and then exited with
// "context canceled".
func TestConsoleCtrlC(t *testing.T) {
	e, _ := newTestEngine(t)
	store := newFakeStore()
	in, typing := io.Pipe()
	defer typing.Close()
	out := &syncBuilder{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	con := &Console{Engine: e, Store: store, User: "tester", In: in, Out: out}
	done := make(chan error, 1)
	go func() { done <- con.Run(ctx) }()
	io.WriteString(typing, "Een casus\n\n\n1\n")
	deadline := time.After(10 * time.Second)
	for !strings.Contains(out.String(), "stap 2 van 10") {
		select {
		case err := <-done:
			t.Fatalf("Run ended early: %v\n%s", err, out.String())
		case <-deadline:
			t.Fatalf("the console never reached step 2:\n%s", out.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
	io.WriteString(typing, "half getyp") // no Enter: never an answer
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after Ctrl-C = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Ctrl-C did not end the console while it waited for a line")
	}
	if !strings.Contains(out.String(), "De casus is bewaard") {
		t.Errorf("no word that the case is saved:\n%s", out.String())
	}
	if c := store.get(t, 1); c.Step != 1 || len(c.Answers) != 1 {
		t.Errorf("case after Ctrl-C: step %d, %d answers; want the one answer given", c.Step, len(c.Answers))
	}
}

// syncBuilder is a strings.Builder safe for a writer and a reader at once.
type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestConsoleReservedWords: help, ?, stop, samenvatting, terug and wijzig
// are never stored as an answer, also at a free-text question and at the
// question for a reason; help and ? show the help. A last line without
// Enter is not taken. Before, "help" typed at a text question was stored
// as its answer, and so was a half-typed line before Ctrl-D.
func TestConsoleReservedWords(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input string
		want  []string
		check func(t *testing.T, c *record.Case)
	}{
		{"help at a text question", "Een casus\n\n\n0\n0\n1\nhelp\n?\n", []string{"stap 4 van 10", "Typ het nummer van je keuze", "Typ het nummer van je keuze", "stap 4 van 10"},
			func(t *testing.T, c *record.Case) {
				if c.Step != 3 || len(c.Answers) != 3 {
					t.Errorf("help was taken as an answer: step %d, answers %+v", c.Step, c.Answers)
				}
			}},
		{"an answer that starts with a steering word", "Een casus\n\n\n0\n0\n1\nStop de terugvordering: het doel is bereikt.\nWijzig de beschikking niet.\n", []string{"stap 4 van 10", "stap 5 van 10"},
			func(t *testing.T, c *record.Case) {
				if len(c.Answers) != 4 || c.Answers[3].Text != "Stop de terugvordering: het doel is bereikt." {
					t.Errorf("an answer starting with 'Stop' was not taken: %+v", c.Answers)
				}
			}},
		{"stop at the question for a reason", "Een casus\n\n\n0\n0\n2\nstop\n", []string{"Waarom niet?", "De casus is bewaard"},
			func(t *testing.T, c *record.Case) {
				if c.Status != record.StatusOpen || c.Step != 2 {
					t.Errorf("status %s, step %d: 'stop' was taken as the reason", c.Status, c.Step)
				}
			}},
		{"a line without Enter at the end", "Een casus\n\n\n0\n0\n1\nDe regel wil", []string{"stap 4 van 10", "niet afgesloten met Enter", "De casus is bewaard"},
			func(t *testing.T, c *record.Case) {
				if len(c.Answers) != 3 {
					t.Errorf("the unfinished line was stored: %+v", c.Answers)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			store := newFakeStore()
			var out strings.Builder
			con := &Console{Engine: e, Store: store, User: "tester", In: strings.NewReader(tc.input), Out: &out}
			if err := con.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			rest := out.String()
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, out.String())
				}
				rest = rest[i+len(w):]
			}
			tc.check(t, store.get(t, 1))
		})
	}
}

// TestConsoleAsksTheNameOnce: without a name (no --user, no MAATWERK_USER)
// the console asks for one before anything else, refuses one with an
// e-mail address, and signs the case and its answers with it. Before, every
// answer was signed with the operating-system user ("root").
func TestConsoleAsksTheNameOnce(t *testing.T) {
	e, _ := newTestEngine(t)
	store := newFakeStore()
	var out strings.Builder
	con := &Console{Engine: e, Store: store, In: strings.NewReader("anna@gemeente.example\nAnna de Vries\nEen casus\n\n\n1\n"), Out: &out}
	if err := con.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if strings.Count(out.String(), "Je naam") != 2 || !strings.Contains(out.String(), "zonder e-mailadres") {
		t.Errorf("the name was not asked again after the refusal:\n%s", out.String())
	}
	c := store.get(t, 1)
	if c.StartedBy != "Anna de Vries" || len(c.Answers) != 1 || c.Answers[0].By != "Anna de Vries" {
		t.Errorf("signed by %q, answers %+v; want Anna de Vries", c.StartedBy, c.Answers)
	}
}

// TestConsoleCorrection: "wijzig 4" after the decision changes the answer to
// step 4; the earlier answer stays as history, the case goes on where it
// was, and the console says that the decision builds on the changed answer.
// "terug" changes the answer just before the open question (here the
// decision, whose rationale then changes too). Before, both were refused, or
// stored as the answer.
func TestConsoleCorrection(t *testing.T) {
	lines := append(slices.Clone(wholeConversation[:16]), "wijzig 4", "De regel wil huurders beschermen.", "terug", "1", "Nog steeds onevenredig.", "ja", "stop")
	store := newFakeStore()
	out, err := runConsole(t, store, cards.NL, lines...)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Nu: De regel wil schulden voorkomen.", "Gewijzigd: stap 4", "Kijk ook nog eens naar wat hierop voortbouwt: 8. Wat besluit je?", "Nu: Maatwerk toepassen", "Gewijzigd: stap 8", "De casus is bewaard"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	c := store.get(t, 1)
	doel := c.Answers[3].Step
	h := c.History(doel)
	if len(h) != 2 || h[0].Text != "De regel wil schulden voorkomen." || h[1].Text != "De regel wil huurders beschermen." || !h[1].Corrects {
		t.Errorf("history of %s: %+v", doel, h)
	}
	if cur, _ := c.AnswerTo(doel); cur.Text != "De regel wil huurders beschermen." {
		t.Errorf("current answer %q", cur.Text)
	}
	// The short motivering is warned about as at the decision; "ja"
	// records it with the warnings (see TestConsoleWarnsWhenTheDecisionIsCorrected).
	if c.Decision == nil || c.Decision.Rationale != "Nog steeds onevenredig." ||
		!slices.Equal(c.Decision.Warnings, []record.WarningKind{record.WarnShortRationale, record.WarnOutsideMandate}) {
		t.Errorf("decision after terug: %+v", c.Decision)
	}
	if c.Status != record.StatusOpen || c.Step != 8 {
		t.Errorf("status %s, step %d: the case should go on at the question after the decision", c.Status, c.Step)
	}
}

// TestConsoleOffersNoVoorleggen: the console has no team lead to put the
// decision to, so its decision question does not offer it (and the numbers
// of the other options follow on). Before, it was offered and refused.
func TestConsoleOffersNoVoorleggen(t *testing.T) {
	store := newFakeStore()
	out, err := runConsole(t, store, cards.NL, wholeConversation[:13]...)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.LastIndex(out, "stap 8 van 10")
	if i < 0 {
		t.Fatalf("no decision question:\n%s", out)
	}
	if strings.Contains(out[i:], "Voorleggen") {
		t.Errorf("the console offers Voorleggen:\n%s", out[i:])
	}
	// The mandate is someone else's: the notice does not send the
	// caseworker to a team lead the console does not know.
	if strings.Contains(out[i:], "Leg het voor") || !strings.Contains(out[i:], "Leg het alleen vast als wie het mandaat heeft ermee instemt") {
		t.Errorf("the mandate notice in the console:\n%s", out[i:])
	}
}

// TestConsoleWarnsBeforeTheDecision: a motivering shorter than a sentence
// ("ok") gives a warning before anything is recorded; "ja" records the
// decision with the warning, which the summary shows; a new motivering is
// checked again; stop and Ctrl-D at the warning leave without a decision.
func TestConsoleWarnsBeforeTheDecision(t *testing.T) {
	toDecision := append(slices.Clone(wholeConversation[:11]), "1", "1") // mandaat: ikzelf; besluit: maatwerk
	const warning = "! Je motivering is korter dan een zin (minder dan 6 woorden)."
	for _, tc := range []struct {
		name      string
		after     []string // typed after "ok"
		warned    int      // how often the warning shows
		rationale string   // "" for no decision
		warnings  []record.WarningKind
	}{
		{"ja records it with the warning", []string{"ja", "samenvatting", "stop"}, 1, "ok", []record.WarningKind{record.WarnShortRationale}},
		{"a new short motivering is warned again", []string{"nog steeds kort", "ja", "stop"}, 2, "nog steeds kort", []record.WarningKind{record.WarnShortRationale}},
		{"a sentence records it without a warning", []string{goodRationale, "samenvatting", "stop"}, 1, goodRationale, nil},
		{"Enter asks again", []string{"", "ja", "stop"}, 2, "ok", []record.WarningKind{record.WarnShortRationale}},
		{"stop leaves without a decision", []string{"stop"}, 1, "", nil},
		{"Ctrl-D leaves without a decision", nil, 1, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newFakeStore()
			lines := append(append(slices.Clone(toDecision), "ok"), tc.after...)
			out, err := runConsole(t, store, cards.NL, lines...)
			if err != nil {
				t.Fatalf("Run: %v\n%s", err, out)
			}
			if n := strings.Count(out, warning); n != tc.warned {
				t.Errorf("the warning shows %d times, want %d:\n%s", n, tc.warned, out)
			}
			if !strings.Contains(out, "Toch vastleggen? Typ ja.") {
				t.Errorf("no question whether to go on:\n%s", out)
			}
			c := store.get(t, 1)
			if tc.rationale == "" {
				if c.Decision != nil || !strings.Contains(out, "De casus is bewaard") {
					t.Errorf("decision %+v; want none, and the case saved:\n%s", c.Decision, out)
				}
				return
			}
			if c.Decision == nil || c.Decision.Rationale != tc.rationale || !slices.Equal(c.Decision.Warnings, tc.warnings) {
				t.Fatalf("decision %+v, want rationale %q with warnings %q", c.Decision, tc.rationale, tc.warnings)
			}
			shown := strings.Contains(out, "Vastgelegd ondanks waarschuwing: motivering korter dan een zin")
			if shown != (len(tc.warnings) > 0) && slices.Contains(tc.after, "samenvatting") {
				t.Errorf("summary shows the warning: %v, want %v:\n%s", shown, len(tc.warnings) > 0, out)
			}
		})
	}
}
