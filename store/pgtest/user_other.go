//go:build !unix

package pgtest

import "os/exec"

// unprivileged is nil off unix: the cluster runs as this process's user.
func unprivileged(string) (*struct{}, error) { return nil, nil }

// runAs does nothing off unix.
func runAs(*exec.Cmd, *struct{}) {}
