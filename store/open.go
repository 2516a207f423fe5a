package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/maatwerkbot/maatwerkbot/store/internal/boltkv"
)

// Opening the database file: the lock, and the refusal of an empty or damaged file.

// ErrLocked is returned by Open when another process holds the database.
var ErrLocked = errors.New("store: database is in use by another process")

// Open opens (creating if needed) the database at path, creates the buckets
// and migrates the schema. A path that is a postgres:// URL opens that
// PostgreSQL database instead (open_postgres.go), which several processes
// may share. A file held by another process gives ErrLocked
// after opts.LockTimeout instead of hanging.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if IsPostgres(path) {
		return openPostgres(ctx, path, opts)
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = time.Second
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 && !opts.CreateEmpty {
		return nil, fmt.Errorf("%w: %s is an empty file; a database is never empty, so this may be a failed copy or restore. "+
			"Restore the last backup over it, or remove the file (or set MAATWERK_DB_CREATE=true) to start a new database", ErrDamaged, path)
	}
	db, err := openBolt(path, opts)
	if err != nil {
		return nil, err
	}
	return openEngine(ctx, boltkv.New(db), path, opts)
}

// ErrDamaged is returned by Open when the file is not a usable database.
var ErrDamaged = errors.New("store: damaged database")

// damaged wraps a panic of bbolt's checks (a corrupt page, a bad freelist)
// into one line that says what is wrong and what to do.
func damaged(path string, v any) error {
	return fmt.Errorf("%w: %s cannot be read (%v). Stop the bot, restore the last backup (maatwerkbot backup makes one) over this file, "+
		"and start again; keep the damaged file for inspection", ErrDamaged, path, v)
}

// safeInit is init with bbolt's panics on a damaged file turned into
// ErrDamaged.
func (s *Store) safeInit(ctx context.Context) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			err = damaged(s.path, v)
		}
	}()
	return s.init(ctx)
}

func openBolt(path string, opts Options) (db *bolt.DB, err error) {
	// A truncated file faults when bbolt reads past its end through the
	// memory map: turn that into a panic we can recover, not a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			db, err = nil, damaged(path, v)
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.LockTimeout, NoSync: opts.NoSync})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s (is maatwerkbot already running on this file?)", ErrLocked, path)
		}
		if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum) || errors.Is(err, bolterrors.ErrVersionMismatch) {
			return nil, damaged(path, err)
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}
