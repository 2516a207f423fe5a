package dialogs

import (
	"bufio"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// TestPrivacyForms reads testdata/privacy/forms.tsv: personal data in the
// forms people write it (other and mixed separators, glued to a word,
// zero-width and full-width characters, "at" and "dot" for @ and ., names
// with a title, dates of birth, postcodes with a house number), each with
// the kind the guard must find, and text caseworkers write all day that
// must pass. With -v it prints how many of each kind were tried and missed.
func TestPrivacyForms(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "privacy", "forms.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tried, missed := map[string]int{}, map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		got := FindPersonalData(text)
		tried[kind]++
		switch {
		case kind == "-" && len(got) > 0:
			missed[kind]++
			t.Errorf("%q passes in practice, but the guard found %v", text, got)
		case kind != "-" && !slices.Contains(got, PersonalData(kind)):
			missed[kind]++
			t.Errorf("%q holds a %s, but the guard found %v", text, kind, got)
		}
	}
	pos := 0
	for _, k := range slices.Sorted(maps.Keys(tried)) {
		n := tried[k]
		if k != "-" {
			pos += n
		}
		t.Logf("%-9s tried %3d, wrong %d", k, n, missed[k])
	}
	if pos < 100 || tried["-"] < 100 {
		t.Fatalf("%d positive and %d negative examples; want at least 100 of each", pos, tried["-"])
	}
}

// TestCleanText: control characters, terminal escapes and invisible format
// characters never reach the store; newlines and tabs stay.
func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"gewoon", "gewoon"},
		{"  spaties  ", "spaties"},
		{"rood \x1b[31mROOD\x1b[0m weg", "rood ROOD weg"},
		{"titel \x1b]0;gehackt\x07 klaar", "titel  klaar"},
		{"nul\x00byte", "nulbyte"},
		{"bel\x07", "bel"},
		{"rechts\u202enaar links", "rechtsnaar links"},
		{"iso\u2066late\u2069", "isolate"},
		{"zero\u200bwidth", "zerowidth"},
		{"regel 1\nregel 2\tmet tab", "regel 1\nregel 2\tmet tab"},
		{"\u200b\u200c\u2060\ufeff", ""},
		{"ongeldig \xff utf8", "ongeldig  utf8"},
		{"c1 \u0085 teken", "c1  teken"},
		{"€ en ë blijven", "€ en ë blijven"},
		{"c1 csi \u009b31mrood", "c1 csi rood"},
		{"hangul\u3164vuller", "hangulvuller"},
		{"emoji ❤\ufe0f blijft", "emoji ❤\ufe0f blijft"},
	} {
		if got := CleanText(tc.in); got != tc.want {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzCleanText: what CleanText returns is clean (no control or format
// characters but newline and tab, valid UTF-8) and stays the same when
// cleaned again.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"gewoon", "rood \x1b[31mROOD\x1b[0m", "\x1b]0;x\x07", "nul\x00", "\u202e\u2066\u200b", "\u009b31mC1", "\xff", "ㅤ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CleanText(s)
		if CleanText(c) != c {
			t.Fatalf("CleanText not idempotent on %q", s)
		}
		if !utf8.ValidString(c) {
			t.Fatalf("CleanText(%q) = %q, not valid UTF-8", s, c)
		}
		for _, r := range c {
			if r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
				t.Fatalf("CleanText(%q) = %q keeps %U", s, c, r)
			}
		}
	})
}

// What enters a case is stored clean, and a title of only invisible
// characters is refused as empty.
func TestTextEntersTheCaseClean(t *testing.T) {
	e, _ := newTestEngine(t)
	for _, title := range []string{"\u200b\u2060\u202e", "\u3164\u3164", "\x1b[2J\u00a0\u2800", "\ufe0f\u034f"} {
		_, err := e.NewCase(Start{Channel: "C1", Title: title, By: starter})
		wantUserError(t, err, CodeRequired, "title")
	}
	c, err := e.NewCase(Start{Channel: "C1", Title: "Huur\x1b[2J\x1b[31m achterstand\u202e", Scheme: "Pw\x00", By: starter})
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Huur achterstand" || c.Scheme != "Pw" {
		t.Errorf("stored title %q, scheme %q", c.Title, c.Scheme)
	}
	advanceTo(t, e, c, stepDoel)
	p := mustPrompt(t, e, c)
	mustAnswer(t, e, c, Input{Seq: p.Seq, Step: p.StepID, By: starter, Text: "Het doel\x1b]0;x\x07 is \u200bhuur\x07."})
	if a, _ := c.AnswerTo(stepDoel); a.Text != "Het doel is huur." {
		t.Errorf("stored answer %q", a.Text)
	}
	if err := e.AddRemark(c, colleague, "\x1b[1m\u2066\u2069", ""); err != nil || len(c.Discussion) != 0 {
		t.Errorf("an invisible remark was kept: %v %+v", err, c.Discussion)
	}
}

// TestOwnTextsPassTheGuard: the guard never refuses what the bot itself
// shows: every line of the card content (another engineer may be adding
// cards; they must pass too) and every interface text in both languages.
func TestOwnTextsPassTheGuard(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "cards", "data", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no card files: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			if got := FindPersonalData(line); got != nil {
				t.Errorf("%s:%d: the guard finds %v in %q", filepath.Base(name), n+1, got, line)
			}
		}
	}
	for _, lang := range []cards.Lang{cards.NL, cards.EN} {
		for _, v := range []any{*TextsFor(lang), *CardTextsFor(lang)} {
			rv := reflect.ValueOf(v)
			for i := range rv.NumField() {
				if f := rv.Field(i); f.Kind() == reflect.String {
					if got := FindPersonalData(f.String()); got != nil {
						t.Errorf("%s text %s: the guard finds %v in %q", lang, rv.Type().Field(i).Name, got, f.String())
					}
				}
			}
		}
	}
}
