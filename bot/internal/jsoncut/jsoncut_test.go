package jsoncut

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestDropEcho: the echoed message leaves the answer; what the bot reads
// (ok, channel, ts) stays, and anything that is not such an answer is left
// as it is.
func TestDropEcho(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"ok":true,"channel":"C1","ts":"1.2","message":{"text":"x","blocks":[{"type":"section"}]}}`, `{"ok":true,"channel":"C1","ts":"1.2"}`},
		{`{"ok":true,"channel":"C1","ts":"1.2","text":"x"}`, `{"ok":true,"channel":"C1","ts":"1.2","text":"x"}`},
		{`{"ok":true,"channel":"C1","ts":"1.2","message":`, `{"ok":true,"channel":"C1","ts":"1.2","message":`},
		{`not json "message"`, `not json "message"`},
		{`{"message":{"a":"}"},"ok":true}`, `{"ok":true}`},
		{`{"ok":true, "message" : [1,{"b":"\"}"}] , "ts":"1"}`, `{"ok":true,  "ts":"1"}`},
		{` { "message" : null } `, ` {  } `},
		{`{"mess\u0061ge":1,"ok":true}`, `{"mess\u0061ge":1,"ok":true}`}, // left to the decoder
		{`{"mess\u0061ge":1,"text":"message"}`, `{"text":"message"}`},
		{`{"message":1,"message":2,"ok":true}`, `{"ok":true}`},
		{`{"text":"message","ok":true}`, `{"text":"message","ok":true}`},
		{`{"nested":{"message":1},"ok":true}`, `{"nested":{"message":1},"ok":true}`},
		{`["message"]`, `["message"]`},
	} {
		got := string(DropEcho([]byte(tc.in)))
		if got != tc.want {
			t.Errorf("dropEcho(%s) = %s, want %s", tc.in, got, tc.want)
		}
		var v any
		if json.Valid([]byte(tc.in)) && json.Unmarshal([]byte(got), &v) != nil {
			t.Errorf("dropEcho(%s) made invalid JSON: %s", tc.in, got)
		}
	}
}

// TestSlimPayload: a submitted view keeps everything but its blocks.
func TestSlimPayload(t *testing.T) {
	in := `{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1","blocks":[{"type":"input","block_id":"text"}],"private_metadata":"{\"case\":1}","state":{"values":{"text":{"input":{"type":"plain_text_input","value":"blocks"}}}},"hash":"h"},"message":{"blocks":[]}}`
	want := `{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1","private_metadata":"{\"case\":1}","state":{"values":{"text":{"input":{"type":"plain_text_input","value":"blocks"}}}},"hash":"h"}}`
	if got := string(SlimPayload([]byte(in))); got != want {
		t.Errorf("slimPayload:\n got %s\nwant %s", got, want)
	}
	// A message shortcut keeps the message it is about.
	shortcut := `{"type":"message_action","callback_id":"x","message":{"ts":"1.2","text":"wat doen we hiermee?"}}`
	if got := string(SlimPayload([]byte(shortcut))); got != shortcut {
		t.Errorf("slimPayload of a message shortcut:\n got %s\nwant %s", got, shortcut)
	}
}

// FuzzCutField: for any JSON object, cutting a field gives valid JSON that
// decodes to the object without that field; anything else is left alone.
func FuzzCutField(f *testing.F) {
	for _, s := range []string{
		`{"ok":true,"channel":"C1","ts":"1.2","message":{"text":"x","blocks":[{"type":"section"}]}}`,
		`{"message":{"a":"}"},"ok":true}`, `{"mess\u0061ge":1}`, `{"message":1,"message":2}`,
		`{"a":[1,2,{"message":"x"}],"message":"\\\""}`, `[]`, `"message"`, `{`, `{"message":}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := string(in)
		out := CutField(in, "message")
		if string(in) != orig {
			t.Fatalf("cutField changed its input")
		}
		var before map[string]any
		if json.Unmarshal(in, &before) != nil || before == nil {
			return // not an object: no promise beyond leaving it unchanged
		}
		var after map[string]any
		if err := json.Unmarshal(out, &after); err != nil {
			t.Fatalf("cutField(%s) = %s: %v", in, out, err)
		}
		if _, dup := after["message"]; dup {
			return // a name repeated more than cutField cuts
		}
		delete(before, "message")
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("cutField(%s) = %s: decodes to %v, want %v", in, out, after, before)
		}
	})
}
