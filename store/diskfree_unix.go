//go:build unix

package store

import (
	"path/filepath"
	"syscall"
)

// freeBytes returns the space left for an unprivileged writer on the file
// system that holds path's folder, and whether it could be read.
func freeBytes(path string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
