package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// CreateCaseOnce is CreateCaseWithJob for a request that may come more than
// once under the same key (a workflow step's function_execution_id, which
// Slack may deliver again): the first call stores the case, its job and the
// key in one transaction and returns 0; a later call with the same key
// stores nothing and returns the id of the case the first one stored. Of two
// concurrent calls with one key exactly one stores the case.
//
// The key is kept among the seen event ids, with the time now and the case
// id, and is forgotten with them (PruneEvents).
func (s *Store) CreateCaseOnce(ctx context.Context, key string, c *record.Case, now time.Time, payload json.RawMessage) (existing int64, err error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if key == "" {
		return 0, fmt.Errorf("store: create case once: no key")
	}
	if c.StartedAt.Before(minStart) {
		return 0, fmt.Errorf("store: case %q has no valid start time (%v)", c.Title, c.StartedAt)
	}
	err = s.write(func(tx kv.Tx) error {
		existing = 0 // the function may run more than once
		ev := tx.Bucket(bucketEvents)
		if v := ev.Get([]byte(key)); v != nil {
			if len(v) != 16 {
				return fmt.Errorf("store: key %q is not a case's key", key)
			}
			existing = int64(binary.BigEndian.Uint64(v[8:]))
			return nil
		}
		if err := insertCase(tx, c); err != nil {
			return err
		}
		if err := putJob(tx, &Job{Case: c.ID, Channel: c.Channel, Payload: payload, Created: now}); err != nil {
			return err
		}
		return ev.Put([]byte(key), append(itob(now.UnixNano()), itob(c.ID)...))
	})
	if err != nil {
		return 0, fmt.Errorf("store: create case once: %w", err)
	}
	return existing, nil
}
