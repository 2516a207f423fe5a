package render

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render/rendertest"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
)

// TestGoldenCards keeps the list, the signals card and the variants card as
// they render, in both languages.
func TestGoldenCards(t *testing.T) {
	r, _ := goldenRenderer(t)
	set := dialogstest.Engine(t).Cards()
	for _, lang := range cards.Langs() {
		blocks, text := r.CardList(set, lang, "/maatwerk")
		checkGolden(t, fmt.Sprintf("%s/card-list", lang), message{text, blocks})
		for _, id := range []string{"signalen", "varianten"} {
			c, ok := set.Card(id)
			if !ok {
				t.Fatalf("no card %s", id)
			}
			parts, text := r.Card(dialogs.ViewCard(set, c, lang), lang, true, "")
			for i, p := range parts {
				name := fmt.Sprintf("%s/card-%s", lang, id)
				if i > 0 {
					name += fmt.Sprintf("-%d", i+1)
				}
				checkGolden(t, name, message{text, p})
			}
		}
	}
}

// TestEveryCardWithinBlockKitLimits renders every card of the built-in set
// in both languages, privately and shared, and checks each message.
func TestEveryCardWithinBlockKitLimits(t *testing.T) {
	r, _ := goldenRenderer(t)
	set := dialogstest.Engine(t).Cards()
	for _, lang := range cards.Langs() {
		blocks, _ := r.CardList(set, lang, "/maatwerk")
		for _, p := range rendertest.BlockProblems(t, blocks) {
			t.Errorf("%s list: %s", lang, p)
		}
		for _, c := range set.Cards {
			for _, sharedBy := range []string{"", dialogstest.Alice} {
				parts, text := r.Card(dialogs.ViewCard(set, c, lang), lang, sharedBy == "", sharedBy)
				if text == "" {
					t.Errorf("%s %s: no notification text", lang, c.ID)
				}
				buttons := 0
				for i, p := range parts {
					for _, prob := range rendertest.BlockProblems(t, p) {
						t.Errorf("%s %s part %d: %s", lang, c.ID, i+1, prob)
					}
					raw, _ := json.Marshal(p)
					buttons += strings.Count(string(raw), ActCardShare)
				}
				if want := map[bool]int{true: 1, false: 0}[sharedBy == ""]; buttons != want {
					t.Errorf("%s %s (shared by %q): %d share buttons, want %d", lang, c.ID, sharedBy, buttons, want)
				}
			}
		}
	}
}

// TestHugeCardIsSplitNotRejected renders a card far beyond one message:
// every part keeps within the limits, long texts end in an ellipsis, and
// no item is lost.
func TestHugeCardIsSplitNotRejected(t *testing.T) {
	long := strings.Repeat("Een heel lange zin over maatwerk. ", 200) // ~6800 characters
	v := dialogs.CardView{ID: "groot", Title: strings.Repeat("Groot", 40), Purpose: "Veel."}
	for i := range 60 {
		v.Items = append(v.Items, dialogs.CardViewItem{ID: fmt.Sprint(i), Text: fmt.Sprintf("Item %d. %s", i, long), Help: "Hulp"})
	}
	r, _ := goldenRenderer(t)
	parts, _ := r.Card(v, cards.NL, true, "")
	if len(parts) < 2 {
		t.Fatalf("%d parts; a card of 60 long items must be split", len(parts))
	}
	all := ""
	for i, p := range parts {
		for _, prob := range rendertest.BlockProblems(t, p) {
			t.Errorf("part %d: %s", i+1, prob)
		}
		raw, _ := json.Marshal(p)
		all += string(raw)
	}
	for i := range 60 {
		if !strings.Contains(all, fmt.Sprintf("Item %d.", i)) {
			t.Errorf("item %d is missing from the parts", i)
		}
	}
	if !strings.Contains(all, "…") {
		t.Errorf("no text was clipped with an ellipsis")
	}
}
