package fakeslack

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
)

// Identities of the fake workspace and its bot user, as auth.test reports them.
const (
	BotUserID = "UBOT0001"
	BotID     = "BBOT0001"
	TeamID    = "T0FAKE001"
	AppID     = "AFAKE0001"
)

// maxBodyBytes caps the size of a request body the fake reads.
const maxBodyBytes = 32 << 20

// Server is a fake Slack Web API. It is safe for concurrent use.
type Server struct {
	token     string
	srv       *httptest.Server
	closeOnce sync.Once

	mu sync.Mutex
	st *state
	// observer and lean are set by Observe and KeepCallContent (observe.go).
	observer func(method string, params map[string]string, answer map[string]any)
	lean     bool
	// limits are Slack's rate limits, when EnforceRateLimits is on (ratelimit.go).
	limits *limiter
	// oauth is what the fake knows of installs through OAuth (oauth.go); nil until the first.
	oauth *oauthState
}

// New starts a fake Slack on loopback and closes it when tb's test ends. token is the bot token it accepts.
func New(tb testing.TB, token string) *Server {
	tb.Helper()
	s := NewServer(token)
	tb.Cleanup(s.Close)
	return s
}

// NewServer starts a fake Slack on loopback that accepts the bot token token. The caller must call Close.
func NewServer(token string) *Server {
	s := &Server{token: token, st: newState()}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/{method}", s.serveAPI)
	mux.HandleFunc("POST /response/{id}", s.serveResponseURL)
	mux.HandleFunc("POST /upload/v1/{id}", s.serveUpload)
	s.srv = httptest.NewServer(mux)
	return s
}

// Close shuts the server down, waiting for requests in progress. It may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(s.srv.Close)
}

// APIURL returns the base URL of the Web API, "http://127.0.0.1:PORT/api/", for slack.OptionAPIURL.
func (s *Server) APIURL() string {
	return s.srv.URL + "/api/"
}

// ResponseURL returns a response_url to put in slash command and interaction payloads:
// "http://127.0.0.1:PORT/response/<id>". POSTs to it are recorded as calls with Method "response_url" and
// ID id. Like Slack, it accepts at most five posts.
func (s *Server) ResponseURL(id string) string {
	return s.srv.URL + "/response/" + url.PathEscape(id)
}

// MessageResponseURL is ResponseURL for an interaction with a message in channel: a post to it with
// "replace_original": true replaces that message's text and blocks, as in Slack (and counts as an update;
// an observer hears of it as method "response_url" with the message's "channel" and "ts" in the answer).
func (s *Server) MessageResponseURL(id, channel, ts string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.responseMsg[id] = msgKey{channel, ts}
	return s.ResponseURL(id)
}
