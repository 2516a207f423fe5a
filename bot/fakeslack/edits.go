package fakeslack

import (
	"fmt"
	"strings"
)

// EditUserMessage changes the text of a message a person wrote (added with
// AddUserMessage) and returns it as it was before.
func (s *Server) EditUserMessage(channel, ts, text string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.st.messages[msgKey{channel, ts}]
	if !ok || m.Deleted || m.User == BotUserID {
		return Message{}, false
	}
	before := copyMessage(m)
	m.Text = text
	m.Updated++
	return before, true
}

// DeleteUserMessage deletes a message a person wrote and returns it as it
// was.
func (s *Server) DeleteUserMessage(channel, ts string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.st.messages[msgKey{channel, ts}]
	if !ok || m.Deleted || m.User == BotUserID {
		return Message{}, false
	}
	before := copyMessage(m)
	m.Deleted = true
	return before, true
}

// newEventTS returns a fresh ts for an event that is not a new message.
func (s *Server) newEventTS() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.nextTS()
}

// ChannelType is the channel_type Slack puts in message events for a
// channel id: "channel" (C…), "group" (G…, private) or "im" (D…).
func ChannelType(channel string) string {
	switch {
	case strings.HasPrefix(channel, "G"):
		return "group"
	case strings.HasPrefix(channel, "D"):
		return "im"
	}
	return "channel"
}

// wireUserMessage is a person's message as Slack nests it in
// message_changed and message_deleted events.
func wireUserMessage(m Message) map[string]any {
	w := map[string]any{"type": "message", "user": m.User, "text": m.Text, "ts": m.TS, "team": TeamID}
	if m.ThreadTS != "" {
		w["thread_ts"] = m.ThreadTS
		w["parent_user_id"] = BotUserID
	}
	return w
}

// Edit has the author of the message ts change its text to text: the
// message changes in the fake workspace and the app gets the
// message_changed event Slack sends, with the new message under "message"
// and the old one under "previous_message".
func (s *Sender) Edit(channel, ts, text string) error {
	before, ok := s.Slack.EditUserMessage(channel, ts, text)
	if !ok {
		return fmt.Errorf("fakeslack: no message %s in %s to edit", ts, channel)
	}
	evTS := s.Slack.newEventTS()
	after := wireUserMessage(before)
	after["text"] = text
	after["edited"] = map[string]any{"user": before.User, "ts": evTS}
	ev := map[string]any{
		"type": "message", "subtype": "message_changed", "hidden": true, "channel": channel,
		"channel_type": ChannelType(channel), "ts": evTS, "event_ts": evTS,
		"message": after, "previous_message": wireUserMessage(before),
	}
	_, err := s.expectOK(s.Event(fmt.Sprintf("Ev%08d", s.next()), ev, 0))
	return err
}

// Delete has the author of the message ts delete it: the app gets the
// message_deleted event with deleted_ts and the old message under
// "previous_message".
func (s *Sender) Delete(channel, ts string) error {
	before, ok := s.Slack.DeleteUserMessage(channel, ts)
	if !ok {
		return fmt.Errorf("fakeslack: no message %s in %s to delete", ts, channel)
	}
	evTS := s.Slack.newEventTS()
	ev := map[string]any{
		"type": "message", "subtype": "message_deleted", "hidden": true, "channel": channel,
		"channel_type": ChannelType(channel), "ts": evTS, "event_ts": evTS, "deleted_ts": ts,
		"previous_message": wireUserMessage(before),
	}
	_, err := s.expectOK(s.Event(fmt.Sprintf("Ev%08d", s.next()), ev, 0))
	return err
}
