package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// shortcutHarness is a harness whose fake Slack gives permalinks on a
// slack.com address, as Slack does (the bot keeps no other kind).
func shortcutHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, nil, "")
	h.slack.SetPermalinkBase("https://gemeente.slack.com/")
	return h
}

// viewMeta is the private_metadata of an opened view.
func viewMeta(t *testing.T, view json.RawMessage) render.Meta {
	t.Helper()
	var v struct {
		PrivateMetadata string `json:"private_metadata"`
	}
	if err := json.Unmarshal(view, &v); err != nil {
		t.Fatal(err)
	}
	m, ok := render.ParseMeta(v.PrivateMetadata)
	if !ok {
		t.Fatalf("private_metadata %q", v.PrivateMetadata)
	}
	return m
}

// titleValue is the initial value of the form's title field.
func titleValue(t *testing.T, view json.RawMessage) string {
	t.Helper()
	var v struct {
		Blocks []struct {
			BlockID string `json:"block_id"`
			Element struct {
				InitialValue string `json:"initial_value"`
			} `json:"element"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(view, &v); err != nil {
		t.Fatal(err)
	}
	for _, b := range v.Blocks {
		if b.BlockID == render.BlkTitle {
			return b.Element.InitialValue
		}
	}
	t.Fatalf("no title field in %s", view)
	return ""
}

// caseOf waits until the case of a root message is stored with its thread.
func caseOf(t *testing.T, h *harness, ch, ts string) *record.Case {
	t.Helper()
	var c *record.Case
	h.slack.WaitFor(t, 5*time.Second, "the case's thread stored", func() bool {
		var err error
		c, err = h.store.CaseByThread(context.Background(), ch, ts)
		return err == nil
	})
	return c
}

func TestMessageShortcutOpensAPrefilledForm(t *testing.T) {
	tests := []struct {
		name, text string
		wantTitle  string
		// wantForm must be in the form, notForm must not.
		wantForm, notForm []string
	}{
		{
			name:      "plain text",
			text:      "<@" + alice + "> wat doen we hiermee? Huurachterstand door late toeslag &amp; boete",
			wantTitle: "@… wat doen we hiermee? Huurachterstand door late toeslag & boete",
			wantForm:  []string{"De omschrijving komt uit het bericht", "Gestart vanuit dit bericht"},
		},
		{
			name:      "links and mentions are text",
			text:      "<!channel> zie <https://evil.example/x|de regeling> in <#C0OTHER01|beleid>",
			wantTitle: "@channel zie de regeling in #beleid",
			notForm:   []string{"evil.example"},
		},
		{
			name:      "a BSN is not copied",
			text:      "Mevrouw met BSN 123456782 heeft huurachterstand, wat doen we hiermee?",
			wantTitle: "",
			wantForm:  []string{"burgerservicenummer", "niet overgenomen"},
			notForm:   []string{"123456782", "huurachterstand"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := shortcutHarness(t)
			ts := h.slack.AddUserMessage(channel, "", bob, tt.text)
			msg := fakeslack.Message{Channel: channel, TS: ts, User: bob, Text: tt.text}
			r := h.drive.OK(h.send.MessageShortcut(alice, CallbackCaseFromMessage, msg))
			if len(bytes.TrimSpace(r.Body)) != 0 {
				t.Errorf("the shortcut's ack has a body: %s", r.Body)
			}
			view := h.drive.LastView(0)
			if got := titleValue(t, view); got != tt.wantTitle {
				t.Errorf("title %q, want %q", got, tt.wantTitle)
			}
			m := viewMeta(t, view)
			wantLink := "https://gemeente.slack.com/archives/" + channel + "/p" + strings.ReplaceAll(ts, ".", "")
			if m.Source != wantLink || m.Channel != channel || m.ResponseURL == "" {
				t.Errorf("metadata %+v, want source %s in %s with a response_url", m, wantLink, channel)
			}
			for _, w := range tt.wantForm {
				if !strings.Contains(string(view), w) {
					t.Errorf("the form lacks %q: %s", w, view)
				}
			}
			for _, w := range tt.notForm {
				if strings.Contains(strings.ToLower(string(view)), strings.ToLower(w)) {
					t.Errorf("the form holds %q: %s", w, view)
				}
			}
			if strings.Contains(h.logs.String(), "123456782") {
				t.Errorf("the message's BSN reached the log")
			}
			h.bot.Wait()
			if list, _ := h.store.ListCases(context.Background(), channel, store.Filter{}); len(list) != 0 {
				t.Errorf("opening the form stored %d cases", len(list))
			}
		})
	}
}

func TestMessageShortcutCaseLinksToItsSource(t *testing.T) {
	h := shortcutHarness(t)
	ts := h.slack.AddUserMessage(channel, "", bob, "Wat doen we hiermee? Eigen bijdrage Wmo onbetaalbaar")
	h.drive.OK(h.send.MessageShortcut(alice, CallbackCaseFromMessage,
		fakeslack.Message{Channel: channel, TS: ts, User: bob, Text: "Wat doen we hiermee? Eigen bijdrage Wmo onbetaalbaar"}))
	view := h.drive.LastView(0)
	r := h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
		"title": {"input": "Eigen bijdrage Wmo onbetaalbaar"}, "scheme": {"input": "Wmo"},
	}))
	if len(bytes.TrimSpace(r.Body)) != 0 {
		t.Fatalf("a valid submission should close the form, got %s", r.Body)
	}
	h.slack.WaitFor(t, 5*time.Second, "root message", func() bool { return len(h.drive.RootsForTest()) == 1 })
	root := h.drive.RootsForTest()[0]
	link := "https://gemeente.slack.com/archives/" + channel + "/p" + strings.ReplaceAll(ts, ".", "")
	if !strings.Contains(text(root), "<"+link+"|Gestart vanuit dit bericht>") {
		t.Errorf("the root message does not link to the source: %s", root.Blocks)
	}
	c := caseOf(t, h, channel, root.TS)
	if c.Source != link || c.Title != "Eigen bijdrage Wmo onbetaalbaar" || c.StartedBy != alice {
		t.Errorf("stored case: source %q, title %q, by %s", c.Source, c.Title, c.StartedBy)
	}
}

func TestMessageShortcutWhereTheBotIsNoMember(t *testing.T) {
	h := shortcutHarness(t)
	const private = "G0PRIVATE1"
	h.slack.SetNotInChannel(private)
	ts := h.slack.AddUserMessage(private, "", bob, "Wat doen we hiermee?")
	h.drive.OK(h.send.MessageShortcut(alice, CallbackCaseFromMessage, fakeslack.Message{Channel: private, TS: ts, User: bob, Text: "Wat doen we hiermee?"}))
	view := h.drive.LastView(0)
	h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{"title": {"input": "Wat doen we hiermee"}}))
	h.slack.WaitFor(t, 5*time.Second, "the starter told to invite the bot", func() bool {
		for _, c := range h.slack.CallsTo("response_url") {
			if strings.Contains(c.Params["text"], "/invite") && strings.HasPrefix(c.ID, "shortcut-") {
				return true
			}
		}
		return false
	})
	h.bot.Wait()
	if list, _ := h.store.ListCases(context.Background(), private, store.Filter{}); len(list) != 0 {
		t.Errorf("an unpostable case was kept")
	}
}

func TestGlobalShortcutStartsACaseInTheChosenChannel(t *testing.T) {
	h := shortcutHarness(t)
	const chosen = "C0CHOSEN1"
	h.drive.OK(h.send.Shortcut(alice, CallbackNewCase))
	view := h.drive.LastView(0)
	for _, w := range []string{`"block_id":"channel"`, `"type":"conversations_select"`, `"response_url_enabled":true`} {
		if !strings.Contains(string(view), w) {
			t.Errorf("the form lacks %s: %s", w, view)
		}
	}
	if m := viewMeta(t, view); m.Channel != "" || m.Source != "" {
		t.Errorf("metadata %+v: no channel or source before one is chosen", m)
	}
	// No channel chosen (a form Slack would not send, its picker being
	// required), or a direct message: the picker says so.
	for _, conv := range []string{"", "#D0DIRECT1"} {
		values := map[string]map[string]string{"title": {"input": "Overal vandaan"}}
		if conv != "" {
			values["channel"] = map[string]string{"input": conv}
		}
		r := h.drive.OK(h.send.Submit(alice, view, values))
		if !strings.Contains(string(r.Body), `"response_action":"errors"`) || !strings.Contains(string(r.Body), `"channel"`) {
			t.Errorf("channel %q: no field error at the picker: %s", conv, r.Body)
		}
	}
	r := h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
		"channel": {"input": "#" + chosen}, "title": {"input": "Terugvordering na erfenis"}, "scheme": {"input": "Participatiewet"},
	}))
	if len(bytes.TrimSpace(r.Body)) != 0 {
		t.Fatalf("a valid submission should close the form, got %s", r.Body)
	}
	h.slack.WaitFor(t, 5*time.Second, "root message in the chosen channel", func() bool { return len(h.slack.Messages(chosen)) > 0 })
	root := h.slack.Messages(chosen)[0]
	if root.ThreadTS != "" || !strings.Contains(text(root), "Terugvordering na erfenis") || strings.Contains(text(root), "Gestart vanuit") {
		t.Errorf("root message in %s: %s", chosen, root.Blocks)
	}
	c := caseOf(t, h, chosen, root.TS)
	if c.Channel != chosen || c.Source != "" {
		t.Errorf("stored case: channel %s, source %q", c.Channel, c.Source)
	}
}

func TestGlobalShortcutTellsInTheChosenChannelToInvite(t *testing.T) {
	h := shortcutHarness(t)
	const private = "G0PRIVATE2"
	h.slack.SetNotInChannel(private)
	h.drive.OK(h.send.Shortcut(alice, CallbackNewCase))
	view := h.drive.LastView(0)
	h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
		"channel": {"input": "#" + private}, "title": {"input": "Casus in een kanaal zonder bot"},
	}))
	h.slack.WaitFor(t, 5*time.Second, "the starter told to invite the bot", func() bool {
		for _, c := range h.slack.CallsTo("response_url") {
			if strings.Contains(c.Params["text"], "/invite") && strings.HasPrefix(c.ID, "view-channel-") {
				return true
			}
		}
		return false
	})
	h.bot.Wait()
	if list, _ := h.store.ListCases(context.Background(), private, store.Filter{}); len(list) != 0 {
		t.Errorf("an unpostable case was kept")
	}
}

func TestMessageShortcutInADirectMessageAsksForAChannel(t *testing.T) {
	h := shortcutHarness(t)
	const dm = "D0DIRECT1"
	ts := h.slack.AddUserMessage(dm, "", bob, "Wat doen we hiermee?")
	h.drive.OK(h.send.MessageShortcut(alice, CallbackCaseFromMessage, fakeslack.Message{Channel: dm, TS: ts, User: bob, Text: "Wat doen we hiermee?"}))
	view := h.drive.LastView(0)
	if !strings.Contains(string(view), `"type":"conversations_select"`) || titleValue(t, view) != "Wat doen we hiermee?" {
		t.Errorf("the form of a direct message: %s", view)
	}
	if m := viewMeta(t, view); m.Channel != "" || m.Source != "" {
		t.Errorf("metadata %+v: a direct message is no case's channel or source", m)
	}
}

func TestUnknownShortcutIsIgnored(t *testing.T) {
	h := shortcutHarness(t)
	h.drive.OK(h.send.Shortcut(alice, "mw.something_else"))
	h.drive.OK(h.send.MessageShortcut(alice, CallbackNewCase, fakeslack.Message{Channel: channel, TS: "1.1", Text: "x"}))
	h.bot.Wait()
	if n := len(h.slack.CallsTo("views.open")); n != 0 {
		t.Errorf("unknown shortcuts opened %d forms", n)
	}
}
