package fakeslack_test

import (
	"sync"
	"testing"

	"github.com/slack-go/slack"
)

func TestObserveForgetAndLeanCalls(t *testing.T) {
	s, api := newClient(t)
	var (
		mu   sync.Mutex
		seen []string
	)
	s.Observe(func(method string, params map[string]string, answer map[string]any) {
		if answer["ts"] == nil {
			t.Errorf("%s answer without ts: %v", method, answer)
		}
		mu.Lock()
		seen = append(seen, method+" "+params["channel"])
		mu.Unlock()
	})
	s.KeepCallContent(false)
	_, ts, err := api.PostMessage("C0LOAD01", slack.MsgOptionText("hallo", false))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := api.UpdateMessage("C0LOAD01", "1.000000", slack.MsgOptionText("x", false)); err == nil {
		t.Fatal("update of an unknown message succeeded")
	}
	mu.Lock()
	got := append([]string(nil), seen...)
	mu.Unlock()
	if len(got) != 1 || got[0] != "chat.postMessage C0LOAD01" {
		t.Errorf("observed %q, want only the successful post", got)
	}
	calls := s.Calls()
	if len(calls) != 2 || calls[0].Method != "chat.postMessage" || calls[0].Params != nil || calls[0].Body != nil {
		t.Errorf("lean calls: %+v", calls)
	}
	if _, ok := s.Message("C0LOAD01", ts); !ok {
		t.Fatal("message missing before Forget")
	}
	s.Forget("C0LOAD01")
	if _, ok := s.Message("C0LOAD01", ts); ok || len(s.Messages("C0LOAD01")) != 0 {
		t.Error("Forget kept the channel's messages")
	}
}
