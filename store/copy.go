package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Copying a database from one store into another: from a bbolt file into
// PostgreSQL (maatwerkbot migrate), and from PostgreSQL into a bbolt file
// (maatwerkbot backup on PostgreSQL).

// copyBatch is how many keys of the source one write to the destination
// takes.
const copyBatch = 1000

// Counts is the number of keys per bucket, by bucket name (cases, outbox,
// events, …).
type Counts map[string]int

// copiedBuckets are the buckets Copy copies: all the store has.
func copiedBuckets() [][]byte {
	bs := append([][]byte{}, allBuckets...)
	bs = append(bs, bucketBriefs, bucketUserCases, bucketInstallations)
	return append(bs, digestBuckets()...)
}

// sequenced are the buckets whose keys are numbers from their sequence
// (8 bytes big-endian): the cases' ids, the outbox's jobs, the inbox's
// events.
var sequenced = [][]byte{bucketCases, bucketOutbox, bucketInbox}

// Copy makes dst a copy of src: every bucket with the same keys and values,
// read in one read transaction of src (one consistent state) and written
// into dst in writes of about a thousand keys. Keys dst has and src has not
// are removed, so dst should be new or an earlier copy of src. Each
// bucket's sequence on dst is brought up to src's, so new ids on dst
// continue after the copied ones (an erased case's id is never reused).
//
// Copy only writes what differs: a second run writes nothing, and a run
// that stopped half-way (an error, an ended ctx) is finished by running it
// again. progress, when set, is told after each write how many keys of the
// bucket are done. Copy returns the number of keys per bucket of src.
func Copy(ctx context.Context, dst, src *Store, progress func(bucket string, n int)) (Counts, error) {
	if dst == src {
		return nil, errors.New("store: copy: source and destination are the same store")
	}
	counts := Counts{}
	err := src.view(ctx, func(stx kv.Tx) error {
		for _, name := range copiedBuckets() {
			n, err := copyBucket(ctx, dst, stx, name, progress)
			if err != nil {
				return fmt.Errorf("bucket %s: %w", name, err)
			}
			counts[string(name)] = n
		}
		return nil
	})
	if err != nil {
		return counts, fmt.Errorf("store: copy from %s to %s: %w", src.path, dst.path, err)
	}
	return counts, nil
}

// copyBucket copies one bucket of the source transaction into dst and
// returns the number of keys copied.
func copyBucket(ctx context.Context, dst *Store, stx kv.Tx, name []byte, progress func(string, int)) (int, error) {
	sb := stx.Bucket(name)
	if sb == nil {
		// A bucket made only when first used (installations).
		return 0, dst.update(ctx, func(tx kv.Tx) error {
			if tx.Bucket(name) != nil {
				return tx.DeleteBucket(name)
			}
			return nil
		})
	}
	cur := sb.Cursor()
	k, v := cur.First()
	var lo []byte // the first key of this write's range of dst; nil: the start
	done := 0
	for {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		var batch [][2][]byte
		for ; k != nil && len(batch) < cmp.Or(dst.copyBatch, copyBatch); k, v = cur.Next() {
			batch = append(batch, [2][]byte{k, v})
		}
		hi := k // the first key after this write's range; nil: the end
		if err := dst.update(ctx, func(tx kv.Tx) error {
			b, err := tx.CreateBucketIfNotExists(name)
			if err != nil {
				return err
			}
			return mergeRange(b, lo, hi, batch)
		}); err != nil {
			return done, err
		}
		done += len(batch)
		if progress != nil {
			progress(string(name), done)
		}
		if hi == nil {
			break
		}
		lo = hi
	}
	return done, dst.update(ctx, func(tx kv.Tx) error {
		return raiseSequence(tx.Bucket(name), sourceSequence(sb, name))
	})
}

// mergeRange makes dst's keys in [lo, hi) (nil: no bound) those of batch,
// which are in order: it puts the keys missing or different and deletes
// those batch has not.
func mergeRange(b kv.Bucket, lo, hi []byte, batch [][2][]byte) error {
	c := b.Cursor()
	var dk, dv []byte
	if lo == nil {
		dk, dv = c.First()
	} else {
		dk, dv = c.Seek(lo)
	}
	var puts [][2][]byte
	var dels [][]byte
	for _, p := range batch {
		for dk != nil && bytes.Compare(dk, p[0]) < 0 {
			dels = append(dels, bytes.Clone(dk))
			dk, dv = c.Next()
		}
		if dk != nil && bytes.Equal(dk, p[0]) {
			if !bytes.Equal(dv, p[1]) {
				puts = append(puts, p)
			}
			dk, dv = c.Next()
			continue
		}
		puts = append(puts, p)
	}
	for ; dk != nil && (hi == nil || bytes.Compare(dk, hi) < 0); dk, _ = c.Next() {
		dels = append(dels, bytes.Clone(dk))
	}
	// Changed after the walk: a cursor need not survive changes under it.
	for _, k := range dels {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	for _, p := range puts {
		if err := b.Put(p[0], p[1]); err != nil {
			return err
		}
	}
	return nil
}

// sourceSequence is the bucket's sequence as the engine keeps it, and for
// the buckets keyed by their sequence at least their last key.
func sourceSequence(b kv.Bucket, name []byte) uint64 {
	var seq uint64
	if s, ok := b.(kv.Sequencer); ok {
		seq = s.Sequence()
	}
	for _, sq := range sequenced {
		if bytes.Equal(sq, name) {
			if k, _ := b.Cursor().Last(); len(k) == 8 {
				seq = max(seq, binary.BigEndian.Uint64(k))
			}
		}
	}
	return seq
}

// raiseSequence brings the bucket's sequence up to seq: next NextSequence
// gives more than seq. An engine that cannot set it is moved on by
// NextSequence calls (which may leave a gap of one).
func raiseSequence(b kv.Bucket, seq uint64) error {
	if s, ok := b.(kv.Sequencer); ok {
		if s.Sequence() < seq {
			return s.SetSequence(seq)
		}
		return nil
	}
	for seq > 0 {
		n, err := b.NextSequence()
		if err != nil || n >= seq {
			return err
		}
	}
	return nil
}
