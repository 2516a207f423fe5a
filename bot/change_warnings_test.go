package bot

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// decide records the decision of question d as user with option maatwerk
// and motivering text, going on despite any warning, and returns the
// decision's message once it shows the answer with its Wijzig button.
func decide(t *testing.T, h *harness, user string, d fakeslack.Message, text string) fakeslack.Message {
	t.Helper()
	act, _ := bottest.Find(d, "mw.choose.maatwerk")
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(user, d, act, "", nil))
	view := h.drive.LastView(views)
	for range 2 {
		r := h.drive.OK(h.send.Submit(user, view, map[string]map[string]string{render.BlkText: {render.ActInput: text}}))
		h.bot.Wait()
		var ack submitted
		if len(strings.TrimSpace(string(r.Body))) == 0 || json.Unmarshal(r.Body, &ack) != nil || ack.Action != "update" {
			break
		}
		view = ack.View // warned: submitted again as it is
	}
	var m fakeslack.Message
	h.slack.WaitFor(t, 5*time.Second, "the decision to show its answer and Wijzig", func() bool {
		m, _ = h.slack.Message(channel, d.TS)
		_, ok := bottest.Find(m, render.ActChange)
		return ok
	})
	return m
}

// The Wijzig form of the decision warns as the decision's form does (issue
// 16.3): a change with warnings gets the same change form back, with the
// warnings above the inputs and the choice and motivering as submitted,
// and nothing is recorded; the same motivering submitted again records the
// change with the warnings; a changed motivering is checked again. Before,
// a good motivering could be changed to "ok" and the record showed no
// warning.
func TestChangedDecisionWarningsInSlack(t *testing.T) {
	const (
		good   = "Ik pas maatwerk toe, omdat de gevolgen anders onevenredig zijn."
		better = "Ik pas de regel toe, want de gevolgen blijken toch klein."
		short  = "korter dan een zin"
	)
	noLeads := func(c *Config) { c.TeamLeads = nil }
	type submit struct {
		choice, text string
		warned       bool
	}
	for _, tc := range []struct {
		name    string
		mods    []func(*Config)
		mandate string // "" leaves the driver's first option (ikzelf)
		decider string // who decides and changes the decision
		submits []submit
		want    []record.WarningKind // with the changed decision
		says    string               // in the warned form
	}{
		{"changed to ok, then go on", nil, "", alice,
			[]submit{{"maatwerk", "ok", true}, {"maatwerk", "ok", false}},
			[]record.WarningKind{record.WarnShortRationale}, short},
		{"another option kept, a changed motivering checked again", nil, "", alice,
			[]submit{{"regel", "ok", true}, {"regel", "nog steeds kort", true}, {"regel", "nog steeds kort", false}},
			[]record.WarningKind{record.WarnShortRationale}, short},
		{"rewritten as a sentence", nil, "", alice,
			[]submit{{"regel", "ok", true}, {"regel", better, false}}, nil, short},
		{"a sentence at once", nil, "", alice,
			[]submit{{"regel", better, false}}, nil, ""},
		{"the team lead's mandate, no team leads configured", []func(*Config){noLeads}, "teamleider", alice,
			[]submit{{"regel", better, true}, {"regel", better, false}},
			[]record.WarningKind{record.WarnOutsideMandate}, "Bij Mandaat koos je: Mijn teamleider."},
		{"a team lead changes it, the mandate the lead's", nil, "teamleider", lead,
			[]submit{{"regel", better, false}}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil, "", tc.mods...)
			root := h.drive.Start(alice, "Een besluit achteraf wijzigen")
			if tc.mandate != "" {
				chooseMandate(t, h, alice, root, tc.mandate)
			}
			d := h.answerUntil(alice, root, "mw.choose.maatwerk")
			answered := decide(t, h, tc.decider, d, good)
			first := h.caseOf(root).Decision
			if first == nil || first.Rationale != good {
				t.Fatalf("decision %+v, want %q", first, good)
			}
			change, _ := bottest.Find(answered, render.ActChange)
			views := len(h.slack.Views())
			h.drive.OK(h.send.Click(tc.decider, answered, change, "", nil))
			view := h.drive.LastView(views)
			for i, s := range tc.submits {
				r := h.drive.OK(h.send.Submit(tc.decider, view, map[string]map[string]string{
					render.BlkChoice: {render.ActInput: "=" + s.choice},
					render.BlkText:   {render.ActInput: s.text},
				}))
				h.bot.Wait()
				var ack submitted
				if len(strings.TrimSpace(string(r.Body))) > 0 {
					if err := json.Unmarshal(r.Body, &ack); err != nil {
						t.Fatalf("submission %d: %v: %s", i+1, err, r.Body)
					}
				}
				c := h.caseOf(root)
				if !s.warned {
					if ack.Action != "" {
						t.Fatalf("submission %d (%s, %q) answered %s: %s", i+1, s.choice, s.text, ack.Action, r.Body)
					}
					dec := c.Decision
					if dec == nil || dec.Option != s.choice || dec.Rationale != s.text || dec.By != tc.decider || !slices.Equal(dec.Warnings, tc.want) {
						t.Fatalf("decision %+v, want %s's %s: %q with warnings %q", dec, tc.decider, s.choice, s.text, tc.want)
					}
					if h := c.History(c.Answers[len(c.Answers)-1].Step); len(h) != 2 || !h[1].Corrects || h[0].Text != good {
						t.Errorf("history of the decision: %+v", h)
					}
					continue
				}
				if ack.Action != "update" || len(ack.View) == 0 {
					t.Fatalf("submission %d (%s, %q): want the change form back with the warning, got %s", i+1, s.choice, s.text, r.Body)
				}
				if dec := c.Decision; dec == nil || dec.Rationale != good || !slices.Equal(dec.Warnings, first.Warnings) {
					t.Fatalf("submission %d changed the decision before going on: %+v", i+1, dec)
				}
				v := string(ack.View)
				for _, w := range []string{tc.says, "Toch vastleggen", `"initial_value":` + string(mustJSON(t, s.text)), `"callback_id":"mw.change.form"`} {
					if !strings.Contains(v, w) {
						t.Errorf("submission %d: the warned form lacks %s: %s", i+1, w, v)
					}
				}
				if chosen := initialOption(t, ack.View, render.BlkChoice); chosen != s.choice {
					t.Errorf("submission %d: the warned form has %q chosen, want %q", i+1, chosen, s.choice)
				}
				if strings.Index(v, tc.says) > strings.Index(v, `"block_id":"choice"`) {
					t.Errorf("submission %d: the warning is not above the inputs: %s", i+1, v)
				}
				view = ack.View
			}
			if !strings.Contains(strings.Join(ephemeralTexts(h), "\n")+strings.Join(h.responses(), "\n"), "is gewijzigd") {
				t.Errorf("%s was not told the decision changed", tc.decider)
			}
		})
	}
}

// initialOption is the value of the option a view's select in block is
// set to.
func initialOption(t *testing.T, view json.RawMessage, block string) string {
	t.Helper()
	var v struct {
		Blocks []struct {
			BlockID string `json:"block_id"`
			Element struct {
				InitialOption struct {
					Value string `json:"value"`
				} `json:"initial_option"`
			} `json:"element"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(view, &v); err != nil {
		t.Fatal(err)
	}
	for _, b := range v.Blocks {
		if b.BlockID == block {
			return b.Element.InitialOption.Value
		}
	}
	return ""
}
