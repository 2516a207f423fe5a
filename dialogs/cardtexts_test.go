package dialogs

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// TestCardTextsBothLanguages checks that every card text is written in both
// languages, differs between them, and that format strings take the same
// verbs.
func TestCardTextsBothLanguages(t *testing.T) {
	nl, en := reflect.ValueOf(CardTextsFor(cards.NL)).Elem(), reflect.ValueOf(CardTextsFor(cards.EN)).Elem()
	verbs := regexp.MustCompile(`%(\[\d+\])?[a-z]`)
	for i := range nl.NumField() {
		name := nl.Type().Field(i).Name
		a, b := nl.Field(i).String(), en.Field(i).String()
		if strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
			t.Errorf("CardTexts.%s is empty in a language: %q / %q", name, a, b)
		}
		if a == b {
			t.Errorf("CardTexts.%s reads the same in Dutch and English: %q", name, a)
		}
		va, vb := verbs.FindAllString(a, -1), verbs.FindAllString(b, -1)
		slices.Sort(va)
		slices.Sort(vb)
		if !slices.Equal(va, vb) {
			t.Errorf("CardTexts.%s: verbs %q in Dutch, %q in English", name, va, vb)
		}
	}
	if CardTextsFor("de").Share != CardTextsFor(cards.NL).Share {
		t.Errorf("CardTextsFor does not fall back to Dutch")
	}
}

func TestFindCard(t *testing.T) {
	set, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"signalen", "signalen"}, {"Signalenkaart", "signalen"}, {"signalen-kaart", "signalen"}, {"Signals card", "signalen"},
		{"signals", "signalen"}, {"kaart signalen", "signalen"}, {"argument", "argumenten"}, {"Arguments", "argumenten"},
		{"vragen", "vragen"}, {"Vragenkaart", "vragen"}, {"questions", "vragen"},
		{"beleid", "beleid"}, {"Vragenkaart beleid", "beleid"}, {"policy", "beleid"}, {"Policy questions card", "beleid"},
		{"maatwerk", "maatwerk"}, {"vragenkaart maatwerk", "maatwerk"},
		{"communicatie", "communicatie"}, {"COMMUNICATIEKAART", "communicatie"}, {"communication card", "communicatie"},
		{"varianten", "varianten"}, {"Vier varianten", "varianten"}, {"variants", "varianten"},
		{"dilemma's", "dilemmas"}, {"Dilemmas", "dilemmas"}, {"dynamieken", "dynamieken"}, {"dynamics", "dynamieken"},
		{"onzin", ""}, {"", ""}, {"kaart", ""}, {"vra", ""},
	}
	for _, tt := range tests {
		c, ok := FindCard(set, tt.name)
		got := ""
		if ok {
			got = c.ID
		}
		if got != tt.want {
			t.Errorf("FindCard(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
