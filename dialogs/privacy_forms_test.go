package dialogs

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
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
	for k, n := range tried {
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
	} {
		if got := CleanText(tc.in); got != tc.want {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzFindPersonalDataForms: the guard never panics, reads text the same after
// normalising it, and a BSN it finds stays found with zero-width
// characters between its digits.
func FuzzFindPersonalDataForms(f *testing.F) {
	for _, s := range []string{"111222333", "bsn 123456782", "jan at example dot nl", "06 - 1234 - 5678", "NL91-ABNA-0417-1643-00",
		"mevrouw De Vries", "geboren 3-4-1980", "1234 AB 12", "€ 1.234,56", "art. 18 lid 1", "\u200b\x1b[31m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := FindPersonalData(s)
		if again := FindPersonalData(normalizeForScan(s)); !slices.Equal(got, again) {
			t.Fatalf("%q: %v, normalised %v", s, got, again)
		}
		if slices.Contains(got, BSN) {
			var b strings.Builder
			for _, r := range s {
				b.WriteRune(r)
				if r >= '0' && r <= '9' {
					b.WriteRune('\u200b')
				}
			}
			if !slices.Contains(FindPersonalData(b.String()), BSN) {
				t.Fatalf("%q: BSN found, but not with zero-width spaces between its digits", s)
			}
		}
		if c := CleanText(s); c != CleanText(c) {
			t.Fatalf("CleanText not idempotent on %q", s)
		}
	})
}

// What enters a case is stored clean, and a title of only invisible
// characters is refused as empty.
func TestTextEntersTheCaseClean(t *testing.T) {
	e, _ := newTestEngine(t)
	_, err := e.NewCase(Start{Channel: "C1", Title: "\u200b\u2060\u202e", By: starter})
	wantUserError(t, err, CodeRequired, "title")
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
