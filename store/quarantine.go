package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// The quarantine: a record that cannot be read (its JSON does not decode)
// is moved aside, with the error, so that one bad record never stops the
// work on all the others — the outbox delivers the other jobs, the purge
// erases the other cases, the digest reads the other cases. Operators see
// it in the log, in /metrics and /readyz, and handle it with `maatwerkbot
// check` (list) and `maatwerkbot check -repair` (re-try or drop).

// Quarantined is a record set aside because it could not be read.
type Quarantined struct {
	// Bucket and Key say where it was ("outbox", "cases"; the key as
	// text: a job or case number).
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	// Error is why it could not be read; At when it was set aside.
	Error string    `json:"error"`
	At    time.Time `json:"at"`
	// Value is the record as it was.
	Value []byte `json:"value"`
	raw   []byte
}

// keyText shows a record's key: a number for the 8-byte keys, else the
// bytes as text.
func keyText(k []byte) string {
	if len(k) == 8 {
		var n uint64
		for _, b := range k {
			n = n<<8 | uint64(b)
		}
		return fmt.Sprint(n)
	}
	return strings.ToValidUTF8(string(k), "?")
}

func quarantineKey(bucket []byte, k []byte) []byte {
	return append(append(append([]byte{}, bucket...), 0), k...)
}

// setAside moves the records (by bucket, then key) that did not decode
// into the quarantine, in one write, and reports each through the
// OnQuarantine hook.
func (s *Store) setAside(bucket []byte, bad map[string]error) error {
	if len(bad) == 0 {
		return nil
	}
	now := time.Now()
	var moved []Quarantined
	err := s.update(context.Background(), func(tx kv.Tx) error {
		src, q := tx.Bucket(bucket), tx.Bucket(bucketQuarantine)
		for k, cause := range bad {
			v := src.Get([]byte(k))
			if v == nil {
				continue // gone meanwhile
			}
			rec := Quarantined{Bucket: string(bucket), Key: keyText([]byte(k)), Error: cause.Error(), At: now, Value: append([]byte{}, v...)}
			buf, err := json.Marshal(rec)
			if err != nil {
				return err
			}
			if err := q.Put(quarantineKey(bucket, []byte(k)), buf); err != nil {
				return fmt.Errorf("store: quarantine: %w", err)
			}
			if err := src.Delete([]byte(k)); err != nil {
				return fmt.Errorf("store: quarantine: %w", err)
			}
			moved = append(moved, rec)
		}
		return nil
	})
	if err == nil && s.opts.OnQuarantine != nil {
		for _, rec := range moved {
			s.opts.OnQuarantine(rec.Bucket, rec.Key, errors.New(rec.Error))
		}
	}
	return err
}

// QuarantineCount is the number of records in the quarantine.
func (s *Store) QuarantineCount(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n := 0
	err := s.view(ctx, func(tx kv.Tx) error {
		n = tx.Bucket(bucketQuarantine).KeyN()
		return nil
	})
	return n, err
}

// QuarantineList returns the records in the quarantine.
func (s *Store) QuarantineList(ctx context.Context) ([]Quarantined, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Quarantined
	err := s.view(ctx, func(tx kv.Tx) error {
		return tx.Bucket(bucketQuarantine).ForEach(func(k, v []byte) error {
			var rec Quarantined
			if err := json.Unmarshal(v, &rec); err != nil {
				rec = Quarantined{Bucket: "?", Key: keyText(k), Error: "the quarantine entry itself does not decode: " + err.Error()}
			}
			rec.raw = append([]byte{}, k...)
			out = append(out, rec)
			return nil
		})
	})
	return out, err
}

// RepairQuarantine tries every quarantined record again: one that now
// decodes (after a fix in the program) goes back where it was; with drop,
// one that still does not is deleted for good. It returns how many went
// back, were dropped and stay.
func (s *Store) RepairQuarantine(ctx context.Context, drop bool) (restored, dropped, stay int, err error) {
	list, err := s.QuarantineList(ctx)
	if err != nil {
		return 0, 0, 0, err
	}
	err = s.update(ctx, func(tx kv.Tx) error {
		q := tx.Bucket(bucketQuarantine)
		for _, rec := range list {
			bucket, key, ok := strings.Cut(string(rec.raw), "\x00")
			if ok && decodes(bucket, rec.Value) == nil {
				if b := tx.Bucket([]byte(bucket)); b != nil {
					if err := b.Put([]byte(key), rec.Value); err != nil {
						return err
					}
					restored++
					if err := q.Delete(rec.raw); err != nil {
						return err
					}
					continue
				}
			}
			if drop {
				if err := q.Delete(rec.raw); err != nil {
					return err
				}
				dropped++
				continue
			}
			stay++
		}
		return nil
	})
	return restored, dropped, stay, err
}

// decodes checks a record of bucket the way the store reads it.
func decodes(bucket string, v []byte) error {
	switch bucket {
	case string(bucketOutbox):
		var j Job
		return json.Unmarshal(v, &j)
	case string(bucketCases):
		var c record.Case
		return json.Unmarshal(v, &c)
	case string(bucketChannels):
		var cs ChannelSettings
		return json.Unmarshal(v, &cs)
	}
	return fmt.Errorf("unknown bucket %q", bucket)
}
