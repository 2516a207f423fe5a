package main

import (
	"os"
	"path/filepath"
	"syscall"
)

// withBuildLock runs fn holding a lock that every test of this module
// which compiles the binary takes (TestMain here; deploy's static build
// and its go list -export): `go test ./...` runs those test binaries at
// once, and on a cold build cache each would compile every dependency
// itself; one after the other, the later ones find it all in the cache.
func withBuildLock(fn func() error) error {
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "maatwerkbot-test-build.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fn() // no lock: only slower
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX) == nil {
		defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	}
	return fn()
}
