package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// The look-back index: every case whose look back on the conversation with
// the inwoner is planned but not yet asked, by case id, with its due time
// (unix seconds). It stays small: an entry leaves as soon as the question
// is posted or answered.

// indexLookBack keeps c's entry in the look-back index in line with c.
func indexLookBack(tx kv.Tx, c *record.Case) error {
	b := tx.Bucket(bucketLookBacks)
	due, ok := c.LookBackPending()
	if !ok {
		if b.Get(itob(c.ID)) == nil {
			return nil
		}
		if err := b.Delete(itob(c.ID)); err != nil {
			return fmt.Errorf("store: unindex look back of case %d: %w", c.ID, err)
		}
		return nil
	}
	v := binary.BigEndian.AppendUint64(nil, uint64(due.Unix()))
	if err := b.Put(itob(c.ID), v); err != nil {
		return fmt.Errorf("store: index look back of case %d: %w", c.ID, err)
	}
	return nil
}

// DueLookBacks returns the ids of the cases whose look back is due at now
// and not yet asked.
func (s *Store) DueLookBacks(ctx context.Context, now time.Time) ([]int64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var ids []int64
	err := s.view(ctx, func(tx kv.Tx) error {
		return tx.Bucket(bucketLookBacks).ForEach(func(k, v []byte) error {
			if len(k) != 8 || len(v) != 8 {
				return nil
			}
			if due := time.Unix(int64(binary.BigEndian.Uint64(v)), 0); !now.Before(due) {
				ids = append(ids, int64(binary.BigEndian.Uint64(k)))
			}
			return nil
		})
	})
	return ids, err
}
