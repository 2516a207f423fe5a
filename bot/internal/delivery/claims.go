package delivery

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// Several replicas may share one database (PostgreSQL). Each delivers the
// outbox jobs of the channels it holds a lease on, so a channel's messages
// are posted by one process at a time and in order; a channel whose
// process died is taken over when its lease has run out.

// ClaimLease is how long a claim on a channel lasts without renewal by
// default (Config.Lease): a channel whose replica died waits this long for
// another.
const ClaimLease = 30 * time.Second

// lease is how long this process's claims last without renewal.
func (dl *Deliverer) lease() time.Duration {
	if dl.cfg.Lease > 0 {
		return dl.cfg.Lease
	}
	return ClaimLease
}

// Claimer leases channels' outbox jobs to one process: *store.Store, or a
// fake in tests. On bbolt every channel is granted.
type Claimer interface {
	ClaimChannels(ctx context.Context, owner string, channels []string, lease time.Duration) ([]store.Claim, error)
	ReleaseChannels(ctx context.Context, owner string, channels []string) error
}

// NewOwner returns a name for this process as an owner of claims: host
// name, process id and a random suffix (a restarted process with the same
// pid is another owner).
func NewOwner() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown"
	}
	var buf [4]byte
	rand.Read(buf[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(buf[:]))
}

// ClaimStats counts the claims of this process since it started.
type ClaimStats struct {
	// Claimed are channels granted, Skipped those another live replica
	// held, TakenOver those granted after their owner's lease ran out.
	Claimed, Skipped, TakenOver int64
}

// claimCounts are ClaimStats as they are counted.
type claimCounts struct{ claimed, skipped, takenOver atomic.Int64 }

// ClaimStats returns the claims counted so far.
func (dl *Deliverer) ClaimStats() ClaimStats {
	c := &dl.claimCounts
	return ClaimStats{Claimed: c.claimed.Load(), Skipped: c.skipped.Load(), TakenOver: c.takenOver.Load()}
}

// Owner is this process's name as an owner of claims.
func (dl *Deliverer) Owner() string { return dl.cfg.Owner }

// claim leases the channels for this pass: it returns those granted, each
// with whether it was taken over from a replica that died. A failure
// grants nothing (the next pass tries again).
func (dl *Deliverer) claim(ctx context.Context, channels []string) (map[string]bool, error) {
	if len(channels) == 0 {
		return nil, nil
	}
	claims, err := dl.cfg.Claims.ClaimChannels(ctx, dl.cfg.Owner, channels, dl.lease())
	if err != nil {
		return nil, fmt.Errorf("claim channels: %w", err)
	}
	granted := make(map[string]bool, len(claims))
	for _, c := range claims {
		granted[c.Channel] = c.TakenOver
		if c.TakenOver {
			dl.claimCounts.takenOver.Add(1)
			dl.log.Warn("outbox: channel taken over from a replica whose lease ran out; looking in Slack for messages it posted but did not record",
				"channel", c.Channel, "owner", dl.cfg.Owner)
		}
	}
	dl.claimCounts.claimed.Add(int64(len(granted)))
	if skipped := len(channels) - len(granted); skipped > 0 {
		dl.claimCounts.skipped.Add(int64(skipped))
		dl.log.Debug("outbox: channels held by another replica", "skipped", skipped)
	}
	return granted, nil
}

// release gives up the lease on channel: its jobs of this pass are done or
// wait for a retry, and what was posted is recorded.
func (dl *Deliverer) release(ctx context.Context, channel string) {
	if err := dl.cfg.Claims.ReleaseChannels(context.WithoutCancel(ctx), dl.cfg.Owner, []string{channel}); err != nil {
		dl.log.Warn("outbox: release channel (its lease runs out instead)", "channel", channel, "err", err)
	}
}

// leases renews the claims on the channels being delivered while a pass
// runs, so a long delivery (many jobs, a slow Slack) keeps its channels; a
// channel whose renewal is refused (this process was too slow: another
// replica has it now) has its delivery stopped.
type leases struct {
	mu     sync.Mutex
	active map[string]context.CancelFunc
	// renewed is when the claims were last renewed (or made): once a
	// whole lease has passed without a renewal (the database does not
	// answer), another replica may hold them, and delivery stops.
	renewed time.Time
}

// start registers channel's delivery and returns its context.
func (l *leases) start(ctx context.Context, channel string) (context.Context, func()) {
	cctx, cancel := context.WithCancel(ctx)
	l.mu.Lock()
	if l.active == nil {
		l.active = map[string]context.CancelFunc{}
	}
	l.active[channel] = cancel
	l.mu.Unlock()
	return cctx, func() {
		l.mu.Lock()
		delete(l.active, channel)
		l.mu.Unlock()
		cancel()
	}
}

// renew keeps the pass's claims until ctx ends, renewing them every third
// of the lease.
func (dl *Deliverer) renew(ctx context.Context, l *leases) {
	t := time.NewTicker(dl.lease() / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		dl.renewOnce(ctx, l)
	}
}

// renewOnce renews the claims on the channels still being delivered.
func (dl *Deliverer) renewOnce(ctx context.Context, l *leases) {
	l.mu.Lock()
	var chans []string
	for ch := range l.active {
		chans = append(chans, ch)
	}
	l.mu.Unlock()
	if len(chans) == 0 {
		return
	}
	claims, err := dl.cfg.Claims.ClaimChannels(ctx, dl.cfg.Owner, chans, dl.lease())
	if err != nil {
		dl.log.Warn("outbox: renew channel leases", "err", err)
		l.mu.Lock()
		defer l.mu.Unlock()
		if !l.renewed.IsZero() && dl.cfg.Now().Sub(l.renewed) >= dl.lease()*2/3 {
			// Not renewed for most of a lease: by the next tick another
			// replica may hold these channels. Stop; what was posted is
			// recorded, the rest is delivered by whoever holds them.
			for ch, cancel := range l.active {
				dl.log.Warn("outbox: stopped delivering a channel whose lease could not be renewed", "channel", ch)
				cancel()
			}
		}
		return // else tried again at the next tick; the lease has time left
	}
	kept := map[string]bool{}
	for _, c := range claims {
		kept[c.Channel] = true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.renewed = dl.cfg.Now()
	for ch, cancel := range l.active {
		if !kept[ch] && slices.Contains(chans, ch) {
			dl.log.Warn("outbox: lost the lease on a channel; another replica delivers it", "channel", ch)
			cancel()
		}
	}
}
