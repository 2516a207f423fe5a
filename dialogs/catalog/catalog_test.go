package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

func mustNew(t *testing.T) *Catalog {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fmtVerb matches a fmt verb with its flags, argument index, width and
// precision; "%%" is matched too and skipped by verbs.
var fmtVerb = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*(?:\[\d+\])?(?:\d+|\*)?(?:\.(?:\[\d+\])?(?:\d+|\*)?)?[a-zA-Z%]`)

func verbs(s string) []string {
	var out []string
	for _, v := range fmtVerb.FindAllString(s, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

// TestBothLanguages checks that every key has a Dutch and an English text,
// and that both take the same fmt verbs in the same order.
func TestBothLanguages(t *testing.T) {
	c := mustNew(t)
	if len(c.Keys()) < 200 {
		t.Fatalf("only %d keys", len(c.Keys()))
	}
	for _, key := range c.Keys() {
		nl, okNL := c.Text(cards.NL, key)
		en, okEN := c.Text(cards.EN, key)
		if !okNL || !okEN || strings.TrimSpace(nl) == "" || strings.TrimSpace(en) == "" {
			t.Errorf("%s: nl %q, en %q", key, nl, en)
			continue
		}
		if vn, ve := verbs(nl), verbs(en); !slices.Equal(vn, ve) {
			t.Errorf("%s: verbs differ: nl %q, en %q", key, vn, ve)
		}
	}
	if _, ok := c.Text(cards.NL, "No.Such.Key"); ok {
		t.Errorf("an unknown key is found")
	}
	if got := c.Format("de", "Texts.Yes"); got != "Ja" {
		t.Errorf("another language gives %q, want the Dutch", got)
	}
}

// TestPlurals formats every plural entry with 1 and with 2 for each count
// and checks the noun after the number: "1 casus", "2 casussen". A count
// that is not right after the number (a verb: "1 casus … past") is checked
// for its form as a word.
func TestPlurals(t *testing.T) {
	c := mustNew(t)
	var plurals int
	for _, key := range c.Keys() {
		for _, lang := range cards.Langs() {
			ns := c.Counts(lang, key)
			if len(ns) == 0 {
				continue
			}
			plurals++
			f, _ := c.Text(lang, key)
			for _, n := range ns {
				if n.One == "" || n.Other == "" || n.One == n.Other || len(verbs(n.One+n.Other)) > 0 {
					t.Errorf("%s (%s): ${%s} has forms %q, %q", key, lang, n.Name, n.One, n.Other)
				}
				for _, num := range []int{1, 2, 0, 11, 21, 101} {
					form := n.Other
					if num == 1 {
						form = n.One
					}
					want := fmt.Sprintf("%d %s", num, form)
					got := c.Format(lang, key, args(f, n.Arg, num)...)
					if !strings.Contains(got, want) && !strings.Contains(got, " "+form+" ") {
						t.Errorf("%s (%s) with %d: %q lacks %q", key, lang, num, got, want)
					}
				}
			}
		}
	}
	if plurals == 0 {
		t.Fatal("no plural entries")
	}
}

// args makes arguments for format f: num at position arg, a harmless value
// of the verb's kind elsewhere.
func args(f string, arg, num int) []any {
	var out []any
	for i, v := range verbs(f) {
		switch {
		case i+1 == arg:
			out = append(out, num)
		case strings.HasSuffix(v, "d"):
			out = append(out, 7)
		default:
			out = append(out, "x")
		}
	}
	return out
}

func TestExamples(t *testing.T) {
	c := mustNew(t)
	for _, tc := range []struct {
		lang cards.Lang
		key  string
		args []any
		want string
	}{
		{cards.NL, "Digest.PatternF", []any{"Signaal", "ziekte", 1, 1}, `Signaal "ziekte" kwam terug in 1 casus in 1 week: `},
		{cards.NL, "Digest.PatternF", []any{"Signaal", "ziekte", 2, 4}, `Signaal "ziekte" kwam terug in 2 casussen in 4 weken: `},
		{cards.EN, "Digest.PatternF", []any{"Signal", "illness", 1, 1}, `Signal "illness" recurred in 1 case in 1 week: `},
		{cards.EN, "Digest.PatternF", []any{"Signal", "illness", 2, 4}, `Signal "illness" recurred in 2 cases in 4 weeks: `},
		{cards.NL, "Digest.WaitingF", []any{"loonstrook", 1}, "loonstrook (wacht al 1 dag)"},
		{cards.EN, "Digest.WaitingF", []any{"payslip", 0}, "payslip (waiting for 0 days)"},
		{cards.NL, "Digest.IdleDaysF", []any{12}, "12 dagen geen activiteit"},
		{cards.EN, "Digest.IdleDaysF", []any{1}, "1 day without activity"},
		{cards.NL, "Texts.StepF", []any{1, 1234}, "Stap 1 van 1234"},
	} {
		if got := c.Format(tc.lang, tc.key, tc.args...); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s %s %v = %q, want %q…", tc.lang, tc.key, tc.args, got, tc.want)
		}
	}
}

// TestNoFakedPlurals: a noun counted in the text has a plural entry, not
// "casus(sen)" or "dag(en)".
func TestNoFakedPlurals(t *testing.T) {
	faked := regexp.MustCompile(`\w\((?:s|en|sen|n|es)\)|%d (?:dagen|days|casussen|cases|weken|weeks)\b`)
	for _, tx := range texts() {
		for _, s := range []string{tx.nl, tx.en} {
			if m := faked.FindString(s); m != "" {
				t.Errorf("%s fakes a plural: %q", tx.key, m)
			}
		}
	}
}
