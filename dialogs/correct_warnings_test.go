package dialogs

import (
	"slices"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// TestCorrectDecisionWarns: changing the decision afterwards is warned
// about as deciding is. A warning not gone on despite refuses the change
// and leaves the case as it was; going on despite it records the new
// decision with the warning; a good motivering records none, also where
// the decision it replaces had one.
func TestCorrectDecisionWarns(t *testing.T) {
	short, mandate := record.WarnShortRationale, record.WarnOutsideMandate
	for _, tc := range []struct {
		name    string
		mandate string // the answer to the mandate question
		decided Input  // the decision as first recorded: By, Lead, NoLeads, Choices, Text, Despite
		change  Input  // the correction: By, Lead, NoLeads, Choices, Text
		want    []record.WarningKind
	}{
		{"a good motivering changed to ok", "ikzelf",
			Input{By: starter, Choices: []string{"maatwerk"}, Text: goodRationale},
			Input{By: starter, Choices: []string{"maatwerk"}, Text: "ok"},
			[]record.WarningKind{short}},
		{"another option with a short motivering", "ikzelf",
			Input{By: starter, Choices: []string{"maatwerk"}, Text: goodRationale},
			Input{By: starter, Choices: []string{"regel"}, Text: "zie gesprek"},
			[]record.WarningKind{short}},
		{"a good motivering", "ikzelf",
			Input{By: starter, Choices: []string{"maatwerk"}, Text: goodRationale},
			Input{By: starter, Choices: []string{"regel"}, Text: "Ik pas de regel gewoon toe, want die past hier."},
			nil},
		{"a short motivering made good drops its warning", "ikzelf",
			Input{By: starter, Choices: []string{"maatwerk"}, Text: "ok", Despite: []record.WarningKind{short}},
			Input{By: starter, Choices: []string{"maatwerk"}, Text: goodRationale},
			nil},
		{"the lead's mandate, no leads configured", "teamleider",
			Input{By: starter, NoLeads: true, Choices: []string{"maatwerk"}, Text: goodRationale, Despite: []record.WarningKind{mandate}},
			Input{By: starter, NoLeads: true, Choices: []string{"maatwerk"}, Text: "ok"},
			[]record.WarningKind{short, mandate}},
		{"a team lead corrects where the mandate is the lead's", "teamleider",
			Input{By: lead, Lead: true, Choices: []string{"maatwerk"}, Text: goodRationale},
			Input{By: lead, Lead: true, Choices: []string{"regel"}, Text: goodRationale},
			nil},
		{"a team lead corrects a starter's decision, mandate the lead's", "teamleider",
			Input{By: starter, NoLeads: true, Choices: []string{"maatwerk"}, Text: goodRationale, Despite: []record.WarningKind{mandate}},
			Input{By: lead, Lead: true, Choices: []string{"maatwerk"}, Text: goodRationale},
			nil},
		{"a team lead's short motivering", "teamleider",
			Input{By: lead, Lead: true, Choices: []string{"maatwerk"}, Text: goodRationale},
			Input{By: lead, Lead: true, Choices: []string{"maatwerk"}, Text: "akkoord"},
			[]record.WarningKind{short}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, clk := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			answerMandate(t, e, c, tc.mandate)
			p := mustPrompt(t, e, c)
			decided := tc.decided
			decided.Seq, decided.Step = p.Seq, p.StepID
			mustAnswer(t, e, c, decided)
			if c.Decision == nil || c.Status == record.StatusClosed {
				t.Fatalf("no open case with a decision: %+v", c)
			}
			clk.Advance(time.Hour)

			in := tc.change
			before := caseJSON(t, c)
			_, err := e.Correct(c, stepBesluit, in)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("Correct: %v", err)
				}
				wantDecision(t, c, in, nil)
				return
			}
			ue := wantUserError(t, err, CodeWarning, "text")
			var got []record.WarningKind
			for _, w := range ue.Warnings {
				got = append(got, w.Kind)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("warnings %q, want %q", got, tc.want)
			}
			if caseJSON(t, c) != before {
				t.Fatal("a correction refused for a warning changed the case")
			}
			// Going on despite only some of the warnings is not enough.
			in.Despite = tc.want[:len(tc.want)-1]
			if _, err := e.Correct(c, stepBesluit, in); err == nil {
				t.Fatalf("corrected despite %q of %q", in.Despite, tc.want)
			}
			in.Despite = tc.want
			if _, err := e.Correct(c, stepBesluit, in); err != nil {
				t.Fatalf("Correct despite %q: %v", in.Despite, err)
			}
			wantDecision(t, c, in, tc.want)
		})
	}
}

// wantDecision checks that the decision of c is the correction in, with
// warnings, and that the answer it replaces stays in the history.
func wantDecision(t *testing.T, c *record.Case, in Input, warnings []record.WarningKind) {
	t.Helper()
	d := c.Decision
	if d == nil || d.Option != in.Choices[0] || d.Rationale != in.Text || d.By != in.By || !d.At.Equal(t0.Add(time.Hour)) {
		t.Fatalf("decision %+v, want %s's %q: %q", d, in.By, in.Choices, in.Text)
	}
	if !slices.Equal(d.Warnings, warnings) {
		t.Errorf("decision's warnings %q, want %q", d.Warnings, warnings)
	}
	if h := c.History(stepBesluit); len(h) != 2 || !h[1].Corrects || h[1].Text != in.Text {
		t.Errorf("history %+v", h)
	}
}
