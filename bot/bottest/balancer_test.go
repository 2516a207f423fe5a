package bottest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The balancer takes turns, and a replica that is down is skipped without
// losing the request.
func TestBalancer(t *testing.T) {
	replica := func(name string) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			io.WriteString(w, name+":"+string(body))
		}))
	}
	a, b := replica("a"), replica("b")
	defer a.Close()
	lb, err := NewBalancer(a.URL, b.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer lb.Close()
	post := func() string {
		resp, err := http.Post(lb.URL()+"/slack/commands", "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		return string(body)
	}
	seen := map[string]int{}
	for range 4 {
		seen[post()]++
	}
	if seen["a:x"] != 2 || seen["b:x"] != 2 {
		t.Errorf("with both up, answers = %v; want two each", seen)
	}
	b.Close() // b is down: every request reaches a
	for range 3 {
		if got := post(); got != "a:x" {
			t.Errorf("with b down, got %q", got)
		}
	}
	if n := lb.Answered()[a.URL]; n != 5 {
		t.Errorf("a answered %d, want 5", n)
	}
}
