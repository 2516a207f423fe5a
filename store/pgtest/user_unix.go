//go:build unix

package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"syscall"
)

// unprivileged returns, when this process is root, the user to run
// initdb and postgres as ("postgres", else "nobody"), and makes dir
// theirs; nil when not root.
func unprivileged(dir string) (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	cred := &syscall.Credential{Uid: 65534, Gid: 65534}
	if u, err := user.Lookup("postgres"); err == nil {
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 == nil && err2 == nil {
			cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		}
	}
	if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
		return nil, fmt.Errorf("give %s to uid %d: %w", dir, cred.Uid, err)
	}
	return cred, nil
}

// runAs makes cmd run as cred's user (nil: this process's).
func runAs(cmd *exec.Cmd, cred *syscall.Credential) {
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
}
