package bot

import (
	"encoding/json"
	"testing"
)

// TestDropEcho: the echoed message leaves the answer; what the bot reads
// (ok, channel, ts) stays, and anything that is not such an answer is left
// as it is.
func TestDropEcho(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"ok":true,"channel":"C1","ts":"1.2","message":{"text":"x","blocks":[{"type":"section"}]}}`, `{"channel":"C1","ok":true,"ts":"1.2"}`},
		{`{"ok":true,"channel":"C1","ts":"1.2","text":"x"}`, `{"ok":true,"channel":"C1","ts":"1.2","text":"x"}`},
		{`{"ok":true,"channel":"C1","ts":"1.2","message":`, `{"ok":true,"channel":"C1","ts":"1.2","message":`},
		{`not json "message"`, `not json "message"`},
	} {
		got := string(dropEcho([]byte(tc.in)))
		if got != tc.want {
			t.Errorf("dropEcho(%s) = %s, want %s", tc.in, got, tc.want)
		}
		var v any
		if json.Valid([]byte(tc.in)) && json.Unmarshal([]byte(got), &v) != nil {
			t.Errorf("dropEcho(%s) made invalid JSON: %s", tc.in, got)
		}
	}
}
