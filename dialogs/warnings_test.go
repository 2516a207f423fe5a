package dialogs

import (
	"slices"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

const goodRationale = "Ik pas maatwerk toe, omdat de gevolgen anders onevenredig zijn."

func TestCountWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"ok", 1},
		{"  - … ?  ", 0},
		{"zie gesprek", 2},
		{"Ik doe X, omdat Y, ondanks Z.", 7},
		{"art. 4:84 Awb", 3},
		{"Onevenredig.\nZie\tboven", 3},
	} {
		if got := countWords(tc.text); got != tc.want {
			t.Errorf("countWords(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// TestWarnings checks each rule: what Warnings returns for a decision about
// to be recorded, and that Answer refuses it until the one answering goes
// on despite exactly those warnings, which are then recorded.
func TestWarnings(t *testing.T) {
	short, mandate := record.WarnShortRationale, record.WarnOutsideMandate
	for _, tc := range []struct {
		name    string
		mandate string // the answer to the mandate question
		choice  string
		text    string
		in      Input // By, Lead, NoLeads
		want    []record.WarningKind
	}{
		{"good motivering", "ikzelf", "maatwerk", goodRationale, Input{By: starter}, nil},
		{"one word", "ikzelf", "maatwerk", "ok", Input{By: starter}, []record.WarningKind{short}},
		{"five words", "ikzelf", "regel", "Ik doe X omdat Y.", Input{By: starter}, []record.WarningKind{short}},
		{"six words", "ikzelf", "regel", "Ik pas de regel gewoon toe.", Input{By: starter}, nil},
		{"punctuation is no word", "ikzelf", "regel", "Regel past . . . - - -", Input{By: starter}, []record.WarningKind{short}},
		{"lead's mandate, no leads configured", "teamleider", "maatwerk", goodRationale, Input{By: starter, NoLeads: true}, []record.WarningKind{mandate}},
		{"mandate elsewhere, no leads configured", "anders", "regel", goodRationale, Input{By: starter, NoLeads: true}, []record.WarningKind{mandate}},
		{"both", "anders", "maatwerk", "ok", Input{By: starter, NoLeads: true}, []record.WarningKind{short, mandate}},
		{"console: lead for everything, knows no leads", "teamleider", "maatwerk", goodRationale, Input{By: starter, Lead: true, NoLeads: true}, []record.WarningKind{mandate}},
		{"a team lead decides", "teamleider", "maatwerk", goodRationale, Input{By: lead, Lead: true}, nil},
		{"a team lead decides, mandate elsewhere", "anders", "regel", goodRationale, Input{By: lead, Lead: true}, nil},
		{"a team lead's short motivering", "teamleider", "regel", "akkoord", Input{By: lead, Lead: true}, []record.WarningKind{short}},
		{"own mandate, no leads configured", "ikzelf", "maatwerk", goodRationale, Input{By: starter, NoLeads: true}, nil},
		{"more information is no decision", "teamleider", "meer-info", "ok", Input{By: starter, NoLeads: true}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			answerMandate(t, e, c, tc.mandate)
			p := mustPrompt(t, e, c)
			in := tc.in
			in.Seq, in.Step, in.Choices, in.Text = p.Seq, p.StepID, []string{tc.choice}, tc.text
			ws := e.Warnings(c, in)
			var got []record.WarningKind
			for _, w := range ws {
				got = append(got, w.Kind)
				if w.Text == "" || strings.Contains(w.Text, "%!") {
					t.Errorf("warning %s has text %q", w.Kind, w.Text)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("Warnings = %q, want %q", got, tc.want)
			}
			if tc.choice == "meer-info" {
				return
			}
			before := caseJSON(t, c)
			_, err := e.Answer(c, in)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("Answer without warnings: %v", err)
				}
				if c.Decision == nil || c.Decision.Warnings != nil {
					t.Fatalf("decision %+v, want one without warnings", c.Decision)
				}
				return
			}
			ue := wantUserError(t, err, CodeWarning, "text")
			if !slices.EqualFunc(ue.Warnings, ws, func(a, b Warning) bool { return a == b }) {
				t.Errorf("error's warnings %+v, want %+v", ue.Warnings, ws)
			}
			if caseJSON(t, c) != before {
				t.Fatal("a decision refused for a warning changed the case")
			}
			// Going on despite only some of the warnings is not enough.
			in.Despite = tc.want[:len(tc.want)-1]
			if _, err := e.Answer(c, in); err == nil {
				t.Fatalf("recorded despite %q of %q", in.Despite, tc.want)
			}
			in.Despite = tc.want
			mustAnswer(t, e, c, in)
			if c.Decision == nil || !slices.Equal(c.Decision.Warnings, tc.want) || c.Decision.By != in.By {
				t.Fatalf("decision %+v, want one by %s with warnings %q", c.Decision, in.By, tc.want)
			}
		})
	}
}

// A decision put to the team leads and decided by a lead carries no
// mandate warning: the one who holds the mandate (or speaks for it)
// decided. The starter is refused, as before, and Voorleggen itself is
// never warned about.
func TestNoMandateWarningAfterEscalation(t *testing.T) {
	for _, mandate := range []string{"teamleider", "anders"} {
		t.Run(mandate, func(t *testing.T) {
			e, _ := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			answerMandate(t, e, c, mandate)
			p := mustPrompt(t, e, c)
			up := Input{Seq: p.Seq, Step: p.StepID, By: starter, Choices: []string{"voorleggen"}, Text: "graag", Leads: []string{lead}}
			if ws := e.Warnings(c, up); ws != nil {
				t.Errorf("Voorleggen warned: %+v", ws)
			}
			if out := mustAnswer(t, e, c, up); out.Escalated == nil {
				t.Fatalf("not escalated: %+v", out)
			}
			in := Input{Seq: c.Seq, Step: stepBesluit, By: lead, Lead: true, Choices: []string{"maatwerk"}, Text: goodRationale}
			if ws := e.Warnings(c, in); ws != nil {
				t.Errorf("the lead deciding is warned: %+v", ws)
			}
			mustAnswer(t, e, c, in)
			if c.Decision == nil || c.Decision.By != lead || c.Decision.Warnings != nil {
				t.Errorf("decision %+v, want the lead's without warnings", c.Decision)
			}
			if esc := c.Escalations[0]; esc.DecidedBy != lead {
				t.Errorf("escalation %+v", esc)
			}
		})
	}
}

// Warnings are given only at the decision, in the case's language.
func TestWarningsOnlyAtTheDecisionInTheCasesLanguage(t *testing.T) {
	e, _ := newTestEngine(t)
	c := mustNewCase(t, e, cards.EN)
	advanceTo(t, e, c, stepDoel)
	p := mustPrompt(t, e, c)
	if ws := e.Warnings(c, Input{Seq: p.Seq, Step: p.StepID, By: starter, Text: "ok"}); ws != nil {
		t.Errorf("a free-text question warned: %+v", ws)
	}
	answerMandate(t, e, c, "teamleider")
	p = mustPrompt(t, e, c)
	ws := e.Warnings(c, Input{Seq: p.Seq, Step: p.StepID, By: starter, NoLeads: true, Choices: []string{"regel"}, Text: "ok"})
	if len(ws) != 2 || !strings.Contains(ws[0].Text, "fewer than 6 words") || !strings.Contains(ws[1].Text, "Under Mandate you chose: The team lead.") {
		t.Errorf("warnings %+v, want both in English", ws)
	}
}

func TestSummaryShowsWarnings(t *testing.T) {
	e, _ := newTestEngine(t)
	for _, tc := range []struct {
		lang cards.Lang
		want string
	}{
		{cards.NL, "Vastgelegd ondanks waarschuwing: motivering korter dan een zin; buiten het mandaat dat bij Mandaat is gekozen\n"},
		{cards.EN, "Recorded despite a warning: statement of reasons shorter than a sentence; outside the mandate chosen under Mandate\n"},
	} {
		c := mustNewCase(t, e, tc.lang)
		c.Decision = &record.Decision{Option: "maatwerk", Rationale: "ok", By: starter, At: t0,
			Warnings: []record.WarningKind{record.WarnShortRationale, record.WarnOutsideMandate}}
		s := e.Summarize(c)
		if plain := PlainSummary(s, func(u string) string { return u }, nil); !strings.Contains(plain, tc.want) {
			t.Errorf("%s: plain summary lacks %q:\n%s", tc.lang, tc.want, plain)
		}
		c.Decision.Warnings = nil
		if plain := PlainSummary(e.Summarize(c), func(u string) string { return u }, nil); strings.Contains(plain, TextsFor(tc.lang).WarnedLabel) {
			t.Errorf("%s: a decision without warnings shows them:\n%s", tc.lang, plain)
		}
	}
}
