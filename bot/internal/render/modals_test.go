package render

import (
	"fmt"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// TestGoldenChangeDecisionModal: the Wijzig form of the decision, and the
// same form after its submission was warned about (issue 16.3): the
// warnings above the inputs, the choice and the motivering as submitted.
func TestGoldenChangeDecisionModal(t *testing.T) {
	r, e := goldenRenderer(t)
	for _, lang := range cards.Langs() {
		decided := -1
		for i := range e.Total() {
			c := goldenCase(t, e, lang, i, false)
			if p, _ := e.Prompt(c); p.Kind == cards.KindDecision {
				decided = i + 1
			}
		}
		if decided < 0 {
			t.Fatal("no decision question")
		}
		c := goldenCase(t, e, lang, decided, false)
		setMandate(t, e, c, "teamleider")
		asked, _ := e.PromptAt(c, decided-1)
		cur, ok := c.AnswerTo(asked.StepID)
		if !ok {
			t.Fatalf("no answer to the decision: %+v", c.Answers)
		}
		p, err := e.CanCorrect(c, cur.Step, c.StartedBy, false)
		if err != nil {
			t.Fatalf("CanCorrect: %v", err)
		}
		m := Meta{Channel: "C0GOLDEN", CaseID: 42, Step: cur.Step, Lang: string(lang)}
		checkGolden(t, fmt.Sprintf("%s/modal-change-decision", lang), r.ChangeModal(c, p, cur, m))

		// Changed to the other option with "ok" by the starter, who said
		// the team lead decides, where no team lead is configured.
		other := p.Options[0].ID
		if other == cur.Choices[0] {
			other = p.Options[1].ID
		}
		in := dialogs.Input{Step: cur.Step, Choices: []string{other}, Text: "ok", By: c.StartedBy, NoLeads: true}
		_, err = e.Correct(c.Clone(), cur.Step, in)
		ue, ok := dialogs.AsError(err)
		if !ok || ue.Code != dialogs.CodeWarning || len(ue.Warnings) != 2 {
			t.Fatalf("Correct: %v, want the motivering's and the mandate's warnings", err)
		}
		wm := m
		wm.Warned, wm.WarnedKey = []string{string(ue.Warnings[0].Kind), string(ue.Warnings[1].Kind)}, "k"
		checkGolden(t, fmt.Sprintf("%s/modal-change-decision-warned", lang), r.WarnedChangeModal(c, p, cur, wm, ue.Warnings, in.Choices, "ok"))
	}
}
