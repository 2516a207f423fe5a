package fakeslack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

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
	archived     map[string]bool
	// revoked: every Web API call answers token_revoked (RevokeToken).
	revoked    bool
	userGroups map[string][]string
	openedDMs  map[string]bool
	// permalinkBase, when set, replaces the default base of permalinks (SetPermalinkBase).
	permalinkBase string

	functions map[string]*FunctionRun // workflow steps' executions by id (functions.go)
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
		archived:     map[string]bool{},
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
	c.Metadata = bytes.Clone(m.Metadata)
	return c
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
