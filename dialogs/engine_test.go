package dialogs

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// The fixture content in testdata/cards has ten steps:
//
//	0 signalen/uitkomst     multi (onredelijk is strong)
//	1 signalen/persoon      multi
//	2 signalen/weging       choice, geen-maatwerk closes and needs a reason
//	3 argumenten/doel       text, with see
//	4 argumenten/afweging   arguments, values from waarden
//	5 argumenten/ruimte     yesno
//	6 argumenten/mandaat    choice, anders needs a reason
//	7 argumenten/besluit    decision
//	8 vragen/volgende-keer  text
//	9 vragen/signaal        choice, role policy-signal; terugkerend needs a note
const (
	stepUitkomst  = "signalen/uitkomst"
	stepPersoon   = "signalen/persoon"
	stepWeging    = "signalen/weging"
	stepDoel      = "argumenten/doel"
	stepAfweging  = "argumenten/afweging"
	stepRuimte    = "argumenten/ruimte"
	stepMandaat   = "argumenten/mandaat"
	stepBesluit   = "argumenten/besluit"
	stepVolgende  = "vragen/volgende-keer"
	fixtureTotal  = 10
	stepSignaal   = "vragen/signaal"
	starter       = "U-START"
	colleague     = "U-COLLEAGUE"
	fixtureAnswer = "Een antwoord zonder persoonsgegevens."
)

// t0 is the time every test clock starts at.
var t0 = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// testClock is an injected clock. It moves only when told to, unless step
// is set: then every reading moves it on by step.
type testClock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.now
	c.now = c.now.Add(c.step)
	return t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var (
	fixtureOnce sync.Once
	fixtureSet  *cards.Set
	fixtureErr  error
)

// mustLoadFixture returns the test content in testdata/cards. A Set is
// read-only, so the tests share one.
func mustLoadFixture(tb testing.TB) *cards.Set {
	tb.Helper()
	fixtureOnce.Do(func() { fixtureSet, fixtureErr = cards.LoadDir(filepath.Join("testdata", "cards")) })
	if fixtureErr != nil {
		tb.Fatalf("load fixture content: %v", fixtureErr)
	}
	return fixtureSet
}

// newTestEngine returns an engine over the fixture content with a clock
// standing still at t0.
func newTestEngine(tb testing.TB) (*Engine, *testClock) {
	tb.Helper()
	clk := &testClock{now: t0}
	return New(mustLoadFixture(tb), clk.Now), clk
}

// mustNewCase opens a case started by starter in lang.
func mustNewCase(tb testing.TB, e *Engine, lang cards.Lang) *record.Case {
	tb.Helper()
	c, err := e.NewCase(Start{Channel: "C1", Title: "Huurachterstand na verhuizing", Scheme: "Participatiewet", By: starter, Lang: lang})
	if err != nil {
		tb.Fatalf("NewCase: %v", err)
	}
	c.ID = 42
	return c
}

// mustPrompt returns the open question of c.
func mustPrompt(tb testing.TB, e *Engine, c *record.Case) Prompt {
	tb.Helper()
	p, ok := e.Prompt(c)
	if !ok {
		tb.Fatalf("Prompt: no open question (step %d, status %s)", c.Step, c.Status)
	}
	return p
}

// genericInput answers p as a willing participant would: yes, the first
// option that does not close the case, the first two signals, a text, and
// for an arguments step one argument each way first (added on c).
func genericInput(tb testing.TB, e *Engine, c *record.Case, p Prompt) Input {
	tb.Helper()
	in := Input{Seq: p.Seq, Step: p.StepID, By: starter}
	say := func(nl, en string) string {
		if c.Lang == cards.EN {
			return en
		}
		return nl
	}
	switch p.Kind {
	case cards.KindYesNo:
		in.Choices = []string{"ja"}
	case cards.KindChoice, cards.KindDecision:
		for _, o := range p.Options {
			if !o.Closes {
				in.Choices = []string{o.ID}
				break
			}
		}
		if len(in.Choices) == 0 {
			tb.Fatalf("step %s: every option closes the case", p.StepID)
		}
		if p.NeedsText(in.Choices[0]) {
			in.Text = say("Motivering: de regel pakt hier anders uit dan bedoeld.", "Rationale: the rule works out differently here than intended.")
		}
	case cards.KindMulti:
		for _, o := range p.Options[:min(2, len(p.Options))] {
			in.Choices = append(in.Choices, o.ID)
		}
	case cards.KindText:
		in.Text = say(fixtureAnswer, "An answer without personal data.")
	case cards.KindArguments:
		if len(p.Pro)+len(p.Contra) == 0 {
			mustAddArgument(tb, e, c, ArgumentInput{Pro: true, Text: say("De uitkomst is onevenredig.", "The outcome is disproportionate."), Value: p.Values[0].ID, By: colleague})
			mustAddArgument(tb, e, c, ArgumentInput{Pro: false, Text: say("Anderen kregen dit ook niet.", "Others did not get this either."), Value: p.Values[len(p.Values)-1].ID, By: starter})
		}
	default:
		tb.Fatalf("step %s: unexpected kind %q", p.StepID, p.Kind)
	}
	return in
}

func mustAddArgument(tb testing.TB, e *Engine, c *record.Case, in ArgumentInput) record.Argument {
	tb.Helper()
	a, err := e.AddArgument(c, in)
	if err != nil {
		tb.Fatalf("AddArgument(%+v): %v", in, err)
	}
	return a
}

func mustAnswer(tb testing.TB, e *Engine, c *record.Case, in Input) Outcome {
	tb.Helper()
	out, err := e.Answer(c, in)
	if err != nil {
		tb.Fatalf("Answer(%+v) at step %d: %v", in, c.Step, err)
	}
	return out
}

// advanceTo answers the open questions of c generically until stepID is the
// open one.
func advanceTo(tb testing.TB, e *Engine, c *record.Case, stepID string) {
	tb.Helper()
	for {
		p := mustPrompt(tb, e, c)
		if p.StepID == stepID {
			return
		}
		mustAnswer(tb, e, c, genericInput(tb, e, c, p))
	}
}

func caseJSON(tb testing.TB, c *record.Case) string {
	tb.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		tb.Fatalf("marshal case: %v", err)
	}
	return string(b)
}

// wantUserError checks that err is an *Error with code and field, and that
// its messages in both languages are complete sentences without fmt errors.
func wantUserError(tb testing.TB, err error, code ErrorCode, field string) *Error {
	tb.Helper()
	ue, ok := AsError(err)
	if !ok {
		tb.Fatalf("error = %v (%T), want *Error with code %s", err, err, code)
	}
	if ue.Code != code || ue.Field != field {
		tb.Fatalf("error = %s (field %q), want code %s, field %q", ue, ue.Field, code, field)
	}
	for _, lang := range cards.Langs() {
		msg := ue.In(lang)
		if msg == "" || strings.Contains(msg, "%!") {
			tb.Errorf("message in %s = %q", lang, msg)
		}
	}
	if ue.In(cards.NL) == ue.In(cards.EN) {
		tb.Errorf("message is the same in nl and en: %q", ue.In(cards.NL))
	}
	return ue
}

func optionIDs(cs []Choice) []string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestNewCase(t *testing.T) {
	e, _ := newTestEngine(t)
	c, err := e.NewCase(Start{
		Channel: "C1", Title: "  Huurachterstand na verhuizing \n", Scheme: " Participatiewet ",
		Urgency: " hoog ", By: starter,
	})
	if err != nil {
		t.Fatalf("NewCase: %v", err)
	}
	want := &record.Case{
		Version: record.CaseVersion, Channel: "C1", Title: "Huurachterstand na verhuizing", Scheme: "Participatiewet",
		Urgency: "hoog", Lang: cards.NL, CardsVersion: e.Cards().Version, StartedBy: starter,
		StartedAt: t0, UpdatedAt: t0, Status: record.StatusOpen, Step: 0, Seq: 1,
	}
	if got, want := caseJSON(t, c), caseJSON(t, want); got != want {
		t.Errorf("NewCase:\n got %s\nwant %s", got, want)
	}
	if !strings.HasPrefix(c.CardsVersion, "test-1+") {
		t.Errorf("CardsVersion = %q, want the fixture's version test-1+…", c.CardsVersion)
	}
	if p := mustPrompt(t, e, c); p.StepID != stepUitkomst || p.Seq != 1 || p.Number != 1 {
		t.Errorf("first prompt = %s seq %d number %d, want %s seq 1 number 1", p.StepID, p.Seq, p.Number, stepUitkomst)
	}
}

func TestNewCaseLang(t *testing.T) {
	e, _ := newTestEngine(t)
	for _, tc := range []struct {
		in   cards.Lang
		want cards.Lang
	}{
		{"", cards.NL},
		{cards.NL, cards.NL},
		{cards.EN, cards.EN},
		{"de", cards.NL},
	} {
		c, err := e.NewCase(Start{Title: "Een casus", By: starter, Lang: tc.in})
		if err != nil {
			t.Fatalf("NewCase(lang %q): %v", tc.in, err)
		}
		if c.Lang != tc.want {
			t.Errorf("NewCase(lang %q).Lang = %q, want %q", tc.in, c.Lang, tc.want)
		}
	}
}

func TestNewCaseRefuses(t *testing.T) {
	for _, tc := range []struct {
		name          string
		title, scheme string
		code          ErrorCode
		field         string
		nl, en        []string // the message names these
	}{
		{"empty title", "", "Wmo", CodeRequired, "title", nil, nil},
		{"blank title", " \t\n ", "Wmo", CodeRequired, "title", nil, nil},
		{"title too long", strings.Repeat("a", 151), "", CodeTooLong, "title", []string{"151", "150"}, []string{"151", "150"}},
		{"title too long in runes", strings.Repeat("é", 151), "", CodeTooLong, "title", []string{"151"}, []string{"151"}},
		{"title far too long", strings.Repeat("a", MaxText+1), "", CodeTooLong, "title", []string{"3001", "150"}, []string{"3001", "150"}},
		{"scheme far too long", "Een casus", strings.Repeat("b", MaxText+1), CodeTooLong, "scheme", []string{"3001", "150"}, []string{"3001", "150"}},
		{"scheme too long", "Een casus", strings.Repeat("b", 151), CodeTooLong, "scheme", []string{"151", "150"}, []string{"151", "150"}},
		{"bsn in title", "Casus bsn 123456782", "", CodePrivacy, "title", []string{"burgerservicenummer"}, []string{"citizen service number"}},
		{"email in title", "Mail van jan@example.nl", "", CodePrivacy, "title", []string{"e-mailadres"}, []string{"email address"}},
		{"phone in title", "Belde vanaf 06-12345678", "", CodePrivacy, "title", []string{"telefoonnummer"}, []string{"phone number"}},
		{"two kinds in title", "bsn 123456782, rekening NL91ABNA0417164300", "", CodePrivacy, "title",
			[]string{"burgerservicenummer", " en ", "IBAN"}, []string{"citizen service number", " and ", "IBAN"}},
		{"iban in scheme", "Een casus", "Wmo NL91 ABNA 0417 1643 00", CodePrivacy, "scheme", []string{"IBAN-rekeningnummer"}, []string{"IBAN bank account number"}},
		{"phone in scheme", "Een casus", "Wmo, bel 0612345678", CodePrivacy, "scheme", []string{"telefoonnummer"}, []string{"phone number"}},
		{"title checked before scheme", "", "bel 0612345678", CodeRequired, "title", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			c, err := e.NewCase(Start{Title: tc.title, Scheme: tc.scheme, By: starter})
			if c != nil {
				t.Errorf("NewCase returned a case with the error: %+v", c)
			}
			ue := wantUserError(t, err, tc.code, tc.field)
			for _, w := range tc.nl {
				if !strings.Contains(ue.In(cards.NL), w) {
					t.Errorf("nl message %q does not name %q", ue.In(cards.NL), w)
				}
			}
			for _, w := range tc.en {
				if !strings.Contains(ue.In(cards.EN), w) {
					t.Errorf("en message %q does not name %q", ue.In(cards.EN), w)
				}
			}
			if tc.code == CodePrivacy && (strings.Contains(ue.In(cards.NL), "123456782") || strings.Contains(ue.Error(), "123456782")) {
				t.Errorf("message repeats the personal data: %q", ue.In(cards.NL))
			}
		})
	}
}

func TestNewCaseAccepts(t *testing.T) {
	for _, tc := range []struct{ name, title, scheme string }{
		{"title of 150", strings.Repeat("a", 150), ""},
		{"title of 150 runes", strings.Repeat("ë", 150), ""},
		{"title of 150 after trimming", "  " + strings.Repeat("a", 150) + "  ", ""},
		{"scheme of 150", "Een casus", strings.Repeat("b", 150)},
		{"amounts and dates", "Terugvordering € 1.234,56 sinds 01-02-2025", "Participatiewet art. 58"},
		{"case id", "Vervolg op MW-0042", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			c, err := e.NewCase(Start{Title: tc.title, Scheme: tc.scheme, By: starter})
			if err != nil {
				t.Fatalf("NewCase: %v", err)
			}
			if c.Title != strings.TrimSpace(tc.title) {
				t.Errorf("Title = %q", c.Title)
			}
		})
	}
}

func TestPromptPerKind(t *testing.T) {
	for _, tc := range []struct {
		step    string
		lang    cards.Lang
		kind    cards.Kind
		options []string
		check   func(t *testing.T, p Prompt)
	}{
		{stepUitkomst, cards.NL, cards.KindMulti, []string{"onredelijk", "stapeling", "kosten"}, func(t *testing.T, p Prompt) {
			if p.Text != "Welke signalen zie je in de uitkomst?" || p.Help != "Kies wat past." || p.Phase != "Signalen" {
				t.Errorf("texts = %q / %q / %q", p.Text, p.Help, p.Phase)
			}
			if p.Reading != "" || p.Signals != nil {
				t.Errorf("a signal group carries a reading: %q %q", p.Signals, p.Reading)
			}
		}},
		{stepWeging, cards.NL, cards.KindChoice, []string{"verder", "geen-maatwerk"}, func(t *testing.T, p Prompt) {
			ch, ok := p.Choice("geen-maatwerk")
			if !ok || !ch.Closes || ch.Reason != "Waarom niet?" {
				t.Errorf("closing option = %+v, %v", ch, ok)
			}
			if ch, _ := p.Choice("verder"); ch.Closes || ch.Reason != "" {
				t.Errorf("verder = %+v", ch)
			}
			// genericInput ticked onredelijk (strong) and stapeling, then kwetsbaar and vastgelopen.
			if want := []string{"Onredelijke uitkomst", "Stapeling", "Minder redzaam", "Vastgelopen"}; !slices.Equal(p.Signals, want) {
				t.Errorf("Signals = %q, want %q", p.Signals, want)
			}
			if p.Reading != "Een zwaar signaal." {
				t.Errorf("Reading = %q, want the strong reading", p.Reading)
			}
		}},
		{stepDoel, cards.NL, cards.KindText, nil, func(t *testing.T, p Prompt) {
			if p.Placeholder != "De regel wil" {
				t.Errorf("Placeholder = %q", p.Placeholder)
			}
			if want := []string{"Waarden: Rechtsgelijkheid", "Vragenkaart: Volgende keer"}; !slices.Equal(p.See, want) {
				t.Errorf("See = %q, want %q", p.See, want)
			}
			if p.Phase != "Argumenten" || p.Reading != "" {
				t.Errorf("Phase %q, Reading %q", p.Phase, p.Reading)
			}
		}},
		{stepAfweging, cards.NL, cards.KindArguments, nil, func(t *testing.T, p Prompt) {
			if want := []string{"rechtsgelijkheid", "doelmatigheid", "menselijke-maat"}; !slices.Equal(optionIDs(p.Values), want) {
				t.Errorf("Values = %q, want %q", optionIDs(p.Values), want)
			}
			if p.Values[1].Text != "Doelmatigheid" || p.Values[1].Help != "Kosten en baten." {
				t.Errorf("value = %+v", p.Values[1])
			}
			if len(p.Pro) != 0 || len(p.Contra) != 0 {
				t.Errorf("arguments before any were added: %v %v", p.Pro, p.Contra)
			}
		}},
		{stepRuimte, cards.NL, cards.KindYesNo, []string{"ja", "nee", "weet-niet"}, func(t *testing.T, p Prompt) {
			var texts []string
			for _, o := range p.Options {
				texts = append(texts, o.Text)
			}
			if want := []string{"Ja", "Nee", "Weet ik niet"}; !slices.Equal(texts, want) {
				t.Errorf("yes/no texts = %q, want %q", texts, want)
			}
		}},
		{stepRuimte, cards.EN, cards.KindYesNo, []string{"ja", "nee", "weet-niet"}, func(t *testing.T, p Prompt) {
			var texts []string
			for _, o := range p.Options {
				texts = append(texts, o.Text)
			}
			if want := []string{"Yes", "No", "Don't know"}; !slices.Equal(texts, want) {
				t.Errorf("yes/no texts = %q, want %q", texts, want)
			}
			if p.Text != "Does the rule leave room?" || p.Phase != "Arguments" {
				t.Errorf("texts = %q / %q", p.Text, p.Phase)
			}
		}},
		{stepMandaat, cards.NL, cards.KindChoice, []string{"ikzelf", "teamleider", "anders"}, func(t *testing.T, p Prompt) {
			if ch, _ := p.Choice("anders"); ch.Reason != "Wie dan?" || ch.Text != "Iemand anders" {
				t.Errorf("anders = %+v", ch)
			}
			if !p.NeedsText("anders") || p.NeedsText("ikzelf") || p.NeedsText("onbekend") {
				t.Errorf("NeedsText wrong for a choice with a reason")
			}
			if got := p.TextLabel("anders", TextsFor(cards.NL)); got != "Wie dan?" {
				t.Errorf("TextLabel(anders) = %q", got)
			}
		}},
		{stepBesluit, cards.EN, cards.KindDecision, []string{"maatwerk", "regel", "voorleggen", "meer-info"}, func(t *testing.T, p Prompt) {
			if p.Reason != "Rationale for the decision" {
				t.Errorf("Reason = %q", p.Reason)
			}
			if !p.NeedsText("maatwerk") {
				t.Errorf("a decision does not need a rationale")
			}
			if got := p.TextLabel("maatwerk", TextsFor(cards.EN)); got != "Rationale for the decision" {
				t.Errorf("TextLabel = %q", got)
			}
			if p.Options[0].Text != "Apply maatwerk" {
				t.Errorf("option text = %q", p.Options[0].Text)
			}
		}},
	} {
		t.Run(tc.step+"/"+string(tc.lang), func(t *testing.T) {
			e, _ := newTestEngine(t)
			c := mustNewCase(t, e, tc.lang)
			advanceTo(t, e, c, tc.step)
			p := mustPrompt(t, e, c)
			if p.Kind != tc.kind {
				t.Errorf("Kind = %q, want %q", p.Kind, tc.kind)
			}
			if got := optionIDs(p.Options); !slices.Equal(got, tc.options) {
				t.Errorf("Options = %q, want %q", got, tc.options)
			}
			if p.Number != c.Step+1 || p.Total != fixtureTotal || p.Seq != c.Seq {
				t.Errorf("Number %d, Total %d, Seq %d; case at step %d seq %d", p.Number, p.Total, p.Seq, c.Step, c.Seq)
			}
			if p.CaseID != 42 || p.CaseKey != "MW-0042" || p.StepID != tc.step {
				t.Errorf("CaseID %d, CaseKey %q, StepID %q", p.CaseID, p.CaseKey, p.StepID)
			}
			tc.check(t, p)
		})
	}
}

func TestPromptArguments(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepAfweging)
	mustAddArgument(t, e, c, ArgumentInput{Pro: false, Text: "Contra een", By: starter})
	mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Pro een", Value: "doelmatigheid", By: colleague})
	mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Pro twee", By: starter})
	c.Arguments[2].Withdrawn = true
	mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Pro drie", By: starter})

	p := mustPrompt(t, e, c)
	var pro, contra []string
	for _, a := range p.Pro {
		pro = append(pro, a.Text)
	}
	for _, a := range p.Contra {
		contra = append(contra, a.Text)
	}
	if want := []string{"Pro een", "Pro drie"}; !slices.Equal(pro, want) {
		t.Errorf("Pro = %q, want %q", pro, want)
	}
	if want := []string{"Contra een"}; !slices.Equal(contra, want) {
		t.Errorf("Contra = %q, want %q", contra, want)
	}
	if p.Options != nil {
		t.Errorf("an arguments prompt has Options: %v", p.Options)
	}
	plain := PlainPrompt(p, TextsFor(cards.NL))
	for _, w := range []string{"Voor: 2 · Tegen: 1", "+ Pro een", "− Contra een"} {
		if !strings.Contains(plain, w) {
			t.Errorf("PlainPrompt lacks %q:\n%s", w, plain)
		}
	}
}

// TestReading checks the reading on the step after the signal groups: the
// reading with the highest Min not above the number of signals, or the
// strong one whenever a strong signal is ticked.
func TestReading(t *testing.T) {
	for _, tc := range []struct {
		name              string
		uitkomst, persoon []string
		lang              cards.Lang
		signals           []string
		reading           string
	}{
		{"none", nil, nil, cards.NL, nil, "Weinig signalen."},
		{"one", []string{"kosten"}, nil, cards.NL, []string{"Hoge kosten"}, "Weinig signalen."},
		{"two across groups", []string{"stapeling"}, []string{"kwetsbaar"}, cards.NL, []string{"Stapeling", "Minder redzaam"}, "Enkele signalen."},
		{"three", []string{"stapeling", "kosten"}, []string{"vastgelopen"}, cards.NL, []string{"Stapeling", "Hoge kosten", "Vastgelopen"}, "Enkele signalen."},
		{"four", []string{"kosten", "stapeling"}, []string{"vastgelopen", "kwetsbaar"}, cards.NL,
			[]string{"Stapeling", "Hoge kosten", "Minder redzaam", "Vastgelopen"}, "Veel signalen."},
		{"strong alone", []string{"onredelijk"}, nil, cards.NL, []string{"Onredelijke uitkomst"}, "Een zwaar signaal."},
		{"strong among many", []string{"onredelijk", "stapeling", "kosten"}, []string{"kwetsbaar", "vastgelopen"}, cards.NL,
			[]string{"Onredelijke uitkomst", "Stapeling", "Hoge kosten", "Minder redzaam", "Vastgelopen"}, "Een zwaar signaal."},
		{"english", []string{"stapeling"}, []string{"kwetsbaar"}, cards.EN, []string{"Accumulation", "Less self-reliant"}, "Some signals."},
		{"english strong", []string{"onredelijk"}, nil, cards.EN, []string{"Unreasonable outcome"}, "A heavy signal."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			c := mustNewCase(t, e, tc.lang)
			mustAnswer(t, e, c, Input{Seq: 1, Step: stepUitkomst, Choices: tc.uitkomst, By: starter})
			mustAnswer(t, e, c, Input{Seq: 2, Step: stepPersoon, Choices: tc.persoon, By: starter})
			p := mustPrompt(t, e, c)
			if p.StepID != stepWeging {
				t.Fatalf("open step = %s, want %s", p.StepID, stepWeging)
			}
			if !slices.Equal(p.Signals, tc.signals) || p.Reading != tc.reading {
				t.Errorf("prompt: signals %q, reading %q; want %q, %q", p.Signals, p.Reading, tc.signals, tc.reading)
			}
			s := e.Summarize(c)
			if !slices.Equal(s.Signals, tc.signals) || s.Reading != tc.reading {
				t.Errorf("summary: signals %q, reading %q; want %q, %q", s.Signals, s.Reading, tc.signals, tc.reading)
			}
			plain := PlainPrompt(p, TextsFor(tc.lang))
			if !strings.Contains(plain, tc.reading) {
				t.Errorf("PlainPrompt lacks the reading %q:\n%s", tc.reading, plain)
			}
			if len(tc.signals) == 0 && !strings.Contains(plain, TextsFor(tc.lang).NoSignals) {
				t.Errorf("PlainPrompt does not say no signals were ticked:\n%s", plain)
			}
		})
	}
}

func TestAnswerAdvances(t *testing.T) {
	for _, tc := range []struct {
		name    string
		step    string
		input   Input // Seq, Step and By are filled in
		choices []string
		text    string
	}{
		{"multi none", stepUitkomst, Input{}, nil, ""},
		{"multi two", stepUitkomst, Input{Choices: []string{"kosten", "stapeling"}}, []string{"kosten", "stapeling"}, ""},
		{"multi deduped", stepUitkomst, Input{Choices: []string{" kosten", "kosten ", "", "stapeling"}}, []string{"kosten", "stapeling"}, ""},
		{"multi all with text", stepPersoon, Input{Choices: []string{"kwetsbaar", "vastgelopen"}, Text: " toelichting "}, []string{"kwetsbaar", "vastgelopen"}, "toelichting"},
		{"choice", stepWeging, Input{Choices: []string{"verder"}}, []string{"verder"}, ""},
		{"choice with optional text", stepWeging, Input{Choices: []string{"verder"}, Text: "Twijfel."}, []string{"verder"}, "Twijfel."},
		{"text", stepDoel, Input{Text: "  De regel wil schulden voorkomen.  "}, nil, "De regel wil schulden voorkomen."},
		{"text of MaxText", stepDoel, Input{Text: strings.Repeat("x", MaxText)}, nil, strings.Repeat("x", MaxText)},
		{"arguments", stepAfweging, Input{Choices: []string{"ignored"}, Text: "ignored"}, nil, ""},
		{"yes", stepRuimte, Input{Choices: []string{"ja"}}, []string{"ja"}, ""},
		{"no", stepRuimte, Input{Choices: []string{"nee"}}, []string{"nee"}, ""},
		{"don't know", stepRuimte, Input{Choices: []string{"weet-niet"}}, []string{"weet-niet"}, ""},
		{"choice with reason", stepMandaat, Input{Choices: []string{"anders"}, Text: "De afdeling bezwaar."}, []string{"anders"}, "De afdeling bezwaar."},
		{"decision", stepBesluit, Input{Choices: []string{"maatwerk"}, Text: "Omdat het doel anders niet wordt bereikt."}, []string{"maatwerk"}, "Omdat het doel anders niet wordt bereikt."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, clk := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			advanceTo(t, e, c, tc.step)
			if tc.step == stepAfweging && len(c.Arguments) == 0 {
				mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Een argument", By: colleague})
			}
			clk.Advance(time.Hour)
			at := clk.Now()
			step, seq, n := c.Step, c.Seq, len(c.Answers)
			in := tc.input
			in.Seq, in.Step, in.By = c.Seq, tc.step, starter

			out, err := e.Answer(c, in)
			if err != nil {
				t.Fatalf("Answer: %v", err)
			}
			if c.Step != step+1 || c.Seq != seq+1 {
				t.Errorf("step %d→%d, seq %d→%d; want each one on", step, c.Step, seq, c.Seq)
			}
			if len(c.Answers) != n+1 {
				t.Fatalf("%d answers, want %d", len(c.Answers), n+1)
			}
			want := record.Answer{Step: tc.step, Seq: seq, Choices: tc.choices, Text: tc.text, By: starter, At: at}
			got := c.Answers[n]
			if got.Step != want.Step || got.Seq != want.Seq || !slices.Equal(got.Choices, want.Choices) ||
				got.Text != want.Text || got.By != want.By || !got.At.Equal(want.At) {
				t.Errorf("answer = %+v, want %+v", got, want)
			}
			if a, ok := c.AnswerTo(tc.step); !ok || a.Seq != seq {
				t.Errorf("AnswerTo(%s) = %+v, %v", tc.step, a, ok)
			}
			if !c.UpdatedAt.Equal(at) {
				t.Errorf("UpdatedAt = %v, want %v", c.UpdatedAt, at)
			}
			if out.Answered.StepID != tc.step || out.Answered.Seq != seq || out.Answer.Step != tc.step {
				t.Errorf("outcome answered %s seq %d", out.Answered.StepID, out.Answered.Seq)
			}
			if out.Finished || out.Next == nil {
				t.Fatalf("outcome finished %v, next %v; want the next question", out.Finished, out.Next)
			}
			if out.Next.Number != step+2 || out.Next.Seq != seq+1 || c.Status != record.StatusOpen {
				t.Errorf("next prompt number %d seq %d, status %s", out.Next.Number, out.Next.Seq, c.Status)
			}
			if (c.Decision != nil) != (tc.step == stepBesluit) {
				t.Errorf("Decision = %+v", c.Decision)
			}
		})
	}
}

func TestAnswerStepOptional(t *testing.T) {
	// Input.Step may be left empty (a thread reply knows only the seq).
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	out := mustAnswer(t, e, c, Input{Seq: 1, Choices: []string{"kosten"}, By: starter})
	if out.Answered.StepID != stepUitkomst || c.Step != 1 {
		t.Errorf("answered %s, step now %d", out.Answered.StepID, c.Step)
	}
}

func TestAnswerRefuses(t *testing.T) {
	longText := strings.Repeat("a", MaxText+1)
	for _, tc := range []struct {
		name  string
		step  string
		setup func(tb testing.TB, e *Engine, c *record.Case)
		input func(p Prompt) Input
		code  ErrorCode
		field string
	}{
		{"seq behind", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq - 1, Step: p.StepID, Text: "x"} }, CodeStale, ""},
		{"seq ahead", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq + 1, Step: p.StepID, Text: "x"} }, CodeStale, ""},
		{"seq of an earlier step without step id", stepDoel, nil, func(p Prompt) Input { return Input{Seq: 1, Text: "x"} }, CodeStale, ""},
		{"earlier step", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: stepWeging, Choices: []string{"verder"}} }, CodeStale, ""},
		{"later step", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: stepVolgende, Text: "x"} }, CodeStale, ""},
		{"unknown step", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: "x/y", Text: "x"} }, CodeStale, ""},
		{"multi unknown option", stepUitkomst, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"kosten", "ja"}} }, CodeInvalid, "choice"},
		{"multi personal data", stepUitkomst, nil, func(p Prompt) Input {
			return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"kosten"}, Text: "tel 0612345678"}
		}, CodePrivacy, "text"},
		{"choice none", stepWeging, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID} }, CodeInvalid, "choice"},
		{"choice blank", stepWeging, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{" "}} }, CodeInvalid, "choice"},
		{"choice two", stepWeging, nil, func(p Prompt) Input {
			return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"verder", "geen-maatwerk"}, Text: "x"}
		}, CodeInvalid, "choice"},
		{"choice unknown", stepWeging, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"stapeling"}} }, CodeInvalid, "choice"},
		{"closing option without reason", stepWeging, nil, func(p Prompt) Input {
			return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"geen-maatwerk"}, Text: "  "}
		}, CodeRequired, "text"},
		{"choice reason missing", stepMandaat, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"anders"}} }, CodeRequired, "text"},
		{"choice reason with personal data", stepMandaat, nil, func(p Prompt) Input {
			return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"anders"}, Text: "mail a.b@example.org"}
		}, CodePrivacy, "text"},
		{"choice optional text too long", stepMandaat, nil, func(p Prompt) Input {
			return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"ikzelf"}, Text: longText}
		}, CodeTooLong, "text"},
		{"yesno unknown", stepRuimte, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"misschien"}} }, CodeInvalid, "choice"},
		{"yesno two", stepRuimte, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"ja", "nee"}} }, CodeInvalid, "choice"},
		{"yesno none", stepRuimte, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID} }, CodeInvalid, "choice"},
		{"text empty", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID} }, CodeRequired, "text"},
		{"text blank", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Text: " \n\t"} }, CodeRequired, "text"},
		{"text too long", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Text: longText} }, CodeTooLong, "text"},
		{"text bsn", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Text: "bsn 123456782"} }, CodePrivacy, "text"},
		{"text iban", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Text: "NL91ABNA0417164300"} }, CodePrivacy, "text"},
		{"text with a choice", stepDoel, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"ja"}, Text: "x"} }, CodeInvalid, "choice"},
		{"arguments none", stepAfweging, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID} }, CodeNoArgument, ""},
		{"arguments all withdrawn", stepAfweging, func(tb testing.TB, e *Engine, c *record.Case) {
			mustAddArgument(tb, e, c, ArgumentInput{Pro: true, Text: "Een argument", By: starter})
			c.Arguments[0].Withdrawn = true
		}, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID} }, CodeNoArgument, ""},
		{"decision by another", stepBesluit, nil, func(p Prompt) Input {
			return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"maatwerk"}, Text: "Motivering.", By: colleague}
		}, CodeNotDecider, "choice"},
		{"decision without rationale", stepBesluit, nil, func(p Prompt) Input { return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"maatwerk"}} }, CodeRequired, "text"},
		{"decision unknown", stepBesluit, nil, func(p Prompt) Input {
			return Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"ja"}, Text: "Motivering."}
		}, CodeInvalid, "choice"},
		{"closed", stepDoel, func(_ testing.TB, _ *Engine, c *record.Case) { c.Status = record.StatusClosed }, func(p Prompt) Input {
			return Input{Seq: p.Seq, Step: p.StepID, Text: "x"}
		}, CodeClosed, ""},
		{"paused", stepDoel, func(_ testing.TB, _ *Engine, c *record.Case) { c.Status = record.StatusPaused }, func(p Prompt) Input {
			return Input{Seq: p.Seq, Step: p.StepID, Text: "x"}
		}, CodePaused, ""},
		{"closed and stale", stepDoel, func(_ testing.TB, _ *Engine, c *record.Case) { c.Status = record.StatusClosed }, func(p Prompt) Input {
			return Input{Seq: 1, Step: stepUitkomst}
		}, CodeClosed, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, clk := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			advanceTo(t, e, c, tc.step)
			p := mustPrompt(t, e, c)
			if tc.setup != nil {
				tc.setup(t, e, c)
			}
			in := tc.input(p)
			if in.By == "" {
				in.By = starter
			}
			before := caseJSON(t, c)
			clk.Advance(time.Hour)

			out, err := e.Answer(c, in)
			wantUserError(t, err, tc.code, tc.field)
			if out.Next != nil || out.Finished || out.Answer.Step != "" {
				t.Errorf("outcome with an error: %+v", out)
			}
			if after := caseJSON(t, c); after != before {
				t.Errorf("the refused answer changed the case:\nbefore %s\nafter  %s", before, after)
			}

			// Check agrees with Answer about the prompt being answerable.
			checkErr := e.Check(c, in.Seq, in.Step)
			switch tc.code {
			case CodeStale, CodeClosed, CodePaused:
				wantUserError(t, checkErr, tc.code, "")
			default:
				if checkErr != nil {
					t.Errorf("Check = %v, want nil: the prompt is the open one", checkErr)
				}
			}
		})
	}
}

func TestStaleMessage(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepDoel) // steps 1-3 answered; step 4 open
	for _, in := range []Input{
		{Seq: 2, Step: stepPersoon, Choices: []string{"kwetsbaar"}, By: starter},
		{Seq: 2, Choices: []string{"kwetsbaar"}, By: starter},
	} {
		_, err := e.Answer(c, in)
		ue := wantUserError(t, err, CodeStale, "")
		if nl := ue.In(cards.NL); !strings.Contains(nl, "stap 2") || !strings.Contains(nl, "stap 4") {
			t.Errorf("stale message %q does not name step 2 (asked) and 4 (open)", nl)
		}
		if en := ue.In(cards.EN); !strings.Contains(en, "step 2") || !strings.Contains(en, "step 4") {
			t.Errorf("stale message %q does not name step 2 (asked) and 4 (open)", en)
		}
	}
}

func TestCheck(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepWeging)
	for _, tc := range []struct {
		name   string
		status record.Status
		seq    int
		step   string
		want   ErrorCode // "" for nil
	}{
		{"open prompt", record.StatusOpen, 3, stepWeging, ""},
		{"open prompt without step", record.StatusOpen, 3, "", ""},
		{"old seq", record.StatusOpen, 2, stepPersoon, CodeStale},
		{"old seq, current step", record.StatusOpen, 2, stepWeging, CodeStale},
		{"current seq, other step", record.StatusOpen, 3, stepPersoon, CodeStale},
		{"closed", record.StatusClosed, 3, stepWeging, CodeClosed},
		{"paused", record.StatusPaused, 3, stepWeging, CodePaused},
		{"paused and stale", record.StatusPaused, 1, stepUitkomst, CodePaused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cc := *c
			cc.Status = tc.status
			err := e.Check(&cc, tc.seq, tc.step)
			_, answerErr := e.Answer(&cc, Input{Seq: tc.seq, Step: tc.step, By: starter, Choices: []string{"verder"}})
			if tc.want == "" {
				if err != nil || answerErr != nil {
					t.Fatalf("Check = %v, Answer = %v; want nil", err, answerErr)
				}
				return
			}
			wantUserError(t, err, tc.want, "")
			if ue, _ := AsError(answerErr); ue == nil || ue.Code != tc.want {
				t.Errorf("Answer = %v, Check = %v: they disagree", answerErr, err)
			}
		})
	}
}

func TestDecision(t *testing.T) {
	for _, tc := range []struct {
		name string
		by   string
		lead bool
		ok   bool
	}{
		{"starter", starter, false, true},
		{"starter who is lead", starter, true, true},
		{"lead", colleague, true, true},
		{"colleague", colleague, false, false},
		{"nobody", "", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, clk := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			advanceTo(t, e, c, stepBesluit)
			clk.Advance(24 * time.Hour)
			out, err := e.Answer(c, Input{Seq: c.Seq, Step: stepBesluit, Choices: []string{"maatwerk"}, Text: " Maatwerk, omdat de gevolgen hier onevenredig zijn. ", By: tc.by, Lead: tc.lead})
			if !tc.ok {
				wantUserError(t, err, CodeNotDecider, "choice")
				if c.Decision != nil {
					t.Errorf("refused decision recorded: %+v", c.Decision)
				}
				return
			}
			if err != nil {
				t.Fatalf("Answer: %v", err)
			}
			want := record.Decision{Option: "maatwerk", Rationale: "Maatwerk, omdat de gevolgen hier onevenredig zijn.", By: tc.by, At: t0.Add(24 * time.Hour)}
			if c.Decision == nil || !reflect.DeepEqual(*c.Decision, want) {
				t.Errorf("Decision = %+v, want %+v", c.Decision, want)
			}
			if out.Next == nil || out.Next.StepID != stepVolgende {
				t.Errorf("next = %+v", out.Next)
			}
		})
	}
}

func TestAnswerCloses(t *testing.T) {
	e, clk := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepWeging)
	clk.Advance(time.Minute)
	out, err := e.Answer(c, Input{Seq: c.Seq, Step: stepWeging, Choices: []string{"geen-maatwerk"}, Text: " De regel past. ", By: colleague})
	if err != nil {
		t.Fatalf("Answer: %v", err)
	}
	if !out.Finished || out.Next != nil {
		t.Errorf("outcome finished %v, next %+v; want finished, no next", out.Finished, out.Next)
	}
	want := record.Closure{Option: "geen-maatwerk", Reason: "De regel past.", By: colleague, At: t0.Add(time.Minute)}
	if c.Status != record.StatusClosed || c.Closure == nil || *c.Closure != want {
		t.Errorf("status %s, closure %+v; want closed, %+v", c.Status, c.Closure, want)
	}
	if c.Step != 3 || c.Seq != 4 {
		t.Errorf("step %d seq %d, want 3 and 4", c.Step, c.Seq)
	}
	if _, ok := e.Prompt(c); ok {
		t.Errorf("a closed case has an open question")
	}
	if got := e.StatusText(c); got != "afgesloten" {
		t.Errorf("StatusText = %q", got)
	}
	s := e.Summarize(c)
	if s.ClosedEarly != "Afsluiten: geen maatwerk nodig — De regel past." {
		t.Errorf("ClosedEarly = %q", s.ClosedEarly)
	}
	if s.Decision != nil {
		t.Errorf("Decision = %+v", s.Decision)
	}
	if plain := PlainSummary(s, func(u string) string { return u }, nil); !strings.Contains(plain, "Afgesloten na de signalen: Afsluiten: geen maatwerk nodig — De regel past.") {
		t.Errorf("PlainSummary does not say why the case closed:\n%s", plain)
	}
	_, err = e.Answer(c, Input{Seq: c.Seq, Step: stepDoel, Text: "x", By: starter})
	wantUserError(t, err, CodeClosed, "")
}

func TestAnswerLastStep(t *testing.T) {
	e, clk := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepSignaal)
	if got := e.ProgressText(c); got != "Stap 10 van 10" {
		t.Errorf("ProgressText = %q", got)
	}
	if got := e.StatusText(c); got != "open · Reflectie" {
		t.Errorf("StatusText = %q", got)
	}
	clk.Advance(time.Hour)
	out := mustAnswer(t, e, c, Input{Seq: c.Seq, Step: stepSignaal, Choices: []string{"geen"}, By: colleague})
	if !out.Finished || out.Next != nil {
		t.Errorf("outcome finished %v, next %+v", out.Finished, out.Next)
	}
	if c.Status != record.StatusClosed || !e.Done(c) || c.Step != fixtureTotal || c.Seq != fixtureTotal+1 {
		t.Errorf("status %s, done %v, step %d, seq %d", c.Status, e.Done(c), c.Step, c.Seq)
	}
	if want := (record.Closure{By: colleague, At: t0.Add(time.Hour)}); c.Closure == nil || *c.Closure != want {
		t.Errorf("Closure = %+v, want %+v", c.Closure, want)
	}
	if got := e.StatusText(c); got != "afgerond" {
		t.Errorf("StatusText = %q", got)
	}
	if got := e.ProgressText(c); got != "Stap 10 van 10" {
		t.Errorf("ProgressText = %q", got)
	}
	if _, ok := e.Prompt(c); ok {
		t.Errorf("a finished case has an open question")
	}
	_, err := e.Answer(c, Input{Seq: c.Seq, Text: "nog iets", By: starter})
	wantUserError(t, err, CodeClosed, "")
	if err := e.Check(c, c.Seq, ""); err == nil {
		t.Errorf("Check on a finished case = nil")
	}
}

func TestPromptAt(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	advanceTo(t, e, c, stepDoel)
	for i, want := range []struct {
		step string
		seq  int
		ok   bool
	}{{stepUitkomst, 1, true}, {stepPersoon, 2, true}, {stepWeging, 3, true}, {stepDoel, 4, true}, {stepAfweging, 4, true}} {
		p, ok := e.PromptAt(c, i)
		if ok != want.ok || p.StepID != want.step || p.Seq != want.seq || p.Number != i+1 {
			t.Errorf("PromptAt(%d) = %s seq %d number %d, %v; want %s seq %d", i, p.StepID, p.Seq, p.Number, ok, want.step, want.seq)
		}
	}
	for _, i := range []int{-1, fixtureTotal} {
		if _, ok := e.PromptAt(c, i); ok {
			t.Errorf("PromptAt(%d) ok", i)
		}
	}
}

func TestAddArgument(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(c *record.Case)
		in    ArgumentInput
		code  ErrorCode
		field string
	}{
		{"pro without value", nil, ArgumentInput{Pro: true, Text: "  Onevenredig  "}, "", ""},
		{"contra with value", nil, ArgumentInput{Text: "Gelijke gevallen", Value: "rechtsgelijkheid", Ref: "1700000000.000100"}, "", ""},
		{"unknown value", nil, ArgumentInput{Pro: true, Text: "x", Value: "geluk"}, CodeInvalid, "value"},
		{"value that is a card option, not a value", nil, ArgumentInput{Pro: true, Text: "x", Value: "uitleg"}, CodeInvalid, "value"},
		{"empty", nil, ArgumentInput{Pro: true, Text: " "}, CodeRequired, "text"},
		{"too long", nil, ArgumentInput{Pro: true, Text: strings.Repeat("z", MaxText+1)}, CodeTooLong, "text"},
		{"personal data", nil, ArgumentInput{Pro: true, Text: "zie NL91 ABNA 0417 1643 00"}, CodePrivacy, "text"},
		{"late, on a closed case", func(c *record.Case) { c.Status = record.StatusClosed }, ArgumentInput{Pro: true, Text: "x"}, "", ""},
		{"paused case", func(c *record.Case) { c.Status = record.StatusPaused }, ArgumentInput{Pro: true, Text: "x"}, CodePaused, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, clk := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "Eerste", By: starter})
			if tc.setup != nil {
				tc.setup(c)
			}
			clk.Advance(time.Minute)
			before := caseJSON(t, c)
			in := tc.in
			in.By = colleague
			a, err := e.AddArgument(c, in)
			if tc.code != "" {
				wantUserError(t, err, tc.code, tc.field)
				if after := caseJSON(t, c); after != before {
					t.Errorf("the refused argument changed the case:\nbefore %s\nafter  %s", before, after)
				}
				return
			}
			if err != nil {
				t.Fatalf("AddArgument: %v", err)
			}
			want := record.Argument{N: 2, Pro: in.Pro, Text: strings.TrimSpace(in.Text), Value: in.Value, By: colleague, Ref: in.Ref, At: t0.Add(time.Minute)}
			if a != want || len(c.Arguments) != 2 || c.Arguments[1] != want {
				t.Errorf("argument = %+v, stored %+v; want %+v", a, c.Arguments, want)
			}
			if !c.UpdatedAt.Equal(want.At) {
				t.Errorf("UpdatedAt = %v", c.UpdatedAt)
			}
			if c.Step != 0 || c.Seq != 1 {
				t.Errorf("an argument moved the conversation: step %d seq %d", c.Step, c.Seq)
			}
		})
	}
}

func TestAddArgumentNumbers(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	for i := 1; i <= 4; i++ {
		if a := mustAddArgument(t, e, c, ArgumentInput{Pro: i%2 == 0, Text: "Argument", By: starter}); a.N != i {
			t.Errorf("argument %d has N %d", i, a.N)
		}
	}
	if got := e.ValueText("menselijke-maat", cards.EN); got != "Human dimension" {
		t.Errorf("ValueText = %q", got)
	}
	if got := e.ValueText("onbekend", cards.NL); got != "onbekend" {
		t.Errorf("ValueText of an unknown value = %q", got)
	}
}

func TestActiveArguments(t *testing.T) {
	c := &record.Case{Arguments: []record.Argument{
		{N: 1, Pro: false, Text: "c1"},
		{N: 2, Pro: true, Text: "p1"},
		{N: 3, Pro: true, Text: "p2", Withdrawn: true},
		{N: 4, Pro: false, Text: "c2", Withdrawn: true},
		{N: 5, Pro: true, Text: "p3"},
		{N: 6, Pro: false, Text: "c3"},
	}}
	pro, contra := c.ActiveArguments()
	ns := func(as []record.Argument) []int {
		var out []int
		for _, a := range as {
			out = append(out, a.N)
		}
		return out
	}
	if got := ns(pro); !slices.Equal(got, []int{2, 5}) {
		t.Errorf("pro = %v", got)
	}
	if got := ns(contra); !slices.Equal(got, []int{1, 6}) {
		t.Errorf("contra = %v", got)
	}
	if pro, contra := (&record.Case{}).ActiveArguments(); pro != nil || contra != nil {
		t.Errorf("no arguments: %v %v", pro, contra)
	}
}

func TestAddRemark(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		code ErrorCode
		kept string // "" when nothing is kept
	}{
		{"kept", "  Goed punt.  ", "", "Goed punt."},
		{"empty ignored", "", "", ""},
		{"blank ignored", " \n\t ", "", ""},
		{"bsn refused", "bsn 123456782", CodePrivacy, ""},
		{"email refused", "mail piet@example.com", CodePrivacy, ""},
		{"too long refused", strings.Repeat("r", MaxText+1), CodeTooLong, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, clk := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			clk.Advance(time.Minute)
			before := caseJSON(t, c)
			err := e.AddRemark(c, colleague, tc.text, "ts-1")
			if tc.code != "" {
				wantUserError(t, err, tc.code, "text")
			} else if err != nil {
				t.Fatalf("AddRemark: %v", err)
			}
			if tc.kept == "" {
				if after := caseJSON(t, c); after != before {
					t.Errorf("case changed:\nbefore %s\nafter  %s", before, after)
				}
				return
			}
			want := record.Remark{By: colleague, Text: tc.kept, Ref: "ts-1", At: t0.Add(time.Minute)}
			if len(c.Discussion) != 1 || c.Discussion[0] != want {
				t.Errorf("Discussion = %+v, want [%+v]", c.Discussion, want)
			}
			if !c.UpdatedAt.Equal(want.At) {
				t.Errorf("UpdatedAt = %v", c.UpdatedAt)
			}
		})
	}
}

// TestOneClockReading checks that a change records one time: with a clock
// that moves on every reading, UpdatedAt equals the time recorded.
func TestOneClockReading(t *testing.T) {
	clk := &testClock{now: t0, step: time.Second}
	e := New(mustLoadFixture(t), clk.Now)
	c := mustNewCase(t, e, cards.NL)
	if !c.StartedAt.Equal(c.UpdatedAt) {
		t.Errorf("NewCase: StartedAt %v, UpdatedAt %v", c.StartedAt, c.UpdatedAt)
	}
	mustAnswer(t, e, c, Input{Seq: 1, By: starter})
	if at := c.Answers[0].At; !c.UpdatedAt.Equal(at) {
		t.Errorf("Answer: At %v, UpdatedAt %v", at, c.UpdatedAt)
	}
	a := mustAddArgument(t, e, c, ArgumentInput{Pro: true, Text: "x", By: starter})
	if !c.UpdatedAt.Equal(a.At) {
		t.Errorf("AddArgument: At %v, UpdatedAt %v", a.At, c.UpdatedAt)
	}
	if err := e.AddRemark(c, starter, "Opmerking", ""); err != nil {
		t.Fatal(err)
	}
	if at := c.Discussion[0].At; !c.UpdatedAt.Equal(at) {
		t.Errorf("AddRemark: At %v, UpdatedAt %v", at, c.UpdatedAt)
	}
}

func TestParticipants(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    record.Case
		want []string
	}{
		{"starter only", record.Case{StartedBy: "A"}, []string{"A"}},
		{"nobody", record.Case{}, nil},
		{"order: starter, answers, arguments, discussion, decision", record.Case{
			StartedBy:  "A",
			Answers:    []record.Answer{{By: "B"}, {By: "A"}, {By: "C"}, {By: "B"}},
			Arguments:  []record.Argument{{By: "D"}, {By: "C"}, {By: "E", Withdrawn: true}},
			Discussion: []record.Remark{{By: "F"}, {By: "A"}},
			Decision:   &record.Decision{By: "G"},
		}, []string{"A", "B", "C", "D", "E", "F", "G"}},
		{"empty ids skipped", record.Case{StartedBy: "", Answers: []record.Answer{{By: ""}, {By: "B"}}, Decision: &record.Decision{By: "B"}}, []string{"B"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.Participants(); !slices.Equal(got, tc.want) {
				t.Errorf("Participants = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	for _, tc := range []struct {
		id   int64
		want string
	}{{1, "MW-0001"}, {42, "MW-0042"}, {9999, "MW-9999"}, {12345, "MW-12345"}, {1<<63 - 1, "MW-9223372036854775807"}} {
		if got := record.FormatKey(tc.id); got != tc.want {
			t.Errorf("FormatKey(%d) = %q, want %q", tc.id, got, tc.want)
		}
		if got, ok := record.ParseKey(tc.want); !ok || got != tc.id {
			t.Errorf("ParseKey(%q) = %d, %v; want %d", tc.want, got, ok, tc.id)
		}
		if got := (&record.Case{ID: tc.id}).Key(); got != tc.want {
			t.Errorf("Key() = %q", got)
		}
	}
	for _, tc := range []struct {
		in string
		id int64
		ok bool
	}{
		{"MW-0042", 42, true},
		{"mw-42", 42, true},
		{"Mw-0007", 7, true},
		{"42", 42, true},
		{"  MW-0042\n", 42, true},
		{"0042", 42, true},
		{"MW-", 0, false},
		{"MW-x", 0, false},
		{"MW-4x", 0, false},
		{"-3", 0, false},
		{"MW--3", 0, false},
		{"0", 0, false},
		{"MW-0000", 0, false},
		{"", 0, false},
		{"MW", 0, false},
		{"MW-42 extra", 0, false},
		{"MW-99999999999999999999", 0, false},
		{"XY-42", 0, false},
	} {
		if id, ok := record.ParseKey(tc.in); id != tc.id || ok != tc.ok {
			t.Errorf("ParseKey(%q) = %d, %v; want %d, %v", tc.in, id, ok, tc.id, tc.ok)
		}
	}
}

func TestPosts(t *testing.T) {
	var c record.Case
	if got := c.Post("root"); got != "" {
		t.Errorf("Post on an empty case = %q", got)
	}
	c.SetPost("root", "1.1")
	c.SetPost(record.StepPostKey(stepDoel), "1.2")
	c.SetPost("root", "1.3")
	if c.Post("root") != "1.3" || c.Post("step:"+stepDoel) != "1.2" {
		t.Errorf("Posts = %v", c.Posts)
	}
}

func TestAnswerText(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	mustAnswer(t, e, c, Input{Seq: 1, By: starter})
	mustAnswer(t, e, c, Input{Seq: 2, Choices: []string{"vastgelopen", "kwetsbaar"}, By: starter})
	advanceTo(t, e, c, stepRuimte)
	mustAnswer(t, e, c, Input{Seq: c.Seq, Choices: []string{"weet-niet"}, Text: "Uitzoeken.", By: starter})
	mustAnswer(t, e, c, Input{Seq: c.Seq, Choices: []string{"anders"}, Text: "Bezwaar", By: starter})
	for _, tc := range []struct {
		step, want string
	}{
		{stepUitkomst, "geen"},
		{stepPersoon, "Vastgelopen, Minder redzaam"},
		{stepWeging, "Verder naar de argumenten"},
		{stepDoel, fixtureAnswer},
		{stepAfweging, "Voor: 1 · Tegen: 1"},
		{stepRuimte, "Weet ik niet — Uitzoeken."},
		{stepMandaat, "Iemand anders — Bezwaar"},
	} {
		a, ok := c.AnswerTo(tc.step)
		if !ok {
			t.Fatalf("no answer to %s", tc.step)
		}
		if got := e.AnswerText(c, a); got != tc.want {
			t.Errorf("AnswerText(%s) = %q, want %q", tc.step, got, tc.want)
		}
	}
	if got := e.ChoiceText(c, record.Answer{Step: "weg/stap", Choices: []string{"a", "b"}}); got != "a, b" {
		t.Errorf("ChoiceText for an unknown step = %q", got)
	}
}

func TestEngineDefaults(t *testing.T) {
	set := mustLoadFixture(t)
	e := New(set, nil)
	if e.Cards() != set || e.Total() != fixtureTotal {
		t.Errorf("Cards %p, Total %d", e.Cards(), e.Total())
	}
	if now := e.Now(); time.Since(now) > time.Minute || time.Since(now) < -time.Minute {
		t.Errorf("New(set, nil) does not use the wall clock: %v", now)
	}
}
