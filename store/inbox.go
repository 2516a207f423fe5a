package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Event is a Slack event accepted for handling and not yet handled.
type Event struct {
	Seq     uint64
	Payload []byte
}

// AcceptEvent records a delivered event: its id among the seen ids and, on
// the first delivery only, its payload in the inbox, in one transaction.
// It reports whether this was the first delivery (of two deliveries of one
// event exactly one gets true) and the inbox position to pass to EventDone
// once the event is handled. An event that is acknowledged to Slack after
// AcceptEvent is therefore handled even if the process dies first: Inbox
// lists it again at start. A nil payload is not kept (seq is 0): the event
// is deduplicated but handled from memory only.
func (s *Store) AcceptEvent(ctx context.Context, id string, at time.Time, payload []byte) (first bool, seq uint64, err error) {
	if err := ctx.Err(); err != nil {
		return false, 0, err
	}
	err = s.write(func(tx kv.Tx) error {
		first, seq = false, 0 // the function may run more than once
		if id != "" {
			ev := tx.Bucket(bucketEvents)
			if ev.Get([]byte(id)) != nil {
				return nil
			}
			if err := ev.Put([]byte(id), itob(at.UnixNano())); err != nil {
				return err
			}
		}
		first = true
		if payload == nil {
			return nil // not kept: handled from memory only
		}
		in := tx.Bucket(bucketInbox)
		n, err := in.NextSequence()
		if err != nil {
			return err
		}
		seq = n
		return in.Put(binary.BigEndian.AppendUint64(nil, n), payload)
	})
	if err != nil {
		return false, 0, fmt.Errorf("store: accept event: %w", err)
	}
	return first, seq, nil
}

// EventDone removes a handled event from the inbox.
func (s *Store) EventDone(ctx context.Context, seq uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.write(func(tx kv.Tx) error {
		return tx.Bucket(bucketInbox).Delete(binary.BigEndian.AppendUint64(nil, seq))
	})
}

// Inbox returns the accepted events not yet handled, oldest first.
func (s *Store) Inbox(ctx context.Context) ([]Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Event
	err := s.view(ctx, func(tx kv.Tx) error {
		return tx.Bucket(bucketInbox).ForEach(func(k, v []byte) error {
			out = append(out, Event{Seq: binary.BigEndian.Uint64(k), Payload: append([]byte(nil), v...)})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: read inbox: %w", err)
	}
	return out, nil
}

// ForgetEvent removes a seen id, so that the same id is new again (a
// submission that was refused and may be sent again).
func (s *Store) ForgetEvent(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.update(ctx, func(tx kv.Tx) error { return tx.Bucket(bucketEvents).Delete([]byte(id)) })
}
