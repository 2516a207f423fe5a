package fakeslack

// Hooks for load generators (cmd/maatwerk-load), which run the fake for a
// minute at thousands of calls a second: they need to hear about changes
// instead of polling, and to keep the fake's memory bounded.

// Observe has fn called after every Web API call the fake answered ok, with
// the method, its parameters (the token left out) and the fields of the
// answer (e.g. "ts" of a posted message); and after a post to a response_url
// that replaced a message, with method "response_url" and the message's
// "channel" and "ts" as the answer. fn runs on the
// request's goroutine after the fake's lock is released; it must not modify
// params or answer. Call Observe before the bot makes calls.
func (s *Server) Observe(fn func(method string, params map[string]string, answer map[string]any)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.observer = fn
}

// KeepCallContent says whether Calls keeps each call's Params and Body (the
// default). A load generator turns it off: the log then keeps only method,
// id, time and outcome.
func (s *Server) KeepCallContent(keep bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lean = !keep
}

// Forget drops a channel's messages and ephemerals, so a long run keeps only
// the conversations still going. Later calls about them fail as for unknown
// messages.
func (s *Server) Forget(channel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.st.byChannel[channel] {
		delete(s.st.messages, msgKey{m.Channel, m.TS})
	}
	delete(s.st.byChannel, channel)
	delete(s.st.ephemerals, channel)
}

// observed calls the observer, if any, for an answered call.
func (s *Server) observed(method string, params map[string]string, answer map[string]any) {
	s.mu.Lock()
	fn := s.observer
	s.mu.Unlock()
	if fn != nil {
		fn(method, params, answer)
	}
}
