package bot

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// deliveryConfig is what delivery needs to know of the bot's setup.
type deliveryConfig struct {
	// APIURL is the Web API base URL ("" for Slack's own).
	APIURL string
	// Command is the slash command, for hints in messages.
	Command string
	// Lang is the default language.
	Lang cards.Lang
	// Now is the clock.
	Now func() time.Time
}

// deliverer brings Slack in line with the stored cases: the outbox worker,
// the rate-limit holds, the root pacer, syncing a case's messages, and
// every post to a response_url.
type deliverer struct {
	cfg    deliveryConfig
	api    *slack.Client
	http   *http.Client
	store  *store.Store
	engine *dialogs.Engine
	render render.Renderer
	log    *slog.Logger
	// leadIDs returns the team leads to ask (escalation DMs).
	leadIDs func(ctx context.Context) []string

	// The outbox worker (outbox.go).
	kickc       chan struct{}
	deliverMu   sync.Mutex
	outboxDepth atomic.Int64

	mu    sync.Mutex
	locks map[int64]*caseLock

	roots *rootPacer // root message updates (rootpace.go)
	holds holds      // methods Slack rate-limited, until when (ratehold.go)
}

// newDeliverer returns a deliverer; leadIDs names the team leads to ask.
func newDeliverer(cfg deliveryConfig, api *slack.Client, hc *http.Client, st *store.Store, engine *dialogs.Engine,
	r render.Renderer, log *slog.Logger, leadIDs func(context.Context) []string, rootInterval time.Duration) *deliverer {
	return &deliverer{
		cfg: cfg, api: api, http: hc, store: st, engine: engine, render: r, log: log, leadIDs: leadIDs,
		locks: map[int64]*caseLock{},
		kickc: make(chan struct{}, 1),
		roots: newRootPacer(rootInterval),
	}
}
