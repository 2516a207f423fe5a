package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Job is Slack work owed for a case, kept in the outbox until it is done:
// written in the same transaction as the case change that makes it due, so
// an acknowledged change never loses its messages, even when the process is
// killed right after.
type Job struct {
	// ID orders the outbox: jobs are done in ID order per channel.
	ID      uint64 `json:"-"`
	Case    int64  `json:"case"`
	Channel string `json:"channel"`
	// Payload is the caller's description of the work; the store does
	// not read it.
	Payload json.RawMessage `json:"payload,omitempty"`
	Created time.Time       `json:"created"`
	// Attempts counts failed tries, Failures those that were not rate
	// limits (they set the backoff); NotBefore is when the next may start.
	Attempts  int       `json:"attempts,omitempty"`
	Failures  int       `json:"failures,omitempty"`
	NotBefore time.Time `json:"not_before,omitzero"`
	LastError string    `json:"last_error,omitempty"`
}

// ChangeCase is UpdateCase that also puts a job in the outbox in the same
// transaction: fn changes the case and returns the job's payload, or nil
// when no Slack work is owed.
func (s *Store) ChangeCase(ctx context.Context, id int64, now time.Time, fn func(*record.Case) (json.RawMessage, error)) (*record.Case, error) {
	var payload json.RawMessage
	return s.updateCase(ctx, id, func(c *record.Case) error {
		var err error
		payload, err = fn(c)
		return err
	}, func(tx kv.Tx, c *record.Case) error {
		if payload == nil {
			return nil
		}
		return putJob(tx, &Job{Case: c.ID, Channel: c.Channel, Payload: payload, Created: now})
	})
}

// CreateCaseWithJob is CreateCase that also puts a job for the new case in
// the outbox, in the same transaction.
func (s *Store) CreateCaseWithJob(ctx context.Context, c *record.Case, now time.Time, payload json.RawMessage) error {
	return s.createCase(ctx, c, func(tx kv.Tx) error {
		return putJob(tx, &Job{Case: c.ID, Channel: c.Channel, Payload: payload, Created: now})
	})
}

// Enqueue puts a job in the outbox on its own.
func (s *Store) Enqueue(ctx context.Context, j Job) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.write(func(tx kv.Tx) error { return putJob(tx, &j) })
}

func putJob(tx kv.Tx, j *Job) error {
	b := tx.Bucket(bucketOutbox)
	seq, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("store: outbox sequence: %w", err)
	}
	j.ID = seq
	buf, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("store: encode job: %w", err)
	}
	if err := b.Put(jobKey(j.ID), buf); err != nil {
		return fmt.Errorf("store: put job: %w", err)
	}
	return nil
}

func jobKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

// Jobs returns up to limit jobs of the outbox in order (0: all).
func (s *Store) Jobs(ctx context.Context, limit int) ([]Job, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Job
	bad := map[string]error{}
	err := s.view(ctx, func(tx kv.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			if limit > 0 && len(out) >= limit {
				return errStop
			}
			var j Job
			if err := json.Unmarshal(v, &j); err != nil {
				bad[string(k)] = fmt.Errorf("decode job: %w", err) // set aside below; the others go on
				return nil
			}
			j.ID = binary.BigEndian.Uint64(k)
			out = append(out, j)
			return nil
		})
	})
	if err == errStop {
		err = nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: read outbox: %w", err)
	}
	if err := s.setAside(bucketOutbox, bad); err != nil {
		return nil, fmt.Errorf("store: set aside unreadable jobs: %w", err)
	}
	return out, nil
}

// errStop ends a ForEach early.
var errStop = fmt.Errorf("stop")

// JobsDone removes done jobs from the outbox.
func (s *Store) JobsDone(ctx context.Context, ids ...uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.write(func(tx kv.Tx) error { return deleteJobIDs(tx, ids) })
}

func deleteJobIDs(tx kv.Tx, ids []uint64) error {
	for _, id := range ids {
		if err := tx.Bucket(bucketOutbox).Delete(jobKey(id)); err != nil {
			return fmt.Errorf("store: remove job %d: %w", id, err)
		}
	}
	return nil
}

// FinishJobs records the Slack messages that work for case id posted
// (Posts key → ts) and removes the done jobs ids, in one transaction. A
// case that is gone leaves only the jobs to remove.
func (s *Store) FinishJobs(ctx context.Context, id int64, posts map[string]string, ids ...uint64) error {
	if len(posts) == 0 {
		if len(ids) == 0 {
			return nil
		}
		return s.JobsDone(ctx, ids...)
	}
	_, err := s.updateCase(ctx, id, func(c *record.Case) error {
		for key, ts := range posts {
			c.SetPost(key, ts)
		}
		return nil
	}, func(tx kv.Tx, _ *record.Case) error { return deleteJobIDs(tx, ids) })
	if errors.Is(err, ErrNotFound) && len(ids) > 0 {
		return s.JobsDone(ctx, ids...)
	}
	return err
}

// RetryJob records a failed try of job id: when the next try may start and
// the error; failure says it counts for the backoff (it was not a rate
// limit). A job that is gone already is left gone.
func (s *Store) RetryJob(ctx context.Context, id uint64, notBefore time.Time, lastErr string, failure bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.write(func(tx kv.Tx) error {
		b := tx.Bucket(bucketOutbox)
		v := b.Get(jobKey(id))
		if v == nil {
			return nil
		}
		var j Job
		if err := json.Unmarshal(v, &j); err != nil {
			return fmt.Errorf("store: decode job %d: %w", id, err)
		}
		j.Attempts++
		if failure {
			j.Failures++
		}
		j.NotBefore = notBefore
		j.LastError = lastErr
		buf, err := json.Marshal(j)
		if err != nil {
			return fmt.Errorf("store: encode job %d: %w", id, err)
		}
		return b.Put(jobKey(id), buf)
	})
}

// OutboxLen is the number of jobs owed.
func (s *Store) OutboxLen() int {
	n := 0
	s.view(context.Background(), func(tx kv.Tx) error {
		n = tx.Bucket(bucketOutbox).KeyN()
		return nil
	})
	return n
}

// deleteJobs removes a case's jobs (the case is erased).
func deleteJobs(tx kv.Tx, caseID int64) error {
	b := tx.Bucket(bucketOutbox)
	var gone [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var j struct {
			Case int64 `json:"case"`
		}
		if json.Unmarshal(v, &j) == nil && j.Case == caseID {
			gone = append(gone, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range gone {
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("store: remove job of case %d: %w", caseID, err)
		}
	}
	return nil
}
