package tokenbox

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func testKey(t *testing.T) []byte {
	t.Helper()
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	return key
}

func TestSealOpen(t *testing.T) {
	box, err := New(testKey(t))
	if err != nil {
		t.Fatal(err)
	}
	const token, owner = "xoxb-1234-5678-abcdefghijklmnop", "E1\x00T1"
	sealed, err := box.Seal(token, owner)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, []byte(token)) || bytes.Contains(sealed, []byte("xoxb")) {
		t.Fatal("the sealed value holds the token in the clear")
	}
	again, _ := box.Seal(token, owner)
	if bytes.Equal(sealed, again) {
		t.Error("two seals of one token are equal: the nonce is not random")
	}
	if got, err := box.Open(sealed, owner); err != nil || got != token {
		t.Fatalf("Open = %q, %v", got, err)
	}
	other, _ := New(testKey(t))
	tampered := bytes.Clone(sealed)
	tampered[len(tampered)-1] ^= 1
	for name, open := range map[string]func() (string, error){
		"another key":     func() (string, error) { return other.Open(sealed, owner) },
		"another owner":   func() (string, error) { return box.Open(sealed, "E1\x00T2") },
		"a changed value": func() (string, error) { return box.Open(tampered, owner) },
		"a cut value":     func() (string, error) { return box.Open(sealed[:10], owner) },
		"another version": func() (string, error) { v := bytes.Clone(sealed); v[0] = 9; return box.Open(v, owner) },
	} {
		if got, err := open(); !errors.Is(err, ErrOpen) || got != "" {
			t.Errorf("%s: Open = %q, %v; want ErrOpen", name, got, err)
		}
	}
	if s, err := box.Seal("", owner); s != nil || err != nil {
		t.Errorf("the empty token sealed to %v, %v", s, err)
	}
	if got, err := box.Open(nil, owner); got != "" || err != nil {
		t.Errorf("nil opened to %q, %v", got, err)
	}
}

func TestParseKey(t *testing.T) {
	key := testKey(t)
	for _, s := range []string{base64.StdEncoding.EncodeToString(key), base64.RawURLEncoding.EncodeToString(key) + "\n"} {
		got, err := ParseKey(s)
		if err != nil || !bytes.Equal(got, key) {
			t.Errorf("ParseKey(%q) = %v, %v", s, got, err)
		}
	}
	for in, want := range map[string]string{
		"": "is not set",
		base64.StdEncoding.EncodeToString(key[:16]): "holds 16 bytes, want 32",
		"not base64 at all!":                        "is not base64",
	} {
		_, err := ParseKey(in)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseKey(%q) = %v; want one line with %q", in, err, want)
		}
	}
	if _, err := New(key[:16]); err == nil {
		t.Error("New took a 16-byte key")
	}
}

// FuzzOpen: whatever is read back from disk, Open returns a token or
// ErrOpen, and never panics.
func FuzzOpen(f *testing.F) {
	box, err := New(bytes.Repeat([]byte{7}, KeySize))
	if err != nil {
		f.Fatal(err)
	}
	sealed, _ := box.Seal("xoxb-fuzz", "E\x00T")
	f.Add(sealed, "E\x00T")
	f.Add([]byte{1}, "")
	f.Fuzz(func(t *testing.T, b []byte, owner string) {
		if _, err := box.Open(b, owner); err != nil && !errors.Is(err, ErrOpen) {
			t.Fatalf("Open = %v", err)
		}
	})
}
