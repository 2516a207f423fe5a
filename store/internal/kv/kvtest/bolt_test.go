package kvtest_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv/kvtest"
)

// TestBolt runs the suite on a minimal bbolt adapter, to keep the suite
// true to bbolt, the engine the store was written against. (The store's
// own adapter is package boltkv.) InitialMmapSize: Snapshot commits an
// Update while a View is open, and a bbolt commit that must grow the map
// waits for every open read transaction.
func TestBolt(t *testing.T) {
	kvtest.Run(t, func(t *testing.T) kv.DB {
		db, err := bolt.Open(filepath.Join(t.TempDir(), "kv.db"), 0o600, &bolt.Options{NoSync: true, InitialMmapSize: 1 << 24})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return boltDB{db}
	})
}

type boltDB struct{ db *bolt.DB }

func (d boltDB) View(ctx context.Context, fn func(kv.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return d.db.View(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

func (d boltDB) Update(ctx context.Context, fn func(kv.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return d.db.Update(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

func (d boltDB) Close() error { return d.db.Close() }

type boltTx struct{ tx *bolt.Tx }

func (t boltTx) Bucket(name []byte) kv.Bucket {
	if b := t.tx.Bucket(name); b != nil {
		return boltBucket{b}
	}
	return nil
}

func (t boltTx) CreateBucketIfNotExists(name []byte) (kv.Bucket, error) {
	b, err := t.tx.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, err
	}
	return boltBucket{b}, nil
}

func (t boltTx) DeleteBucket(name []byte) error {
	err := t.tx.DeleteBucket(name)
	if errors.Is(err, bolterrors.ErrBucketNotFound) {
		return kv.ErrNoBucket
	}
	return err
}

func (t boltTx) Writable() bool { return t.tx.Writable() }

type boltBucket struct{ *bolt.Bucket }

func (b boltBucket) Cursor() kv.Cursor { return b.Bucket.Cursor() }
func (b boltBucket) KeyN() int         { return b.Stats().KeyN }
