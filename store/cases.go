package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Storing cases: create, update and delete, with their indexes.

// CreateCase stores a new case, assigning its ID.
func (s *Store) CreateCase(ctx context.Context, c *record.Case) error {
	return s.createCase(ctx, c, nil)
}

// createCase stores a new case; also, when not nil, runs in the same
// transaction once the case has its id.
func (s *Store) createCase(ctx context.Context, c *record.Case, also func(tx kv.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if c.StartedAt.Before(minStart) {
		// The time index keys start times as unsigned nanoseconds.
		return fmt.Errorf("store: case %q has no valid start time (%v)", c.Title, c.StartedAt)
	}
	return s.write(func(tx kv.Tx) error {
		if err := insertCase(tx, c); err != nil {
			return err
		}
		if also != nil {
			return also(tx)
		}
		return nil
	})
}

// insertCase stores a new case in tx: its id, the record and every index.
func insertCase(tx kv.Tx, c *record.Case) error {
	id, err := tx.Bucket(bucketCases).NextSequence()
	if err != nil {
		return fmt.Errorf("store: next case id: %w", err)
	}
	c.ID = int64(id)
	c.Version = record.CaseVersion
	c.Rev = 1
	if err := putCase(tx, c); err != nil {
		return err
	}
	if err := reindex(tx, nil, c); err != nil {
		return err
	}
	if err := indexActivity(tx, c); err != nil {
		return err
	}
	if err := indexLookBack(tx, c); err != nil {
		return err
	}
	if err := tx.Bucket(bucketChanTime).Put(chanTimeKey(c.Channel, c.StartedAt, c.ID), nil); err != nil {
		return fmt.Errorf("store: index start of case %d: %w", c.ID, err)
	}
	return nil
}

func putCase(tx kv.Tx, c *record.Case) error {
	return putCaseJSON(tx, c, true)
}

// putCaseJSON is putCase; indexThread says the thread index may not have
// the case's thread yet.
func putCaseJSON(tx kv.Tx, c *record.Case, indexThread bool) error {
	buf, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: encode case %d: %w", c.ID, err)
	}
	if err := tx.Bucket(bucketCases).Put(itob(c.ID), buf); err != nil {
		return fmt.Errorf("store: put case %d: %w", c.ID, err)
	}
	if c.Thread != "" && indexThread {
		if err := tx.Bucket(bucketThreads).Put(threadKey(c.Channel, c.Thread), itob(c.ID)); err != nil {
			return fmt.Errorf("store: index thread of case %d: %w", c.ID, err)
		}
	}
	return nil
}

// UpdateCase loads case id, calls fn on it and stores the result, all in one
// transaction: concurrent updates of one case are serialised. If fn returns
// an error nothing is stored and the error is returned as it is. The stored
// case is returned.
func (s *Store) UpdateCase(ctx context.Context, id int64, fn func(*record.Case) error) (*record.Case, error) {
	return s.updateCase(ctx, id, fn, nil)
}

// updateCase is UpdateCase; also, when not nil, runs in the same
// transaction after the changed case is stored.
func (s *Store) updateCase(ctx context.Context, id int64, fn func(*record.Case) error, also func(kv.Tx, *record.Case) error) (*record.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out *record.Case
	err := s.write(func(tx kv.Tx) error {
		c, err := s.getCase(tx, id)
		if err != nil {
			return err
		}
		oldChannel, oldThread, oldStart := c.Channel, c.Thread, c.StartedAt
		oldUpdated := c.UpdatedAt
		oldIndex := caseIndexKeys(c)
		if err := fn(c); err != nil {
			return err
		}
		c.ID = id
		c.Version = record.CaseVersion
		c.Rev++
		if oldThread != "" && (oldThread != c.Thread || oldChannel != c.Channel) {
			if err := tx.Bucket(bucketThreads).Delete(threadKey(oldChannel, oldThread)); err != nil {
				return fmt.Errorf("store: unindex thread of case %d: %w", id, err)
			}
		}
		if oldChannel != c.Channel || !oldStart.Equal(c.StartedAt) {
			if c.StartedAt.Before(minStart) {
				return fmt.Errorf("store: case %d: no valid start time (%v)", id, c.StartedAt)
			}
			times := tx.Bucket(bucketChanTime)
			if err := times.Delete(chanTimeKey(oldChannel, oldStart, id)); err != nil {
				return fmt.Errorf("store: unindex start of case %d: %w", id, err)
			}
			if err := times.Put(chanTimeKey(c.Channel, c.StartedAt, id), nil); err != nil {
				return fmt.Errorf("store: index start of case %d: %w", id, err)
			}
		}
		if err := putCaseJSON(tx, c, c.Thread != oldThread || c.Channel != oldChannel); err != nil {
			return err
		}
		if err := reindex(tx, &oldIndex, c); err != nil {
			return err
		}
		if err := reindexActivity(tx, oldChannel, oldUpdated, c); err != nil {
			return err
		}
		if err := indexLookBack(tx, c); err != nil {
			return err
		}
		if also != nil {
			if err := also(tx, c); err != nil {
				return err
			}
		}
		out = c
		return nil
	})
	return out, err
}

// minStart is the earliest start time the time index can hold.
var minStart = time.Unix(0, 0)

// DeleteCase removes a case and its index entries, or returns ErrNotFound.
// bbolt reuses the freed pages; the data leaves the file at compaction.
func (s *Store) DeleteCase(ctx context.Context, id int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.update(ctx, func(tx kv.Tx) error { return deleteCase(tx, id) })
}
