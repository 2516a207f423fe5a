package delivery

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

// Config is what delivery needs to know of the bot's setup.
type Config struct {
	// APIURL is the Web API base URL ("" for Slack's own).
	APIURL string
	// Command is the slash command, for hints in messages.
	Command string
	// Lang is the default language.
	Lang cards.Lang
	// Now is the clock, and Sleep waits on it (nil: the real Sleep).
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Token is whether Slack accepts the bot token: while it does not,
	// the outbox holds its jobs. Nil: always accepted.
	Token *Token
	// Claims leases channels' outbox jobs to this process when replicas
	// share the database (claims.go); nil: the store. Owner names this
	// process there; "": NewOwner. Lease is how long a claim lasts
	// without renewal; 0: ClaimLease.
	Claims Claimer
	Owner  string
	Lease  time.Duration
}

// Deliverer brings Slack in line with the stored cases: the outbox worker,
// the rate-limit holds, the root pacer, syncing a case's messages, and
// every post to a response_url.
type Deliverer struct {
	cfg    Config
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

	// Replicas (claims.go, adopt.go): when this process started (jobs
	// older than that may have been posted by a process that died), the
	// claims counted, and the cases whose messages were looked up in
	// Slack for that.
	started     time.Time
	claimCounts claimCounts
	adoptedMu   sync.Mutex
	adopted     map[int64]bool
	// suspects are cases of taken-over channels still to be looked up
	// in Slack (adopt.go, markSuspect).
	suspects map[int64]bool

	Roots *rootPacer   // root message updates (rootpace.go)
	holds Holds        // methods Slack rate-limited, until when (ratehold.go)
	held  heldChannels // channels closed to the bot (channelhold.go)
}

// New returns a Deliverer; leadIDs names the team leads to ask.
func New(cfg Config, api *slack.Client, hc *http.Client, st *store.Store, engine *dialogs.Engine,
	r render.Renderer, log *slog.Logger, leadIDs func(context.Context) []string, rootInterval time.Duration) *Deliverer {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = Sleep
	}
	if cfg.Token == nil {
		cfg.Token = NewToken(log, cfg.Now)
	}
	if cfg.Claims == nil {
		cfg.Claims = st
	}
	if cfg.Owner == "" {
		cfg.Owner = NewOwner()
	}
	return &Deliverer{
		cfg: cfg, api: api, http: hc, store: st, engine: engine, render: r, log: log, leadIDs: leadIDs,
		locks: map[int64]*caseLock{}, started: cfg.Now(), adopted: map[int64]bool{}, suspects: map[int64]bool{},
		kickc: make(chan struct{}, 1),
		Roots: NewRootPacer(rootInterval),
	}
}

type caseLock struct {
	mu   sync.Mutex
	refs int
}

// LockCase serialises the Slack side of work on one case, so messages are
// rendered and updated in the order the case changed.
func (dl *Deliverer) LockCase(id int64) func() {
	dl.mu.Lock()
	l := dl.locks[id]
	if l == nil {
		l = &caseLock{}
		dl.locks[id] = l
	}
	l.refs++
	dl.mu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		dl.mu.Lock()
		l.refs--
		if l.refs == 0 {
			delete(dl.locks, id)
		}
		dl.mu.Unlock()
	}
}
