package fakeslack

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Message metadata and reading messages back: conversations.history and
// conversations.replies.

// defaultHistoryLimit and maxHistoryLimit bound a page, as Slack does.
const (
	defaultHistoryLimit = 100
	maxHistoryLimit     = 999
)

// messageMetadata checks the metadata parameter of chat.postMessage and
// returns it as compact JSON, nil when there is none.
func messageMetadata(params map[string]string) (json.RawMessage, *slackError) {
	raw := strings.TrimSpace(params["metadata"])
	if raw == "" {
		return nil, nil
	}
	var md struct {
		EventType    *string         `json:"event_type"`
		EventPayload json.RawMessage `json:"event_payload"`
	}
	if err := json.Unmarshal([]byte(raw), &md); err != nil {
		return nil, errorf("invalid_metadata_format", "[ERROR] "+err.Error())
	}
	var payload map[string]any
	if md.EventType == nil || *md.EventType == "" || json.Unmarshal(md.EventPayload, &payload) != nil || payload == nil {
		return nil, errorf("invalid_metadata_schema", "[ERROR] metadata needs an event_type and an event_payload object")
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(raw)); err != nil {
		return nil, errorf("invalid_metadata_format", "[ERROR] "+err.Error())
	}
	return buf.Bytes(), nil
}

// historyMessage is a message as conversations.history and conversations.replies return it.
type historyMessage struct {
	Type     string          `json:"type"`
	Text     string          `json:"text"`
	User     string          `json:"user,omitempty"`
	BotID    string          `json:"bot_id,omitempty"`
	AppID    string          `json:"app_id,omitempty"`
	TS       string          `json:"ts"`
	ThreadTS string          `json:"thread_ts,omitempty"`
	Blocks   json.RawMessage `json:"blocks,omitempty"`
	Metadata json.RawMessage `json:"metadata,omitempty"`
}

func toHistory(m *Message, withMetadata bool) historyMessage {
	h := historyMessage{Type: "message", Text: m.Text, User: m.User, TS: m.TS, ThreadTS: m.ThreadTS, Blocks: m.Blocks}
	if m.User == BotUserID {
		h.BotID, h.AppID = BotID, AppID
	}
	if withMetadata {
		h.Metadata = m.Metadata
	}
	return h
}

// tsNumber reads a ts for comparison; "" is 0.
func tsNumber(ts string) float64 {
	f, _ := strconv.ParseFloat(ts, 64)
	return f
}

// page answers one page of msgs (already in the order to return) after the
// cursor, limit long.
func page(req *request, msgs []*Message) (map[string]any, *slackError) {
	limit := defaultHistoryLimit
	if v := req.params["limit"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, errorf("invalid_limit")
		}
		if n > 0 {
			limit = min(n, maxHistoryLimit)
		}
	}
	start := 0
	if c := req.params["cursor"]; c != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(c, "o:"))
		if err != nil || n < 0 || n > len(msgs) {
			return nil, errorf("invalid_cursor")
		}
		start = n
	}
	end := min(start+limit, len(msgs))
	withMetadata := isTrue(req.params["include_all_metadata"])
	out := make([]historyMessage, 0, end-start)
	for _, m := range msgs[start:end] {
		out = append(out, toHistory(m, withMetadata))
	}
	answer := map[string]any{"messages": out, "has_more": end < len(msgs)}
	if end < len(msgs) {
		answer["response_metadata"] = map[string]any{"next_cursor": "o:" + strconv.Itoa(end)}
	}
	return answer, nil
}

// inWindow reports whether ts lies between the oldest and latest
// parameters (exclusive unless inclusive is set).
func inWindow(req *request, ts string) bool {
	t, incl := tsNumber(ts), isTrue(req.params["inclusive"])
	if o := req.params["oldest"]; o != "" && (t < tsNumber(o) || !incl && t == tsNumber(o)) {
		return false
	}
	if l := req.params["latest"]; l != "" && (t > tsNumber(l) || !incl && t == tsNumber(l)) {
		return false
	}
	return true
}

// conversationsHistory returns the channel's messages (roots and replies
// also sent to the channel), newest first.
func (s *Server) conversationsHistory(req *request) (map[string]any, *slackError) {
	channel := req.params["channel"]
	if serr := s.st.checkChannel(channel); serr != nil {
		return nil, serr
	}
	var msgs []*Message
	for _, m := range slices.Backward(s.st.byChannel[channel]) {
		if !m.Deleted && (m.ThreadTS == "" || m.ThreadTS == m.TS || m.Broadcast) && inWindow(req, m.TS) {
			msgs = append(msgs, m)
		}
	}
	return page(req, msgs)
}

// conversationsReplies returns a thread: its root, then the replies,
// oldest first.
func (s *Server) conversationsReplies(req *request) (map[string]any, *slackError) {
	channel, ts := req.params["channel"], req.params["ts"]
	if serr := s.st.checkChannel(channel); serr != nil {
		return nil, serr
	}
	root, ok := s.st.messages[msgKey{channel, ts}]
	if !ok || root.Deleted {
		return nil, errorf("thread_not_found")
	}
	if root.ThreadTS != "" && root.ThreadTS != root.TS {
		root = s.st.messages[msgKey{channel, root.ThreadTS}] // a reply's ts gives its thread
		if root == nil {
			return nil, errorf("thread_not_found")
		}
	}
	msgs := []*Message{root}
	for _, m := range s.st.byChannel[channel] {
		if m != root && !m.Deleted && m.ThreadTS == root.TS && inWindow(req, m.TS) {
			msgs = append(msgs, m)
		}
	}
	return page(req, msgs)
}
