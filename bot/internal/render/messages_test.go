package render

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render/rendertest"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

func TestGoldenMessages(t *testing.T) {
	r, e := goldenRenderer(t)
	for _, lang := range cards.Langs() {
		start := goldenCase(t, e, lang, 0, false)
		blocks, text := r.Root(start)
		checkGolden(t, fmt.Sprintf("%s/root-new", lang), message{text, blocks})

		// Every question of the conversation as it is asked, and answered.
		for i := range e.Total() {
			c := goldenCase(t, e, lang, i, false)
			p, ok := e.Prompt(c)
			if !ok {
				t.Fatalf("no prompt at step %d", i)
			}
			blocks, text := r.Prompt(c, p)
			name := fmt.Sprintf("%s/prompt-%02d-%s", lang, i+1, strings.ReplaceAll(p.StepID, "/", "-"))
			checkGolden(t, name, message{text, blocks})
			after := goldenCase(t, e, lang, i+1, false)
			a, _ := after.AnswerTo(p.StepID)
			pa, _ := e.PromptAt(after, i)
			blocks, text = r.Answered(after, pa, a)
			checkGolden(t, name+"-answered", message{text, blocks})
		}
		done := goldenCase(t, e, lang, -1, false)
		blocks, text = r.Root(done)
		checkGolden(t, fmt.Sprintf("%s/root-done", lang), message{text, blocks})
		blocks, text = r.Summary(done, "")
		checkGolden(t, fmt.Sprintf("%s/summary", lang), message{text, blocks})

		early := goldenCase(t, e, lang, -1, true)
		blocks, text = r.Root(early)
		checkGolden(t, fmt.Sprintf("%s/root-closed-early", lang), message{text, blocks})
		blocks, text = r.Summary(early, "")
		checkGolden(t, fmt.Sprintf("%s/summary-closed-early", lang), message{text, blocks})

		m := Meta{Channel: "C0GOLDEN", CaseID: 42, Seq: 3, Step: "x/y", Lang: string(lang)}
		checkGolden(t, fmt.Sprintf("%s/modal-new-case", lang), r.NewCaseModal(lang, m, ""))
		c := goldenCase(t, e, lang, 5, false)
		p, _ := e.Prompt(c)
		checkGolden(t, fmt.Sprintf("%s/modal-answer", lang), r.AnswerModal(c, p, "", m))
		for i := range e.Total() {
			c := goldenCase(t, e, lang, i, false)
			p, _ := e.Prompt(c)
			if p.Kind == cards.KindArguments {
				checkGolden(t, fmt.Sprintf("%s/modal-argument", lang), r.ArgumentModal(c, p.Values, m))
			}
			if p.Kind == cards.KindDecision {
				checkGolden(t, fmt.Sprintf("%s/modal-decision", lang), r.AnswerModal(c, p, p.Options[0].ID, m))
				// Submitted with "ok" by a starter who said the team lead
				// decides, where no team lead is configured.
				in := dialogs.Input{Seq: p.Seq, Step: p.StepID, Choices: []string{p.Options[0].ID}, Text: "ok", By: c.StartedBy, NoLeads: true}
				mc := c.Clone()
				setMandate(t, e, mc, "teamleider")
				ws := e.Warnings(mc, in)
				if len(ws) != 2 {
					t.Fatalf("warnings %+v, want the motivering's and the mandate's", ws)
				}
				wm := m
				wm.Warned, wm.WarnedKey = []string{string(ws[0].Kind), string(ws[1].Kind)}, "k"
				checkGolden(t, fmt.Sprintf("%s/modal-decision-warned", lang), r.WarnedAnswerModal(mc, p, p.Options[0].ID, wm, ws, "ok"))
			}
		}
	}
}

// TestSummaryOfAHugeCaseStaysWithinLimits fills every free text to the
// maximum: the summary is split over messages that Slack accepts.
func TestSummaryOfAHugeCaseStaysWithinLimits(t *testing.T) {
	r, e := goldenRenderer(t)
	c := goldenCase(t, e, cards.NL, -1, false)
	long := strings.Repeat("Een lange zin over de omstandigheden van deze casus. ", dialogs.MaxText/53)
	for i := range c.Answers {
		if c.Answers[i].Text != "" {
			c.Answers[i].Text = long
		}
	}
	for i := 0; i < 40; i++ {
		c.Arguments = append(c.Arguments, record.Argument{N: 10 + i, Pro: i%2 == 0, Text: long[:900], By: dialogstest.Bob})
	}
	c.Decision.Rationale = long
	blocks, _ := r.Summary(c, "")
	parts := SplitBlocks(blocks, MaxMessageChars, MaxBlocks)
	if len(parts) < 2 {
		t.Fatalf("a huge summary was not split")
	}
	for i, part := range parts {
		raw, _ := json.Marshal(part)
		var generic []map[string]any
		json.Unmarshal(raw, &generic)
		for _, p := range rendertest.Limits(generic, "message") {
			t.Errorf("part %d: %s", i+1, p)
		}
		if len(raw) > 12000 {
			t.Errorf("part %d has %d characters of blocks", i+1, len(raw))
		}
	}
}

// TestBoldStaysOnOneLine: Slack bolds within one line only; a question of
// several lines gets its first line in bold, not stray asterisks.
func TestBoldStaysOnOneLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Wat wil de regel bereiken?", "*Wat wil de regel bereiken?*"},
		{"Verzamel argumenten.\n• één bewering\n• wegen", "*Verzamel argumenten.*\n• één bewering\n• wegen"},
		{"Al *vet* gemaakt", "Al *vet* gemaakt"},
		{"\nbegint leeg", "\nbegint leeg"},
	} {
		if got := Bold(tc.in); got != tc.want {
			t.Errorf("bold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// setMandate makes the current answer to the mandate question of c option
// id.
func setMandate(t *testing.T, e *dialogs.Engine, c *record.Case, id string) {
	t.Helper()
	for _, st := range e.Cards().Steps() {
		if st.Item.Role == cards.RoleMandate {
			c.Answers = append(c.Answers, record.Answer{Step: st.ID, Choices: []string{id}, By: c.StartedBy})
			return
		}
	}
	t.Fatal("no mandate question")
}

// The summary says a decision was recorded despite warnings, before its
// motivering; one without warnings says nothing about them.
func TestSummaryShowsDecisionWarnings(t *testing.T) {
	r, e := goldenRenderer(t)
	for _, lang := range cards.Langs() {
		c := goldenCase(t, e, lang, -1, false)
		tx := dialogs.TextsFor(lang)
		blocks, _ := r.Summary(c, "")
		raw, _ := json.Marshal(blocks)
		if strings.Contains(string(raw), tx.WarnedLabel) {
			t.Errorf("%s: a decision without warnings shows them", lang)
		}
		c.Decision.Warnings = []record.WarningKind{record.WarnShortRationale}
		blocks, _ = r.Summary(c, "")
		raw, _ = json.Marshal(blocks)
		want := ":warning: *" + tx.WarnedLabel + ":* " + tx.WarnShortRationale + "\\n*" + tx.Rationale
		if !strings.Contains(string(raw), want) {
			t.Errorf("%s: summary lacks %q:\n%s", lang, want, raw)
		}
	}
}

// TestSummaryIsARecord: the summary reads as a record, in this order: the
// decision with its motivering, the weighing with the arguments, the
// signals, the variant and the tension, the reflection, the footer with
// the content version and the period, and the report button last.
func TestSummaryIsARecord(t *testing.T) {
	r, e := goldenRenderer(t)
	for _, lang := range cards.Langs() {
		c := goldenCase(t, e, lang, -1, false)
		tx := dialogs.TextsFor(lang)
		s := e.Summarize(c)
		weighing, apart, rest := s.Record()
		if len(weighing.Entries) == 0 || len(apart) == 0 || len(rest) == 0 || len(s.Pro) == 0 {
			t.Fatalf("%s: the golden case lacks a part: weighing %d, apart %d, rest %d, pro %d", lang, len(weighing.Entries), len(apart), len(rest), len(s.Pro))
		}
		blocks, _ := r.Summary(c, "")
		raw, _ := json.Marshal(blocks)
		text := string(raw)
		at := 0
		for _, w := range []string{
			"*" + tx.Decision + ":*", "*" + tx.Rationale + ":*",
			"*" + weighing.Title + "*", "*" + tx.ArgsPro + "*",
			"*" + tx.SignalsFound + "*",
			"*" + tx.VariantLabel + "*", "_" + apart[0].Label,
			"*" + rest[len(rest)-1].Title + "*",
			tx.Participants + ": ", tx.ContentVersion + ": " + c.CardsVersion, tx.Period + ": ",
		} {
			i := strings.Index(text[at:], w)
			if i < 0 {
				t.Fatalf("%s: summary lacks %q after position %d:\n%s", lang, w, at, text)
			}
			at += i + len(w)
		}
		if last, ok := blocks[len(blocks)-1].(*slack.ActionBlock); !ok || last.BlockID != BlkReport {
			t.Errorf("%s: the last block is %T, want the report button", lang, blocks[len(blocks)-1])
		}
		for _, ph := range s.Phases {
			for _, en := range ph.Entries {
				if n := len([]rune(en.Label)); n > dialogs.MaxLabel || (n == 0 && !en.Arguments) {
					t.Errorf("%s: label %q is %d characters, want 1 to %d", lang, en.Label, n, dialogs.MaxLabel)
				}
			}
		}
		for _, old := range []string{"2026-", "Data:", "Dates:"} {
			if strings.Contains(text, old) {
				t.Errorf("%s: the summary still shows %q", lang, old)
			}
		}
	}
}
