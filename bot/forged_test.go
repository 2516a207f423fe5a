package bot

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
)

// Payloads that carry a valid signature (so only someone with the secret can
// send them) but that Slack never sends are cheap to refuse. Each check
// below fails on main before the change.
func TestForgedPayloads(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Casus voor vervalste verzoeken")
	p := h.drive.OpenPrompt(root)
	act, _ := bottest.Find(p, "mw.confirm")

	t.Run("5000 actions cost one", func(t *testing.T) {
		before := len(h.slack.CallsTo("response_url"))
		var acts []any
		for range 5000 {
			acts = append(acts, map[string]any{"type": "button", "action_id": "mw.nonsense", "block_id": "x", "action_ts": "1.0"})
		}
		h.drive.OK(h.send.Interaction(map[string]any{
			"type": "block_actions", "user": map[string]any{"id": alice}, "channel": map[string]any{"id": channel},
			"response_url": h.slack.ResponseURL("forged"), "trigger_id": h.slack.NewTriggerID(), "actions": acts,
		}))
		h.bot.Wait()
		if n := len(h.slack.CallsTo("response_url")) - before; n != 1 {
			t.Errorf("%d calls out for one payload, want 1", n)
		}
	})

	t.Run("a click from another channel", func(t *testing.T) {
		forged := p
		forged.Channel = "C0THER"
		h.drive.OK(h.send.Click(alice, forged, act, "", nil))
		h.bot.Wait()
		if !lastContains(h.responses(), "ander kanaal") {
			t.Errorf("not refused: %q", h.responses())
		}
		if c := h.caseOf(root); len(c.Answers) != 0 {
			t.Errorf("a click from another channel answered the case")
		}
	})

	t.Run("a response_url that is not Slack's", func(t *testing.T) {
		var hits atomic.Int64
		evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
		defer evil.Close()
		h.drive.OK(h.send.Interaction(map[string]any{
			"type": "block_actions", "user": map[string]any{"id": alice}, "channel": map[string]any{"id": channel},
			"response_url": evil.URL + "/hook", "trigger_id": h.slack.NewTriggerID(),
			"actions": []any{map[string]any{"type": "button", "action_id": "mw.nonsense", "block_id": "x", "action_ts": "1.0"}},
		}))
		h.bot.Wait()
		if hits.Load() != 0 {
			t.Errorf("the bot posted to a host that is not Slack's")
		}
		if n := len(h.slack.Ephemerals(channel)); n == 0 {
			t.Errorf("the user was not told through chat.postEphemeral instead")
		}
	})

	t.Run("an urgency the form does not offer", func(t *testing.T) {
		views := len(h.slack.Views())
		h.drive.OK(h.send.Command("/maatwerk", alice, channel, ""))
		view := h.drive.LastView(views)
		r := h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
			"title": {"input": "Een casus"}, "urgency": {"input": "=<!channel> spoed"},
		}))
		if !strings.Contains(string(r.Body), `"urgency"`) || !strings.Contains(string(r.Body), "errors") {
			t.Errorf("an unknown urgency was accepted: %s", r.Body)
		}
		if n := len(h.drive.RootsForTest()); n != 1 {
			t.Errorf("%d cases, want only the first", n)
		}
	})

	t.Run("an unknown inner event is acknowledged", func(t *testing.T) {
		r, err := h.send.Event("Ev0NEWTYPE", map[string]any{"type": "brand_new_event_type", "user": alice}, 0)
		if err != nil || r.Status != http.StatusOK {
			t.Errorf("status %d (%v), want 200 so Slack does not retry", r.Status, err)
		}
	})
}
