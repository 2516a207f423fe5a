package dialogs

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// sameInBothLanguages lists the Texts fields that may read the same in Dutch
// and English: pure format strings and loanwords.
var sameInBothLanguages = map[string]bool{
	"ArgumentByF":  true, // "%s (%s)"
	"AskStartF":    true, // "%s: %s"
	"StatusLabel":  true, // "Status"
	"Status[open]": true,
}

// textFields returns every string of t by field name; map values are named
// "Field[key]", array entries "Field[i]".
func textFields(tb testing.TB, t *Texts) map[string]string {
	tb.Helper()
	out := map[string]string{}
	v := reflect.ValueOf(t).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch fv := v.Field(i); fv.Kind() {
		case reflect.String:
			out[f.Name] = fv.String()
		case reflect.Map:
			for _, k := range fv.MapKeys() {
				out[f.Name+"["+k.String()+"]"] = fv.MapIndex(k).String()
			}
		case reflect.Array:
			for j := range fv.Len() {
				out[fmt.Sprintf("%s[%d]", f.Name, j)] = fv.Index(j).String()
			}
		default:
			tb.Fatalf("Texts.%s has kind %s; this test knows strings, maps and arrays of strings", f.Name, fv.Kind())
		}
	}
	return out
}

func TestTextsComplete(t *testing.T) {
	for _, lang := range cards.Langs() {
		texts := TextsFor(lang)
		for name, s := range textFields(t, texts) {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: Texts.%s is empty", lang, name)
			}
		}
		for _, st := range []record.Status{record.StatusOpen, record.StatusPaused, record.StatusClosed} {
			if texts.Status[st] == "" {
				t.Errorf("%s: no text for status %q", lang, st)
			}
		}
		if len(texts.Status) != 3 {
			t.Errorf("%s: Status has %d entries, want 3", lang, len(texts.Status))
		}
	}
	if TextsFor("de").Yes != TextsFor(cards.NL).Yes || TextsFor("").Yes != "Ja" {
		t.Errorf("TextsFor does not fall back to Dutch")
	}
	// TextsFor returns a fresh copy: a caller changing it changes nothing.
	TextsFor(cards.NL).Yes = "Jawel"
	if TextsFor(cards.NL).Yes != "Ja" {
		t.Errorf("TextsFor returns shared texts")
	}
}

func TestTextsTranslated(t *testing.T) {
	nl, en := textFields(t, TextsFor(cards.NL)), textFields(t, TextsFor(cards.EN))
	var names []string
	for name := range nl {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		e, ok := en[name]
		switch {
		case !ok:
			t.Errorf("Texts.%s is missing in English", name)
		case nl[name] == e && !sameInBothLanguages[name]:
			t.Errorf("Texts.%s is the same in Dutch and English: %q", name, e)
		case nl[name] != e && sameInBothLanguages[name]:
			t.Errorf("Texts.%s differs now (%q, %q): remove it from sameInBothLanguages", name, nl[name], e)
		}
	}
	if len(en) != len(nl) {
		t.Errorf("%d English texts, %d Dutch", len(en), len(nl))
	}
}

// fmtVerb matches a fmt verb with its flags, argument index, width and
// precision; "%%" is matched too and skipped by verbs.
var fmtVerb = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*(?:\[\d+\])?(?:\d+|\*)?(?:\.(?:\[\d+\])?(?:\d+|\*)?)?[a-zA-Z%]`)

// verbs returns the fmt verbs in s, in order.
func verbs(s string) []string {
	var out []string
	for _, v := range fmtVerb.FindAllString(s, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

func TestVerbs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Stap %d van %d", []string{"%d", "%d"}},
		{"%q en %s", []string{"%q", "%s"}},
		{"*%[1]s* en `%[1]s help`", []string{"%[1]s", "%[1]s"}},
		{"100%% zeker, %5.2f en %-3v", []string{"%5.2f", "%-3v"}},
		{"geen", nil},
	} {
		if got := verbs(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("verbs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTextsFormats checks that the format strings (fields ending in F) take
// the same verbs in the same order in both languages, and that no other text
// has verbs except Help, which takes the command as %[1]s.
func TestTextsFormats(t *testing.T) {
	nl, en := textFields(t, TextsFor(cards.NL)), textFields(t, TextsFor(cards.EN))
	for name, n := range nl {
		vn, ve := verbs(n), verbs(en[name])
		isFormat := strings.HasSuffix(name, "F") || name == "Help"
		switch {
		case !isFormat && (len(vn) > 0 || len(ve) > 0):
			t.Errorf("Texts.%s has fmt verbs (%q, %q) but is not named …F", name, vn, ve)
		case !isFormat:
		case len(vn) == 0:
			t.Errorf("Texts.%s is named as a format but has no verbs: %q", name, n)
		case !slices.Equal(vn, ve):
			t.Errorf("Texts.%s verbs differ: nl %q, en %q", name, vn, ve)
		}
	}
}

// TestCatalogUsed checks that every text in the catalog reaches the package:
// a struct field takes it, or it is a plural entry behind a method.
func TestCatalogUsed(t *testing.T) {
	s, err := buildTextSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range s.cat.Keys() {
		if !s.used[key] && len(s.cat.Counts(cards.NL, key)) == 0 {
			t.Errorf("catalog text %s is used by no field", key)
		}
	}
}

// TestDigestPlurals checks the methods behind the digest's plural entries.
func TestDigestPlurals(t *testing.T) {
	nl, en := DigestTextsFor(cards.NL), DigestTextsFor(cards.EN)
	for _, tc := range []struct{ got, want string }{
		{nl.IdleDays(1), "1 dag geen activiteit"},
		{nl.IdleDays(12), "12 dagen geen activiteit"},
		{en.IdleDays(1), "1 day without activity"},
		{nl.WaitingDays("loonstrook", 1), "loonstrook (wacht al 1 dag)"},
		{en.WaitingDays("payslip", 3), "payslip (waiting for 3 days)"},
		{nl.Pattern("Signaal", "ziekte", 1, 1), `Signaal "ziekte" kwam terug in 1 casus in 1 week: kandidaat voor een beleidscategorie of een beleidswijziging.`},
		{nl.Pattern("Signaal", "ziekte", 3, 4), `Signaal "ziekte" kwam terug in 3 casussen in 4 weken: kandidaat voor een beleidscategorie of een beleidswijziging.`},
		{en.Pattern("Signal", "illness", 2, 1), `Signal "illness" recurred in 2 cases in 1 week: a candidate for a policy category (beleidscategorie) or a policy change.`},
		{DigestTextsFor("de").IdleDays(2), "2 dagen geen activiteit"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	// DigestTextsFor returns a fresh copy.
	DigestTextsFor(cards.NL).PatternKind[PatternSignal] = "x"
	if DigestTextsFor(cards.NL).PatternKind[PatternSignal] != "Signaal" {
		t.Errorf("DigestTextsFor returns shared texts")
	}
}
