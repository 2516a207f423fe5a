package dialogs_test

import (
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// TestCorrectWhoAndWhen: an answer is changed by whoever gave it, the
// starter or a team lead, never by a colleague who did not give it, and
// never on a closed case; a refused change leaves the case as it was.
func TestCorrectWhoAndWhen(t *testing.T) {
	e := dialogstest.Engine(t)
	c := dialogstest.Case(t, e, cards.NL, 8, false)
	var step string // the first free-text question, answered by Alice
	for _, st := range e.Cards().Steps() {
		if st.Item.Kind == cards.KindText {
			step = st.ID
			break
		}
	}
	if a, ok := c.AnswerTo(step); !ok || a.By != dialogstest.Alice {
		t.Fatalf("no answer of Alice's to %s: %+v", step, c.Answers)
	}
	change := func(c *record.Case, by string, lead bool) error {
		_, err := e.Correct(c, step, dialogs.Input{Text: "Een ander doel, door " + by + ".", By: by, Lead: lead})
		return err
	}
	for _, tc := range []struct {
		name string
		by   string
		lead bool
		code dialogs.ErrorCode
	}{
		{"the one who answered", dialogstest.Alice, false, ""},
		{"a team lead", dialogstest.Lead, true, ""},
		{"a colleague who did not answer", dialogstest.Bob, false, dialogs.CodeNotAllowed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cc := c.Clone()
			err := change(cc, tc.by, tc.lead)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if h := cc.History(step); len(h) != 2 || h[1].By != tc.by || !h[1].Corrects {
					t.Errorf("history %+v", h)
				}
				return
			}
			if ue, ok := dialogs.AsError(err); !ok || ue.Code != tc.code {
				t.Fatalf("error %v, want code %s", err, tc.code)
			}
			if len(cc.Answers) != len(c.Answers) {
				t.Errorf("a refused change was recorded")
			}
		})
	}
	closed := dialogstest.Case(t, e, cards.NL, -1, false)
	if err := change(closed, dialogstest.Alice, false); err == nil {
		t.Errorf("an answer of a closed case was changed")
	} else if ue, _ := dialogs.AsError(err); ue == nil || ue.Code != dialogs.CodeClosed {
		t.Errorf("closed case: %v", err)
	}
	if _, err := e.Correct(c.Clone(), step, dialogs.Input{Text: "bel 0612345678", By: dialogstest.Alice}); err == nil {
		t.Errorf("a change with a phone number was taken: the privacy guard applies to changes too")
	}
}
