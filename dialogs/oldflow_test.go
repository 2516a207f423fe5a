package dialogs

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// testdata/cards-2026.11-1 is the built-in content as it was before the
// method was corrected (flow 2026.11-1): cases asked under it are in
// databases today.
func loadOldContent(t *testing.T) *cards.Set {
	t.Helper()
	set, err := cards.LoadDir(filepath.Join("testdata", "cards-2026.11-1"))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// A case halfway through under the old flow continues under the current
// content at the first question it has not answered (a new question such
// as hearing the inwoner is asked), never asks a question twice, and ends
// with a summary; it keeps the version it was started under.
func TestOpenCaseFromTheOldFlowContinues(t *testing.T) {
	old := loadOldContent(t)
	cur, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if old.Version == cur.Version {
		t.Fatalf("the current content still has version %s", cur.Version)
	}
	for _, lang := range cards.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			clk := &testClock{now: t0}
			e := New(old, clk.Now)
			c, err := e.NewCase(Start{Channel: "C1", Title: "Kostendelersnorm", Scheme: "Participatiewet", By: starter, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			c.ID = 7
			advanceTo(t, e, c, "argumenten/ruimte")

			e = New(cur, clk.Now)
			p := mustPrompt(t, e, c)
			first := ""
			for _, st := range cur.Steps() {
				if _, ok := c.AnswerTo(st.ID); !ok {
					first = st.ID
					break
				}
			}
			if p.StepID != first {
				t.Fatalf("open step %s, want the first unanswered %s", p.StepID, first)
			}
			for {
				p, ok := e.Prompt(c)
				if !ok {
					break
				}
				mustAnswer(t, e, c, genericInput(t, e, c, p))
			}
			seen := map[string]bool{}
			for _, a := range c.Answers {
				if seen[a.Step] {
					t.Errorf("%s answered twice", a.Step)
				}
				seen[a.Step] = true
			}
			for _, st := range cur.Steps() {
				if !seen[st.ID] {
					t.Errorf("%s never asked", st.ID)
				}
			}
			if c.Status != record.StatusClosed || c.CardsVersion != old.Version || c.Decision == nil {
				t.Errorf("status %s, version %q, decision %+v", c.Status, c.CardsVersion, c.Decision)
			}
			if s := PlainSummary(e.Summarize(c), func(u string) string { return u }, nil); !strings.Contains(s, c.Title) {
				t.Errorf("no summary:\n%s", s)
			}
		})
	}
}

// A case completed under the old flow still summarises under the current
// content: its decision, and the answers to questions that left the
// conversation under their own heading, labelled by their card, never by a
// bare step id.
func TestClosedCaseFromTheOldFlowSummarises(t *testing.T) {
	old := loadOldContent(t)
	cur, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range cards.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			clk := &testClock{now: t0}
			e := New(old, clk.Now)
			c, err := e.NewCase(Start{Channel: "C1", Title: "Huurachterstand", By: starter, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			c.ID = 8
			for {
				p, ok := e.Prompt(c)
				if !ok {
					break
				}
				mustAnswer(t, e, c, genericInput(t, e, c, p))
			}
			before := e.Summarize(c)
			after := New(cur, clk.Now).Summarize(c)
			if after.Decision == nil || after.Decision.Option != before.Decision.Option {
				t.Errorf("decision %+v, before %+v", after.Decision, before.Decision)
			}
			plain := PlainSummary(after, func(u string) string { return u }, nil)
			for _, a := range c.Answers {
				if _, ok := cur.Step(a.Step); ok {
					continue
				}
				if strings.Contains(plain, "• "+a.Step+"\n") {
					t.Errorf("the answer to %s is labelled by its step id:\n%s", a.Step, plain)
				}
			}
			if !strings.Contains(plain, old.Version) {
				t.Errorf("the summary does not name the case's content version %s:\n%s", old.Version, plain)
			}
		})
	}
}
