// Package store keeps maatwerk cases in a bbolt file: the cases themselves,
// an index from (channel, thread) to case, a time index per channel, the
// event ids already handled, and the schema version with its migrations.
//
// Package store imports dialogs/record for the Case type and no Slack type. All
// bucket and key names are in this file.
package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/groupcommit"
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

// ErrLocked is returned by Open when another process holds the database.
var ErrLocked = errors.New("store: database is in use by another process")

// Store is the bbolt database. It is safe for concurrent use.
type Store struct {
	// mu guards db against Compact, which swaps the file: every
	// transaction holds it for reading (see view and update).
	mu   sync.RWMutex
	db   *bolt.DB
	path string
	opts Options
	// w commits the per-request writes together (see write).
	w *groupcommit.Writer
	// cases keeps recently used cases decoded (casecache.go).
	cases caseCache
	// diskFull is set while writes fail for lack of space (noteWrite).
	diskFull atomic.Bool
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

// Open opens (creating if needed) the database at path, creates the buckets
// and migrates the schema. A file held by another process gives ErrLocked
// after opts.LockTimeout instead of hanging.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = time.Second
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 && !opts.CreateEmpty {
		return nil, fmt.Errorf("%w: %s is an empty file; a database is never empty, so this may be a failed copy or restore. "+
			"Restore the last backup over it, or remove the file (or set MAATWERK_DB_CREATE=true) to start a new database", ErrDamaged, path)
	}
	db, err := openBolt(path, opts)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, opts: opts}
	if err := s.safeInit(ctx); err != nil {
		safeClose(db)
		return nil, err
	}
	s.w = groupcommit.New(s.update)
	return s, nil
}

// ErrDamaged is returned by Open when the file is not a usable database.
var ErrDamaged = errors.New("store: damaged database")

// damaged wraps a panic of bbolt's checks (a corrupt page, a bad freelist)
// into one line that says what is wrong and what to do.
func damaged(path string, v any) error {
	return fmt.Errorf("%w: %s cannot be read (%v). Stop the bot, restore the last backup (maatwerkbot backup makes one) over this file, "+
		"and start again; keep the damaged file for inspection", ErrDamaged, path, v)
}

// safeInit is init with bbolt's panics on a damaged file turned into
// ErrDamaged.
func (s *Store) safeInit(ctx context.Context) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			err = damaged(s.path, v)
		}
	}()
	return s.init(ctx)
}

func safeClose(db *bolt.DB) {
	defer func() { recover() }()
	db.Close()
}

func openBolt(path string, opts Options) (db *bolt.DB, err error) {
	// A truncated file faults when bbolt reads past its end through the
	// memory map: turn that into a panic we can recover, not a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			db, err = nil, damaged(path, v)
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.LockTimeout, NoSync: opts.NoSync})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s (is maatwerkbot already running on this file?)", ErrLocked, path)
		}
		if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum) || errors.Is(err, bolterrors.ErrVersionMismatch) {
			return nil, damaged(path, err)
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
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
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.db.View(fn)
}

// update runs a read-write transaction.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	err := s.db.Update(fn)
	s.noteWrite(err)
	return err
}

// noteWrite remembers whether the last write failed because the disk is
// full, for Writable; a write that succeeds clears it.
func (s *Store) noteWrite(err error) {
	switch {
	case err == nil:
		s.diskFull.Store(false)
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		s.diskFull.Store(true)
	}
}

// Writable reports an error when the last write to the file failed because
// the disk (or the quota) is full, or when less than minFreeBytes is left:
// the bot cannot (or soon cannot) record answers then.
func (s *Store) Writable() error {
	if s.diskFull.Load() {
		return errors.New("the disk is full: the last write failed (free space, then the bot goes on)")
	}
	if free, ok := freeBytes(s.path); ok && free < minFreeBytes {
		return fmt.Errorf("the disk is nearly full: %d MiB left for the database (free space before writes fail)", free>>20)
	}
	return nil
}

// minFreeBytes is the free space below which the store says it is nearly
// full: enough for many answers, too little for a compaction.
const minFreeBytes = 16 << 20

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

func (s *Store) init(ctx context.Context) error {
	return s.update(func(tx *bolt.Tx) error {
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
	err := s.view(func(tx *bolt.Tx) error {
		v = schemaVersion(tx)
		return nil
	})
	return v, err
}

func schemaVersion(tx *bolt.Tx) int {
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

// CreateCase stores a new case, assigning its ID.
func (s *Store) CreateCase(ctx context.Context, c *record.Case) error {
	return s.createCase(ctx, c, nil)
}

// createCase stores a new case; also, when not nil, runs in the same
// transaction once the case has its id.
func (s *Store) createCase(ctx context.Context, c *record.Case, also func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if c.StartedAt.Before(minStart) {
		// The time index keys start times as unsigned nanoseconds.
		return fmt.Errorf("store: case %q has no valid start time (%v)", c.Title, c.StartedAt)
	}
	return s.write(func(tx *bolt.Tx) error {
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
func insertCase(tx *bolt.Tx, c *record.Case) error {
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

func putCase(tx *bolt.Tx, c *record.Case) error {
	_, err := putCaseJSON(tx, c, true)
	return err
}

// putCaseJSON is putCase; it returns the bytes stored. indexThread says
// the thread index may not have the case's thread yet.
func putCaseJSON(tx *bolt.Tx, c *record.Case, indexThread bool) ([]byte, error) {
	buf, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("store: encode case %d: %w", c.ID, err)
	}
	if err := tx.Bucket(bucketCases).Put(itob(c.ID), buf); err != nil {
		return nil, fmt.Errorf("store: put case %d: %w", c.ID, err)
	}
	if c.Thread != "" && indexThread {
		if err := tx.Bucket(bucketThreads).Put(threadKey(c.Channel, c.Thread), itob(c.ID)); err != nil {
			return nil, fmt.Errorf("store: index thread of case %d: %w", c.ID, err)
		}
	}
	return buf, nil
}

// caseJSON is case id as stored, or ErrNotFound; the bytes are bbolt's,
// valid only in tx.
func caseJSON(tx *bolt.Tx, id int64) ([]byte, error) {
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

// getCase reads a case through the cache of decoded cases (casecache.go):
// for the cases in play.
func (s *Store) getCase(tx *bolt.Tx, id int64) (*record.Case, error) {
	buf, err := caseJSON(tx, id)
	if err != nil {
		return nil, err
	}
	return s.cases.decode(id, buf)
}

// scanCase reads a case without the cache: for walks over many cases (a
// digest, a list, the retention purge), which would only push the cases in
// play out of it.
func scanCase(tx *bolt.Tx, id int64) (*record.Case, error) {
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
	err := s.view(func(tx *bolt.Tx) error {
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
	err := s.view(func(tx *bolt.Tx) error {
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

// UpdateCase loads case id, calls fn on it and stores the result, all in one
// transaction: concurrent updates of one case are serialised. If fn returns
// an error nothing is stored and the error is returned as it is. The stored
// case is returned.
func (s *Store) UpdateCase(ctx context.Context, id int64, fn func(*record.Case) error) (*record.Case, error) {
	return s.updateCase(ctx, id, fn, nil)
}

// updateCase is UpdateCase; also, when not nil, runs in the same
// transaction after the changed case is stored.
func (s *Store) updateCase(ctx context.Context, id int64, fn func(*record.Case) error, also func(*bolt.Tx, *record.Case) error) (*record.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out *record.Case
	err := s.write(func(tx *bolt.Tx) error {
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
		buf, err := putCaseJSON(tx, c, c.Thread != oldThread || c.Channel != oldChannel)
		if err != nil {
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
		s.cases.keep(id, buf, c.Clone())
		return nil
	})
	return out, err
}

// minStart is the earliest start time the time index can hold.
var minStart = time.Unix(0, 0)

// Filter selects cases in ListCases.
type Filter struct {
	// OpenOnly leaves out closed cases.
	OpenOnly bool
	// Since and Until bound the start time (Until exclusive); zero means
	// unbounded.
	Since, Until time.Time
	// Limit caps the number of cases (newest first); 0 means no cap.
	Limit int
}

// ListCases returns a channel's cases, newest first, using the time index.
func (s *Store) ListCases(ctx context.Context, channel string, f Filter) ([]*record.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []*record.Case
	bad := map[string]error{}
	err := s.view(func(tx *bolt.Tx) error {
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
			if f.OpenOnly && c.Status == record.StatusClosed {
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

// SeenEvent records an event id and reports whether it was recorded before,
// in one transaction: of two deliveries of one event exactly one gets false.
func (s *Store) SeenEvent(ctx context.Context, id string, at time.Time) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	seen := false
	err := s.write(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		seen = b.Get([]byte(id)) != nil
		if seen {
			return nil
		}
		return b.Put([]byte(id), itob(at.UnixNano()))
	})
	if err != nil {
		return false, fmt.Errorf("store: record event: %w", err)
	}
	return seen, nil
}

// PruneEvents forgets event ids recorded before cutoff and returns how many.
func (s *Store) PruneEvents(ctx context.Context, cutoff time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		var old [][]byte
		err := b.ForEach(func(k, v []byte) error {
			if len(v) == 8 && int64(binary.BigEndian.Uint64(v)) < cutoff.UnixNano() {
				old = append(old, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range old {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(old)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: prune events: %w", err)
	}
	return n, nil
}

// OpenCases returns a channel's cases that are not closed, newest first.
func (s *Store) OpenCases(ctx context.Context, channel string) ([]*record.Case, error) {
	return s.ListCases(ctx, channel, Filter{OpenOnly: true})
}

// DeleteCase removes a case and its index entries, or returns ErrNotFound.
// bbolt reuses the freed pages; the data leaves the file at compaction.
func (s *Store) DeleteCase(ctx context.Context, id int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error { return deleteCase(tx, id) })
}
