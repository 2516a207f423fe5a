package transport

import (
	"encoding/json"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/jsoncut"
)

// interactionPayload is the part of Slack's interaction payload that the
// bot reads (block_actions, view_submission, and the shortcuts:
// message_action and shortcut). Decoding only this costs a
// fraction of slack-go's InteractionCallback, which decodes every field
// Slack may send, and each action twice. TestDecodeInteractionAgreesWithSlackGo
// and FuzzDecodeInteraction hold it to slack-go's reading of the same fields.
type interactionPayload struct {
	Type slack.InteractionType `json:"type"`
	User struct {
		ID string `json:"id"`
	} `json:"user"`
	Channel struct {
		ID string `json:"id"`
	} `json:"channel"`
	ResponseURL string `json:"response_url"`
	TriggerID   string `json:"trigger_id"`
	CallbackID  string `json:"callback_id"`
	MessageTs   string `json:"message_ts"`
	Container   struct {
		MessageTs string `json:"message_ts"`
	} `json:"container"`
	// Message is the message a message shortcut is about (SlimPayload
	// cuts the clicked message of other payloads).
	Message struct {
		User            string `json:"user"`
		Text            string `json:"text"`
		Timestamp       string `json:"ts"`
		ThreadTimestamp string `json:"thread_ts"`
	} `json:"message"`
	ResponseURLs []slack.ViewSubmissionCallbackResponseURL `json:"response_urls"`
	Actions      []json.RawMessage                         `json:"actions"`
	State        json.RawMessage                           `json:"state"`
	View         struct {
		ID              string           `json:"id"`
		Hash            string           `json:"hash"`
		CallbackID      string           `json:"callback_id"`
		PrivateMetadata string           `json:"private_metadata"`
		State           *slack.ViewState `json:"state"`
	} `json:"view"`
}

// DecodeInteraction reads an interaction payload into the fields of
// slack.InteractionCallback that the bot uses (see interactionPayload).
func DecodeInteraction(payload []byte) (slack.InteractionCallback, error) {
	var p interactionPayload
	if err := json.Unmarshal(payload, &p); err != nil {
		return slack.InteractionCallback{}, err
	}
	var cb slack.InteractionCallback
	cb.Type = p.Type
	cb.User.ID = p.User.ID
	cb.Channel.ID = p.Channel.ID
	cb.ResponseURL = p.ResponseURL
	cb.TriggerID = p.TriggerID
	cb.Container.MessageTs = p.Container.MessageTs
	cb.CallbackID = p.CallbackID
	cb.MessageTs = p.MessageTs
	cb.Message.User = p.Message.User
	cb.Message.Text = p.Message.Text
	cb.Message.Timestamp = p.Message.Timestamp
	cb.Message.ThreadTimestamp = p.Message.ThreadTimestamp
	cb.ResponseURLs = p.ResponseURLs
	for _, raw := range p.Actions {
		// As slack-go: an action with a block_id (a string) is a block
		// action; one without is a legacy attachment action, which the
		// bot does not use.
		if f, ok := jsoncut.FindField(raw, "block_id"); !ok || raw[f.Val] != '"' {
			continue
		}
		a := &slack.BlockAction{}
		if err := json.Unmarshal(raw, a); err != nil {
			return slack.InteractionCallback{}, err
		}
		cb.ActionCallback.BlockActions = append(cb.ActionCallback.BlockActions, a)
	}
	if p.Type == slack.InteractionTypeBlockActions && len(p.State) > 0 {
		// As slack-go: the message's state is read for block_actions only.
		if err := json.Unmarshal(p.State, &cb.BlockActionState); err != nil {
			return slack.InteractionCallback{}, err
		}
	}
	cb.View.ID = p.View.ID
	cb.View.Hash = p.View.Hash
	cb.View.CallbackID = p.View.CallbackID
	cb.View.PrivateMetadata = p.View.PrivateMetadata
	cb.View.State = p.View.State
	return cb, nil
}
