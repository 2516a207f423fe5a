package store

import (
	"context"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// CreateCasesBatch stores many cases in one transaction, as CreateCase does
// one by one (ids, time and activity indexes, channel list). Test and
// benchmark fixtures only.
func (s *Store) CreateCasesBatch(ctx context.Context, cases []*record.Case) error {
	return s.db.Update(ctx, func(tx kv.Tx) error {
		for _, c := range cases {
			if err := ctx.Err(); err != nil {
				return err
			}
			id, err := tx.Bucket(bucketCases).NextSequence()
			if err != nil {
				return fmt.Errorf("next id: %w", err)
			}
			c.ID, c.Version, c.Rev = int64(id), record.CaseVersion, 1
			if err := putCase(tx, c); err != nil {
				return err
			}
			if err := indexActivity(tx, c); err != nil {
				return err
			}
			if err := tx.Bucket(bucketChanTime).Put(chanTimeKey(c.Channel, c.StartedAt, c.ID), nil); err != nil {
				return err
			}
		}
		return nil
	})
}
