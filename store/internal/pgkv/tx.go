package pgkv

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// updateAttempts is how many times Update runs fn when PostgreSQL
// reports a serialization failure or a deadlock.
const updateAttempts = 5

// ErrReadOnly is returned by a change made in a View transaction.
var ErrReadOnly = errors.New("pgkv: change in a read-only transaction")

// View runs fn in a REPEATABLE READ, READ ONLY transaction: one snapshot
// of the database, taken at its first read. It never waits for writers.
func (db *DB) View(ctx context.Context, fn func(kv.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	pt, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("pgkv: begin: %w", err)
	}
	t := &tx{ctx: ctx, pt: pt, db: db}
	err = fn(t)
	pt.Rollback(context.Background())
	if t.err != nil {
		return t.err
	}
	return err
}

// Update runs fn in a READ COMMITTED transaction that first takes the
// writer lock, so that Updates of all replicas run one at a time, and
// commits it when fn returns nil. On a serialization failure or deadlock
// (which the lock leaves to the kv.Shared statements) it runs fn again, a
// few times.
func (db *DB) Update(ctx context.Context, fn func(kv.Tx) error) error {
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := db.update(ctx, fn)
		if attempt < updateAttempts && retryable(err) {
			continue
		}
		return err
	}
}

// update is one attempt of Update.
func (db *DB) update(ctx context.Context, fn func(kv.Tx) error) error {
	pt, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return fmt.Errorf("pgkv: begin: %w", err)
	}
	defer pt.Rollback(context.Background()) // after Commit: does nothing
	if _, err := pt.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", lockWriter); err != nil {
		return fmt.Errorf("pgkv: writer lock: %w", err)
	}
	t := &tx{ctx: ctx, pt: pt, writable: true, db: db}
	err = fn(t)
	if err == nil {
		t.flush()
	}
	if t.err != nil {
		return t.err
	}
	if err != nil {
		return err
	}
	if err := pt.Commit(ctx); err != nil {
		return fmt.Errorf("pgkv: commit: %w", err)
	}
	return nil
}

// retryable says whether err is a serialization failure or a deadlock.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// tx is a kv.Tx on one PostgreSQL transaction.
type tx struct {
	ctx      context.Context
	pt       pgx.Tx
	writable bool
	// err is the first error of a read that cannot return one; once set,
	// the transaction does nothing more (see the package documentation).
	err error
	// buckets caches which buckets exist, by name.
	buckets map[string]bool
	// gen counts the changes made in this transaction: a cursor page
	// fetched at an older gen is read again.
	gen uint64
	// db is the database, for its cache of buckets known to exist.
	db *DB
	// pending are the writes not yet sent (pending.go).
	pending *pgx.Batch
}

// fail keeps err as the transaction's error unless it has one.
func (t *tx) fail(err error) {
	if t.err == nil {
		t.err = err
	}
}

// Writable says whether this is an Update transaction.
func (t *tx) Writable() bool { return t.writable }

// Bucket returns the named bucket, or nil when there is none (or the
// check failed: see the package documentation).
func (t *tx) Bucket(name []byte) kv.Bucket {
	if t.err != nil {
		return nil
	}
	exists, ok := t.buckets[string(name)]
	if !ok {
		_, ok = t.db.buckets.Load(string(name))
		exists = ok
	}
	if !ok {
		if t.flush() != nil {
			return nil
		}
		err := t.pt.QueryRow(t.ctx, "SELECT EXISTS (SELECT 1 FROM maatwerk_buckets WHERE name = $1)", name).Scan(&exists)
		if err != nil {
			t.fail(fmt.Errorf("pgkv: bucket %q: %w", name, err))
			return nil
		}
		t.known(name, exists)
		if exists {
			// Seen committed (this transaction did not make it): buckets
			// are made once and almost never removed, so every later
			// transaction may skip the question.
			t.db.buckets.Store(string(name), true)
		}
	}
	if !exists {
		return nil
	}
	return &bucket{tx: t, name: clone(name)}
}

// CreateBucketIfNotExists returns the named bucket, making it first when
// needed.
func (t *tx) CreateBucketIfNotExists(name []byte) (kv.Bucket, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	if len(name) == 0 {
		return nil, errors.New("pgkv: bucket name required")
	}
	if !t.buckets[string(name)] {
		// Queued: its answer is not needed, and the row exists before
		// the next read or the commit.
		t.queue("INSERT INTO maatwerk_buckets (name) VALUES ($1) ON CONFLICT DO NOTHING", clone(name))
		t.known(name, true)
	}
	return &bucket{tx: t, name: clone(name)}, nil
}

// DeleteBucket removes the bucket and its keys; kv.ErrNoBucket when there
// is none.
func (t *tx) DeleteBucket(name []byte) error {
	if err := t.check(); err != nil {
		return err
	}
	if err := t.flush(); err != nil {
		return err
	}
	t.db.buckets.Delete(string(name))
	tag, err := t.pt.Exec(t.ctx, "DELETE FROM maatwerk_buckets WHERE name = $1", name)
	if err != nil {
		return fmt.Errorf("pgkv: delete bucket %q: %w", name, err)
	}
	if tag.RowsAffected() == 0 {
		return kv.ErrNoBucket
	}
	if _, err := t.pt.Exec(t.ctx, "DELETE FROM maatwerk_kv WHERE bucket = $1", name); err != nil {
		return fmt.Errorf("pgkv: delete bucket %q: %w", name, err)
	}
	t.known(name, false)
	t.gen++
	return nil
}

// check returns the error that stops a change: the transaction's, or
// ErrReadOnly.
func (t *tx) check() error {
	if t.err != nil {
		return t.err
	}
	if !t.writable {
		return ErrReadOnly
	}
	return nil
}

// known caches whether a bucket exists.
func (t *tx) known(name []byte, exists bool) {
	if t.buckets == nil {
		t.buckets = make(map[string]bool)
	}
	t.buckets[string(name)] = exists
}

// clone copies b, keeping nil nil.
func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}
