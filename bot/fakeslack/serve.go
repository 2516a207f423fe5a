package fakeslack

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

// Serving the three kinds of request: Web API methods, posts to a response_url and file uploads,
// each logged and answered or failed.

// request is one decoded call to a Web API method.
type request struct {
	method string
	params map[string]string
	body   []byte
	// token is the token the call came with, and team the workspace it is of.
	token, team string
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
	team, known := s.teamOfLocked(token)
	s.st.calls[idx].Team = team
	switch {
	case method == "oauth.v2.access":
		fields, serr = s.oauthAccess(params)
	case h == nil:
		serr = errorf("unknown_method")
	case token == "":
		serr = errorf("not_authed")
	case !known && method != "apps.connections.open" && !s.st.functionToken(method, token):
		serr = errorf("invalid_auth")
	case s.st.revoked && method != "apps.connections.open" && team == TeamID:
		serr = errorf("token_revoked")
	case parseErr != nil:
		serr = parseErr
	default:
		fields, serr = h(&request{method: method, params: params, body: body, token: token, team: team})
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
