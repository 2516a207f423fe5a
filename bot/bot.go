package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/directory"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/metrics"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/transport"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// Config is what the bot needs to know beyond its dependencies.
type Config struct {
	BotToken      string
	AppToken      string
	SigningSecret string
	// APIURL is the Web API base URL, ending in "/api/".
	APIURL string
	// Command is the slash command's name, e.g. "/maatwerk".
	Command string
	// Lang is the default language.
	Lang cards.Lang
	// TeamLeads are Slack user ids that may decide any case.
	TeamLeads []string
	// TeamLeadGroup is a Slack user group id (S…) whose members are team
	// leads too; empty for none. See IsLeadCtx.
	TeamLeadGroup string
	// Location is the time zone for dates.
	Location *time.Location
	// Now is the clock; nil means time.Now. Sleep waits d on that clock
	// (waiting out a rate limit while a user waits); nil means a real
	// timer. A test that sets Now to a clock of its own sets Sleep to one
	// that moves that clock on.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// RetentionDays is how long a case is kept after its last activity;
	// 0 keeps cases for ever.
	RetentionDays int
	// PatternMin and PatternWeeks: a signal, scheme or value in PatternMin
	// or more cases within PatternWeeks weeks is flagged in the digest;
	// zero means the defaults (3 in 4).
	PatternMin, PatternWeeks int
	// RootInterval is the least time between two updates of a case's root
	// message for changes other than its status (see rootPacer); 0 updates
	// it after every change. cmd/maatwerkbot uses DefaultRootInterval.
	RootInterval time.Duration
	// NudgeDays is how many working days an open case may be quiet before
	// its starter gets a reminder, and as many more before the team leads
	// do (nudge.go); 0 sends no reminders. Cases paused until a date wake
	// up on that day either way.
	NudgeDays int
	// Org is the organisation's name, printed at the top of every page of
	// a case's document; empty prints none.
	Org string
	// OnUninstall is what becomes of the cases when the app is
	// uninstalled from the workspace: OnUninstallKeep ("" too) or
	// OnUninstallErase. See uninstall.go.
	OnUninstall string
	// Replicas shares the outbox and the scheduled work with other
	// replicas on one database (replicas.go); nil: the store. Owner names
	// this process in the outbox's claims; "": host, pid and a random
	// suffix.
	Replicas Replicas
	Owner    string
	// OutboxLease is how long a replica's claim on a channel's outbox
	// lasts without renewal (0: 30 s); ReplicaCheck how often a replica
	// asks for the scheduler role (0: 30 s), and half how long an event
	// waits in the inbox before the role holder takes it for a dead
	// replica's (with 0: a minute).
	OutboxLease, ReplicaCheck time.Duration
	// Distributed, when set, serves every workspace that installs the app
	// through Slack's OAuth flow, each with its own token (oauth.go);
	// BotToken is then not used.
	Distributed *Distributed
}

// DefaultRootInterval is the RootInterval a served bot uses: a burst of
// changes to one case costs one chat.update of its root, and a reader of
// the channel sees the root at most this far behind.
const DefaultRootInterval = 3 * time.Second

// Bot serves one Slack workspace.
type Bot struct {
	// in takes Slack's events in, in thread order (threadorder.go).
	in *inbox

	cfg    Config
	api    *slack.Client
	store  *store.Store
	engine *dialogs.Engine
	render render.Renderer
	log    *slog.Logger
	// tr receives Slack's requests (HTTP and Socket Mode).
	tr   *transport.Server
	http *http.Client
	// fnHTTP carries the calls made with a workflow step's own token
	// (workflow.go): counted, but Slack refusing that short-lived token
	// says nothing about the bot token (see Ready).
	fnHTTP *http.Client

	// metrics are served on GET /metrics; authed is set once auth.test
	// passed (GET /readyz).
	metrics *metrics.Metrics
	authed  atomic.Bool
	// token is whether Slack accepts the bot token; while it refuses it,
	// deliveries and schedules are held (uninstall.go, Ready).
	token *delivery.Token

	// bg is the lifetime of background work started by handlers.
	bg context.Context
	wg sync.WaitGroup

	mu        sync.Mutex
	botUserID string
	// team is the workspace of the installation (auth.test).
	team string

	// out delivers to Slack: the outbox, holds, pacing, response_urls.
	out *delivery.Deliverer

	// dir knows the people: their language, the team leads, permalinks.
	dir *directory.Directory

	// clicks are the handlers of buttons by action id (clickTable).
	clicks map[string]clickHandler
	// look answers search, lists, the Home tab and the export.
	look *lookups
	// sched runs the digests, the look-backs and the housekeeping, while
	// this replica holds role (replicas.go).
	sched *scheduler
	role  *schedulerRole

	// tenants gives each workspace its token in a distributed app; nil
	// for one workspace (oauth.go). install signs the OAuth state.
	tenants *tenant.Source
	install *installer
}

// New returns a bot. ctx bounds the background work its handlers start
// (posting after an acknowledgement); Wait waits for that work.
func New(ctx context.Context, cfg Config, st *store.Store, engine *dialogs.Engine, log *slog.Logger) *Bot {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Command == "" {
		cfg.Command = "/maatwerk"
	}
	if cfg.Lang == "" {
		cfg.Lang = cards.NL
	}
	if cfg.Replicas == nil {
		cfg.Replicas = st
	}
	m := metrics.New(metrics.Sources{
		OutboxDepth: st.OutboxLen,
		Cases:       func() (int, error) { return st.CountCases(context.Background()) },
		Quarantined: func() (int, error) { return st.QuarantineCount(context.Background()) },
	})
	log = transport.Logger(log)
	token := delivery.NewToken(log, cfg.Now)
	hc := &http.Client{Timeout: 20 * time.Second, Transport: delivery.NewTransport(m, token)}
	b := &Bot{}
	var tenants *tenant.Source
	if cfg.Distributed != nil {
		// One workspace refusing its token holds only its own work, so
		// no refusal holds the whole bot (delivery.Token stays accepted).
		tenants, hc = newTenants(cfg, m, st, b.refreshLease, log)
	}
	opts := []slack.Option{slack.OptionHTTPClient(hc)}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	*b = Bot{
		cfg:     cfg,
		api:     slack.New(apiToken(cfg), opts...),
		store:   st,
		engine:  engine,
		render:  render.Renderer{Engine: engine, Loc: cfg.Location},
		log:     log,
		http:    hc,
		fnHTTP:  &http.Client{Timeout: 20 * time.Second, Transport: delivery.NewTransport(m, nil)},
		metrics: m,
		token:   token,
		bg:      ctx,
		tenants: tenants,
	}
	if tenants != nil {
		b.install = newInstaller(cfg, st, tenants, b.http, log)
	}
	b.tr = transport.New(transport.Config{Now: cfg.Now}, cfg.SigningSecret, b.api, log, m, st, transport.Handlers{
		Command: func(ctx context.Context, cmd slack.SlashCommand) any {
			ctx = tenant.With(ctx, tenant.Team{Enterprise: cmd.EnterpriseID, ID: cmd.TeamID})
			if r := b.command(ctx, cmd); r != nil {
				return r
			}
			return nil
		},
		Interaction: func(ctx context.Context, cb slack.InteractionCallback) any {
			return b.interaction(tenant.With(ctx, tenant.Team{Enterprise: cb.Enterprise.ID, ID: cb.Team.ID}), cb)
		},
		AcceptEvent: func(ctx context.Context, id string, body []byte, ev slackevents.EventsAPIEvent) error {
			return b.in.acceptEvent(ctx, id, body, ev)
		},
		Ready: b.Ready,
	})
	b.out = delivery.New(delivery.Config{APIURL: cfg.APIURL, Command: cfg.Command, Lang: cfg.Lang, Now: cfg.Now, Sleep: cfg.Sleep, Token: token,
		Claims: cfg.Replicas, Owner: cfg.Owner, Lease: cfg.OutboxLease},
		b.api, hc, st, engine, b.render, log, func(ctx context.Context) []string { return b.dir.LeadIDs(ctx) }, cfg.RootInterval)
	b.dir = directory.New(directory.Config{Lang: cfg.Lang, TeamLeads: cfg.TeamLeads, TeamLeadGroup: cfg.TeamLeadGroup, Now: cfg.Now},
		b.api, b.out, engine, log)
	b.in = &inbox{cfg: cfg, store: st, log: log, sweep: inboxSweep{after: 2 * cfg.ReplicaCheck}, spawn: func(name string, fn func(context.Context) error) { b.spawn(ctx, name, fn) }, event: b.event}
	b.clicks = clickTable(b)
	b.look = &lookups{cfg: cfg, api: b.api, store: st, engine: engine, render: b.render, dir: b.dir, log: log,
		out: b.out, spawn: b.spawn, userMessage: b.userMessage}
	b.sched = &scheduler{cfg: cfg, api: b.api, store: st, engine: engine, render: b.render, out: b.out, dir: b.dir, log: log, bg: ctx, team: b.homeTeam}
	b.role = &schedulerRole{try: cfg.Replicas.TryScheduler}
	b.setupReplica(m, st != nil && st.Shared())
	token.OnResume(func() {
		b.out.Kick()
		b.sched.wake()
	})
	return b
}

// Connect checks the token with auth.test and learns the bot's own user id,
// so the bot can ignore its own messages and recognise mentions.
func (b *Bot) Connect(ctx context.Context) error {
	if b.tenants != nil {
		// Each workspace has its own token and bot user (oauth.go).
		b.authed.Store(true)
		b.log.Info("serving every workspace that installs the app (OAuth)")
		return nil
	}
	resp, err := b.api.AuthTestContext(ctx)
	if err != nil {
		return fmt.Errorf("bot: auth.test: %w", err)
	}
	b.mu.Lock()
	b.botUserID = resp.UserID
	b.team = resp.TeamID
	b.mu.Unlock()
	// Cases stored before they recorded their workspace are this one's.
	if n, err := b.store.AdoptTeam(ctx, resp.TeamID, resp.EnterpriseID); err != nil {
		return fmt.Errorf("bot: give earlier cases their workspace: %w", err)
	} else if n > 0 {
		b.log.Info("earlier cases given their workspace", "team", resp.TeamID, "cases", n)
	}
	b.authed.Store(true)
	b.log.Info("connected to Slack", "team", resp.Team, "bot_user", resp.UserID)
	b.token.Accept()
	return nil
}

// homeTeam is the workspace the bot was installed in.
func (b *Bot) homeTeam() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.team
}

// selfID is the bot's own user id in the workspace ctx carries.
func (b *Bot) selfID(ctx context.Context) string {
	if b.tenants != nil {
		team, _ := tenant.From(ctx)
		if in, err := b.tenants.Installation(ctx, team); err == nil {
			return in.BotUserID
		}
		return ""
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.botUserID
}

// Wait blocks until the background work started by handlers has finished
// and the outbox has been delivered as far as it can be now (jobs waiting
// for a retry stay owed).
func (b *Bot) Wait() {
	for {
		b.wg.Wait()
		before := b.store.OutboxLen()
		if before == 0 {
			return
		}
		b.out.DeliverDue(b.bg)
		b.wg.Wait()
		if after := b.store.OutboxLen(); after >= before || b.bg.Err() != nil {
			return
		}
	}
}

// spawn runs fn in the background, after the request that caused it has
// been acknowledged; fn's context carries the workspace of from's.
func (b *Bot) spawn(from context.Context, name string, fn func(ctx context.Context) error) {
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		ctx, cancel := context.WithTimeout(tenant.Carry(b.bg, from), 2*time.Minute)
		defer cancel()
		if err := fn(ctx); err != nil && !errors.Is(err, context.Canceled) {
			b.log.Error("background work failed", "work", name, "err", err)
		}
	}()
}

// langOf returns the language to answer a user in outside a case.
func (b *Bot) langOf(c *record.Case) cards.Lang {
	if c != nil && c.Lang != "" {
		return c.Lang
	}
	return b.cfg.Lang
}

// apiToken is the token the Web API client carries: SLACK_BOT_TOKEN for one
// workspace; none in a distributed app, where each call gets its
// workspace's token (tenant.Transport) and a call that leaves the API (a
// file upload's URL) must carry no other workspace's token.
func apiToken(cfg Config) string {
	if cfg.Distributed != nil {
		return ""
	}
	return cfg.BotToken
}
