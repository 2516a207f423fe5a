package pgkv

import (
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Writes travel in batches. A Put or Delete is queued, not sent: the
// queue goes to PostgreSQL in one round trip (a pipelined pgx.Batch) before
// the transaction's next read, when it is long, and before the commit. The
// transaction reads what it wrote, as it must, and a case written with its
// indexes and outbox job costs a round trip instead of one per key. A
// queued write that fails makes the transaction's error, which Update
// returns (it commits nothing), as a failed read does.

// maxPending is how many writes wait at most before they are sent.
const maxPending = 256

// queue adds a write to the transaction's batch.
func (t *tx) queue(sql string, args ...any) {
	if t.pending == nil {
		t.pending = &pgx.Batch{}
	}
	t.pending.Queue(sql, args...)
	t.gen++
	if t.pending.Len() >= maxPending {
		t.flush()
	}
}

// flush sends the queued writes and returns the transaction's error.
func (t *tx) flush() error {
	if t.err != nil || t.pending == nil || t.pending.Len() == 0 {
		return t.err
	}
	b := t.pending
	t.pending = nil
	br := t.pt.SendBatch(t.ctx, b)
	for range b.Len() {
		if _, err := br.Exec(); err != nil {
			br.Close()
			t.fail(fmt.Errorf("pgkv: write: %w", err))
			return t.err
		}
	}
	if err := br.Close(); err != nil {
		t.fail(fmt.Errorf("pgkv: write: %w", err))
	}
	return t.err
}
