package fakeslack

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Sender is Slack's other half: it sends the app signed slash commands,
// interactions and Events API callbacks over HTTP, the way Slack does in
// HTTP mode, with response_urls and trigger_ids issued by the fake server.
type Sender struct {
	// AppURL is the app's base URL, e.g. "http://127.0.0.1:3000".
	AppURL string
	// Secret is the signing secret; empty sends unsigned requests.
	Secret string
	// Slack is the fake Web API whose response_urls and trigger_ids the
	// requests carry, and which records the human messages sent.
	Slack *Server
	// Now is the clock for the timestamp header; nil means time.Now.
	Now func() time.Time
	// Team is the workspace the requests come from; empty means TeamID.
	// (A channel may be shared between the workspaces of an organisation.)
	Team string
	// Client sends the requests; nil means a client with a 10 s timeout.
	Client *http.Client

	n atomic.Int64
}

// Response is the app's answer to a request.
type Response struct {
	Status int
	Body   []byte
}

// Sign returns Slack's v0 signature of body at timestamp ts.
func Sign(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	io.WriteString(mac, "v0:"+ts+":")
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// Post sends body to path with Slack's signature headers (when Secret is
// set) and extra headers.
func (s *Sender) Post(path, contentType string, body []byte, extra http.Header) (Response, error) {
	req, err := http.NewRequest(http.MethodPost, strings.TrimRight(s.AppURL, "/")+path, bytes.NewReader(body))
	if err != nil {
		return Response{}, err
	}
	req.Header.Set("Content-Type", contentType)
	if s.Secret != "" {
		now := time.Now
		if s.Now != nil {
			now = s.Now
		}
		ts := strconv.FormatInt(now().Unix(), 10)
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", Sign(s.Secret, ts, body))
	}
	for k, vs := range extra {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	client := s.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Body: b}, err
}

func (s *Sender) next() int64 { return s.n.Add(1) }

// team is the workspace id the requests carry.
func (s *Sender) team() string {
	if s.Team != "" {
		return s.Team
	}
	return TeamID
}

// Command sends a slash command typed by user in channel. Its response_url
// is s.Slack.ResponseURL("cmd-<n>").
func (s *Sender) Command(command, user, channel, text string) (Response, error) {
	n := s.next()
	form := url.Values{
		"token":        {"verification-token-unused"},
		"team_id":      {s.team()},
		"team_domain":  {"fake"},
		"channel_id":   {channel},
		"channel_name": {"kanaal"},
		"user_id":      {user},
		"user_name":    {strings.ToLower(user)},
		"command":      {command},
		"text":         {text},
		"api_app_id":   {AppID},
		"response_url": {s.Slack.ResponseURL(fmt.Sprintf("cmd-%d", n))},
		"trigger_id":   {s.Slack.NewTriggerID()},
	}
	return s.Post("/slack/commands", "application/x-www-form-urlencoded", []byte(form.Encode()), nil)
}

// Action is one element of a message a user can click.
type Action struct {
	BlockID, ActionID, Type, Value string
	// Options are the option values of a select or checkbox group.
	Options []string
}

// Actions lists the interactive elements of a message's blocks.
// ActionsExcept is Actions without the actions whose id is one of except.
func ActionsExcept(blocks json.RawMessage, except ...string) []Action {
	var out []Action
	for _, a := range Actions(blocks) {
		if !slices.Contains(except, a.ActionID) {
			out = append(out, a)
		}
	}
	return out
}

func Actions(blocks json.RawMessage) []Action {
	var bl []struct {
		Type     string            `json:"type"`
		BlockID  string            `json:"block_id"`
		Elements []json.RawMessage `json:"elements"`
		Acc      json.RawMessage   `json:"accessory"`
	}
	json.Unmarshal(blocks, &bl)
	var out []Action
	for _, b := range bl {
		els := b.Elements
		if len(b.Acc) > 0 {
			els = append(els, b.Acc)
		}
		for _, raw := range els {
			var el struct {
				Type     string `json:"type"`
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
				Options  []struct {
					Value string `json:"value"`
				} `json:"options"`
			}
			if json.Unmarshal(raw, &el) != nil || el.ActionID == "" {
				continue
			}
			a := Action{BlockID: b.BlockID, ActionID: el.ActionID, Type: el.Type, Value: el.Value}
			for _, o := range el.Options {
				a.Options = append(a.Options, o.Value)
			}
			out = append(out, a)
		}
	}
	return out
}

// Click sends the block_actions payload of user clicking act in msg.
// selected is the chosen option of a select; checked are the ticked
// options of checkbox groups in the same block, sent as the message's state.
func (s *Sender) Click(user string, msg Message, act Action, selected string, checked map[string][]string) (Response, error) {
	n := s.next()
	action := map[string]any{
		"type": act.Type, "action_id": act.ActionID, "block_id": act.BlockID,
		"action_ts": fmt.Sprintf("%d.%06d", time.Now().Unix(), n),
	}
	if act.Value != "" {
		action["value"] = act.Value
	}
	if selected != "" {
		action["selected_option"] = map[string]any{"value": selected}
	}
	values := map[string]map[string]any{}
	for actionID, opts := range checked {
		sel := []map[string]any{}
		for _, o := range opts {
			sel = append(sel, map[string]any{"value": o})
		}
		if values[act.BlockID] == nil {
			values[act.BlockID] = map[string]any{}
		}
		values[act.BlockID][actionID] = map[string]any{"type": "checkboxes", "selected_options": sel}
	}
	payload := map[string]any{
		"type":         "block_actions",
		"team":         map[string]any{"id": s.team()},
		"user":         map[string]any{"id": user, "username": strings.ToLower(user)},
		"api_app_id":   AppID,
		"trigger_id":   s.Slack.NewTriggerID(),
		"response_url": s.Slack.MessageResponseURL(fmt.Sprintf("click-%d", n), msg.Channel, msg.TS),
		"container":    map[string]any{"type": "message", "message_ts": msg.TS, "channel_id": msg.Channel, "is_ephemeral": false, "thread_ts": msg.ThreadTS},
		"channel":      map[string]any{"id": msg.Channel},
		"message":      map[string]any{"type": "message", "ts": msg.TS, "thread_ts": msg.ThreadTS, "text": msg.Text, "blocks": msg.Blocks},
		"actions":      []any{action},
		"state":        map[string]any{"values": values},
	}
	return s.interaction(payload)
}

// Submit sends the view_submission of user submitting view (as the app
// opened it) with the given values: block id → action id → a text value, or
// for select and radio elements the chosen option's value prefixed "=", for
// a multi-select the chosen values prefixed "+" and separated by commas
// ("+" alone: none chosen), for a date picker "date:" and the day
// ("date:2027-01-12"), and for a conversations_select the chosen
// conversation's id prefixed "#". As Slack, it adds a response_url for
// the chosen conversation of a select with response_url_enabled (its id
// is "view-<block id>-<n>").
func (s *Sender) Submit(user string, view json.RawMessage, values map[string]map[string]string) (Response, error) {
	var v map[string]any
	if err := json.Unmarshal(view, &v); err != nil {
		return Response{}, fmt.Errorf("fakeslack: view: %w", err)
	}
	state := map[string]map[string]any{}
	for blockID, acts := range values {
		state[blockID] = map[string]any{}
		for actionID, val := range acts {
			if day, ok := strings.CutPrefix(val, "date:"); ok {
				state[blockID][actionID] = map[string]any{"type": "datepicker", "selected_date": day}
			} else if conv, ok := strings.CutPrefix(val, "#"); ok {
				state[blockID][actionID] = map[string]any{"type": "conversations_select", "selected_conversation": conv}
			} else if opt, ok := strings.CutPrefix(val, "="); ok {
				state[blockID][actionID] = map[string]any{"type": "static_select", "selected_option": map[string]any{"value": opt}}
			} else if opts, ok := strings.CutPrefix(val, "+"); ok {
				selected := []any{}
				for _, o := range strings.Split(opts, ",") {
					if o != "" {
						selected = append(selected, map[string]any{"value": o})
					}
				}
				state[blockID][actionID] = map[string]any{"type": "multi_static_select", "selected_options": selected}
			} else {
				state[blockID][actionID] = map[string]any{"type": "plain_text_input", "value": val}
			}
		}
	}
	// A view as the fake opened it (see Views) carries its id and hash:
	// submitting it twice sends the same id, as in Slack. A view without
	// them gets an id from its content.
	if _, ok := v["id"]; !ok {
		sum := sha256.Sum256(view)
		v["id"] = "V" + strings.ToUpper(hex.EncodeToString(sum[:5]))
		v["hash"] = hex.EncodeToString(sum[5:12])
	}
	v["state"] = map[string]any{"values": state}
	payload := map[string]any{
		"type":       "view_submission",
		"team":       map[string]any{"id": s.team()},
		"user":       map[string]any{"id": user},
		"api_app_id": AppID,
		"trigger_id": s.Slack.NewTriggerID(),
		"view":       v,
	}
	if urls := s.responseURLs(v, values); len(urls) > 0 {
		payload["response_urls"] = urls
	}
	return s.interaction(payload)
}

// responseURLs are the response_urls Slack adds to a view submission: one
// for each conversation chosen in an input block's select with
// response_url_enabled.
func (s *Sender) responseURLs(view map[string]any, values map[string]map[string]string) []any {
	blocks, _ := view["blocks"].([]any)
	var out []any
	for _, b := range blocks {
		block, _ := b.(map[string]any)
		el, _ := block["element"].(map[string]any)
		blockID, _ := block["block_id"].(string)
		actionID, _ := el["action_id"].(string)
		if block["type"] != "input" || el["response_url_enabled"] != true {
			continue
		}
		conv, ok := strings.CutPrefix(values[blockID][actionID], "#")
		if !ok || conv == "" {
			continue
		}
		out = append(out, map[string]any{"block_id": blockID, "action_id": actionID, "channel_id": conv,
			"response_url": s.Slack.ResponseURL(fmt.Sprintf("view-%s-%d", blockID, s.next()))})
	}
	return out
}

// MessageShortcut sends the message_action payload of user choosing the
// message shortcut callbackID on msg. Its response_url is
// s.Slack.ResponseURL("shortcut-<n>").
func (s *Sender) MessageShortcut(user, callbackID string, msg Message) (Response, error) {
	n := s.next()
	message := map[string]any{"type": "message", "user": msg.User, "text": msg.Text, "ts": msg.TS}
	if msg.ThreadTS != "" {
		message["thread_ts"] = msg.ThreadTS
	}
	return s.interaction(map[string]any{
		"type":         "message_action",
		"team":         map[string]any{"id": TeamID, "domain": "fake"},
		"user":         map[string]any{"id": user, "username": strings.ToLower(user), "team_id": TeamID},
		"channel":      map[string]any{"id": msg.Channel, "name": "kanaal"},
		"api_app_id":   AppID,
		"callback_id":  callbackID,
		"trigger_id":   s.Slack.NewTriggerID(),
		"response_url": s.Slack.ResponseURL(fmt.Sprintf("shortcut-%d", n)),
		"message_ts":   msg.TS,
		"action_ts":    fmt.Sprintf("%d.%06d", time.Now().Unix(), n),
		"message":      message,
	})
}

// Shortcut sends the payload of user choosing the global shortcut
// callbackID: no channel, no message, no response_url.
func (s *Sender) Shortcut(user, callbackID string) (Response, error) {
	return s.interaction(map[string]any{
		"type":        "shortcut",
		"team":        map[string]any{"id": TeamID, "domain": "fake"},
		"user":        map[string]any{"id": user, "username": strings.ToLower(user), "team_id": TeamID},
		"api_app_id":  AppID,
		"callback_id": callbackID,
		"trigger_id":  s.Slack.NewTriggerID(),
		"action_ts":   fmt.Sprintf("%d.%06d", time.Now().Unix(), s.next()),
	})
}

// Interaction sends any interaction payload, signed: for payloads Slack
// would never send (forged ones, in tests of what the app refuses).
func (s *Sender) Interaction(payload any) (Response, error) { return s.interaction(payload) }

func (s *Sender) interaction(payload any) (Response, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return Response{}, err
	}
	form := url.Values{"payload": {string(raw)}}
	return s.Post("/slack/interactivity", "application/x-www-form-urlencoded", []byte(form.Encode()), nil)
}

// Event sends an Events API callback with the given inner event and event
// id; retry > 0 adds Slack's retry headers.
func (s *Sender) Event(eventID string, inner map[string]any, retry int) (Response, error) {
	body, err := json.Marshal(map[string]any{
		"token": "verification-token-unused", "team_id": s.team(), "api_app_id": AppID,
		"type": "event_callback", "event_id": eventID, "event_time": time.Now().Unix(),
		"event": inner,
	})
	if err != nil {
		return Response{}, err
	}
	var extra http.Header
	if retry > 0 {
		extra = http.Header{"X-Slack-Retry-Num": {strconv.Itoa(retry)}, "X-Slack-Retry-Reason": {"http_timeout"}}
	}
	return s.Post("/slack/events", "application/json", body, extra)
}

// Reply has user post text in a thread: the message is added to the fake
// workspace and delivered as a message event (and, when it mentions the bot,
// also as an app_mention, as Slack does outside DMs); channel_type follows
// the channel id (ChannelType). It returns the message's ts.
func (s *Sender) Reply(user, channel, threadTS, text string) (string, error) {
	ts := s.Slack.AddUserMessage(channel, threadTS, user, text)
	ev := map[string]any{
		"type": "message", "channel": channel, "user": user, "text": text, "ts": ts,
		"thread_ts": threadTS, "channel_type": ChannelType(channel), "event_ts": ts,
	}
	if _, err := s.expectOK(s.Event(fmt.Sprintf("Ev%08d", s.next()), ev, 0)); err != nil {
		return ts, err
	}
	// Slack sends app_mention for mentions in channels, not in a DM with
	// the app.
	if strings.Contains(text, "<@"+BotUserID+">") && ChannelType(channel) != "im" {
		mention := map[string]any{
			"type": "app_mention", "channel": channel, "user": user, "text": text, "ts": ts,
			"thread_ts": threadTS, "event_ts": ts,
		}
		if _, err := s.expectOK(s.Event(fmt.Sprintf("Ev%08d", s.next()), mention, 0)); err != nil {
			return ts, err
		}
	}
	return ts, nil
}

func (s *Sender) expectOK(r Response, err error) (Response, error) {
	if err == nil && r.Status != http.StatusOK {
		err = fmt.Errorf("fakeslack: app answered %d: %s", r.Status, r.Body)
	}
	return r, err
}
