package transport

import (
	"context"
	"log/slog"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/metrics"
)

// Config is what the transport needs to know of the bot's setup.
type Config struct {
	// Now is the clock.
	Now func() time.Time
}

// CommandSeer remembers signed commands already handled.
type commandSeer interface {
	SeenEvent(ctx context.Context, id string, now time.Time) (bool, error)
}

// Server receives Slack's requests over HTTP or Socket Mode, checks their
// signatures and hands them to the handlers.
type Server struct {
	cfg     Config
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

// Handlers are what the server hands Slack's requests to.
type Handlers struct {
	Command     func(ctx context.Context, cmd slack.SlashCommand) any
	Interaction func(ctx context.Context, cb slack.InteractionCallback) any
	AcceptEvent func(ctx context.Context, id string, body []byte, ev slackevents.EventsAPIEvent) error
	Ready       func(ctx context.Context) (bool, string)
}

// New returns the transport for a bot with the given signing secret;
// st remembers the commands handled.
func New(cfg Config, secret string, api *slack.Client, log *slog.Logger, m *metrics.Metrics, st commandSeer, h Handlers) *Server {
	return &Server{
		cfg: cfg, api: api, log: log, metrics: m, store: st,
		verify:  Verifier{Secret: secret, Now: cfg.Now, slots: &readSlots{}},
		command: h.Command, interaction: h.Interaction, acceptEvent: h.AcceptEvent, Ready: h.Ready,
	}
}

// SetVerifierClock sets the clock that request timestamps are checked
// against; tests whose bot runs on a test clock sign with the real one.
func (srv *Server) SetVerifierClock(now func() time.Time) { srv.verify.Now = now }

// SetReadSlots bounds the request bodies read at once to n, each request
// waiting at most wait for a slot.
func (srv *Server) SetReadSlots(n int, wait time.Duration) {
	srv.verify.slots = &readSlots{n: n, wait: wait}
}
