package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// child is a process the benchmark runs: the bot, or the floor server.
type child struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	done chan error

	stopOnce sync.Once
	stopErr  error
}

// freeAddr returns a loopback address with a free port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr, nil
}

// startChild runs bin with args and env (added to a minimal environment),
// its output going to logPath, and waits until GET readyPath answers 200.
func startChild(ctx context.Context, bin string, args, env []string, addr, readyPath, logPath string) (*child, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	c := &child{cmd: cmd, base: "http://" + addr, done: make(chan error, 1)}
	go func() { c.done <- cmd.Wait(); logf.Close() }()
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := client.Get(c.base + readyPath)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return c, nil
			}
		}
		select {
		case err := <-c.done:
			c.done <- err
			return nil, fmt.Errorf("%s exited before it was ready (%v); see %s", bin, err, logPath)
		case <-ctx.Done():
			c.stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.stop()
			return nil, fmt.Errorf("%s not ready after 20 s; see %s", bin, logPath)
		}
	}
}

// stop sends SIGTERM and waits (killing it after 15 s). Calling it again
// returns the first call's result.
func (c *child) stop() error {
	c.stopOnce.Do(func() { c.stopErr = c.terminate() })
	return c.stopErr
}

func (c *child) terminate() error {
	c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-c.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return fmt.Errorf("exit: %w", err)
		}
		return err
	case <-time.After(15 * time.Second):
		c.cmd.Process.Kill()
		<-c.done
		return errors.New("did not stop within 15 s after SIGTERM; killed")
	}
}
