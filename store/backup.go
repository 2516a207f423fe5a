package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// WriteBackup writes a consistent copy of the open database to w inside one
// read transaction; writers go on meanwhile.
func (s *Store) WriteBackup(ctx context.Context, w io.Writer) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}

// Backup copies the database at path to file (written to a temporary name
// first, then renamed, so a failed backup leaves no half file). The file at
// path must not be held by a running bot.
func Backup(ctx context.Context, path, file string) (int64, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return 0, fmt.Errorf("%w: %s", ErrLocked, path)
		}
		return 0, fmt.Errorf("store: backup: open %s: %w", path, err)
	}
	defer db.Close()
	s := &Store{db: db, path: path}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".maatwerk-backup-*")
	if err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	n, err := s.WriteBackup(ctx, tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}
