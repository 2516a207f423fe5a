package store

import (
	"context"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/store/groupcommit"
	"github.com/maatwerkbot/maatwerkbot/store/internal/boltkv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// The engine under the store: bbolt (Open) or another kv.DB (openEngine),
// and the features only a bbolt file has.

// ErrNotBolt is returned by the features that only a bbolt database file
// has (hot backups over the socket, bbolt's check, compaction) when the
// store's engine is another one. The error says what to use instead.
var ErrNotBolt = errors.New("store: not a bbolt database file")

// openEngine makes a Store over db: it creates the buckets and migrates
// the schema in one Update, then starts the group-commit writer. where
// says where the database is, for messages (Path). On failure db is
// closed. Open uses it for a bbolt file; another engine (PostgreSQL) is
// plugged in through it.
func openEngine(ctx context.Context, db kv.DB, where string, opts Options) (*Store, error) {
	s := &Store{db: db, path: where, opts: opts}
	if err := s.safeInit(ctx); err != nil {
		safeClose(db)
		return nil, err
	}
	s.w = groupcommit.New(s.commit)
	return s, nil
}

// boltDB returns the bbolt database under the store, or an error wrapping
// ErrNotBolt that says, for the feature what, what to use instead.
// The caller holds s.mu (Compact swaps the database).
func (s *Store) boltDB(what, instead string) (*bolt.DB, error) {
	if b, ok := s.db.(*boltkv.DB); ok {
		return b.Bolt(), nil
	}
	return nil, s.notBolt(what, instead)
}

// notBolt is the error of a bbolt-only feature on another engine.
func (s *Store) notBolt(what, instead string) error {
	return fmt.Errorf("%w: %s needs one (the database is %s); %s", ErrNotBolt, what, s.path, instead)
}

// isBolt says whether the store's engine is a bbolt file.
func (s *Store) isBolt() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.db.(*boltkv.DB)
	return ok
}

// viewBolt runs fn in a read transaction of the bbolt database under the
// store, with s.mu held as view holds it.
func (s *Store) viewBolt(ctx context.Context, what, instead string, fn func(*bolt.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, err := s.boltDB(what, instead); err != nil {
		return err
	}
	return s.db.View(ctx, func(tx kv.Tx) error { return fn(tx.(*boltkv.Tx).Bolt()) })
}

func safeClose(db kv.DB) {
	defer func() { recover() }()
	db.Close()
}
