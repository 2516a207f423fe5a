package fakeslack

import (
	"fmt"
	"slices"
	"time"
)

// Setting the fake up in a test: faults, users, channels, user groups, people's messages and trigger ids.

// FailNext makes the next n calls to method fail with f instead of being handled. method is a Web API
// method, "response_url" or "upload_url". Faults queue up in the order they are added.
func (s *Server) FailNext(method string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.st.faults[method] = append(s.st.faults[method], f)
	}
}

// ClearFaults drops the faults still queued for method: Slack is well again.
func (s *Server) ClearFaults(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.st.faults, method)
}

// AddUser makes a user known to users.info, with time zone Europe/Amsterdam.
func (s *Server) AddUser(id, name, locale string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.users[id] = user{id: id, name: name, locale: locale}
}

// SetNotInChannel makes the bot a non-member of channel: posting, updating and sharing files there answers
// not_in_channel, and conversations.info reports is_member false.
func (s *Server) SetNotInChannel(channel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.notInChannel[channel] = true
}

// SetInChannel makes the bot a member of channel again (undoes SetNotInChannel), as when someone adds it.
func (s *Server) SetInChannel(channel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.st.notInChannel, channel)
}

// SetArchived archives channel (true) or unarchives it: posting and updating there answers is_archived, and
// conversations.info reports is_archived.
func (s *Server) SetArchived(channel string, archived bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if archived {
		s.st.archived[channel] = true
	} else {
		delete(s.st.archived, channel)
	}
}

// RevokeToken makes every Web API call with the bot token answer token_revoked (true), as after the app was
// uninstalled or its token revoked; false accepts the token again.
func (s *Server) RevokeToken(revoked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.revoked = revoked
}

// SetUserGroup sets the members of a user group, for usergroups.users.list.
func (s *Server) SetUserGroup(id string, users ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.userGroups[id] = slices.Clone(users)
}

// AddUserMessage stores a message written by a person, as if it had been posted in Slack, and returns its
// ts (from the same sequence as the bot's messages). threadTS is "" for a root message. Use it to give the
// bot's reactions and thread replies a message to point at, and put the ts in the event sent to the bot.
func (s *Server) AddUserMessage(channel, threadTS, userID, text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &Message{Channel: channel, TS: s.st.nextTS(), ThreadTS: threadTS, Text: text, User: userID}
	s.st.addMessage(m)
	return m.TS
}

// NewTriggerID returns a trigger_id for an interaction payload. views.open and views.push accept it once,
// within TriggerLifetime; other trigger ids are accepted without those checks.
func (s *Server) NewTriggerID() string {
	return s.newTrigger(time.Now())
}

// NewExpiredTriggerID returns a trigger_id that views.open and views.push answer with expired_trigger_id.
func (s *Server) NewExpiredTriggerID() string {
	return s.newTrigger(time.Now().Add(-2 * TriggerLifetime))
}

func (s *Server) newTrigger(issued time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := fmt.Sprintf("%d.%d.fake%08x", issued.Unix(), s.st.next(), uint32(issued.UnixNano()))
	s.st.triggers[id] = &trigger{issued: issued}
	return id
}

// SetPermalinkBase sets the base of the permalinks chat.getPermalink gives,
// e.g. "https://gemeente.slack.com/" for an app that checks that a link is
// Slack's; the default is "https://fake.slack.test/".
func (s *Server) SetPermalinkBase(base string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.permalinkBase = base
}
