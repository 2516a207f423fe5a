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
