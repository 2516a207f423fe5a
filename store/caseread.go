package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Reading cases: by id and by thread, decoded through the cache or not.

// caseJSON is case id as stored, or ErrNotFound; the bytes are bbolt's,
// valid only in tx.
func caseJSON(tx kv.Tx, id int64) ([]byte, error) {
	buf := tx.Bucket(bucketCases).Get(itob(id))
	if buf == nil {
		return nil, fmt.Errorf("case %d: %w", id, ErrNotFound)
	}
	return buf, nil
}

// errUndecodable marks a record whose bytes do not decode: the loops that
// meet one set it aside (quarantine.go) and go on.
var errUndecodable = errors.New("store: record does not decode")

func decodeCase(id int64, buf []byte) (*record.Case, error) {
	var c record.Case
	if err := json.Unmarshal(buf, &c); err != nil {
		return nil, fmt.Errorf("%w: case %d: %w", errUndecodable, id, err)
	}
	return &c, nil
}

// getCase reads and decodes a case. (A cache of decoded cases was removed:
// at the measured load it saved no CPU and cost 19 MB; see
// cmd/maatwerk-load/README.md.)
func (s *Store) getCase(tx kv.Tx, id int64) (*record.Case, error) {
	buf, err := caseJSON(tx, id)
	if err != nil {
		return nil, err
	}
	return decodeCase(id, buf)
}

// scanCase reads a case in a walk over many cases (a digest, a list, the
// retention purge).
func scanCase(tx kv.Tx, id int64) (*record.Case, error) {
	buf, err := caseJSON(tx, id)
	if err != nil {
		return nil, err
	}
	return decodeCase(id, buf)
}

// Case returns the case with the given id, or ErrNotFound.
func (s *Store) Case(ctx context.Context, id int64) (*record.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var c *record.Case
	err := s.view(ctx, func(tx kv.Tx) error {
		var err error
		c, err = s.getCase(tx, id)
		return err
	})
	return c, err
}

// CaseByThread returns the case whose thread is (channel, thread), or
// ErrNotFound.
func (s *Store) CaseByThread(ctx context.Context, channel, thread string) (*record.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var c *record.Case
	err := s.view(ctx, func(tx kv.Tx) error {
		v := tx.Bucket(bucketThreads).Get(threadKey(channel, thread))
		if len(v) != 8 {
			return fmt.Errorf("thread %s/%s: %w", channel, thread, ErrNotFound)
		}
		var err error
		c, err = s.getCase(tx, int64(binary.BigEndian.Uint64(v)))
		return err
	})
	return c, err
}
