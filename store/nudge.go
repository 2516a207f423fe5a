package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// QuietCases returns what the nudges about quiet cases look at in channel:
// the open cases last changed before quietBefore, and every paused case
// (one paused until a date wakes up on that day). It reads the activity
// index, so it decodes only those cases; the order is by last change,
// oldest first.
func (s *Store) QuietCases(ctx context.Context, channel string, quietBefore time.Time) ([]*record.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []*record.Case
	bad := map[string]error{}
	err := s.view(ctx, func(tx kv.Tx) error {
		prefix := append([]byte(channel), 0)
		quietKey := chanTimeKey(channel, quietBefore, 0)
		cur := tx.Bucket(bucketActivity).Cursor()
		for k, v := cur.Seek(prefix); k != nil && len(k) == len(prefix)+16 && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
			open := string(v) == string(record.StatusOpen) && bytes.Compare(k, quietKey) < 0
			if !open && string(v) != string(record.StatusPaused) {
				continue
			}
			id := int64(binary.BigEndian.Uint64(k[len(k)-8:]))
			c, err := scanCase(tx, id)
			switch {
			case errors.Is(err, errUndecodable):
				bad[string(itob(id))] = err // set aside below; the others go on
			case errors.Is(err, ErrNotFound):
				// set aside earlier: its index entries stay behind
			case err != nil:
				return err
			default:
				out = append(out, c)
			}
		}
		return nil
	})
	if err == nil {
		err = s.setAside(bucketCases, bad)
	}
	if err != nil {
		return nil, fmt.Errorf("store: quiet cases of %s: %w", channel, err)
	}
	return out, nil
}
