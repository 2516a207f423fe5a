package groupcommit

import (
	"encoding/binary"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BenchmarkWrite is 32 concurrent writers (requests, not cores), each
// putting a 3 KiB value (the size of a case) with fsync, through db.Update,
// db.Batch (bbolt's default 10 ms delay, and 0.5 ms) and a Writer.
func BenchmarkWrite(b *testing.B) {
	value := make([]byte, 3<<10)
	for _, tt := range []struct {
		name  string
		write func(db *bolt.DB, w *Writer[*bolt.Tx]) func(func(*bolt.Tx) error) error
		delay time.Duration
	}{
		{"update", func(db *bolt.DB, _ *Writer[*bolt.Tx]) func(func(*bolt.Tx) error) error { return db.Update }, 0},
		{"batch-10ms", func(db *bolt.DB, _ *Writer[*bolt.Tx]) func(func(*bolt.Tx) error) error { return db.Batch }, 10 * time.Millisecond},
		{"batch-0.5ms", func(db *bolt.DB, _ *Writer[*bolt.Tx]) func(func(*bolt.Tx) error) error { return db.Batch }, 500 * time.Microsecond},
		{"groupcommit", func(_ *bolt.DB, w *Writer[*bolt.Tx]) func(func(*bolt.Tx) error) error { return w.Write }, 0},
	} {
		b.Run(tt.name, func(b *testing.B) {
			db, err := bolt.Open(filepath.Join(b.TempDir(), "g.db"), 0o600, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			db.MaxBatchDelay = max(tt.delay, time.Microsecond)
			db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("b")); return err })
			w := New[*bolt.Tx](db.Update)
			defer w.Close()
			write := tt.write(db, w)
			var n atomic.Uint64
			b.SetParallelism(16)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					key := binary.BigEndian.AppendUint64(nil, n.Add(1)%512)
					if err := write(func(tx *bolt.Tx) error { return tx.Bucket([]byte("b")).Put(key, value) }); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
