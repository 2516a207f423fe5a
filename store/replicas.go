package store

import (
	"context"
	"time"
)

// Claim is a channel whose outbox jobs this process may deliver now.
// TakenOver: its last owner was another process whose lease ran out (it
// died): that owner may have posted messages it did not live to record.
type Claim struct {
	Channel   string
	TakenOver bool
}

// ClaimChannels leases the channels to owner for lease and returns those
// granted. On bbolt (one process) every channel is granted, never taken
// over.
func (s *Store) ClaimChannels(ctx context.Context, owner string, channels []string, lease time.Duration) ([]Claim, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]Claim, len(channels))
	for i, ch := range channels {
		out[i] = Claim{Channel: ch}
	}
	return out, nil
}

// ReleaseChannels gives up owner's leases on the channels (bbolt: nothing
// to give up).
func (s *Store) ReleaseChannels(ctx context.Context, owner string, channels []string) error {
	return nil
}

// TryScheduler reports whether this process runs digests, nudges and
// look-backs now (bbolt: always).
func (s *Store) TryScheduler(ctx context.Context) (bool, error) { return true, nil }

// Shared reports whether the engine is shared by several processes
// (PostgreSQL); bbolt is not.
func (s *Store) Shared() bool { return false }
