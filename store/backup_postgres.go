package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// backupPostgres is Backup of a PostgreSQL database: a bbolt file holding
// all of it, copied (Copy) from one consistent snapshot while the replicas
// go on working. The file is what a bbolt backup is: a bot starts on it
// (MAATWERK_DB=file), and migrate copies it back into PostgreSQL. It
// returns the file's size.
func backupPostgres(ctx context.Context, url, file string) (int64, error) {
	src, err := openPostgres(ctx, url, Options{})
	if err != nil {
		return 0, err
	}
	defer src.Close()
	tmp, err := os.CreateTemp(filepath.Dir(file), ".maatwerk-backup-*")
	if err != nil {
		return 0, err
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name)
	dst, err := Open(ctx, name, Options{CreateEmpty: true, NoSync: true})
	if err != nil {
		return 0, err
	}
	if _, err := Copy(ctx, dst, src, nil); err != nil {
		dst.Close()
		return 0, err
	}
	if err := dst.Close(); err != nil {
		return 0, err
	}
	// Written without fsync, for speed: one fsync of the whole file now.
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	err = f.Sync()
	fi, serr := f.Stat()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = serr
	}
	if err == nil {
		err = checkBackup(name)
	}
	if err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	if err := os.Rename(name, file); err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	return fi.Size(), nil
}
