package fakeslack_test

import (
	"testing"

	"github.com/slack-go/slack"
)

// Message metadata posted with chat.postMessage comes back from
// conversations.history and conversations.replies with
// include_all_metadata, and only then; both page with a cursor.
func TestMetadataHistoryReplies(t *testing.T) {
	s, api := newClient(t)
	ctx := t.Context()
	md := slack.SlackMetadata{EventType: "maatwerk_post", EventPayload: map[string]any{"case": "7", "key": "root"}}
	_, root, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("root", false), slack.MsgOptionMetadata(md))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"een", "twee", "drie"} {
		reply := slack.SlackMetadata{EventType: "maatwerk_post", EventPayload: map[string]any{"case": "7", "key": text}}
		if _, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText(text, false), slack.MsgOptionTS(root), slack.MsgOptionMetadata(reply)); err != nil {
			t.Fatal(err)
		}
	}
	s.AddUserMessage("C1", "", "U1", "iemand anders")
	if _, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("x", false),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventPayload: map[string]any{"a": "b"}})); slackError(err) != "invalid_metadata_schema" {
		t.Errorf("metadata without event_type: %v, want invalid_metadata_schema", err)
	}

	h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "C1", IncludeAllMetadata: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Messages) != 2 || h.Messages[1].Timestamp != root || h.Messages[1].Metadata.EventPayload["key"] != "root" {
		t.Errorf("history = %+v; want the person's message, then the root with its metadata", h.Messages)
	}
	plainH, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "C1"})
	if err != nil || plainH.Messages[1].Metadata.EventType != "" {
		t.Errorf("history without include_all_metadata: %v, metadata %+v", err, plainH.Messages[1].Metadata)
	}

	var keys []any
	cursor := ""
	for pages := 0; ; pages++ {
		msgs, more, next, err := api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: "C1", Timestamp: root, Limit: 3, Cursor: cursor, IncludeAllMetadata: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			keys = append(keys, m.Metadata.EventPayload["key"])
		}
		if !more {
			break
		}
		if pages > 3 {
			t.Fatal("no end to the pages")
		}
		cursor = next
	}
	if len(keys) != 4 || keys[0] != "root" || keys[3] != "drie" {
		t.Errorf("replies' keys = %v, want root, een, twee, drie", keys)
	}
	if _, _, _, err := api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{ChannelID: "C1", Timestamp: "1.000"}); slackError(err) != "thread_not_found" {
		t.Errorf("replies of an unknown thread: %v, want thread_not_found", err)
	}
}
