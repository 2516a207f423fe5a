package fakeslack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Call is one HTTP request the fake received.
type Call struct {
	// Method is the Web API method ("chat.postMessage", …), "response_url" for a post to a ResponseURL, or
	// "upload_url" for the upload of a file's content.
	Method string
	// ID is the id given to ResponseURL for "response_url", the file id for "upload_url", and "" otherwise.
	ID string
	// Params holds the form fields and query parameters, or for a JSON body each top-level field: strings
	// unquoted, other values as compact JSON text. The token is left out. For "upload_url" it holds only the
	// "filename" of the uploaded part.
	Params map[string]string
	// Body is the raw request body.
	Body []byte
	// At is when the request arrived.
	At time.Time
	// Status is the HTTP status of the answer, and Error the Slack error it carried ("" when ok). Both are zero
	// while the call is still being answered.
	Status int
	Error  string
}

// Message is the fake's current state of a message (after updates, deletes and reactions).
type Message struct {
	Channel, TS string
	// ThreadTS is the ts of the thread's root for a reply, "" for a root message.
	ThreadTS string
	Text     string
	// User is BotUserID for the bot's messages, the author for messages added with AddUserMessage, and the
	// recipient for ephemeral messages.
	User string
	// Blocks is as last posted or updated, as compact JSON (nil when the message has no blocks).
	Blocks json.RawMessage
	// Broadcast is reply_broadcast: a thread reply also sent to the channel.
	Broadcast bool
	// Updated counts the chat.update calls applied.
	Updated int
	Deleted bool
	// Reactions are the bot's reactions, in the order they were added.
	Reactions []string
}

// File is a file uploaded with files.getUploadURLExternal, the upload URL and files.completeUploadExternal.
type File struct {
	ID, Name string
	// Length is the size announced to files.getUploadURLExternal.
	Length int
	// Content is what was posted to the upload URL; Uploaded tells whether that happened.
	Content  []byte
	Uploaded bool
	// Completed tells whether files.completeUploadExternal completed the upload, with Title, Channel, ThreadTS
	// and InitialComment as given there.
	Completed                                bool
	Title, Channel, ThreadTS, InitialComment string
}

// Fault is a failure the fake answers instead of handling a call, queued with FailNext.
type Fault struct {
	// Status is the HTTP status, e.g. 429, 500, 503; 0 answers 200 with ok:false.
	Status int
	// RetryAfter is the number of seconds put in the Retry-After header of a 429.
	RetryAfter int
	// Error is the Slack error string, e.g. "not_in_channel" or "channel_not_found". When empty it is
	// "ratelimited" for 429, "internal_error" for ok:false, and derived from the status text otherwise.
	Error string
	// Delay holds the answer back this long (a slow Slack). A fault with only a Delay then answers as
	// usual; with a Status or Error it answers that after the delay.
	Delay time.Duration
	// Drop closes the connection without an answer: the caller sees a network error (for a Go client a
	// *url.Error, which names the URL). The call log notes Error "connection_dropped" and Status 0.
	Drop bool
}

// Limits the fake enforces, as Slack does.
const (
	// ResponseURLUses is how many times a response_url may be posted to.
	ResponseURLUses = 5
	// TriggerLifetime is how long a trigger from NewTriggerID may be used.
	TriggerLifetime = 3 * time.Second
)

// firstTS is the seconds part of the first ts the fake hands out.
const firstTS = 1700000000

type msgKey struct{ channel, ts string }

type user struct {
	id, name, locale string
	isBot            bool
}

type trigger struct {
	issued time.Time
	used   bool
}

// view is the current state of an opened or published view.
type view struct {
	id, hash, externalID, rootID, userID string
	fields                               map[string]json.RawMessage // the view as last posted
}

// state is everything the fake knows. It is guarded by Server.mu.
type state struct {
	calls  []Call
	faults map[string][]Fault
	seq    int64 // last sequence number, for ts and ids

	messages   map[msgKey]*Message
	byChannel  map[string][]*Message // in ts order
	ephemerals map[string][]Message

	triggers    map[string]*trigger
	views       map[string]*view
	viewsByExt  map[string]string // external_id → view id
	homeViews   map[string]string // user id → view id of the Home tab
	viewLog     []json.RawMessage
	responseURL map[string]int    // id → posts so far
	responseMsg map[string]msgKey // id → the message clicked, for replace_original

	files     map[string]*File
	fileOrder []string

	users        map[string]user
	notInChannel map[string]bool
	userGroups   map[string][]string
	openedDMs    map[string]bool
}

func newState() *state {
	return &state{
		faults:       map[string][]Fault{},
		messages:     map[msgKey]*Message{},
		byChannel:    map[string][]*Message{},
		ephemerals:   map[string][]Message{},
		triggers:     map[string]*trigger{},
		views:        map[string]*view{},
		viewsByExt:   map[string]string{},
		homeViews:    map[string]string{},
		responseURL:  map[string]int{},
		responseMsg:  map[string]msgKey{},
		files:        map[string]*File{},
		users:        map[string]user{BotUserID: {id: BotUserID, name: "maatwerkbot", locale: "nl-NL", isBot: true}},
		notInChannel: map[string]bool{},
		userGroups:   map[string][]string{},
		openedDMs:    map[string]bool{},
	}
}

// next returns the next sequence number.
func (st *state) next() int64 {
	st.seq++
	return st.seq
}

// nextTS returns a new message ts: "1700000000.000100", "1700000000.000200", …, strictly increasing both as
// numbers and as strings.
func (st *state) nextTS() string {
	micros := st.next() * 100
	return fmt.Sprintf("%d.%06d", firstTS+micros/1_000_000, micros%1_000_000)
}

// addMessage stores a new message; its ts must be newer than every other.
func (st *state) addMessage(m *Message) {
	st.messages[msgKey{m.Channel, m.TS}] = m
	st.byChannel[m.Channel] = append(st.byChannel[m.Channel], m)
}

// copyMessage returns a copy of m that shares no memory with it.
func copyMessage(m *Message) Message {
	c := *m
	c.Blocks = bytes.Clone(m.Blocks)
	c.Reactions = slices.Clone(m.Reactions)
	return c
}

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

// useTrigger checks a trigger_id for views.open or views.push and marks it used.
func (st *state) useTrigger(id string) *slackError {
	if strings.TrimSpace(id) == "" {
		return errorf("invalid_trigger_id")
	}
	t, ok := st.triggers[id]
	if !ok {
		return nil
	}
	switch {
	case t.used:
		return errorf("exchanged_trigger_id")
	case time.Since(t.issued) > TriggerLifetime:
		return errorf("expired_trigger_id")
	}
	t.used = true
	return nil
}

// useResponseURL checks a post to a response_url and counts it.
func (st *state) useResponseURL(id string, params map[string]string) (*Message, *slackError) {
	if st.responseURL[id] >= ResponseURLUses {
		return nil, errorf("used_url")
	}
	if isTrue(params["delete_original"]) {
		st.responseURL[id]++
		return nil, nil
	}
	blocks, serr := messageBlocks(params)
	if serr != nil {
		return nil, serr
	}
	if params["text"] == "" && blocks == nil && params["attachments"] == "" {
		return nil, errorf("no_text")
	}
	st.responseURL[id]++
	if !isTrue(params["replace_original"]) {
		return nil, nil
	}
	m, ok := st.messages[st.responseMsg[id]]
	if !ok || m.Deleted {
		return nil, errorf("message_not_found")
	}
	m.Text, m.Blocks = params["text"], blocks
	m.Updated++
	return m, nil
}

// isTrue reports whether a boolean parameter is set.
func isTrue(v string) bool {
	return v == "true" || v == "1"
}
