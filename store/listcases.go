package store

import (
	"context"
	"encoding/binary"
	"errors"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// A channel's cases, newest first, from the time index.

// Filter selects cases in ListCases.
type Filter struct {
	// OpenOnly leaves out closed cases.
	OpenOnly bool
	// Since and Until bound the start time (Until exclusive); zero means
	// unbounded.
	Since, Until time.Time
	// Limit caps the number of cases (newest first); 0 means no cap.
	Limit int
	// Team, when set, keeps to the cases of that Slack workspace
	// (record.Case.Team): a channel may be shared between workspaces.
	Team string
}

// ListCases returns a channel's cases, newest first, using the time index.
func (s *Store) ListCases(ctx context.Context, channel string, f Filter) ([]*record.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []*record.Case
	bad := map[string]error{}
	err := s.view(ctx, func(tx kv.Tx) error {
		prefix := append([]byte(channel), 0)
		lo := prefix
		if !f.Since.IsZero() {
			lo = chanTimeKey(channel, f.Since, 0)
		}
		hi := chanTimeKey(channel, time.Unix(0, 1<<62), 0)
		if !f.Until.IsZero() {
			hi = chanTimeKey(channel, f.Until, 0)
		}
		cur := tx.Bucket(bucketChanTime).Cursor()
		// Walk backwards from hi for newest first.
		k, _ := cur.Seek(hi)
		if k == nil {
			k, _ = cur.Last()
		} else {
			k, _ = cur.Prev()
		}
		for ; k != nil; k, _ = cur.Prev() {
			if string(k) < string(lo) || len(k) != len(prefix)+16 || string(k[:len(prefix)]) != string(prefix) {
				break
			}
			id := int64(binary.BigEndian.Uint64(k[len(k)-8:]))
			c, err := scanCase(tx, id)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if errors.Is(err, errUndecodable) {
				bad[string(itob(id))] = err // set aside below; the others go on
				continue
			}
			if err != nil {
				return err
			}
			if (f.OpenOnly && c.Status == record.StatusClosed) || (f.Team != "" && c.Team != f.Team) {
				continue
			}
			out = append(out, c)
			if f.Limit > 0 && len(out) >= f.Limit {
				break
			}
		}
		return nil
	})
	if err == nil {
		err = s.setAside(bucketCases, bad)
	}
	return out, err
}

// OpenCases returns a channel's cases that are not closed, newest first.
func (s *Store) OpenCases(ctx context.Context, channel string) ([]*record.Case, error) {
	return s.ListCases(ctx, channel, Filter{OpenOnly: true})
}
