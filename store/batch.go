package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// CreateCases stores many new cases in one transaction, assigning their
// IDs, as CreateCase does one by one (an import, or a benchmark's fixture).
// Either all are stored or none.
func (s *Store) CreateCases(ctx context.Context, cs []*dialogs.Case) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, c := range cs {
		if c.StartedAt.Before(minStart) {
			return fmt.Errorf("store: case %q has no valid start time (%v)", c.Title, c.StartedAt)
		}
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		cases := tx.Bucket(bucketCases)
		for _, c := range cs {
			id, err := cases.NextSequence()
			if err != nil {
				return fmt.Errorf("store: next case id: %w", err)
			}
			c.ID = int64(id)
			c.Version = dialogs.CaseVersion
			c.Rev = 1
			if err := putCase(tx, c); err != nil {
				return err
			}
			if err := reindex(tx, nil, c); err != nil {
				return err
			}
			if err := tx.Bucket(bucketChanTime).Put(chanTimeKey(c.Channel, c.StartedAt, c.ID), nil); err != nil {
				return fmt.Errorf("store: index start of case %d: %w", c.ID, err)
			}
		}
		return nil
	})
}
