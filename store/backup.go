package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/maatwerkbot/maatwerkbot/store/internal/boltkv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// WriteBackup writes a consistent copy of the open database to w inside one
// read transaction; writers go on meanwhile.
func (s *Store) WriteBackup(ctx context.Context, w io.Writer) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var n int64
	err := s.viewBolt(ctx, "a hot backup", `on PostgreSQL, "maatwerkbot backup" copies the database into a bbolt file`, func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}

// BackupSocket is where a running bot serves hot backups of the database
// at path: a unix socket beside the file, only for its owner (and root).
func BackupSocket(path string) string { return path + ".backup.sock" }

// ServeBackups answers backup requests on BackupSocket(s.Path()) until ctx
// ends: each connection gets one consistent copy of the database, written
// inside a read transaction while the bot goes on working. It is how
// "maatwerkbot backup FILE" copies a database that a running bot holds.
func (s *Store) ServeBackups(ctx context.Context, log *slog.Logger) error {
	if !s.isBolt() {
		return s.notBolt("serving hot backups", `on PostgreSQL, "maatwerkbot backup" copies the database into a bbolt file`)
	}
	sock := BackupSocket(s.path)
	os.Remove(sock) // left by a process that was killed; the file lock says we own the database
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "unix", sock)
	if err != nil {
		return fmt.Errorf("store: backup socket: %w", err)
	}
	if err := os.Chmod(sock, 0o600); err != nil {
		ln.Close()
		return fmt.Errorf("store: backup socket: %w", err)
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	defer os.Remove(sock)
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("store: backup socket: %w", err)
		}
		go func() {
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Minute))
			n, err := s.WriteBackup(ctx, conn)
			if err != nil {
				log.Error("hot backup failed", "err", err)
				return
			}
			log.Info("hot backup served", "bytes", n)
		}()
	}
}

// Backup copies the database at path to file: from the running bot through
// its backup socket when the bot holds the file, else by opening the file
// read-only. The copy is written to a temporary name, checked (it opens as
// a database) and then renamed, so a failed backup leaves no half file.
// A PostgreSQL database (path a postgres:// URL) is copied into a new bbolt
// file (backup_postgres.go).
func Backup(ctx context.Context, path, file string) (int64, error) {
	if IsPostgres(path) {
		return backupPostgres(ctx, path, file)
	}
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".maatwerk-backup-*")
	if err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	n, err := copyFromSocket(ctx, BackupSocket(path), tmp)
	if errors.Is(err, errNoSocket) {
		n, err = copyFromFile(ctx, path, tmp)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = checkBackup(tmp.Name())
	}
	if err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}

// errNoSocket: no bot serves backups for this database.
var errNoSocket = errors.New("no backup socket")

func copyFromSocket(ctx context.Context, sock string, w io.Writer) (int64, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "unix", sock)
	if err != nil {
		return 0, fmt.Errorf("%w: %v", errNoSocket, err)
	}
	defer conn.Close()
	return io.Copy(w, conn)
}

func copyFromFile(ctx context.Context, path string, w io.Writer) (int64, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return 0, fmt.Errorf("%w: %s (and no running bot answered on %s)", ErrLocked, path, BackupSocket(path))
		}
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	s := &Store{db: boltkv.New(db), path: path}
	return s.WriteBackup(ctx, w)
}

// checkBackup opens a written copy and reads its schema version.
func checkBackup(file string) error {
	db, err := bolt.Open(file, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("the copy does not open as a database: %w", err)
	}
	defer db.Close()
	return boltkv.New(db).View(context.Background(), func(tx kv.Tx) error {
		if tx.Bucket(bucketMeta) == nil || schemaVersion(tx) == 0 {
			return errors.New("the copy holds no maatwerk database")
		}
		return nil
	})
}
