package dialogs

import (
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// TestConversationPointsToTheCards checks, on the built-in content, the
// places where the conversation leans on the cards: the signals end with a
// reading, the variant placement explains each variant in one line, and
// the reflection points to the Communicatiekaart and the Vragenkaart
// beleid.
func TestConversationPointsToTheCards(t *testing.T) {
	set, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range cards.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			clk := &testClock{now: t0}
			e := New(set, clk.Now)
			c, err := e.NewCase(Start{Channel: "C1", Title: "Een casus", By: starter, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			prompts := map[string]Prompt{}
			for {
				p, ok := e.Prompt(c)
				if !ok {
					break
				}
				prompts[p.StepID] = p
				mustAnswer(t, e, c, genericInput(t, e, c, p))
			}
			tx := TextsFor(lang)

			weging := prompts["signalen/weging"]
			if weging.Reading == "" || len(weging.Signals) == 0 || !strings.Contains(PlainPrompt(weging, tx), tx.ReadingLabel) {
				t.Errorf("the signals do not end with a reading: %+v", weging)
			}

			plaatsing := prompts["varianten/plaatsing"]
			plain := PlainPrompt(plaatsing, tx)
			vc, _ := VariantsCard(set)
			n := 0
			for _, it := range vc.Items {
				if it.Position == nil {
					continue
				}
				n++
				if w := it.Title.In(lang) + " — " + it.Help.In(lang); !strings.Contains(plain, w) {
					t.Errorf("the placement does not explain %s: want %q in\n%s", it.ID, w, plain)
				}
			}
			if n != 4 || len(plaatsing.Options) != 4 {
				t.Errorf("%d variants on the card, %d options at the placement; want 4", n, len(plaatsing.Options))
			}

			comm, _ := set.Card("communicatie")
			beleid, _ := set.Card("beleid")
			for step, card := range map[string]*cards.Card{"vragen/uitleg": comm, "vragen/beleid": beleid} {
				p := prompts[step]
				found := false
				for _, s := range p.See {
					found = found || strings.HasPrefix(s, card.Title.In(lang)+": ")
				}
				if !found {
					t.Errorf("%s does not point to %s: see %q", step, card.Title.In(lang), p.See)
				}
			}
		})
	}
}
