package bot

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/metrics"
)

// TestTransportSlimsAnswers: what slack-go gets of a Web API answer is the
// answer without the echoed message or view blocks; the rest is unchanged,
// and so is any answer that is not ok.
func TestTransportSlimsAnswers(t *testing.T) {
	answers := map[string]string{
		"chat.postMessage": `{"ok":true,"channel":"C1","ts":"1.2","message":{"blocks":[{"type":"section"}]}}`,
		"views.open":       `{"ok":true,"view":{"id":"V1","blocks":[{"type":"input"}],"hash":"h"}}`,
		"chat.update":      `{"ok":false,"error":"message_not_found","message":{"x":1}}`,
		"users.info":       `{"ok":true,"user":{"id":"U1","locale":"nl-NL"},"message":"kept"}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, answers[strings.TrimPrefix(r.URL.Path, "/api/")])
	}))
	defer srv.Close()
	client := &http.Client{Transport: &delivery.CountingTransport{Base: http.DefaultTransport, Metrics: metrics.New(metrics.Sources{})}}
	want := map[string]string{
		"chat.postMessage": `{"ok":true,"channel":"C1","ts":"1.2"}`,
		"views.open":       `{"ok":true,"view":{"id":"V1","hash":"h"}}`,
		"chat.update":      answers["chat.update"],
		"users.info":       answers["users.info"],
	}
	for method, w := range want {
		resp, err := client.Post(srv.URL+"/api/"+method, "application/x-www-form-urlencoded", nil)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(got) != w {
			t.Errorf("%s: slack-go would read %s, want %s", method, got, w)
		}
	}
}
