package bot

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// chooseMandate answers the open questions of root as user until the
// mandate question, and answers it with option id.
func chooseMandate(t *testing.T, h *harness, user string, root fakeslack.Message, id string) {
	t.Helper()
	for i := 0; i < 20; i++ {
		p := h.drive.OpenPrompt(root)
		if sel, ok := bottest.Find(p, "mw.select"); ok && slices.Contains(sel.Options, id) {
			h.drive.OK(h.send.Click(user, p, sel, id, nil))
			h.slack.WaitFor(t, 5*time.Second, "the mandate to show its answer", func() bool {
				m, _ := h.slack.Message(channel, p.TS)
				return len(bottest.Controls(m.Blocks)) == 0
			})
			return
		}
		h.drive.Answer(user, root)
	}
	t.Fatal("no mandate question")
}

// submitted is the acknowledgement of a form's submission.
type submitted struct {
	Action string          `json:"response_action"`
	View   json.RawMessage `json:"view"`
}

// The decision's form warns before a decision is recorded: the first
// submission of a motivering with warnings gets the same form back with
// the warnings above the motivering as typed, and nothing is recorded;
// submitting that motivering again records the decision with the
// warnings; a changed motivering is checked again.
func TestDecisionWarningsInSlack(t *testing.T) {
	const good = "Ik pas maatwerk toe, omdat de gevolgen anders onevenredig zijn."
	noLeads := func(c *Config) { c.TeamLeads = nil }
	for _, tc := range []struct {
		name    string
		mods    []func(*Config)
		mandate string   // "" leaves the driver's first option (ikzelf)
		submits []string // the motivering at each submission
		warned  []bool   // whether each submission is warned about
		want    []record.WarningKind
		says    string // in the warned form
	}{
		{"short motivering, then go on", nil, "", []string{"ok", "ok"}, []bool{true, false},
			[]record.WarningKind{record.WarnShortRationale}, "korter dan een zin"},
		{"changed but still short, checked again", nil, "", []string{"ok", "nog steeds kort", "nog steeds kort"}, []bool{true, true, false},
			[]record.WarningKind{record.WarnShortRationale}, "korter dan een zin"},
		{"rewritten as a sentence", nil, "", []string{"ok", good}, []bool{true, false}, nil, "korter dan een zin"},
		{"a sentence at once", nil, "", []string{good}, []bool{false}, nil, ""},
		{"the team lead's mandate, no team leads configured", []func(*Config){noLeads}, "teamleider", []string{good, good}, []bool{true, false},
			[]record.WarningKind{record.WarnOutsideMandate}, "Bij Mandaat koos je: Mijn teamleider."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil, "", tc.mods...)
			root := h.drive.Start(alice, "Bijzondere bijstand voor een wasmachine")
			if tc.mandate != "" {
				chooseMandate(t, h, alice, root, tc.mandate)
			}
			d := h.answerUntil(alice, root, "mw.choose.maatwerk")
			act, _ := bottest.Find(d, "mw.choose.maatwerk")
			views := len(h.slack.Views())
			h.drive.OK(h.send.Click(alice, d, act, "", nil))
			view := h.drive.LastView(views)
			for i, text := range tc.submits {
				r := h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{"text": {"input": text}}))
				h.bot.Wait()
				var ack submitted
				if len(strings.TrimSpace(string(r.Body))) > 0 {
					if err := json.Unmarshal(r.Body, &ack); err != nil {
						t.Fatalf("submission %d: %v: %s", i+1, err, r.Body)
					}
				}
				c := h.caseOf(root)
				if !tc.warned[i] {
					if ack.Action != "" {
						t.Fatalf("submission %d (%q) answered %s: %s", i+1, text, ack.Action, r.Body)
					}
					if c.Decision == nil || c.Decision.Rationale != text || !slices.Equal(c.Decision.Warnings, tc.want) {
						t.Fatalf("decision %+v, want %q with warnings %q", c.Decision, text, tc.want)
					}
					continue
				}
				if ack.Action != "update" || len(ack.View) == 0 {
					t.Fatalf("submission %d (%q): want the form back with the warning, got %s", i+1, text, r.Body)
				}
				if c.Decision != nil {
					t.Fatalf("submission %d recorded a decision before going on: %+v", i+1, c.Decision)
				}
				v := string(ack.View)
				for _, w := range []string{tc.says, "Toch vastleggen", `"initial_value":` + string(mustJSON(t, text)), `"callback_id":"mw.answer"`} {
					if !strings.Contains(v, w) {
						t.Errorf("submission %d: the warned form lacks %s: %s", i+1, w, v)
					}
				}
				if strings.Index(v, tc.says) > strings.Index(v, `"block_id":"text"`) {
					t.Errorf("submission %d: the warning is not above the motivering: %s", i+1, v)
				}
				view = ack.View
			}
			h.slack.WaitFor(t, 5*time.Second, "the decision to show its answer", func() bool {
				m, _ := h.slack.Message(channel, d.TS)
				return len(bottest.Controls(m.Blocks)) == 0
			})
		})
	}
}
