package fakeslack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Writing answers: Slack's JSON, its errors, and the faults queued with FailNext.

// slackError is an ok:false answer: Slack's error string and, for validation errors, the messages Slack puts
// in response_metadata.
type slackError struct {
	code     string
	messages []string
}

func errorf(code string, messages ...string) *slackError {
	return &slackError{code: code, messages: messages}
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
