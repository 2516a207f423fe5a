package fakeslack

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
)

// permalinkBase is the workspace URL of the fake, as auth.test reports it.
const permalinkBase = "https://fake.slack.test/"

// wireMessage is a message as Slack returns it in chat.postMessage and chat.update answers.
type wireMessage struct {
	Type     string          `json:"type"`
	Text     string          `json:"text"`
	User     string          `json:"user,omitempty"`
	BotID    string          `json:"bot_id,omitempty"`
	AppID    string          `json:"app_id,omitempty"`
	Team     string          `json:"team"`
	TS       string          `json:"ts"`
	ThreadTS string          `json:"thread_ts,omitempty"`
	Blocks   json.RawMessage `json:"blocks,omitempty"`
}

func toWire(m *Message) wireMessage {
	return wireMessage{
		Type: "message", Text: m.Text, User: m.User, BotID: BotID, AppID: AppID, Team: TeamID,
		TS: m.TS, ThreadTS: m.ThreadTS, Blocks: m.Blocks,
	}
}

// channelFor returns the channel a message to target lands in: a user id stands for the DM with that user.
func channelFor(target string) string {
	if strings.HasPrefix(target, "U") || strings.HasPrefix(target, "W") {
		return "D" + target
	}
	return target
}

// checkChannel checks that the bot may post in channel.
func (st *state) checkChannel(channel string) *slackError {
	switch {
	case channel == "":
		return errorf("channel_not_found")
	case st.archived[channel]:
		return errorf("is_archived")
	case st.notInChannel[channel]:
		return errorf("not_in_channel")
	}
	return nil
}

// messageContent returns the text and normalized blocks of a post, checking them as Slack does.
func messageContent(params map[string]string) (string, json.RawMessage, *slackError) {
	blocks, serr := messageBlocks(params)
	if serr != nil {
		return "", nil, serr
	}
	text := params["text"]
	if text == "" && blocks == nil && params["attachments"] == "" {
		return "", nil, errorf("no_text")
	}
	return text, blocks, nil
}

func (s *Server) chatPostMessage(req *request) (map[string]any, *slackError) {
	st := s.st
	channel := channelFor(req.params["channel"])
	if serr := st.checkChannel(channel); serr != nil {
		return nil, serr
	}
	text, blocks, serr := messageContent(req.params)
	if serr != nil {
		return nil, serr
	}
	threadTS := req.params["thread_ts"]
	if parent, ok := st.messages[msgKey{channel, threadTS}]; ok {
		switch {
		case parent.Deleted:
			threadTS = "" // Slack posts a reply to a deleted root outside any thread.
		case parent.ThreadTS != "":
			threadTS = parent.ThreadTS // a reply to a reply joins the same thread.
		}
	}
	m := &Message{
		Channel: channel, TS: st.nextTS(), ThreadTS: threadTS, Text: text, User: BotUserID, Blocks: blocks,
		Broadcast: threadTS != "" && isTrue(req.params["reply_broadcast"]),
	}
	if m.Metadata, serr = messageMetadata(req.params); serr != nil {
		return nil, serr
	}
	st.addMessage(m)
	return map[string]any{"channel": channel, "ts": m.TS, "message": toWire(m)}, nil
}

func (s *Server) chatUpdate(req *request) (map[string]any, *slackError) {
	st := s.st
	channel := req.params["channel"]
	if serr := st.checkChannel(channel); serr != nil {
		return nil, serr
	}
	m, ok := st.messages[msgKey{channel, req.params["ts"]}]
	switch {
	case !ok || m.Deleted:
		return nil, errorf("message_not_found")
	case m.User != BotUserID:
		return nil, errorf("cant_update_message")
	}
	text, blocks := m.Text, m.Blocks
	if v, ok := req.params["text"]; ok {
		text = v
	}
	if _, ok := req.params["blocks"]; ok {
		var serr *slackError
		if blocks, serr = messageBlocks(req.params); serr != nil {
			return nil, serr
		}
	}
	if text == "" && blocks == nil && req.params["attachments"] == "" {
		return nil, errorf("no_text")
	}
	m.Text, m.Blocks = text, blocks
	m.Updated++
	return map[string]any{"channel": channel, "ts": m.TS, "text": m.Text, "message": toWire(m)}, nil
}

func (s *Server) chatPostEphemeral(req *request) (map[string]any, *slackError) {
	st := s.st
	channel := channelFor(req.params["channel"])
	if serr := st.checkChannel(channel); serr != nil {
		return nil, serr
	}
	recipient := req.params["user"]
	if recipient == "" {
		return nil, errorf("user_not_found")
	}
	text, blocks, serr := messageContent(req.params)
	if serr != nil {
		return nil, serr
	}
	m := Message{
		Channel: channel, TS: st.nextTS(), ThreadTS: req.params["thread_ts"], Text: text, User: recipient,
		Blocks: blocks,
	}
	st.ephemerals[channel] = append(st.ephemerals[channel], m)
	return map[string]any{"message_ts": m.TS}, nil
}

func (s *Server) chatDelete(req *request) (map[string]any, *slackError) {
	st := s.st
	channel := req.params["channel"]
	m, ok := st.messages[msgKey{channel, req.params["ts"]}]
	switch {
	case channel == "":
		return nil, errorf("channel_not_found")
	case !ok || m.Deleted:
		return nil, errorf("message_not_found")
	case m.User != BotUserID:
		return nil, errorf("cant_delete_message")
	}
	m.Deleted = true
	return map[string]any{"channel": channel, "ts": m.TS}, nil
}

// chatGetPermalink answers for any ts, since the fake does not know every message of the workspace.
func (s *Server) chatGetPermalink(req *request) (map[string]any, *slackError) {
	channel, ts := req.params["channel"], req.params["message_ts"]
	switch {
	case channel == "":
		return nil, errorf("channel_not_found")
	case ts == "":
		return nil, errorf("message_not_found")
	}
	link := cmp.Or(s.st.permalinkBase, permalinkBase) + "archives/" + channel + "/p" + strings.ReplaceAll(ts, ".", "")
	if m, ok := s.st.messages[msgKey{channel, ts}]; ok && m.ThreadTS != "" && m.ThreadTS != ts {
		link += "?thread_ts=" + m.ThreadTS + "&cid=" + channel
	}
	return map[string]any{"channel": channel, "permalink": link}, nil
}

// reactionTarget returns the message and emoji name of a reactions.add or reactions.remove call.
func (st *state) reactionTarget(req *request) (*Message, string, *slackError) {
	name := req.params["name"]
	if name == "" {
		return nil, "", errorf("invalid_name")
	}
	m, ok := st.messages[msgKey{req.params["channel"], req.params["timestamp"]}]
	if !ok || m.Deleted {
		return nil, "", errorf("message_not_found")
	}
	return m, name, nil
}

func (s *Server) reactionsAdd(req *request) (map[string]any, *slackError) {
	m, name, serr := s.st.reactionTarget(req)
	if serr != nil {
		return nil, serr
	}
	if slices.Contains(m.Reactions, name) {
		return nil, errorf("already_reacted")
	}
	m.Reactions = append(m.Reactions, name)
	return nil, nil
}

func (s *Server) reactionsRemove(req *request) (map[string]any, *slackError) {
	m, name, serr := s.st.reactionTarget(req)
	if serr != nil {
		return nil, serr
	}
	i := slices.Index(m.Reactions, name)
	if i < 0 {
		return nil, errorf("no_reaction")
	}
	m.Reactions = slices.Delete(m.Reactions, i, i+1)
	return nil, nil
}
