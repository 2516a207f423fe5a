package store

import (
	"context"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Several replicas on one database: which process delivers a channel's
// outbox jobs, and which runs the scheduled work. On an engine shared by
// several processes (PostgreSQL) the engine decides with leases; on a
// bbolt file, which one process holds alone, that process gets everything.

// Claim is a channel whose outbox jobs this process may deliver now.
// TakenOver says the channel's last owner was another process whose lease
// ran out: it may have posted messages it did not live to record.
type Claim struct {
	Channel   string
	TakenOver bool
}

// ClaimChannels leases, for owner, those of the channels no other live
// process is delivering, for lease from now (claiming a channel held
// already renews it), and returns them. On a bbolt file every channel is
// granted, none taken over.
func (s *Store) ClaimChannels(ctx context.Context, owner string, channels []string, lease time.Duration) ([]Claim, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sh, ok := s.shared()
	if !ok {
		out := make([]Claim, len(channels))
		for i, ch := range channels {
			out[i] = Claim{Channel: ch}
		}
		return out, nil
	}
	got, err := sh.ClaimChannels(ctx, owner, channels, lease)
	if err != nil {
		return nil, fmt.Errorf("store: claim channels: %w", err)
	}
	out := make([]Claim, len(got))
	for i, c := range got {
		out[i] = Claim{Channel: c.Channel, TakenOver: c.TakenOver}
	}
	return out, nil
}

// ReleaseChannels gives up owner's leases on the channels (a process that
// stops). On a bbolt file there is nothing to give up.
func (s *Store) ReleaseChannels(ctx context.Context, owner string, channels []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sh, ok := s.shared()
	if !ok {
		return nil
	}
	if err := sh.ReleaseChannels(ctx, owner, channels); err != nil {
		return fmt.Errorf("store: release channels: %w", err)
	}
	return nil
}

// TryScheduler reports whether this process runs the scheduled work
// (digests, nudges, look-backs) now: on a shared engine the one process
// that holds the role, on a bbolt file always.
func (s *Store) TryScheduler(ctx context.Context) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	sh, ok := s.shared()
	if !ok {
		return true, nil
	}
	held, err := sh.TryScheduler(ctx)
	if err != nil {
		return false, fmt.Errorf("store: scheduler role: %w", err)
	}
	return held, nil
}

// Shared reports whether the database is shared by several processes
// (PostgreSQL), so that they must claim channels and the scheduler role.
func (s *Store) Shared() bool {
	_, ok := s.shared()
	return ok
}

// shared returns the engine as a kv.Shared. Compact swaps a bbolt engine
// only for another bbolt engine, so reading s.db under s.mu suffices.
func (s *Store) shared() (kv.Shared, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sh, ok := s.db.(kv.Shared)
	return sh, ok
}
