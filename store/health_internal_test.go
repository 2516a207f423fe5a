package store

import (
	"fmt"
	"syscall"
	"testing"
)

// A write that fails because the disk is full makes Writable say so, for
// /readyz; the next write that succeeds clears it.
func TestWritableAfterDiskFull(t *testing.T) {
	var s Store
	if s.Writable() != nil {
		t.Fatal("not writable at start")
	}
	s.noteWrite(fmt.Errorf("write page: %w", syscall.ENOSPC))
	if s.Writable() == nil {
		t.Fatal("writable after ENOSPC")
	}
	s.noteWrite(fmt.Errorf("other: %w", syscall.EIO))
	if s.Writable() == nil {
		t.Fatal("another error cleared the disk-full state")
	}
	s.noteWrite(nil)
	if s.Writable() != nil {
		t.Fatal("still not writable after a write succeeded")
	}
}
