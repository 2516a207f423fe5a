// Package boltkv is the bbolt engine of package kv: thin adapters over a
// *bolt.DB and its transactions, buckets and cursors. It is the store's
// default engine, for one process that holds the database file alone.
//
// The bbolt-only features of the store (hot backups, the consistency
// check, compaction) reach the underlying *bolt.DB and *bolt.Tx through
// DB.Bolt and Tx.Bolt.
package boltkv

import (
	"context"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// DB is a bbolt database as a kv.DB.
type DB struct {
	db *bolt.DB
}

// New wraps an open bbolt database. Closing the DB closes db.
func New(db *bolt.DB) *DB { return &DB{db: db} }

// Bolt returns the underlying bbolt database.
func (d *DB) Bolt() *bolt.DB { return d.db }

// View runs fn in a bbolt read-only transaction; a ctx that has ended
// already gives its error without starting one.
func (d *DB) View(ctx context.Context, fn func(kv.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return d.db.View(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx}) })
}

// Update runs fn in a bbolt read-write transaction; a ctx that has ended
// already gives its error without starting one.
func (d *DB) Update(ctx context.Context, fn func(kv.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return d.db.Update(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx}) })
}

// Close closes the bbolt database.
func (d *DB) Close() error { return d.db.Close() }

// Tx is a bbolt transaction as a kv.Tx.
type Tx struct {
	tx *bolt.Tx
}

// Bolt returns the underlying bbolt transaction.
func (t *Tx) Bolt() *bolt.Tx { return t.tx }

// Bucket returns the named bucket, or nil (a nil kv.Bucket, not a nil
// *Bucket in one) when it does not exist.
func (t *Tx) Bucket(name []byte) kv.Bucket {
	b := t.tx.Bucket(name)
	if b == nil {
		return nil
	}
	return &Bucket{b: b}
}

// CreateBucketIfNotExists returns the named bucket, making it first when
// needed.
func (t *Tx) CreateBucketIfNotExists(name []byte) (kv.Bucket, error) {
	b, err := t.tx.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, err
	}
	return &Bucket{b: b}, nil
}

// DeleteBucket removes the named bucket; kv.ErrNoBucket when there is none.
func (t *Tx) DeleteBucket(name []byte) error {
	err := t.tx.DeleteBucket(name)
	if errors.Is(err, bolterrors.ErrBucketNotFound) {
		return fmt.Errorf("%w: %s", kv.ErrNoBucket, name)
	}
	return err
}

// Writable says whether this is a read-write transaction.
func (t *Tx) Writable() bool { return t.tx.Writable() }

// Bucket is a bbolt bucket as a kv.Bucket.
type Bucket struct {
	b *bolt.Bucket
}

// Get returns the key's value, or nil.
func (b *Bucket) Get(key []byte) []byte { return b.b.Get(key) }

// Put sets the key's value.
func (b *Bucket) Put(key, value []byte) error { return b.b.Put(key, value) }

// Delete removes the key.
func (b *Bucket) Delete(key []byte) error { return b.b.Delete(key) }

// ForEach calls fn for every key in order.
func (b *Bucket) ForEach(fn func(k, v []byte) error) error { return b.b.ForEach(fn) }

// Cursor returns a cursor over the bucket.
func (b *Bucket) Cursor() kv.Cursor { return b.b.Cursor() }

// NextSequence returns the next number of the bucket's sequence.
func (b *Bucket) NextSequence() (uint64, error) { return b.b.NextSequence() }

// KeyN is the number of keys in the bucket (bbolt walks the bucket's pages
// to count them).
func (b *Bucket) KeyN() int { return b.b.Stats().KeyN }

// Sequence returns the bucket's sequence: the number NextSequence returned
// last (kv.Sequencer).
func (b *Bucket) Sequence() uint64 { return b.b.Sequence() }

// SetSequence sets the bucket's sequence (kv.Sequencer).
func (b *Bucket) SetSequence(v uint64) error { return b.b.SetSequence(v) }

// Interface checks.
var (
	_ kv.DB        = (*DB)(nil)
	_ kv.Tx        = (*Tx)(nil)
	_ kv.Bucket    = (*Bucket)(nil)
	_ kv.Sequencer = (*Bucket)(nil)
	_ kv.Cursor    = (*bolt.Cursor)(nil)
)
