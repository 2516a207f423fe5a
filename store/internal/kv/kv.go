// Package kv is the storage engine under package store: named buckets of
// byte keys kept in order, read and changed in transactions. It has two
// implementations: bbolt (package boltkv, the embedded default, one
// process) and PostgreSQL (package pgkv, shared by several replicas). The
// store's logic — cases, indexes, outbox, inbox — is written once against
// these interfaces, so both engines keep the same records in the same
// shape, and a database moves from one to the other by copying buckets
// (Copy).
//
// The interfaces follow bbolt's, which the store was first written
// against: a Get that finds nothing returns nil, a cursor walks keys in
// byte order. An engine whose reads can fail (a network) keeps the first
// error in the transaction: the read returns nil, and the View or Update
// around it returns the error (an Update then commits nothing).
package kv

import (
	"context"
	"errors"
	"time"
)

// DB is an open database.
type DB interface {
	// View runs fn in a read-only transaction that sees one consistent
	// state of the database.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in a read-write transaction and commits it when fn
	// returns nil. Update transactions are serialisable: each sees the
	// others as wholly before or wholly after it (bbolt has one writer at
	// a time; PostgreSQL takes a lock that all writers share). fn may be
	// run again after a conflict, so it must not keep anything outside
	// the transaction between runs.
	Update(ctx context.Context, fn func(Tx) error) error
	// Close closes the database.
	Close() error
}

// Tx is a transaction.
type Tx interface {
	// Bucket returns the named bucket, or nil when it does not exist.
	Bucket(name []byte) Bucket
	// CreateBucketIfNotExists returns the named bucket, making it first
	// when needed (read-write transactions only).
	CreateBucketIfNotExists(name []byte) (Bucket, error)
	// DeleteBucket removes a bucket and everything in it; ErrNoBucket
	// when there is none.
	DeleteBucket(name []byte) error
	// Writable says whether this is a read-write transaction.
	Writable() bool
}

// Bucket is a set of keys in byte order, each with a value.
type Bucket interface {
	// Get returns the key's value, or nil. The value is valid until the
	// transaction ends; copy it to keep it.
	Get(key []byte) []byte
	// Put sets the key's value.
	Put(key, value []byte) error
	// Delete removes the key; removing a key that is not there is no error.
	Delete(key []byte) error
	// ForEach calls fn for every key in order; an error from fn stops
	// the walk and is returned. fn must not change the bucket.
	ForEach(fn func(k, v []byte) error) error
	// Cursor returns a cursor over the bucket.
	Cursor() Cursor
	// NextSequence returns the next number of the bucket's own sequence,
	// starting at 1. A transaction that does not commit may leave a gap.
	NextSequence() (uint64, error)
	// KeyN is the number of keys in the bucket.
	KeyN() int
}

// Cursor walks a bucket's keys in order. Each move returns the key and
// value it lands on, or nil, nil past either end.
type Cursor interface {
	First() (k, v []byte)
	Last() (k, v []byte)
	// Seek moves to the first key at or after seek.
	Seek(seek []byte) (k, v []byte)
	Next() (k, v []byte)
	Prev() (k, v []byte)
}

// ErrNoBucket is returned by DeleteBucket for a bucket that does not exist.
var ErrNoBucket = errors.New("kv: bucket not found")

// Shared is implemented by an engine that several processes (replicas)
// use at once. The store asks for it with a type assertion; an engine
// without it (bbolt, which one process holds alone) grants everything.
type Shared interface {
	// ClaimChannels leases, for owner, those of the channels whose outbox
	// jobs no other live owner is delivering, and returns them. A lease
	// lasts for lease from now; claiming a channel the owner holds
	// already renews it. Two owners never hold one channel at once, and a
	// channel whose owner stopped renewing (it died) is free again when
	// its lease has run out. Claims never wait for each other (FOR UPDATE
	// SKIP LOCKED): a channel being claimed by another owner right now is
	// skipped.
	ClaimChannels(ctx context.Context, owner string, channels []string, lease Lease) (granted []Claim, err error)
	// ReleaseChannels gives up owner's leases on the channels.
	ReleaseChannels(ctx context.Context, owner string, channels []string) error
	// TryScheduler tries to become (or stay) the one process that runs
	// the scheduled work (digests, nudges, look-backs); it reports
	// whether this process holds that role now. The role is held until
	// the process stops or loses its connection.
	TryScheduler(ctx context.Context) (bool, error)
}

// Lease is how long a claim lasts without renewal.
type Lease = time.Duration

// Claim is a channel granted by ClaimChannels. TakenOver says its last
// owner was another process whose lease ran out: that owner may have
// posted messages it did not live to record.
type Claim struct {
	Channel   string
	TakenOver bool
}

// Sequencer is implemented by a Bucket whose sequence (the one
// NextSequence counts) can be read and set. Copy uses it so that a copied
// database goes on numbering after the ids it holds, never reusing the id
// of a case that was erased. It is optional: a bucket without it is
// brought forward by NextSequence calls instead.
type Sequencer interface {
	// Sequence returns the last number NextSequence gave (0 for none).
	Sequence() uint64
	// SetSequence sets it (read-write transactions only).
	SetSequence(v uint64) error
}
