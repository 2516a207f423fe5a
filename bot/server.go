package bot

import (
	"context"
	"net/http"
)

// Handler serves HTTP mode: POST /slack/commands, /slack/interactivity and
// /slack/events, each signed by Slack, and the operations endpoints GET
// /healthz, /readyz and /metrics. A request whose signature fails gets 401,
// one larger than 1 MiB gets 413, and neither changes anything.
// A distributed app also serves GET /slack/install and
// /slack/oauth_redirect (oauth.go).
func (b *Bot) Handler() http.Handler {
	h := b.tr.Handler()
	if b.install == nil {
		return h
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slack/install", b.install.serveInstall)
	mux.HandleFunc("GET "+redirectPath, b.install.serveRedirect)
	mux.Handle("/", h)
	return mux
}

// NewServer returns the HTTP server for addr, with Handler and timeouts
// that suit Slack's 3-second deadline.
func (b *Bot) NewServer(addr string) *http.Server {
	srv := b.tr.NewServer(addr)
	srv.Handler = b.Handler()
	return srv
}

// OpsHandler serves only the operations endpoints: what the HTTP listener
// serves in Socket Mode, where Slack needs no public endpoint.
func (b *Bot) OpsHandler() http.Handler { return b.tr.OpsHandler() }

// RunSocket serves Socket Mode until ctx ends, acknowledging every envelope
// and reconnecting with backoff.
func (b *Bot) RunSocket(ctx context.Context) error { return b.tr.RunSocket(ctx) }
