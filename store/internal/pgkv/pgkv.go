// Package pgkv is the PostgreSQL engine of package kv: buckets of ordered
// byte keys kept in tables of one database, which several replicas of the
// bot share (as kine keeps etcd's keys in SQL).
//
// Keys are bytea, which PostgreSQL compares byte by byte, so a cursor
// walks them in the order bbolt does. Read-write transactions (Update)
// take one transaction-level advisory lock that all writers share, so
// they run one at a time across all replicas, as bbolt's single writer
// does, and every store guarantee (an answer acknowledged only after
// commit, inbox de-duplication by key, the outbox written in the same
// transaction as the change) holds on both engines alike. Read-only
// transactions (View) read one snapshot (REPEATABLE READ) and never wait
// for the writers.
//
// Reads travel over a network and can fail, but kv's Get, cursor moves,
// KeyN and Bucket return no error, as bbolt's do. Such a read keeps the
// first error in the transaction and returns nil (or 0); every later
// operation of that transaction then does nothing, and View or Update
// returns that error after fn, before fn's own (an Update then rolls
// back).
//
// Open creates or upgrades the tables (see migrate.go); DB also
// implements kv.Shared: outbox channel leases and the scheduler role.
package pgkv

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Advisory lock keys (per database). Never change one: replicas of two
// versions must agree on them.
const (
	// lockWriter is taken by every Update for its transaction.
	lockWriter int64 = 0x6d77_6b76_0001 // "mwkv" 1
	// lockMigrate is held by Open while it migrates the schema.
	lockMigrate int64 = 0x6d77_6b76_0002
	// lockScheduler is held by the replica that runs the scheduled work.
	lockScheduler int64 = 0x6d77_6b76_0003
)

// Options tune Open.
type Options struct {
	// MaxConns caps the connection pool; 0 leaves pgxpool's default
	// (the larger of 4 and the number of CPUs) or the URL's
	// pool_max_conns.
	MaxConns int32
	// Log, when set, is told of schema migrations applied and of a lost
	// scheduler connection: one line each, for the log.
	Log func(msg string)
}

// DB is a PostgreSQL database opened as a kv.DB. It is safe for
// concurrent use.
type DB struct {
	pool *pgxpool.Pool
	opts Options
	// buckets are the names of buckets known to exist (tx.Bucket). Only
	// this process's DeleteBucket forgets one: a bucket another replica
	// removes stays known here. The store removes buckets only when a
	// database is copied (Copy, the migration mark), never while replicas
	// serve it, and a known bucket that is gone reads as empty.
	buckets sync.Map
	// sched holds the connection with the scheduler lock (TryScheduler).
	sched struct {
		mu   sync.Mutex
		conn *pgx.Conn
	}
}

var (
	_ kv.DB     = (*DB)(nil)
	_ kv.Shared = (*DB)(nil)
)

// Open connects to the database at url (postgres://… or
// postgresql://…), checks that it answers, and brings its tables to the
// current schema. Errors never show the URL's password.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	shown, secret, err := redact(url)
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("pgkv: %s: %w", shown, hide(err, secret))
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgkv: %s: %w", shown, hide(err, secret))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgkv: connect to %s: %w", shown, hide(err, secret))
	}
	db := &DB{pool: pool, opts: opts}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgkv: %s: %w", shown, hide(err, secret))
	}
	return db, nil
}

// Close gives up the scheduler role and closes the connections.
func (db *DB) Close() error {
	db.sched.mu.Lock()
	if db.sched.conn != nil {
		db.sched.conn.Close(context.Background())
		db.sched.conn = nil
	}
	db.sched.mu.Unlock()
	db.pool.Close()
	return nil
}

// log passes msg to Options.Log.
func (db *DB) log(msg string) {
	if db.opts.Log != nil {
		db.opts.Log(msg)
	}
}

// redact checks that raw is a postgres URL and returns it with its
// password replaced, and the password.
func redact(raw string) (shown, secret string, err error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		// url.Parse's error quotes the URL: do not pass it on.
		return "", "", errors.New("pgkv: the database URL is not a postgres:// or postgresql:// URL")
	}
	if u.User != nil {
		secret, _ = u.User.Password()
	}
	if p := u.Query().Get("password"); p != "" {
		secret = p
		q := u.Query()
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted(), secret, nil
}

// hide returns err as one line with every occurrence of secret
// replaced; errors.Is and errors.As still see err.
func hide(err error, secret string) error {
	return &hiddenError{err: err, secret: secret}
}

// hiddenError is an error shown as one line, without a secret.
type hiddenError struct {
	err    error
	secret string
}

func (e *hiddenError) Error() string {
	msg := e.err.Error()
	if e.secret != "" {
		msg = strings.ReplaceAll(msg, e.secret, "xxxxx")
	}
	// pgconn puts each address it tried on a line of its own.
	return strings.Join(strings.Fields(strings.ReplaceAll(msg, ":\n", ": ")), " ")
}

func (e *hiddenError) Unwrap() error { return e.err }

// Redacted returns the database URL as it may be shown (in messages and
// logs): without its password.
func Redacted(raw string) string {
	shown, _, err := redact(raw)
	if err != nil {
		return "postgres://…"
	}
	return shown
}
