package store

import (
	"context"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Ping reports whether the database is open and readable.
func (s *Store) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.db.View(ctx, func(kv.Tx) error { return nil }); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// CountCases returns the number of cases stored. It walks the cases
// bucket's pages, so call it for metrics, not per request.
func (s *Store) CountCases(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n := 0
	err := s.db.View(ctx, func(tx kv.Tx) error {
		n = tx.Bucket(bucketCases).KeyN()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: count cases: %w", err)
	}
	return n, nil
}
