package jsoncut

import (
	"bytes"
	"encoding/json"
)

// DropEcho removes the top-level "message" field from a JSON object: the
// message Slack echoes in a Web API answer, or the clicked message in an
// interaction payload. Anything else is returned as it is.
func DropEcho(body []byte) []byte { return CutField(body, "message") }

// SlimPayload is an interaction payload without what the bot never reads:
// the clicked message and a submitted view's blocks (it reads the view's
// state, id, hash and private_metadata). The message of a message
// shortcut ("type":"message_action") is what the shortcut is about, and
// stays.
func SlimPayload(payload []byte) []byte {
	if f, ok := FindField(payload, "type"); !ok || string(payload[f.Val:f.End]) != `"message_action"` {
		payload = CutField(payload, "message")
	}
	return CutNested(payload, "view", "blocks")
}

// CutField returns the JSON object obj without its top-level fields called
// name. When obj is not an object, or has no such field, obj itself is
// returned; obj is never changed.
func CutField(obj []byte, name string) []byte {
	if !bytes.Contains(obj, []byte(name)) {
		return obj
	}
	for range 8 { // a name repeated more often is left to the decoder
		f, ok := FindField(obj, name)
		if !ok {
			return obj
		}
		var out []byte
		switch {
		case f.next >= 0: // "a":1,"name":{…},"b":2 → "a":1,"b":2
			out = append(append(out, obj[:f.key]...), obj[f.next+1:]...)
		case f.prev >= 0: // "a":1,"name":{…} → "a":1
			out = append(append(out, obj[:f.prev]...), obj[f.End:]...)
		default: // the only field
			out = append(append(out, obj[:f.key]...), obj[f.End:]...)
		}
		obj = out
	}
	return obj
}

// CutNested cuts field inner out of the object that is obj's top-level
// field outer.
func CutNested(obj []byte, outer, inner string) []byte {
	if !bytes.Contains(obj, []byte(inner)) {
		return obj
	}
	f, ok := FindField(obj, outer)
	if !ok || obj[f.Val] != '{' {
		return obj
	}
	sub := CutField(obj[f.Val:f.End], inner)
	if len(sub) == f.End-f.Val {
		return obj
	}
	out := append(append([]byte(nil), obj[:f.Val]...), sub...)
	return append(out, obj[f.End:]...)
}

// field is where a top-level field lies in an object's text: its key
// starts at key, its value runs from val to end; prev is the comma before
// the key and next the one after the value (-1: none).
type field struct{ key, Val, End, prev, next int }

// FindField finds the first top-level field called name in obj.
func FindField(obj []byte, name string) (field, bool) {
	i := skipSpace(obj, 0)
	if i >= len(obj) || obj[i] != '{' {
		return field{}, false
	}
	prev := -1
	i = skipSpace(obj, i+1)
	if i < len(obj) && obj[i] == '}' {
		return field{}, false
	}
	for i < len(obj) && obj[i] == '"' {
		key := i
		keyEnd := skipString(obj, i)
		if keyEnd < 0 {
			return field{}, false
		}
		i = skipSpace(obj, keyEnd)
		if i >= len(obj) || obj[i] != ':' {
			return field{}, false
		}
		val := skipSpace(obj, i+1)
		end := skipValue(obj, val)
		if end < 0 {
			return field{}, false
		}
		i = skipSpace(obj, end)
		if i >= len(obj) || (obj[i] != ',' && obj[i] != '}') {
			return field{}, false
		}
		if keyIs(obj[key:keyEnd], name) {
			f := field{key: key, Val: val, End: end, prev: prev, next: -1}
			if obj[i] == ',' {
				f.next = i
			}
			return f, true
		}
		if obj[i] == '}' {
			return field{}, false
		}
		prev = i
		i = skipSpace(obj, i+1)
	}
	return field{}, false
}

// keyIs reports whether the quoted key (with its quotes) reads name.
func keyIs(quoted []byte, name string) bool {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return len(quoted) == len(name)+2 && string(quoted[1:len(quoted)-1]) == name
	}
	var s string
	return json.Unmarshal(quoted, &s) == nil && s == name
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string that starts at b[i] ('"'),
// or -1.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// skipValue returns the index after the JSON value that starts at b[i], or
// -1. It finds the value's end; it does not check what is inside.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				j := skipString(b, i)
				if j < 0 {
					return -1
				}
				i = j - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}
