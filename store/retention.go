package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/boltkv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Purge erases the cases whose last activity (UpdatedAt, or the start when
// there was none) is before cutoff, with their index entries and owed
// Slack work, and returns the erased cases' ids. The data leaves the file
// at the next Compact.
func (s *Store) Purge(ctx context.Context, cutoff time.Time) ([]int64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var old []int64
	bad := map[string]error{}
	err := s.view(ctx, func(tx kv.Tx) error {
		return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
			var c struct {
				ID        int64     `json:"id"`
				StartedAt time.Time `json:"started_at"`
				UpdatedAt time.Time `json:"updated_at"`
			}
			if err := json.Unmarshal(v, &c); err != nil {
				bad[string(k)] = fmt.Errorf("decode case: %w", err) // set aside below; the others go on
				return nil
			}
			last := c.UpdatedAt
			if last.IsZero() {
				last = c.StartedAt
			}
			if last.Before(cutoff) {
				old = append(old, c.ID)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: purge: %w", err)
	}
	if err := s.setAside(bucketCases, bad); err != nil {
		return nil, fmt.Errorf("store: purge: set aside unreadable cases: %w", err)
	}
	// In slices, so one purge of many cases does not hold one huge
	// transaction.
	for i := 0; i < len(old); i += 500 {
		part := old[i:min(i+500, len(old))]
		err := s.update(ctx, func(tx kv.Tx) error {
			for _, id := range part {
				if err := deleteCase(tx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return old[:i], fmt.Errorf("store: purge: %w", err)
		}
	}
	return old, nil
}

// Compact rewrites the database into a fresh file and puts it in place of
// the old one, so that erased cases are gone from the file and not only
// from the tree (bbolt keeps freed pages, with their old bytes, for reuse).
// Transactions wait meanwhile.
func (s *Store) Compact(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	src, err := s.boltDB("compaction", "PostgreSQL reclaims the space of erased cases itself (VACUUM)")
	if err != nil {
		return err
	}
	tmp := s.path + ".compact"
	os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: s.opts.LockTimeout, NoSync: true})
	if err != nil {
		return fmt.Errorf("store: compact: %w", err)
	}
	if err := bolt.Compact(dst, src, 4<<20); err != nil {
		dst.Close()
		os.Remove(tmp)
		return fmt.Errorf("store: compact: %w", err)
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(tmp)
		return fmt.Errorf("store: compact: %w", err)
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: compact: %w", err)
	}
	if err := src.Close(); err != nil {
		return fmt.Errorf("store: compact: close: %w", err)
	}
	renameErr := os.Rename(tmp, s.path)
	if renameErr == nil {
		syncDir(filepath.Dir(s.path))
	} else {
		os.Remove(tmp)
	}
	// Reopen whatever is in place now: the compacted file, or the old one
	// if the rename failed.
	db, err := openBolt(s.path, s.opts)
	if err != nil {
		return fmt.Errorf("store: compact: reopen: %w", err)
	}
	s.db = boltkv.New(db)
	if renameErr != nil {
		return fmt.Errorf("store: compact: %w", renameErr)
	}
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// deleteCase removes a case, its index entries and its jobs.
func deleteCase(tx kv.Tx, id int64) error {
	c, err := scanCase(tx, id)
	if err != nil {
		return err
	}
	if c.Thread != "" {
		if err := tx.Bucket(bucketThreads).Delete(threadKey(c.Channel, c.Thread)); err != nil {
			return fmt.Errorf("store: delete thread index of case %d: %w", id, err)
		}
	}
	if err := tx.Bucket(bucketChanTime).Delete(chanTimeKey(c.Channel, c.StartedAt, id)); err != nil {
		return fmt.Errorf("store: delete time index of case %d: %w", id, err)
	}
	if err := forgetDigest(tx, c); err != nil {
		return err
	}
	if err := tx.Bucket(bucketCases).Delete(itob(id)); err != nil {
		return fmt.Errorf("store: delete case %d: %w", id, err)
	}
	if err := tx.Bucket(bucketLookBacks).Delete(itob(id)); err != nil {
		return fmt.Errorf("store: delete look-back index of case %d: %w", id, err)
	}
	if err := unindex(tx, caseIndexKeys(c)); err != nil {
		return err
	}
	return deleteJobs(tx, id)
}

// endOfTime is after every case's last activity.
var endOfTime = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// EraseAll erases every case, as Purge erases old ones: with its index
// entries and owed Slack work. It returns the erased cases' ids; the data
// leaves the file at the next Compact. For MAATWERK_ON_UNINSTALL=erase.
func (s *Store) EraseAll(ctx context.Context) ([]int64, error) {
	return s.Purge(ctx, endOfTime)
}
