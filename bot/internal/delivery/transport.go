package delivery

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/jsoncut"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/metrics"
)

// maxAPIAnswer is how much of a Web API answer the counting transport reads
// to find Slack's ok and error fields; answers of the methods the bot uses
// are a few kilobytes.
const maxAPIAnswer = 4 << 20

// ApiTransport is the transport for Web API calls. Every call goes to one
// host (slack.com), and background work makes many at once: keep enough idle
// connections to reuse (net/http keeps 2 per host by default, so the rest
// were dialled — TCP and TLS — for every call under load).
func apiTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 128
	t.MaxIdleConnsPerHost = 64
	return t
}

// CountingTransport counts the Web API calls made through it by method and
// result. It reads JSON answers to find {"ok":false,"error":"…"} and hands
// the body on unchanged. It logs nothing: URLs and bodies may carry tokens.
type CountingTransport struct {
	Base    http.RoundTripper
	Metrics *metrics.Metrics
	// token learns when Slack refuses the bot token.
	token *Token
}

func (t *CountingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	method := apiMethod(req)
	resp, err := t.Base.RoundTrip(req)
	if err != nil {
		t.Metrics.APICall(method, "network")
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		t.Metrics.APICall(method, "ratelimited")
		return resp, nil
	case resp.StatusCode >= 500:
		t.Metrics.APICall(method, "5xx")
		return resp, nil
	case !strings.Contains(resp.Header.Get("Content-Type"), "json"):
		t.Metrics.APICall(method, okOrStatus(resp.StatusCode))
		return resp, nil
	}
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxAPIAnswer))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if rerr != nil {
		t.Metrics.APICall(method, "network")
		return resp, nil
	}
	result := okOrStatus(resp.StatusCode)
	ok, code, known := APIResult(body)
	if known && !ok {
		result = errorLabel(code)
		// apps.connections.open is called with the app-level token
		// (Socket Mode): its refusal says nothing of the bot token.
		if isTokenRefusal(code) && method != "apps.connections.open" && t.token != nil {
			t.token.Refuse(code)
		}
	}
	if known && ok {
		// The bot reads only channel and ts from these answers; the message
		// (or view) Slack echoes back would cost slack-go more to decode
		// than the rest of the call (a tenth of the bot's CPU under load).
		slim := body
		switch method {
		case "chat.postMessage", "chat.update":
			slim = jsoncut.DropEcho(body)
		case "views.open", "views.update", "views.push":
			slim = jsoncut.CutNested(body, "view", "blocks")
		}
		if len(slim) != len(body) {
			resp.Body = io.NopCloser(bytes.NewReader(slim))
			resp.ContentLength = int64(len(slim))
		}
	}
	t.Metrics.APICall(method, result)
	return resp, nil
}

// APIResult reads Slack's "ok" and "error" fields from a JSON answer,
// finding them with findField (jsoncut.go) rather than decoding the answer:
// the message echoed by chat.postMessage and chat.update (kilobytes of
// blocks) is not decoded twice more.
func APIResult(body []byte) (ok bool, code string, known bool) {
	if rest, found := bytes.CutPrefix(body, []byte(`{"ok":true`)); found && len(rest) > 0 && (rest[0] == ',' || rest[0] == '}') {
		return true, "", true // how Slack starts nearly every answer
	}
	f, found := jsoncut.FindField(body, "ok")
	if !found || json.Unmarshal(body[f.Val:f.End], &ok) != nil {
		return false, "", false
	}
	if ok {
		return true, "", true
	}
	if e, found := jsoncut.FindField(body, "error"); found {
		json.Unmarshal(body[e.Val:e.End], &code)
	}
	return false, code, true
}

func okOrStatus(code int) string {
	if code >= 200 && code < 300 {
		return "ok"
	}
	return "http_" + http.StatusText(code)
}

// apiMethod names the call: the Web API method from ".../api/<method>", or
// "response_url" for a post to a response_url (hooks.slack.com), or
// "other". Nothing else of the URL is kept (it may hold secrets).
func apiMethod(req *http.Request) string {
	p := req.URL.Path
	if i := strings.LastIndex(p, "/api/"); i >= 0 {
		return errorLabel(p[i+len("/api/"):])
	}
	if strings.Contains(req.URL.Host, "hooks.slack.com") || strings.Contains(p, "/response/") || strings.HasPrefix(p, "/commands/") || strings.HasPrefix(p, "/actions/") {
		return "response_url"
	}
	return "other"
}

// errorLabel keeps a Slack method name or error code usable as a label
// value: letters, digits, '.', '_' only, at most 60 characters, so a
// strange answer cannot make the metrics unbounded or odd.
func errorLabel(s string) string {
	if s == "" {
		return "unknown_error"
	}
	if len(s) > 60 {
		s = s[:60]
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_':
			return r
		}
		return '_'
	}, s)
}

// NewTransport returns the transport for Web API calls: it counts them in m
// and tells token when Slack refuses the bot token.
func NewTransport(m *metrics.Metrics, token *Token) http.RoundTripper {
	return &CountingTransport{Base: apiTransport(), Metrics: m, token: token}
}
