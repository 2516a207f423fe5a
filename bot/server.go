package bot

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/metrics"
)

// serverConfig is what the transport needs to know of the bot's setup.
type serverConfig struct {
	// Now is the clock.
	Now func() time.Time
}

// commandSeer remembers signed commands already handled.
type commandSeer interface {
	SeenEvent(ctx context.Context, id string, now time.Time) (bool, error)
}

// server receives Slack's requests over HTTP or Socket Mode, checks their
// signatures and hands them to the handlers.
type server struct {
	cfg     serverConfig
	api     *slack.Client
	verify  Verifier
	log     *slog.Logger
	metrics *metrics.Metrics
	store   commandSeer

	// The handlers: a command's or an interaction's answer (nil for none),
	// an event taken in (an error leaves it unacknowledged), readiness.
	command     func(ctx context.Context, cmd slack.SlashCommand) any
	interaction func(ctx context.Context, cb slack.InteractionCallback) any
	acceptEvent func(ctx context.Context, id string, body []byte, ev slackevents.EventsAPIEvent) error
	Ready       func(ctx context.Context) (bool, string)
}

// Handler serves HTTP mode (see server.Handler).
func (b *Bot) Handler() http.Handler { return b.tr.Handler() }

// NewServer returns the HTTP server for addr (see server.NewServer).
func (b *Bot) NewServer(addr string) *http.Server { return b.tr.NewServer(addr) }

// OpsHandler serves only the operations endpoints (see server.OpsHandler).
func (b *Bot) OpsHandler() http.Handler { return b.tr.OpsHandler() }

// RunSocket serves Socket Mode until ctx ends (see server.RunSocket).
func (b *Bot) RunSocket(ctx context.Context) error { return b.tr.RunSocket(ctx) }

// handlers are what the server hands Slack's requests to.
type handlers struct {
	command     func(ctx context.Context, cmd slack.SlashCommand) any
	interaction func(ctx context.Context, cb slack.InteractionCallback) any
	acceptEvent func(ctx context.Context, id string, body []byte, ev slackevents.EventsAPIEvent) error
	ready       func(ctx context.Context) (bool, string)
}

// newServer returns the transport for a bot with the given signing secret;
// st remembers the commands handled.
func newServer(cfg serverConfig, secret string, api *slack.Client, log *slog.Logger, m *metrics.Metrics, st commandSeer, h handlers) *server {
	return &server{
		cfg: cfg, api: api, log: log, metrics: m, store: st,
		verify:  Verifier{Secret: secret, Now: cfg.Now, slots: &readSlots{}},
		command: h.command, interaction: h.interaction, acceptEvent: h.acceptEvent, Ready: h.ready,
	}
}

// setVerifierClock sets the clock that request timestamps are checked
// against; tests whose bot runs on a test clock sign with the real one.
func (b *server) setVerifierClock(now func() time.Time) { b.verify.Now = now }

// setReadSlots bounds the request bodies read at once to n, each request
// waiting at most wait for a slot.
func (b *server) setReadSlots(n int, wait time.Duration) {
	b.verify.slots = &readSlots{n: n, wait: wait}
}
