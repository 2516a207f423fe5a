package dialogs

import (
	"slices"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// TestConversationPointsToTheCards checks, on the built-in content, the
// places where the conversation leans on the cards and the method: the
// signals end with a reading; the inwoner is asked about before the
// options, and the tension before the decision; the legal question shows
// the scheme's own ground; the decision recalls the options, the tension
// and the mandate; the conversation with the inwoner is prepared after the
// decision and points to the Communicatiekaart; the variant question
// explains each variant in one line and asks about this kind of case; and
// the policy signal recalls the variant and points to the Vragenkaart
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
			c, err := e.NewCase(Start{Channel: "C1", Title: "Een casus", Scheme: "Participatiewet", By: starter, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			prompts := map[string]Prompt{}
			var order []string
			for {
				p, ok := e.Prompt(c)
				if !ok {
					break
				}
				prompts[p.StepID] = p
				order = append(order, p.StepID)
				mustAnswer(t, e, c, genericInput(t, e, c, p))
			}
			tx := TextsFor(lang)

			weging := prompts["signalen/weging"]
			if weging.Reading == "" || len(weging.Signals) == 0 || !strings.Contains(PlainPrompt(weging, tx), tx.ReadingLabel) {
				t.Errorf("the signals do not end with a reading: %+v", weging)
			}

			before := func(a, b string) {
				t.Helper()
				ia, ib := slices.Index(order, a), slices.Index(order, b)
				if ia < 0 || ib < 0 || ia > ib {
					t.Errorf("%s (at %d) is not asked before %s (at %d)", a, ia, b, ib)
				}
			}
			before("argumenten/inwoner", "argumenten/opties")
			before("argumenten/spanning", "argumenten/besluit")
			before("argumenten/besluit", "communicatie/voorbereiden-besluit")
			before("communicatie/voorbereiden-besluit", "varianten/inrichting")
			if p := prompts["argumenten/ruimte"]; !strings.Contains(p.SchemeText, "18") {
				t.Errorf("the legal question does not show the Participatiewet's own ground: %q", p.SchemeText)
			}
			if p := prompts["argumenten/besluit"]; len(p.Recall) != 3 {
				t.Errorf("the decision recalls %+v, want the options, the tension and the mandate", p.Recall)
			}
			if p := prompts["vragen/signaal-beleid"]; len(p.Recall) != 1 {
				t.Errorf("the policy signal recalls %+v, want the variant", p.Recall)
			}

			plaatsing := prompts["varianten/inrichting"]
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
			for step, card := range map[string]*cards.Card{"communicatie/voorbereiden-besluit": comm, "vragen/signaal-beleid": beleid} {
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
