package dialogs

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// runEmbeddedConsole runs a console over the built-in content.
func runEmbeddedConsole(tb testing.TB, store *fakeStore, lang cards.Lang, lines ...string) string {
	tb.Helper()
	set, err := cards.LoadEmbedded()
	if err != nil {
		tb.Fatal(err)
	}
	var out strings.Builder
	con := &Console{
		Engine: New(set, nil), Store: store, User: "tester", Lang: lang,
		In: strings.NewReader(strings.Join(lines, "\n") + "\n"), Out: &out,
	}
	if err := con.Run(context.Background()); err != nil {
		tb.Fatalf("Run: %v\n%s", err, out.String())
	}
	return out.String()
}

// TestConsoleCards asks for cards at the title prompt and at open
// questions: each shows the card and asks the same question again, and the
// next line is taken as the answer.
func TestConsoleCards(t *testing.T) {
	tests := []struct {
		name  string
		lang  cards.Lang
		lines []string
		want  []string // in the output, in this order
		check func(t *testing.T, c *record.Case)
	}{
		{"list at the title prompt", cards.NL, []string{"kaart", "Een casus", "", ""},
			[]string{"Korte omschrijving", "De kaarten", "Signalenkaart (signalen)", "Dynamieken (dynamieken)",
				"Korte omschrijving", "Casus MW-0001 is gestart"},
			func(t *testing.T, c *record.Case) {
				if c.Title != "Een casus" {
					t.Errorf("Title = %q", c.Title)
				}
			}},
		{"a card at a multi question", cards.NL, []string{"Een casus", "", "", "kaart signalen", "1"},
			[]string{"Signalen · stap 1 van 18", "== Signalenkaart ==", "De uitkomst staat haaks op het doel van de regel — Dit kan niet de bedoeling zijn geweest",
				"Signalen · stap 1 van 18", "Signalen · stap 2 van 18"},
			func(t *testing.T, c *record.Case) {
				if a, ok := c.AnswerTo("signalen/uitkomst"); !ok || !slices.Equal(a.Choices, []string{"strijdig-met-doel"}) {
					t.Errorf("answer to uitkomst: %+v", a)
				}
			}},
		{"variants", cards.NL, []string{"Een casus", "", "", "varianten", "0"},
			[]string{"== Vier varianten ==", "[Voor bepaalde groepen: nee · Voor het losse geval: nee]", "Standaardisatie",
				"[Voor bepaalde groepen: ja · Voor het losse geval: ja]", "Standaardmaatwerk", "Dilemma's", "Maatwerk ↔ rechtsgelijkheid",
				"Signalen · stap 1 van 18", "Signalen · stap 2 van 18"}, nil},
		{"forgiving names", cards.NL, []string{"Een casus", "", "", "KAART Communicatiekaart", "kaart vragenkaart beleid"},
			[]string{"== Communicatiekaart ==", "Signalen · stap 1 van 18", "== Vragenkaart beleid ==", "Signalen · stap 1 van 18"}, nil},
		{"unknown card", cards.NL, []string{"Een casus", "", "", "kaart onzin"},
			[]string{`De kaart "onzin" ken ik niet. Kies uit: signalen, argumenten, communicatie, varianten, vragen,`, "Signalen · stap 1 van 18"}, nil},
		{"english", cards.EN, []string{"A case", "", "", "card arguments", "variants"},
			[]string{"== Arguments card ==", "Signals · step 1 of 18", "== Four variants ==", "[For specific groups: yes · For the single case: no]", "Policy category"}, nil},
		{"a text answer that only starts with the word", cards.NL, []string{"Een casus", "", "", "0", "0", "0", "0", "1", "Kaart van de wijk laat zien dat het doel bestaanszekerheid is."},
			[]string{"Afweging · stap 6 van 18", "Afweging · stap 7 van 18"},
			func(t *testing.T, c *record.Case) {
				if a, ok := c.AnswerTo("argumenten/doel"); !ok || !strings.HasPrefix(a.Text, "Kaart van de wijk") {
					t.Errorf("answer to doel: %+v", a)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newFakeStore()
			out := runEmbeddedConsole(t, store, tt.lang, tt.lines...)
			rest := out
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			if tt.check != nil {
				tt.check(t, store.get(t, 1))
			}
		})
	}
}
