package bot

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/metrics"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// Several replicas may share one database (PostgreSQL). Each takes Slack's
// requests and events (in Socket Mode each holds its own connection, and
// Slack spreads the events over them; the inbox in the store drops an
// event seen before by any replica); the outbox is delivered per channel
// by the replica holding the channel's lease (bot/internal/delivery,
// claims.go); the scheduled work — digests, nudges, look-backs and the
// housekeeping — is done by one replica at a time, the one holding the
// scheduler role (the store's advisory lock). On bbolt the one process
// holds everything.

// roleCheckEvery is how often a replica tries for the scheduler role, and
// how often its holder confirms it still holds it, by default
// (Config.ReplicaCheck).
const roleCheckEvery = 30 * time.Second

// roleCheck is how often this replica asks for the scheduler role.
func (c *Config) roleCheck() time.Duration {
	if c.ReplicaCheck > 0 {
		return c.ReplicaCheck
	}
	return roleCheckEvery
}

// Replicas is the store's side of running several replicas: *store.Store,
// or a fake in tests.
type Replicas interface {
	ClaimChannels(ctx context.Context, owner string, channels []string, lease time.Duration) ([]store.Claim, error)
	ReleaseChannels(ctx context.Context, owner string, channels []string) error
	TryScheduler(ctx context.Context) (bool, error)
}

// schedulerRole is whether this replica holds the scheduler role, as last
// learnt.
type schedulerRole struct {
	try   func(ctx context.Context) (bool, error)
	held  atomic.Bool
	known atomic.Bool // asked at least once
}

// check asks for the role (or confirms it) and logs a change. A failure to
// ask counts as not holding it: two schedulers could post a digest twice,
// none only posts it late.
func (b *Bot) checkRole(ctx context.Context) bool {
	r := b.role
	held, err := r.try(ctx)
	if err != nil {
		b.log.Warn("scheduler role: could not ask the database; not scheduling until it answers", "err", err)
		held = false
	}
	was := r.held.Swap(held)
	first := !r.known.Swap(true)
	switch {
	case held && (!was || first):
		b.log.Info("scheduler role: held; this replica runs the digests, nudges, look-backs and housekeeping", "owner", b.out.Owner())
	case !held && (was || first):
		b.log.Info("scheduler role: standby; another replica runs the scheduled work", "owner", b.out.Owner())
	}
	return held
}

// HoldsScheduler reports whether this replica held the scheduler role when
// it last asked.
func (b *Bot) HoldsScheduler() bool { return b.role.held.Load() }

// setupReplica logs this process's owner name and reports the role and
// the outbox's claims in m.
func (b *Bot) setupReplica(m *metrics.Metrics, shared bool) {
	b.log.Info("replica", "owner", b.out.Owner(), "shared_database", shared)
	m.RegisterReplica(metrics.Replica{
		SchedulerHeld: b.HoldsScheduler,
		Claims: func() (int64, int64, int64) {
			s := b.out.ClaimStats()
			return s.Claimed, s.Skipped, s.TakenOver
		},
	})
}

// Ready reports whether the bot can do its work (see readiness in ops.go),
// and on a line of its own whether this replica holds the scheduler role:
// a standby replica is ready all the same.
func (b *Bot) Ready(ctx context.Context) (ok bool, reason string) {
	ok, reason = b.readiness(ctx)
	role := "standby"
	if b.HoldsScheduler() {
		role = "held"
	}
	return ok, reason + "\nscheduler: " + role
}

// refreshLease keeps the replicas from refreshing one workspace's rotating
// token at once (tenant.Config.Lease): the refresh is leased under key as
// a channel's outbox is, by this replica's owner name, for a short while.
func (b *Bot) refreshLease(ctx context.Context, key string) (bool, func(), error) {
	owner := b.out.Owner()
	got, err := b.cfg.Replicas.ClaimChannels(ctx, owner, []string{key}, refreshLeaseFor)
	if err != nil || len(got) == 0 {
		return false, nil, err
	}
	return true, func() { b.cfg.Replicas.ReleaseChannels(context.WithoutCancel(ctx), owner, []string{key}) }, nil
}

// refreshLeaseFor bounds a refresh's lease: a refresh is one Web API call.
const refreshLeaseFor = 30 * time.Second
