package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/store/internal/pgkv"
)

// IsPostgres says whether db (MAATWERK_DB) names a PostgreSQL database —
// a postgres:// or postgresql:// URL — rather than a bbolt file.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// openPostgres opens the PostgreSQL database at url as the store's engine:
// pgkv creates or upgrades its tables, then the store its buckets and
// schema, as on bbolt. Path returns the URL without its password.
func openPostgres(ctx context.Context, url string, opts Options) (*Store, error) {
	db, err := pgkv.Open(ctx, url, pgkv.Options{})
	if err != nil {
		return nil, fmt.Errorf("store: open PostgreSQL: %w", err)
	}
	return openEngine(ctx, db, pgkv.Redacted(url), opts)
}

// Redacted returns db (MAATWERK_DB) as it may be shown in messages and
// logs: a PostgreSQL URL without its password, a file path as it is.
func Redacted(db string) string {
	if IsPostgres(db) {
		return pgkv.Redacted(db)
	}
	return db
}
