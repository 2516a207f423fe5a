package pgkv

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// migration is one step of the schema.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations are applied in order, each in its own transaction, and
// recorded in maatwerk_schema. Append only: never change or reorder a
// step that has been released.
var migrations = []migration{
	{1, "buckets and keys", `
CREATE TABLE maatwerk_buckets (
	name bytea PRIMARY KEY,
	seq  bigint NOT NULL DEFAULT 0
);
CREATE TABLE maatwerk_kv (
	bucket bytea NOT NULL,
	key    bytea NOT NULL,
	value  bytea NOT NULL,
	PRIMARY KEY (bucket, key)
);`},
	{2, "outbox channel leases", `
CREATE TABLE maatwerk_leases (
	channel text PRIMARY KEY,
	-- owner is '' when the channel was released (or never claimed).
	owner   text NOT NULL DEFAULT '',
	until   timestamptz NOT NULL DEFAULT '-infinity'
);`},
}

// migrate brings the schema to the last migration. It holds an advisory
// lock on a connection of its own meanwhile, so replicas starting at once
// migrate one after the other; closing that connection frees the lock
// whatever happens.
func (db *DB) migrate(ctx context.Context) error {
	pc, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	conn := pc.Hijack()
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", lockMigrate); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS maatwerk_schema (
	version    int PRIMARY KEY,
	name       text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var current int
	if err := conn.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM maatwerk_schema").Scan(&current); err != nil {
		return fmt.Errorf("migrate: read the schema version: %w", err)
	}
	last := migrations[len(migrations)-1].version
	if current > last {
		return fmt.Errorf("migrate: the database has schema version %d, newer than this program's %d: run a newer version", current, last)
	}
	for _, m := range migrations {
		if m.version <= current {
			continue
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO maatwerk_schema (version, name) VALUES ($1, $2)", m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate to version %d (%s): %w", m.version, m.name, err)
		}
		db.log(fmt.Sprintf("pgkv: schema migrated to version %d (%s)", m.version, m.name))
	}
	return nil
}
