package dialogs

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// The essay Maatwerk als standaard orders its four variants from little to
// much maatwerk: standaardisatie, beleidscategorieën, hardheidsclausules,
// standaardmaatwerk. variantNames finds each in Dutch and English text.
var variantNames = []struct {
	id string
	re *regexp.Regexp
}{
	{"standaardisatie", regexp.MustCompile(`(?i)standaardisatie|standardi[sz]ation`)},
	{"beleidscategorie", regexp.MustCompile(`(?i)beleidscategorie|policy categor`)},
	{"hardheidsclausule", regexp.MustCompile(`(?i)hardheidsclausule|hardship clause`)},
	{"standaardmaatwerk", regexp.MustCompile(`(?i)standaardmaatwerk|maatwerk as the norm|standard maatwerk`)},
}

// variantOrder returns the variants a text names, in the order of their
// first mention.
func variantOrder(s string) []string {
	type at struct {
		id  string
		pos int
	}
	var found []at
	for _, v := range variantNames {
		if loc := v.re.FindStringIndex(s); loc != nil {
			found = append(found, at{v.id, loc[0]})
		}
	}
	slices.SortFunc(found, func(a, b at) int { return a.pos - b.pos })
	var out []string
	for _, f := range found {
		out = append(out, f.id)
	}
	return out
}

// inEssayOrder reports whether ids follow the essay's order.
func inEssayOrder(ids []string) bool {
	last := -1
	for _, id := range ids {
		i := slices.IndexFunc(variantNames, func(v struct {
			id string
			re *regexp.Regexp
		}) bool {
			return v.id == id
		})
		if i < last {
			return false
		}
		last = i
	}
	return true
}

// allTexts returns every text of a value (card content, interface texts)
// with a path to it, walking structs, slices and maps.
func allTexts(v reflect.Value, path string, out map[string]string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			allTexts(v.Elem(), path, out)
		}
	case reflect.String:
		out[path] = v.String()
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				allTexts(v.Field(i), path+"."+v.Type().Field(i).Name, out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			allTexts(v.Index(i), path+"["+strconv.Itoa(i)+"]", out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			allTexts(v.MapIndex(k), path+"["+k.String()+"]", out)
		}
	}
}

// Wherever three or more variants are listed — in the cards, the bot's own
// texts and the READMEs — they stand in the essay's order. (Two may be
// named in any order: "a recurring hardship clause calls for a policy
// category" is not a list.)
func TestVariantsInTheEssaysOrderEverywhere(t *testing.T) {
	set, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, c := range set.Cards {
		allTexts(reflect.ValueOf(c), c.ID, texts)
	}
	for _, l := range cards.Langs() {
		allTexts(reflect.ValueOf(TextsFor(l)), "Texts/"+string(l), texts)
		allTexts(reflect.ValueOf(CardTextsFor(l)), "CardTexts/"+string(l), texts)
		allTexts(reflect.ValueOf(DigestTextsFor(l)), "DigestTexts/"+string(l), texts)
	}
	for _, f := range []string{"../README.md", "../cards/README.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Each paragraph or list line is one text.
		for i, para := range strings.Split(string(b), "\n") {
			texts[f+":"+strconv.Itoa(i+1)] = para
		}
	}
	lists := 0
	for where, s := range texts {
		ids := variantOrder(s)
		if len(ids) < 3 {
			continue
		}
		lists++
		if !inEssayOrder(ids) {
			t.Errorf("%s lists the variants as %v, not in the essay's order (standaardisatie → beleidscategorieën → hardheidsclausules → standaardmaatwerk):\n%s", where, ids, s)
		}
	}
	if lists == 0 {
		t.Fatal("found no list of variants at all: the test looks in the wrong places")
	}

	// The variants card itself has them in that order.
	c, ok := VariantsCard(set)
	if !ok {
		t.Fatal("no variants card")
	}
	var order []string
	for _, it := range c.Items {
		if it.Position != nil {
			order = append(order, it.ID)
		}
	}
	if want := []string{"standaardisatie", "beleidscategorie", "hardheidsclausule", "standaardmaatwerk"}; !slices.Equal(order, want) {
		t.Errorf("variants card order %v, want %v", order, want)
	}
}

func TestVariantOrderCheckerCatchesASwap(t *testing.T) {
	if inEssayOrder(variantOrder("standaardisatie, hardheidsclausule, beleidscategorie en standaardmaatwerk")) {
		t.Error("a swapped list passes")
	}
	if !inEssayOrder(variantOrder("standardisation, policy categories, hardship clauses and maatwerk as the norm")) {
		t.Error("the essay's order fails")
	}
}

// Each variant's place on the axes (its position), the labels the 2×2
// gives that place, and the variant's own one-line description agree.
func TestVariantGridAgreesWithEachVariant(t *testing.T) {
	set, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	c, _ := VariantsCard(set)
	// What a description says about each axis, by language: the phrase
	// that denies it is tried first.
	type axis struct{ no, yes []string }
	says := map[cards.Lang][2]axis{
		cards.NL: {
			{no: []string{"niet voor groepen"}, yes: []string{"voor groepen", "voor bepaalde groepen"}},
			{no: []string{"niet per geval", "niet voor het losse geval"}, yes: []string{"per geval", "voor het losse geval", "losse geval"}},
		},
		cards.EN: {
			{no: []string{"not for groups"}, yes: []string{"for groups", "for specific groups"}},
			{no: []string{"not per case", "not for the single case"}, yes: []string{"per case", "for the single case", "single case"}},
		},
	}
	read := func(s string, a axis) (bool, bool) {
		s = strings.ToLower(s)
		for _, p := range a.no {
			if strings.Contains(s, p) {
				return false, true
			}
		}
		for _, p := range a.yes {
			if strings.Contains(s, p) {
				return true, true
			}
		}
		return false, false
	}
	for _, lang := range cards.Langs() {
		g := grid(c, lang)
		ct := CardTextsFor(lang)
		if len(g.Order) != 4 {
			t.Fatalf("%s: %d variants", lang, len(g.Order))
		}
		// The two axis labels name the axis they stand for, and only it.
		for i, label := range []string{ct.AxisGroups, ct.AxisSingle} {
			if yes, ok := read(label, says[lang][i]); !ok || !yes {
				t.Errorf("%s: axis label %q does not name axis %d", lang, label, i)
			}
			if _, ok := read(label, says[lang][1-i]); ok {
				t.Errorf("%s: axis label %q also names the other axis", lang, label)
			}
		}
		for _, v := range g.Order {
			place := ct.Place(v)
			for i, want := range []bool{v.Groups, v.SingleCase} {
				got, ok := read(v.Line, says[lang][i])
				if !ok {
					t.Errorf("%s %s: the description %q does not say whether it holds %s", lang, v.ID, v.Line, []string{"for groups", "for the single case"}[i])
					continue
				}
				if got != want {
					t.Errorf("%s %s: the description %q disagrees with its position (axis %d: %v)", lang, v.ID, v.Line, i, want)
				}
				yn := map[bool]string{true: ct.Yes, false: ct.No}[want]
				if label := []string{ct.AxisGroups, ct.AxisSingle}[i] + ": " + yn; !strings.Contains(place, label) {
					t.Errorf("%s %s: the 2×2 shows %q, want %q (its position)", lang, v.ID, place, label)
				}
			}
		}
	}
}
