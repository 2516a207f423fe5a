// Package fakeslack is an in-memory Slack Web API for tests: an HTTP server on loopback that answers the
// methods the bot uses the way Slack does, keeps the resulting workspace state (messages, reactions, views,
// files) and records every call it receives.
//
// Point slack-go at it with slack.OptionAPIURL(s.APIURL()). The fake checks requests on the wire, as Slack
// would: the bot token (as "Authorization: Bearer …" or as the token form field), the form or JSON encoding,
// and Block Kit limits, answering with Slack's error strings. Faults (HTTP 429 with Retry-After, 5xx,
// ok:false errors) can be queued per method with FailNext, and EnforceRateLimits makes it refuse calls over
// Slack's rate limits.
//
// The package imports only the standard library: it must not import slack-go or any package of this module,
// so that it checks what the bot really sends rather than what a shared type would produce.
package fakeslack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Identities of the fake workspace and its bot user, as auth.test reports them.
const (
	BotUserID = "UBOT0001"
	BotID     = "BBOT0001"
	TeamID    = "T0FAKE001"
	AppID     = "AFAKE0001"
)

// maxBodyBytes caps the size of a request body the fake reads.
const maxBodyBytes = 32 << 20

// Server is a fake Slack Web API. It is safe for concurrent use.
type Server struct {
	token     string
	srv       *httptest.Server
	closeOnce sync.Once

	mu sync.Mutex
	st *state
	// observer and lean are set by Observe and KeepCallContent (observe.go).
	observer func(method string, params map[string]string, answer map[string]any)
	lean     bool
	// limits are Slack's rate limits, when EnforceRateLimits is on (ratelimit.go).
	limits *limiter
}

// New starts a fake Slack on loopback and closes it when tb's test ends. token is the bot token it accepts.
func New(tb testing.TB, token string) *Server {
	tb.Helper()
	s := NewServer(token)
	tb.Cleanup(s.Close)
	return s
}

// NewServer starts a fake Slack on loopback that accepts the bot token token. The caller must call Close.
func NewServer(token string) *Server {
	s := &Server{token: token, st: newState()}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", s.serveAPI)
	mux.HandleFunc("POST /response/{id}", s.serveResponseURL)
	mux.HandleFunc("POST /upload/v1/{id}", s.serveUpload)
	s.srv = httptest.NewServer(mux)
	return s
}

// Close shuts the server down, waiting for requests in progress. It may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(s.srv.Close)
}

// APIURL returns the base URL of the Web API, "http://127.0.0.1:PORT/api/", for slack.OptionAPIURL.
func (s *Server) APIURL() string {
	return s.srv.URL + "/api/"
}

// ResponseURL returns a response_url to put in slash command and interaction payloads:
// "http://127.0.0.1:PORT/response/<id>". POSTs to it are recorded as calls with Method "response_url" and
// ID id. Like Slack, it accepts at most five posts.
func (s *Server) ResponseURL(id string) string {
	return s.srv.URL + "/response/" + url.PathEscape(id)
}

// MessageResponseURL is ResponseURL for an interaction with a message in channel: a post to it with
// "replace_original": true replaces that message's text and blocks, as in Slack (and counts as an update;
// an observer hears of it as method "response_url" with the message's "channel" and "ts" in the answer).
func (s *Server) MessageResponseURL(id, channel, ts string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.responseMsg[id] = msgKey{channel, ts}
	return s.ResponseURL(id)
}

// request is one decoded call to a Web API method.
type request struct {
	method string
	params map[string]string
	body   []byte
}

// slackError is an ok:false answer: Slack's error string and, for validation errors, the messages Slack puts
// in response_metadata.
type slackError struct {
	code     string
	messages []string
}

func errorf(code string, messages ...string) *slackError {
	return &slackError{code: code, messages: messages}
}

// handler answers one Web API method. It is called with s.mu held and returns the fields of an ok answer.
type handler func(req *request) (map[string]any, *slackError)

// methodHandler returns the handler of a Web API method, or nil when the fake does not know the method.
func (s *Server) methodHandler(method string) handler {
	switch method {
	case "auth.test":
		return s.authTest
	case "chat.postMessage":
		return s.chatPostMessage
	case "chat.update":
		return s.chatUpdate
	case "chat.postEphemeral":
		return s.chatPostEphemeral
	case "chat.delete":
		return s.chatDelete
	case "chat.getPermalink":
		return s.chatGetPermalink
	case "reactions.add":
		return s.reactionsAdd
	case "reactions.remove":
		return s.reactionsRemove
	case "views.open":
		return s.viewsOpen
	case "views.push":
		return s.viewsPush
	case "views.update":
		return s.viewsUpdate
	case "views.publish":
		return s.viewsPublish
	case "users.info":
		return s.usersInfo
	case "conversations.info":
		return s.conversationsInfo
	case "conversations.open":
		return s.conversationsOpen
	case "usergroups.users.list":
		return s.usergroupsUsersList
	case "files.getUploadURLExternal":
		return s.filesGetUploadURLExternal
	case "files.completeUploadExternal":
		return s.filesCompleteUploadExternal
	case "apps.connections.open":
		return s.appsConnectionsOpen
	}
	return nil
}

// serveAPI answers POST or GET /api/<method>.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	body, readErr := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	params, parseErr := parseParams(r, body)
	if readErr != nil {
		parseErr = errorf("invalid_arguments", "[ERROR] "+readErr.Error())
	}
	token := bearerToken(r)
	if token == "" {
		token = params["token"]
	}
	delete(params, "token")

	idx, fault, faulted := s.record(method, "", params, body)
	if faulted && fault.Delay > 0 {
		select {
		case <-time.After(fault.Delay):
		case <-r.Context().Done():
			return
		}
		faulted = fault.Status != 0 || fault.Error != "" || fault.Drop
	}
	if !faulted {
		if retry, over := s.overLimit(method, params); over {
			fault, faulted = Fault{Status: http.StatusTooManyRequests, RetryAfter: retry}, true
		}
	}
	if faulted {
		s.writeFault(w, idx, fault)
		return
	}

	h := s.methodHandler(method)
	s.mu.Lock()
	var (
		fields map[string]any
		serr   *slackError
	)
	switch {
	case h == nil:
		serr = errorf("unknown_method")
	case token == "":
		serr = errorf("not_authed")
	case token != s.token && method != "apps.connections.open":
		serr = errorf("invalid_auth")
	case parseErr != nil:
		serr = parseErr
	default:
		fields, serr = h(&request{method: method, params: params, body: body})
	}
	s.st.calls[idx].Status = http.StatusOK
	if serr != nil {
		s.st.calls[idx].Error = serr.code
	}
	s.mu.Unlock()
	writeAnswer(w, fields, serr)
	if serr == nil {
		s.observed(method, params, fields)
	}
}

// serveResponseURL answers a POST to a URL from ResponseURL. Slack takes a JSON message there.
func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	body, readErr := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	params, parseErr := parseParams(r, body)
	if readErr != nil {
		parseErr = errorf("invalid_arguments", "[ERROR] "+readErr.Error())
	}
	idx, fault, faulted := s.record("response_url", id, params, body)
	if faulted {
		s.writeFault(w, idx, fault)
		return
	}

	s.mu.Lock()
	serr := parseErr
	var replaced *Message
	if serr == nil {
		replaced, serr = s.st.useResponseURL(id, params)
	}
	s.st.calls[idx].Status = http.StatusOK
	if serr != nil {
		s.st.calls[idx].Error = serr.code
	}
	var at map[string]any
	if replaced != nil {
		at = map[string]any{"channel": replaced.Channel, "ts": replaced.TS}
	}
	s.mu.Unlock()
	writeAnswer(w, nil, serr)
	if at != nil {
		s.observed("response_url", params, at)
	}
}

// serveUpload answers the POST of a file's content to the upload_url from files.getUploadURLExternal.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	body, readErr := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	name, content, err := uploadedContent(r.Header.Get("Content-Type"), body)
	if readErr != nil {
		err = readErr
	}
	params := map[string]string{}
	if name != "" {
		params["filename"] = name
	}
	idx, fault, faulted := s.record("upload_url", id, params, body)
	if faulted {
		s.writeFault(w, idx, fault)
		return
	}

	s.mu.Lock()
	status, answer := http.StatusOK, fmt.Sprintf("OK - %d", len(content))
	f, ok := s.st.files[id]
	switch {
	case err != nil:
		status, answer = http.StatusBadRequest, "invalid upload: "+err.Error()
	case !ok:
		status, answer = http.StatusNotFound, "file_not_found"
	default:
		f.Content = content
		f.Uploaded = true
	}
	s.st.calls[idx].Status = status
	if status != http.StatusOK {
		s.st.calls[idx].Error = answer
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, answer)
}

// record appends a call to the log and takes the next queued fault for its method, if any. It returns the
// index of the call in the log.
func (s *Server) record(method, id string, params map[string]string, body []byte) (int, Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lean {
		params, body = nil, nil
	}
	s.st.calls = append(s.st.calls, Call{Method: method, ID: id, Params: params, Body: body, At: time.Now()})
	idx := len(s.st.calls) - 1
	queue := s.st.faults[method]
	if len(queue) == 0 {
		return idx, Fault{}, false
	}
	f := queue[0]
	s.st.faults[method] = queue[1:]
	return idx, f, true
}

// writeFault answers a call with a queued fault and notes the answer in the call log.
func (s *Server) writeFault(w http.ResponseWriter, idx int, f Fault) {
	if f.Drop {
		s.mu.Lock()
		s.st.calls[idx].Error = "connection_dropped"
		s.mu.Unlock()
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
			return
		}
		panic(http.ErrAbortHandler) // no hijacking (HTTP/2): abort the answer instead
	}
	status, code := f.Status, f.Error
	switch {
	case status == 0:
		status = http.StatusOK
		if code == "" {
			code = "internal_error"
		}
	case status == http.StatusTooManyRequests:
		w.Header().Set("Retry-After", fmt.Sprint(f.RetryAfter))
		if code == "" {
			code = "ratelimited"
		}
	case code == "":
		code = strings.ToLower(strings.ReplaceAll(http.StatusText(status), " ", "_"))
	}
	s.mu.Lock()
	s.st.calls[idx].Status = status
	s.st.calls[idx].Error = code
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": code})
}

// writeAnswer writes Slack's JSON answer: {"ok":true, fields…} or {"ok":false,"error":…}. As Slack does, it
// puts "ok" first; the other fields follow in name order.
func writeAnswer(w http.ResponseWriter, fields map[string]any, serr *slackError) {
	answer := map[string]any{}
	if serr != nil {
		answer["error"] = serr.code
		if len(serr.messages) > 0 {
			answer["response_metadata"] = map[string]any{"messages": serr.messages}
		}
	}
	for k, v := range fields {
		if k != "ok" {
			answer[k] = v
		}
	}
	var rest bytes.Buffer // {"a":…,"b":…}\n, to follow "ok"
	enc := json.NewEncoder(&rest)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(answer); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `{"ok":%t`, serr == nil)
	if len(answer) > 0 {
		buf.WriteByte(',')
	}
	buf.Write(rest.Bytes()[1:])
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

// bearerToken returns the token of an "Authorization: Bearer …" header, or "".
func bearerToken(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	if token, ok := strings.CutPrefix(auth, "Bearer "); ok {
		return strings.TrimSpace(token)
	}
	return ""
}

// parseParams decodes the arguments of a call: the query string, plus a form, multipart or JSON body. Of a
// repeated form field the first value counts. Of a JSON body each top-level field becomes a parameter:
// strings unquoted, other values as compact JSON text. The map is never nil.
func parseParams(r *http.Request, body []byte) (map[string]string, *slackError) {
	params := map[string]string{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	if len(body) == 0 {
		return params, nil
	}
	mediaType, mediaParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(body, &fields); err != nil {
			return params, errorf("invalid_json", "[ERROR] "+err.Error())
		}
		for k, raw := range fields {
			params[k] = jsonParam(raw)
		}
	case "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(body), mediaParams["boundary"]).ReadForm(maxBodyBytes)
		if err != nil {
			return params, errorf("invalid_arguments", "[ERROR] "+err.Error())
		}
		defer func() { _ = form.RemoveAll() }()
		for k, v := range form.Value {
			params[k] = v[0]
		}
	case "", "application/x-www-form-urlencoded":
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return params, errorf("invalid_arguments", "[ERROR] "+err.Error())
		}
		for k, v := range values {
			params[k] = v[0]
		}
	default:
		return params, errorf("invalid_arguments", "[ERROR] unsupported Content-Type "+mediaType)
	}
	return params, nil
}

// jsonParam turns a JSON value into a parameter string: a string unquoted, anything else as compact JSON.
func jsonParam(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return string(raw)
	}
	return buf.String()
}

// uploadedContent returns the file name and content of an upload: the "file" part of a multipart body, or
// the whole body otherwise.
func uploadedContent(contentType string, body []byte) (name string, content []byte, err error) {
	mediaType, mediaParams, _ := mime.ParseMediaType(contentType)
	if mediaType != "multipart/form-data" {
		return "", body, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), mediaParams["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", nil, fmt.Errorf("no file part")
		}
		if err != nil {
			return "", nil, err
		}
		if part.FormName() != "file" {
			continue
		}
		content, err := io.ReadAll(part)
		return part.FileName(), content, err
	}
}

// WaitFor polls cond every 5 ms, without holding the server's lock, until it returns true or timeout
// passes; on timeout it calls tb.Fatalf with msg and a summary of the calls so far. Call it from the test's
// goroutine.
func (s *Server) WaitFor(tb testing.TB, timeout time.Duration, msg string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	ticker := time.NewTicker(5 * time.Millisecond)
	defer ticker.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("fakeslack: timed out after %v waiting for: %s\ncalls so far: %s", timeout, msg, s.summary())
			return
		}
		<-ticker.C
	}
}

// summary lists the methods of the last calls, with the error of each failed one, for failure messages.
func (s *Server) summary() string {
	const last = 30
	calls := s.Calls()
	var b strings.Builder
	if len(calls) > last {
		fmt.Fprintf(&b, "(%d earlier) ", len(calls)-last)
		calls = calls[len(calls)-last:]
	}
	for i, c := range calls {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.Method)
		if c.Error != "" {
			fmt.Fprintf(&b, " (%s)", c.Error)
		}
	}
	if len(calls) == 0 {
		b.WriteString("none")
	}
	return b.String()
}
