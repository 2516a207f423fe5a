package store

import (
	"errors"
	"fmt"
	"syscall"
)

// Whether the disk still takes writes.

// noteWrite remembers whether the last write failed because the disk is
// full, for Writable; a write that succeeds clears it.
func (s *Store) noteWrite(err error) {
	switch {
	case err == nil:
		s.diskFull.Store(false)
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		s.diskFull.Store(true)
	}
}

// Writable reports an error when the last write to the file failed because
// the disk (or the quota) is full, or when less than minFreeBytes is left:
// the bot cannot (or soon cannot) record answers then.
func (s *Store) Writable() error {
	if s.diskFull.Load() {
		return errors.New("the disk is full: the last write failed (free space, then the bot goes on)")
	}
	if free, ok := s.freeBytes(); ok && free < minFreeBytes {
		return fmt.Errorf("the disk is nearly full: %d MiB left for the database (free space before writes fail)", free>>20)
	}
	return nil
}

// freeBytes is the free space on the bbolt file's disk; ok is false for
// another engine, whose disk is not this process's to watch.
func (s *Store) freeBytes() (free uint64, ok bool) {
	if s.db != nil && !s.isBolt() {
		return 0, false
	}
	return freeBytes(s.path)
}

// minFreeBytes is the free space below which the store says it is nearly
// full: enough for many answers, too little for a compaction.
const minFreeBytes = 16 << 20
