package fakeslack

import (
	"bytes"
	"encoding/json"
	"maps"
)

// Reading the fake's state back in a test: the calls, messages, views and files.

// Calls returns a copy of every call received, in arrival order.
func (s *Server) Calls() []Call {
	return s.calls(func(Call) bool { return true })
}

// CallsTo returns a copy of the calls to method, in arrival order.
func (s *Server) CallsTo(method string) []Call {
	return s.calls(func(c Call) bool { return c.Method == method })
}

func (s *Server) calls(keep func(Call) bool) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.st.calls {
		if keep(c) {
			c.Params = maps.Clone(c.Params)
			c.Body = bytes.Clone(c.Body)
			out = append(out, c)
		}
	}
	return out
}

// Messages returns the messages of a channel in ts order: roots and thread replies, deleted ones included.
// Messages posted to a user id land in the DM channel "D" + user id.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.st.byChannel[channel] {
		out = append(out, copyMessage(m))
	}
	return out
}

// Message returns the message of a channel with the given ts.
func (s *Server) Message(channel, ts string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.st.messages[msgKey{channel, ts}]
	if !ok {
		return Message{}, false
	}
	return copyMessage(m), true
}

// Thread returns the replies in the thread rooted at threadTS (not the root), in ts order.
func (s *Server) Thread(channel, threadTS string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.st.byChannel[channel] {
		if m.ThreadTS == threadTS && m.TS != threadTS {
			out = append(out, copyMessage(m))
		}
	}
	return out
}

// Ephemerals returns the ephemeral messages posted in a channel, in ts order; User is the recipient.
func (s *Server) Ephemerals(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.st.ephemerals[channel] {
		out = append(out, copyMessage(&m))
	}
	return out
}

// Views returns the views opened, pushed, updated and published, in order, each as the fake answered it:
// the posted view plus id, hash, root_view_id and the other fields Slack adds.
func (s *Server) Views() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]json.RawMessage, len(s.st.viewLog))
	for i, v := range s.st.viewLog {
		out[i] = bytes.Clone(v)
	}
	return out
}

// Files returns the files announced with files.getUploadURLExternal, in order.
func (s *Server) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]File, 0, len(s.st.fileOrder))
	for _, id := range s.st.fileOrder {
		f := *s.st.files[id]
		f.Content = bytes.Clone(f.Content)
		out = append(out, f)
	}
	return out
}
