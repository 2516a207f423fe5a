package store

import (
	"context"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// CreateCases stores many new cases in one transaction, assigning their
// IDs, as CreateCase does one by one (an import, or a benchmark's fixture).
// Either all are stored or none.
func (s *Store) CreateCases(ctx context.Context, cs []*record.Case) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, c := range cs {
		if c.StartedAt.Before(minStart) {
			return fmt.Errorf("store: case %q has no valid start time (%v)", c.Title, c.StartedAt)
		}
	}
	return s.update(ctx, func(tx kv.Tx) error {
		for _, c := range cs {
			if err := insertCase(tx, c); err != nil {
				return err
			}
		}
		return nil
	})
}
