package store

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// migration upgrades the file by one schema version inside the open
// transaction.
type migration struct {
	name string
	run  func(ctx context.Context, tx kv.Tx) error
}

// migrations is the append-only list of schema changes: the schema version
// of a file is the number of migrations applied to it. Never edit or reorder
// an entry; add a new one.
func migrations() []migration {
	return []migration{
		{name: "1: buckets meta, cases, threads, chan_time, events", run: func(context.Context, kv.Tx) error {
			return nil // the buckets are created by init
		}},
		{name: "2: buckets outbox, inbox", run: func(context.Context, kv.Tx) error {
			return nil // the buckets are created by init
		}},
		{name: "3: chan_activity index and channels list for the weekly digest, built from the cases", run: buildDigestIndexes},
		{name: "4: briefs and user_cases, for search, lists and the App Home", run: func(_ context.Context, tx kv.Tx) error {
			return backfillIndexes(tx) // the buckets are created by init
		}},
	}
}

// SchemaVersionCurrent is the schema version this build writes.
func SchemaVersionCurrent() int { return len(migrations()) }

func migrate(ctx context.Context, tx kv.Tx) error {
	ms := migrations()
	v := schemaVersion(tx)
	if v > len(ms) {
		return fmt.Errorf("store: the database has schema version %d, newer than this program knows (%d); use a newer maatwerkbot", v, len(ms))
	}
	for ; v < len(ms); v++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := ms[v].run(ctx, tx); err != nil {
			return fmt.Errorf("store: migration %q: %w", ms[v].name, err)
		}
		b := make([]byte, 8)
		binary.BigEndian.PutUint64(b, uint64(v+1))
		if err := tx.Bucket(bucketMeta).Put(keySchema, b); err != nil {
			return fmt.Errorf("store: record schema version: %w", err)
		}
	}
	return nil
}
