package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store/groupcommit"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Bucket names. Never rename one without a migration.
var (
	bucketMeta     = []byte("meta")
	bucketCases    = []byte("cases")
	bucketThreads  = []byte("threads")
	bucketChanTime = []byte("chan_time")
	bucketEvents   = []byte("events")
	bucketOutbox   = []byte("outbox")
	bucketInbox    = []byte("inbox")
	// bucketBriefs holds each case's brief under its time-index key, and
	// bucketUserCases maps (user, start, id) to the channel of every case a
	// user took part in (see brief.go).
	bucketBriefs    = []byte("briefs")
	bucketUserCases = []byte("user_cases")
	// bucketLookBacks holds the look backs planned and not yet asked
	// (lookback.go).
	bucketLookBacks = []byte("look_backs")
	// bucketQuarantine holds records that could not be read (quarantine.go).
	bucketQuarantine = []byte("quarantine")
)

// allBuckets are created by Open.
var allBuckets = [][]byte{bucketMeta, bucketCases, bucketThreads, bucketChanTime, bucketEvents, bucketOutbox, bucketInbox, bucketLookBacks, bucketQuarantine}

// Keys in the meta bucket.
var keySchema = []byte("schema")

// ErrNotFound is returned when a case does not exist.
var ErrNotFound = errors.New("store: not found")

// Store is the database: a bbolt file (Open), or another kv engine
// (openEngine). It is safe for concurrent use.
type Store struct {
	// mu guards db against Compact, which swaps the file: every
	// transaction holds it for reading (see view and update).
	mu sync.RWMutex
	db kv.DB
	// path is the bbolt file's path, or where another engine's database
	// is (for messages).
	path string
	opts Options
	// w commits the per-request writes together (see write).
	w *groupcommit.Writer[kv.Tx]
	// diskFull is set while writes fail for lack of space (noteWrite).
	diskFull atomic.Bool
	// copyBatch, when set, is the keys per write of a Copy into this
	// store instead of copyBatch (tests: many writes from few cases).
	copyBatch int
}

// Options tune Open.
type Options struct {
	// LockTimeout is how long Open waits for another process to release
	// the file; default 1 s.
	LockTimeout time.Duration
	// NoSync skips fsync (tests and benchmarks only).
	NoSync bool
	// CreateEmpty lets Open make a database in an existing empty file,
	// which it otherwise refuses as a likely failed copy.
	CreateEmpty bool
	// OnQuarantine, when set, is told of every record set aside because it
	// could not be read (bucket, key, why): for the log.
	OnQuarantine func(bucket, key string, err error)
}

// Close closes the database.
func (s *Store) Close() error {
	if s.w != nil {
		s.w.Close() // before the lock: its last commits need it
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// view runs a read-only transaction.
func (s *Store) view(ctx context.Context, fn func(tx kv.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.db.View(ctx, fn)
}

// update runs a read-write transaction.
func (s *Store) update(ctx context.Context, fn func(tx kv.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	err := s.db.Update(ctx, fn)
	s.noteWrite(err)
	return err
}

// Path is the database file's path (for another engine than bbolt: where
// its database is).
func (s *Store) Path() string { return s.path }

func (s *Store) init(ctx context.Context) error {
	return s.update(ctx, func(tx kv.Tx) error {
		for _, b := range append(append(allBuckets, bucketBriefs, bucketUserCases), digestBuckets()...) {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return fmt.Errorf("store: create bucket %s: %w", b, err)
			}
		}
		return migrate(ctx, tx)
	})
}

// SchemaVersion returns the schema version recorded in the file.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.view(context.Background(), func(tx kv.Tx) error {
		v = schemaVersion(tx)
		return nil
	})
	return v, err
}

func schemaVersion(tx kv.Tx) int {
	b := tx.Bucket(bucketMeta).Get(keySchema)
	if len(b) != 8 {
		return 0
	}
	return int(binary.BigEndian.Uint64(b))
}

func itob(v int64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, uint64(v))
	return b
}

func threadKey(channel, thread string) []byte {
	return []byte(channel + "\x00" + thread)
}

// chanTimeKey orders a channel's cases by start time: channel, NUL, 8-byte
// big-endian unix nanoseconds, 8-byte id.
func chanTimeKey(channel string, at time.Time, id int64) []byte {
	k := make([]byte, 0, len(channel)+17)
	k = append(k, channel...)
	k = append(k, 0)
	k = binary.BigEndian.AppendUint64(k, uint64(at.UnixNano()))
	k = binary.BigEndian.AppendUint64(k, uint64(id))
	return k
}
