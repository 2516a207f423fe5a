package render

import (
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// The nudge DMs and their forms in both languages: the starter's with its
// three buttons (with and without a link), the team lead's, the starter's
// once handled, and the pause and close forms.
func TestGoldenNudges(t *testing.T) {
	r, e := goldenRenderer(t)
	for _, lang := range cards.Langs() {
		c := goldenCase(t, e, lang, 3, false)
		c.ID, c.StartedBy = 42, "UALICE001"
		p, ok := e.Prompt(c)
		if !ok {
			t.Fatal("no open question")
		}
		quiet := time.Date(2026, 12, 22, 10, 0, 0, 0, time.UTC)
		v := NudgeView{Case: c, N: 1, Lang: lang, Question: p.Text, Link: "https://example.slack.com/archives/C0CASES01/p1?thread_ts=1",
			Nudge: record.Nudge{Level: record.NudgeStarter, Quiet: quiet, Days: 5, At: quiet.AddDate(0, 0, 9)}}
		dir := string(lang) + "/"
		b, text := r.NudgeStarter(v)
		checkGolden(t, dir+"nudge-starter", message{Text: text, Blocks: b})
		if !strings.Contains(text, "5 ") || len(b) != 4 {
			t.Errorf("%s: starter's nudge %q with %d blocks", lang, text, len(b))
		}
		one := v
		one.Nudge.Days, one.Link = 1, ""
		b, text = r.NudgeStarter(one)
		checkGolden(t, dir+"nudge-starter-one-day-no-link", message{Text: text, Blocks: b})
		leads := v
		leads.Nudge.Level, leads.Nudge.Days, leads.N = record.NudgeLeads, 10, 2
		b, text = r.NudgeLeads(leads)
		checkGolden(t, dir+"nudge-leads", message{Text: text, Blocks: b})
		b, text = r.NudgeHandled(v, "Gedaan.")
		checkGolden(t, dir+"nudge-handled", message{Text: text, Blocks: b})
		m := Meta{CaseID: 42, Lang: string(lang)}
		checkGolden(t, dir+"modal-nudge-pause", r.NudgePauseModal(c, lang, m, quiet.AddDate(0, 0, 7)))
		checkGolden(t, dir+"modal-nudge-close", r.NudgeCloseModal(c, lang, m))
	}
}

func TestNudgeBlockID(t *testing.T) {
	tests := []struct {
		in     string
		id     int64
		n      int
		wantOK bool
	}{
		{NudgeBlockID(42, 2), 42, 2, true},
		{"ng.7.1", 7, 1, true},
		{"ng.7", 0, 0, false},
		{"p.7.1", 0, 0, false},
		{"ng.x.1", 0, 0, false},
		{"ng.7.0", 0, 0, false},
	}
	for _, tt := range tests {
		id, n, ok := ParseNudgeBlockID(tt.in)
		if ok != tt.wantOK || (ok && (id != tt.id || n != tt.n)) {
			t.Errorf("ParseNudgeBlockID(%q) = %d, %d, %v", tt.in, id, n, ok)
		}
	}
}
