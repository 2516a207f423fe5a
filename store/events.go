package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// The event ids already handled.

// SeenEvent records an event id and reports whether it was recorded before,
// in one transaction: of two deliveries of one event exactly one gets false.
func (s *Store) SeenEvent(ctx context.Context, id string, at time.Time) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	seen := false
	err := s.write(func(tx kv.Tx) error {
		b := tx.Bucket(bucketEvents)
		seen = b.Get([]byte(id)) != nil
		if seen {
			return nil
		}
		return b.Put([]byte(id), itob(at.UnixNano()))
	})
	if err != nil {
		return false, fmt.Errorf("store: record event: %w", err)
	}
	return seen, nil
}

// PruneEvents forgets event ids recorded before cutoff and returns how many.
func (s *Store) PruneEvents(ctx context.Context, cutoff time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n := 0
	err := s.update(ctx, func(tx kv.Tx) error {
		b := tx.Bucket(bucketEvents)
		var old [][]byte
		err := b.ForEach(func(k, v []byte) error {
			// The time comes first; CreateCaseOnce's keys add a case id.
			if len(v) >= 8 && int64(binary.BigEndian.Uint64(v[:8])) < cutoff.UnixNano() {
				old = append(old, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range old {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(old)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: prune events: %w", err)
	}
	return n, nil
}
