//go:build !unix

package store

// freeBytes cannot tell the free space here; Writable relies on failed
// writes alone.
func freeBytes(string) (uint64, bool) { return 0, false }
