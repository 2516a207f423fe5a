package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// damagedCopy writes a real database with a few cases, closed, and returns
// its path after spoil has changed the file.
func damagedCopy(t *testing.T, spoil func(path string)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	s := MustOpenPath(t, path, store.Options{})
	for i := range 50 {
		mustCreate(t, s, newCase("C1", "Casus", time.Date(2026, 1, 1+i%28, 9, 0, 0, 0, time.UTC)))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	spoil(path)
	return path
}

// A damaged file gives one clear error, never a panic; an empty file is
// refused unless the option says to start a new database. On main, a
// truncated or zeroed file ended in "panic: invalid freelist page" (or
// similar) and a goroutine trace.
// bbolt only: a file (its lock, pages, socket or old schema); see store.Engines.
func TestOpenDamagedFile(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		spoil func(path string)
	}{
		{"truncated to half", func(p string) {
			fi, _ := os.Stat(p)
			os.Truncate(p, fi.Size()/2)
		}},
		{"meta and freelist pages zeroed", func(p string) {
			f, _ := os.OpenFile(p, os.O_RDWR, 0)
			defer f.Close()
			f.WriteAt(make([]byte, 4*4096), 0)
		}},
		{"data pages zeroed", func(p string) {
			f, _ := os.OpenFile(p, os.O_RDWR, 0)
			defer f.Close()
			fi, _ := f.Stat()
			f.WriteAt(make([]byte, fi.Size()-4*4096), 4*4096)
		}},
		{"empty", func(p string) { os.Truncate(p, 0) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := damagedCopy(t, tc.spoil)
			var err error
			func() {
				defer func() {
					if v := recover(); v != nil {
						t.Fatalf("Open panicked: %v", v)
					}
				}()
				var s *store.Store
				s, err = store.Open(ctx, path, store.Options{LockTimeout: time.Second})
				if err == nil {
					// bbolt found nothing at open: the check must.
					problems, cerr := s.Check(ctx)
					s.Close()
					if cerr == nil && len(problems) == 0 {
						t.Fatalf("a damaged file opened and checked clean")
					}
					err = store.ErrDamaged
				}
			}()
			if !errors.Is(err, store.ErrDamaged) {
				t.Fatalf("err = %v, want ErrDamaged", err)
			}
		})
	}
	t.Run("empty with CreateEmpty", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "new.db")
		os.WriteFile(path, nil, 0o600)
		s, err := store.Open(ctx, path, store.Options{CreateEmpty: true})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	})
}

// bbolt only: a file (its lock, pages, socket or old schema); see store.Engines.
func TestCheckSoundFile(t *testing.T) {
	s := MustOpen(t)
	mustCreate(t, s, newCase("C1", "Casus", time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)))
	if problems, err := s.Check(context.Background()); err != nil || len(problems) != 0 {
		t.Fatalf("Check = %v, %v", problems, err)
	}
}
