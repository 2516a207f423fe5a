package dialogs

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/plain")

// names turns the test users into names, as a transport would.
func names(u string) string {
	switch u {
	case starter:
		return "Anna"
	case colleague:
		return "Bram"
	case "U-THIRD":
		return "Chris"
	}
	return "?" + u
}

// walk answers every question of c generically, moving the clock on six
// hours before each answer, and returns the prompts asked.
func walk(tb testing.TB, e *Engine, clk *testClock, c *record.Case) []Prompt {
	tb.Helper()
	var asked []Prompt
	for i := 0; ; i++ {
		p, ok := e.Prompt(c)
		if !ok {
			return asked
		}
		if i > e.Total() {
			tb.Fatalf("the conversation does not end after %d answers", i)
		}
		asked = append(asked, p)
		clk.Advance(6 * time.Hour)
		out := mustAnswer(tb, e, c, genericInput(tb, e, c, p))
		if out.Next != nil {
			if out.Next.Number != p.Number+1 {
				tb.Fatalf("after step %d the next is %d", p.Number, out.Next.Number)
			}
		} else if !out.Finished {
			tb.Fatalf("step %d: no next question and not finished", p.Number)
		}
	}
}

func TestSummarize(t *testing.T) {
	e, clk := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	c.Urgency = "hoog"
	advanceTo(t, e, c, stepVolgende)
	if err := e.AddRemark(c, "U-THIRD", "Zelfde als vorige maand?", ""); err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, e, c, genericInput(t, e, c, mustPrompt(t, e, c)))
	clk.Advance(48 * time.Hour)
	mustAnswer(t, e, c, Input{Seq: c.Seq, Step: stepSignaal, Choices: []string{"geen"}, By: starter})

	s := e.Summarize(c)
	want := Summary{
		Key: "MW-0042", Title: "Huurachterstand na verhuizing", Scheme: "Participatiewet", Urgency: "hoog",
		Lang: cards.NL, Status: "afgerond", CardsVersion: c.CardsVersion, StartedBy: starter, StartedAt: t0, UpdatedAt: t0.Add(48 * time.Hour),
		Signals: []string{"Onredelijke uitkomst", "Stapeling", "Minder redzaam", "Vastgelopen"},
		Reading: "Een zwaar signaal.",
		Phases: []SummaryPhase{
			{Title: "Argumenten", Weighing: true, Entries: []SummaryEntry{
				{Step: "argumenten/doel", Label: "Wat is het doel van de regel?", Answer: fixtureAnswer, By: starter},
				{Step: "argumenten/afweging", Label: "Welke argumenten zijn er?", Answer: "Voor: 1 · Tegen: 1", By: starter, Arguments: true},
				{Step: "argumenten/ruimte", Label: "Biedt de regel ruimte?", Answer: "Ja", By: starter},
				{Step: "argumenten/mandaat", Label: "Wie mag dit besluiten?", Answer: "Ikzelf", By: starter},
			}},
			{Title: "Reflectie", Entries: []SummaryEntry{
				{Step: "vragen/volgende-keer", Label: "Volgende keer", Answer: fixtureAnswer, By: starter},
				{Step: "vragen/signaal", Label: "Is dit een signaal voor beleid?", Answer: "Geen signaal", By: starter},
			}},
		},
		Pro:          []SummaryArgument{{Text: "De uitkomst is onevenredig.", Value: "Rechtsgelijkheid", By: colleague}},
		Contra:       []SummaryArgument{{Text: "Anderen kregen dit ook niet.", Value: "Menselijke maat", By: starter}},
		Decision:     &SummaryDecision{Option: "Maatwerk toepassen", Rationale: "Motivering: de regel pakt hier anders uit dan bedoeld.", By: starter, At: t0},
		Participants: []string{starter, colleague, "U-THIRD"},
		Remarks:      1,
	}
	if !reflect.DeepEqual(s, want) {
		got, _ := json.MarshalIndent(s, "", "  ")
		want, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("Summarize:\n got %s\nwant %s", got, want)
	}

	plain := PlainSummary(s, names, nil)
	for _, w := range []string{
		"Samenvatting van MW-0042 — Huurachterstand na verhuizing",
		"Regeling: Participatiewet",
		"Status: afgerond",
		"Aanwezige signalen:\n  • Onredelijke uitkomst\n  • Stapeling",
		"Wat de signalen zeggen: Een zwaar signaal.",
		"Argumenten:\n  • Wat is het doel van de regel? " + fixtureAnswer + " — Anna\n" +
			"  Argumenten voor maatwerk:\n    • De uitkomst is onevenredig. [Rechtsgelijkheid] — Bram\n" +
			"  Argumenten tegen maatwerk:\n    • Anderen kregen dit ook niet. [Menselijke maat] — Anna\n" +
			"  • Biedt de regel ruimte? Ja — Anna",
		"Besluit: Maatwerk toepassen (besloten door Anna op 2 maart 2026, 09:30)",
		"Motivering: Motivering: de regel pakt hier anders uit dan bedoeld.",
		"Reflectie:\n  • Volgende keer: " + fixtureAnswer + " — Anna",
		"Deelnemers: Anna, Bram, Chris",
		"Inhoudsversie: " + c.CardsVersion + "\n",
		"Periode: 2 tot en met 4 maart 2026\n",
	} {
		if !strings.Contains(plain, w) {
			t.Errorf("PlainSummary lacks %q:\n%s", w, plain)
		}
	}
}

func TestSummarizeWithdrawnAndEmpty(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.EN)
	c.Scheme = ""
	mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Withdrawn", By: starter})
	c.Arguments[0].Withdrawn = true
	s := e.Summarize(c)
	if s.Pro != nil || s.Contra != nil || s.Decision != nil || s.Phases != nil || s.ClosedEarly != "" {
		t.Errorf("summary of a new case has content: %+v", s)
	}
	if s.Status != "open · Signals" || s.Lang != cards.EN {
		t.Errorf("Status %q, Lang %q", s.Status, s.Lang)
	}
	plain := PlainSummary(s, names, nil)
	if strings.Contains(plain, "Withdrawn") || strings.Contains(plain, "Scheme:") || strings.Contains(plain, "Arguments") {
		t.Errorf("PlainSummary shows what is not there:\n%s", plain)
	}
	if !strings.Contains(plain, "Participants: Anna\n") {
		t.Errorf("PlainSummary lacks the starter:\n%s", plain)
	}
}

// TestSummarizeBeforeSignals checks that a summary taken before the signal
// groups are answered gives no reading: a reading of "no signals" would
// advise closing a case nobody has looked at yet.
func TestSummarizeBeforeSignals(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	if s := e.Summarize(c); s.Reading != "" || len(s.Signals) != 0 {
		t.Errorf("new case: signals %q, reading %q; want none", s.Signals, s.Reading)
	}
	mustAnswer(t, e, c, Input{Seq: 1, Choices: []string{"stapeling", "kosten"}, By: starter})
	s := e.Summarize(c)
	if s.Reading != "" {
		t.Errorf("one of two signal groups answered: reading %q; want none yet", s.Reading)
	}
	if want := []string{"Stapeling", "Hoge kosten"}; !slices.Equal(s.Signals, want) {
		t.Errorf("signals so far = %q, want %q", s.Signals, want)
	}
	mustAnswer(t, e, c, Input{Seq: 2, By: starter})
	if s := e.Summarize(c); s.Reading != "Enkele signalen." {
		t.Errorf("signal groups answered: reading %q", s.Reading)
	}
}

// transcript renders every prompt asked and the summary as plain text.
func transcript(tb testing.TB, lang cards.Lang) string {
	tb.Helper()
	e, clk := newTestEngine(tb)
	c := mustNewCase(tb, e, lang)
	var b strings.Builder
	t := TextsFor(lang)
	for _, p := range walk(tb, e, clk, c) {
		b.WriteString(PlainPrompt(p, t))
		b.WriteString("\n\n")
	}
	b.WriteString(PlainSummary(e.Summarize(c), names, nil))
	return b.String()
}

// TestPlainGolden compares the plain-text rendering of a whole
// conversation over the fixture with testdata/plain/<lang>.golden. Run with
// -update to rewrite the files after a deliberate change.
func TestPlainGolden(t *testing.T) {
	for _, lang := range cards.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			got := transcript(t, lang)
			file := filepath.Join("testdata", "plain", string(lang)+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("plain transcript differs from %s (run go test -update after a deliberate change):\n%s", file, got)
			}
		})
	}
}

// dutchInterface returns the Dutch interface texts that must not show in
// English output: the literal parts of every Dutch text that differs from
// its English version and occurs in no English text, plus single words the
// console used to mix in.
func dutchInterface(tb testing.TB) []string {
	tb.Helper()
	nl, en := textFields(tb, TextsFor(cards.NL)), textFields(tb, TextsFor(cards.EN))
	var english []string
	for _, s := range en {
		english = append(english, s)
	}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.Trim(s, " \n\t.,:;·()'`*•–—-")
		if len([]rune(s)) < 4 || seen[s] {
			return
		}
		if slices.ContainsFunc(english, func(e string) bool { return strings.Contains(e, s) }) {
			return // English too, e.g. "Argument" or "Wmo"
		}
		seen[s] = true
		out = append(out, s)
	}
	for name, s := range nl {
		if s == en[name] {
			continue
		}
		for _, part := range fmtVerb.Split(s, -1) {
			add(part)
		}
	}
	for _, w := range []string{"stap", "Stap", "Bevestigen", "nummers", "komma's", "geen", "klaar", "verder", "voor:", "tegen:", "Voor:", "Tegen:"} {
		add(w)
	}
	return out
}

// leaks returns the Dutch interface texts found in s as whole words.
func leaks(s string, dutch []string) []string {
	var found []string
	for _, d := range dutch {
		re := regexp.MustCompile(`(^|[^\p{L}])` + regexp.QuoteMeta(d) + `($|[^\p{L}])`)
		if re.MatchString(s) {
			found = append(found, d)
		}
	}
	return found
}

func TestNoDutchInEnglishPlain(t *testing.T) {
	dutch := dutchInterface(t)
	if len(dutch) < 50 {
		t.Fatalf("only %d Dutch interface texts to look for: %q", len(dutch), dutch)
	}
	if got := leaks(transcript(t, cards.NL), dutch); len(got) == 0 {
		t.Fatalf("the check finds no Dutch in the Dutch transcript")
	}
	if got := leaks(transcript(t, cards.EN), dutch); len(got) > 0 {
		t.Errorf("Dutch interface texts in the English transcript: %q", got)
	}
}

// TestWalkEmbedded walks the built-in content from the first question to
// the summary, in both languages, and checks that every prompt renders.
func TestWalkEmbedded(t *testing.T) {
	set, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatalf("LoadEmbedded: %v", err)
	}
	dutch := dutchInterface(t)
	for _, lang := range cards.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			clk := &testClock{now: t0}
			e := New(set, clk.Now)
			title, scheme := "Huurachterstand na verhuizing", "Participatiewet"
			if lang == cards.EN {
				title, scheme = "Rent arrears after a move", "Participation Act"
			}
			c, err := e.NewCase(Start{Channel: "C1", Title: title, Scheme: scheme, By: starter, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			c.ID = 7
			tx := TextsFor(lang)
			stepWord := map[cards.Lang]string{cards.NL: "stap %d van %d", cards.EN: "step %d of %d"}[lang]

			var plains []string
			for _, p := range walk(t, e, clk, c) {
				plain := PlainPrompt(p, tx)
				plains = append(plains, plain)
				if !strings.Contains(plain, fmt.Sprintf(stepWord, p.Number, e.Total())) {
					t.Errorf("step %d (%s): no %q in\n%s", p.Number, p.StepID, fmt.Sprintf(stepWord, p.Number, e.Total()), plain)
				}
				if !strings.Contains(plain, unbold(p.Text)) {
					t.Errorf("step %d (%s): the question is missing from\n%s", p.Number, p.StepID, plain)
				}
				for name, s := range map[string]string{"Phase": p.Phase, "Text": p.Text, "Help": p.Help} {
					if strings.TrimSpace(s) == "" {
						t.Errorf("step %d (%s): empty %s", p.Number, p.StepID, name)
					}
				}
				for _, o := range append(slices.Clone(p.Options), p.Values...) {
					if strings.TrimSpace(o.Text) == "" {
						t.Errorf("step %d (%s): option %s has no text", p.Number, p.StepID, o.ID)
					}
					if o.Closes && o.Reason == "" {
						t.Errorf("step %d (%s): closing option %s asks no reason", p.Number, p.StepID, o.ID)
					}
				}
				for _, s := range p.See {
					if strings.HasSuffix(s, ": ") || strings.HasPrefix(s, ": ") {
						t.Errorf("step %d (%s): see %q has an empty part", p.Number, p.StepID, s)
					}
				}
				if p.Kind == cards.KindDecision && p.Reason == "" {
					t.Errorf("step %d (%s): a decision without a rationale label", p.Number, p.StepID)
				}
				if len(p.Signals) > 0 && p.Reading == "" {
					t.Errorf("step %d (%s): signals without a reading", p.Number, p.StepID)
				}
				if lang == cards.EN {
					if got := leaks(plain, dutch); len(got) > 0 {
						t.Errorf("step %d (%s): Dutch interface texts %q in\n%s", p.Number, p.StepID, got, plain)
					}
				}
			}
			if len(plains) != e.Total() {
				t.Fatalf("%d prompts asked, want %d", len(plains), e.Total())
			}
			if c.Status != record.StatusClosed || !e.Done(c) || c.Closure == nil || c.Closure.Option != "" {
				t.Fatalf("after the walk: status %s, done %v, closure %+v", c.Status, e.Done(c), c.Closure)
			}

			s := e.Summarize(c)
			if s.Decision == nil || s.Decision.Option == "" || s.Decision.Rationale == "" || s.Decision.By != starter {
				t.Errorf("Decision = %+v", s.Decision)
			}
			if len(s.Pro) != 1 || s.Pro[0].By != colleague || s.Pro[0].Value == "" || len(s.Contra) != 1 || s.Contra[0].By != starter {
				t.Errorf("arguments: pro %+v, contra %+v", s.Pro, s.Contra)
			}
			if len(s.Signals) == 0 || s.Reading == "" {
				t.Errorf("signals %q, reading %q", s.Signals, s.Reading)
			}
			if !slices.Equal(s.Participants, []string{starter, colleague}) {
				t.Errorf("Participants = %q", s.Participants)
			}
			if len(s.Phases) == 0 || s.Status != tx.StatusDone {
				t.Errorf("phases %d, status %q", len(s.Phases), s.Status)
			}
			plain := PlainSummary(s, names, nil)
			for _, w := range append([]string{
				s.Decision.Option, s.Decision.Rationale, s.Reading, s.Pro[0].Text, s.Contra[0].Text,
				s.Pro[0].Text + " [" + s.Pro[0].Value + "] — Bram",
				tx.Participants + ": Anna, Bram", tx.Decision, tx.SignalsFound,
			}, s.Signals...) {
				if !strings.Contains(plain, w) {
					t.Errorf("PlainSummary lacks %q:\n%s", w, plain)
				}
			}
			if lang == cards.EN {
				if got := leaks(plain, dutch); len(got) > 0 {
					t.Errorf("Dutch interface texts %q in the English summary:\n%s", got, plain)
				}
			}
		})
	}
}

// TestPlainSummaryInLocalTime: the console's summary gives its times in
// MAATWERK_TIMEZONE, as the export does; before, a decision taken at 09:14
// in Amsterdam showed as 08:14.
func TestPlainSummaryInLocalTime(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data")
	}
	at := time.Date(2026, 12, 5, 8, 14, 0, 0, time.UTC)
	s := Summary{Key: "MW-0001", Title: "Tijd", Lang: cards.NL, StartedAt: at, UpdatedAt: at,
		Decision: &SummaryDecision{Option: "Maatwerk toepassen", Rationale: "Onevenredig.", By: "Anna", At: at}}
	if plain := PlainSummary(s, func(u string) string { return u }, ams); !strings.Contains(plain, "5 december 2026, 09:14") || strings.Contains(plain, "08:14") {
		t.Errorf("not in Amsterdam time:\n%s", plain)
	}
	if plain := PlainSummary(s, func(u string) string { return u }, nil); !strings.Contains(plain, "08:14") {
		t.Errorf("without a zone, UTC:\n%s", plain)
	}
}

// TestSummaryIsARecord walks the built-in conversation and checks the
// order of the plain summary: the decision and its motivering, then the
// weighing with the arguments inside, the signals, the variant and the
// tension, the reflection, and the footer; and that every label is short.
func TestSummaryIsARecord(t *testing.T) {
	set, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range cards.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			clk := &testClock{now: t0}
			e := New(set, clk.Now)
			c, err := e.NewCase(Start{Channel: "C1", Title: "Huurachterstand", Scheme: "Participatiewet", By: starter, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			c.ID = 7
			mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Pro-argument", By: colleague})
			walk(t, e, clk, c)
			s := e.Summarize(c)
			tx := TextsFor(lang)
			weighing, apart, rest := s.Record()
			if len(weighing.Entries) == 0 || len(apart) != 2 || len(rest) == 0 {
				t.Fatalf("Record: weighing %+v, apart %+v, rest %+v", weighing, apart, rest)
			}
			for _, ph := range s.Phases {
				for _, en := range ph.Entries {
					if n := len([]rune(en.Label)); n == 0 || n > MaxLabel {
						t.Errorf("label %q in %q: %d characters, want 1 to %d", en.Label, ph.Title, n, MaxLabel)
					}
				}
			}
			plain := PlainSummary(s, names, nil)
			order := []string{
				tx.Decision + ": ", tx.Rationale + ": ",
				"\n" + weighing.Title + ":\n", tx.ArgsPro + ":\n    • Pro-argument — Bram",
				"\n" + tx.SignalsFound + ":\n",
				"\n" + tx.VariantLabel + ":\n  • " + apart[0].Label,
				"\n" + rest[len(rest)-1].Title + ":\n",
				"\n" + tx.Participants + ": ", tx.ContentVersion + ": " + c.CardsVersion, tx.Period + ": ",
			}
			at := 0
			for _, w := range order {
				i := strings.Index(plain[at:], w)
				if i < 0 {
					t.Fatalf("PlainSummary lacks %q after position %d:\n%s", w, at, plain)
				}
				at += i + len(w)
			}
		})
	}
}
