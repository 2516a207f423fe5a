package store

import (
	"context"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// The mark a migration leaves on the database it fills: "maatwerkbot
// migrate" may go on with (or redo) a copy into a database that holds this
// mark, but refuses one that holds cases and no mark — a database a bot
// already works on, which Copy would overwrite. The bot clears the mark
// when it starts serving on the database (ServingStarted), so a migration
// run again by mistake after the switch cannot wipe newer cases.

// bucketCopyMark holds the mark. Copy does not copy it (copiedBuckets).
var bucketCopyMark = []byte("copy_mark")

var keyCopySource = []byte("source")

// CopyMark returns the source a migration recorded in this database, and
// whether there is a mark at all.
func (s *Store) CopyMark(ctx context.Context) (source string, ok bool, err error) {
	err = s.view(ctx, func(tx kv.Tx) error {
		if b := tx.Bucket(bucketCopyMark); b != nil {
			if v := b.Get(keyCopySource); v != nil {
				source, ok = string(v), true
			}
		}
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("store: read the migration mark: %w", err)
	}
	return source, ok, nil
}

// MarkCopy records that this database is being filled by a copy of source.
func (s *Store) MarkCopy(ctx context.Context, source string) error {
	err := s.update(ctx, func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketCopyMark)
		if err != nil {
			return err
		}
		return b.Put(keyCopySource, []byte(source))
	})
	if err != nil {
		return fmt.Errorf("store: record the migration mark: %w", err)
	}
	return nil
}

// ServingStarted clears the migration mark: a bot now works on this
// database, and a copy may no longer overwrite it.
func (s *Store) ServingStarted(ctx context.Context) error {
	err := s.update(ctx, func(tx kv.Tx) error {
		if tx.Bucket(bucketCopyMark) == nil {
			return nil
		}
		return tx.DeleteBucket(bucketCopyMark)
	})
	if err != nil {
		return fmt.Errorf("store: clear the migration mark: %w", err)
	}
	return nil
}

// Empty says whether the database holds no cases, no outbox jobs and no
// events: a new database.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	empty := true
	err := s.view(ctx, func(tx kv.Tx) error {
		for _, name := range [][]byte{bucketCases, bucketOutbox, bucketInbox, bucketEvents} {
			if b := tx.Bucket(name); b != nil && b.KeyN() > 0 {
				empty = false
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: is the database empty: %w", err)
	}
	return empty, nil
}
