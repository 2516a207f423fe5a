package transport

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/jsoncut"
)

// read is what the bot reads of an interaction: the fields DecodeInteraction
// fills. The message is read of a message shortcut only (SlimPayload cuts
// it from the rest).
func read(cb slack.InteractionCallback) map[string]any {
	if cb.Type != slack.InteractionTypeMessageAction {
		cb.Message = slack.Message{}
	}
	return map[string]any{
		"type": cb.Type, "user": cb.User.ID, "channel": cb.Channel.ID, "response_url": cb.ResponseURL,
		"trigger_id": cb.TriggerID, "message_ts": cb.Container.MessageTs,
		"actions": cb.ActionCallback.BlockActions, "state": cb.BlockActionState,
		"view":       []string{cb.View.ID, cb.View.Hash, cb.View.CallbackID, cb.View.PrivateMetadata},
		"view_state": cb.View.State,
		"shortcut": []string{cb.CallbackID, cb.MessageTs, cb.Message.User, cb.Message.Text, cb.Message.Timestamp,
			cb.Message.ThreadTimestamp},
		"response_urls": cb.ResponseURLs,
	}
}

// samplePayloads are interaction payloads in Slack's shape: one of each
// kind the bot handles, and two it ignores.
func samplePayloads(t testing.TB) [][]byte {
	var payloads [][]byte
	msg := fakeslack.Message{Channel: "C0PAYLOAD", TS: "1700000000.000100", ThreadTS: "1700000000.000001",
		Blocks: json.RawMessage(`[{"type":"actions","block_id":"p.1.2","elements":[{"type":"button","action_id":"mw.confirm","text":{"type":"plain_text","text":"Bevestigen"}}]}]`)}
	for _, p := range []string{
		// a button with a value, with ticked checkboxes in the message's state
		`{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1","username":"u1"},"api_app_id":"A1","trigger_id":"tr1",
		  "response_url":"https://hooks/1","container":{"type":"message","message_ts":"1700000000.000100","channel_id":"C0PAYLOAD","is_ephemeral":false},
		  "channel":{"id":"C0PAYLOAD","name":"kanaal"},"message":` + string(messageJSON(t, msg)) + `,
		  "actions":[{"type":"button","action_id":"mw.confirm","block_id":"p.1.2","value":"ok","action_ts":"1.2"}],
		  "state":{"values":{"p.1.2":{"mw.checks":{"type":"checkboxes","selected_options":[{"value":"a"},{"value":"b"}]}}}}}`,
		// a static select
		`{"type":"block_actions","user":{"id":"U2"},"channel":{"id":"C1"},"container":{"message_ts":"1.1"},
		  "actions":[{"type":"static_select","action_id":"mw.select","block_id":"p.3.4","selected_option":{"value":"x","text":{"type":"plain_text","text":"X"}}}],"state":{"values":{}}}`,
		// a legacy attachment action and a block action
		`{"type":"block_actions","user":{"id":"U3"},"actions":[{"name":"old","value":"v"},{"action_id":"mw.a","block_id":"b"}]}`,
		// a modal submission
		`{"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"api_app_id":"A1","trigger_id":"tr2",
		  "view":{"id":"V1","hash":"h1","callback_id":"mw.answer","private_metadata":"{\"case\":1,\"ch\":\"C1\"}","type":"modal",
		  "title":{"type":"plain_text","text":"Antwoord"},"blocks":[{"type":"input","block_id":"text","label":{"type":"plain_text","text":"T"},"element":{"type":"plain_text_input","action_id":"input"}}],
		  "state":{"values":{"text":{"input":{"type":"plain_text_input","value":"Omdat het moet."}},"procon":{"input":{"type":"static_select","selected_option":{"value":"contra"}}}}}}}`,
		// a closed modal, a shortcut: only the type and user matter
		`{"type":"view_closed","user":{"id":"U4"},"view":{"id":"V2"}}`,
		`{"type":"shortcut","user":{"id":"U5"},"callback_id":"x","trigger_id":"tr3"}`,
		// a message shortcut: the message is what it is about
		`{"type":"message_action","user":{"id":"U6"},"channel":{"id":"C0PAYLOAD","name":"kanaal"},"callback_id":"mw.case_from_message",
		  "trigger_id":"tr4","response_url":"https://hooks.slack.com/app/T1/1/x","message_ts":"1700000000.000200",
		  "message":{"type":"message","user":"U7","ts":"1700000000.000200","thread_ts":"1700000000.000100","text":"<@U6> wat doen we hiermee?",
		  "blocks":[{"type":"rich_text","block_id":"r","elements":[]}]}}`,
		// a submitted form with a channel picker whose response_url Slack sends
		`{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V3","hash":"h3","callback_id":"mw.new","private_metadata":"{}",
		  "state":{"values":{"channel":{"input":{"type":"conversations_select","selected_conversation":"C0CHOSEN"}}}}},
		  "response_urls":[{"block_id":"channel","action_id":"input","channel_id":"C0CHOSEN","response_url":"https://hooks.slack.com/app/T1/2/y"}]}`,
	} {
		payloads = append(payloads, []byte(p))
	}
	return payloads
}

func messageJSON(t testing.TB, m fakeslack.Message) []byte {
	raw, err := json.Marshal(map[string]any{"type": "message", "ts": m.TS, "thread_ts": m.ThreadTS, "blocks": m.Blocks})
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestDecodeInteractionAgreesWithSlackGo: what the bot reads is what
// slack-go would have read, with and without the parts slimPayload cuts.
func TestDecodeInteractionAgreesWithSlackGo(t *testing.T) {
	for i, p := range samplePayloads(t) {
		var want slack.InteractionCallback
		if err := json.Unmarshal(p, &want); err != nil {
			t.Fatalf("payload %d: slack-go: %v", i, err)
		}
		for _, in := range [][]byte{p, jsoncut.SlimPayload(p)} {
			got, err := DecodeInteraction(in)
			if err != nil {
				t.Fatalf("payload %d: %v", i, err)
			}
			if g, w := read(got), read(want); !reflect.DeepEqual(g, w) {
				t.Errorf("payload %d:\n got %+v\nwant %+v", i, g, w)
			}
		}
	}
}

// FuzzDecodeInteraction: for any payload slack-go can read, the bot reads
// the same.
func FuzzDecodeInteraction(f *testing.F) {
	for _, p := range samplePayloads(f) {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		var want slack.InteractionCallback
		if json.Unmarshal(p, &want) != nil {
			return
		}
		got, err := DecodeInteraction(p)
		if err != nil {
			t.Fatalf("slack-go reads %s, decodeInteraction: %v", p, err)
		}
		if g, w := read(got), read(want); !reflect.DeepEqual(g, w) {
			t.Fatalf("%s:\n got %+v\nwant %+v", p, g, w)
		}
	})
}
