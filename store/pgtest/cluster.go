package pgtest

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// errNoPostgres is why URL skips: neither a server nor the programs.
var errNoPostgres = errors.New("no PostgreSQL: " + EnvURL + " is not set and initdb is neither on PATH nor under /usr/lib/postgresql/*/bin")

// cluster is the throw-away server of this test binary, started by the
// first URL that needs it and stopped by Main. It is the package's only
// state: a test binary has one such server.
var cluster struct {
	mu      sync.Mutex
	started bool
	url     string
	err     error
	stop    func()
}

// startCluster starts the cluster once and returns its URL.
func startCluster() (string, error) {
	cluster.mu.Lock()
	defer cluster.mu.Unlock()
	if !cluster.started {
		cluster.started = true
		cluster.url, cluster.stop, cluster.err = start()
	}
	return cluster.url, cluster.err
}

// stopCluster stops the cluster if one was started.
func stopCluster() {
	cluster.mu.Lock()
	defer cluster.mu.Unlock()
	if cluster.stop != nil {
		cluster.stop()
		cluster.stop = nil
	}
}

// start makes a cluster in a new temporary folder and starts it; stop
// stops it and removes the folder.
func start() (u string, stop func(), err error) {
	bin, err := findBin()
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "mwpg")
	if err != nil {
		return "", nil, fmt.Errorf("temporary folder: %w", err)
	}
	// A unix socket path is at most 107 bytes.
	if len(dir) > 80 {
		os.Remove(dir)
		if dir, err = os.MkdirTemp("/tmp", "mwpg"); err != nil {
			return "", nil, fmt.Errorf("temporary folder: %w", err)
		}
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	user, err := unprivileged(dir)
	if err != nil {
		return "", nil, err
	}
	data := filepath.Join(dir, "data")
	run := func(name string, args ...string) error {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		cmd.Dir = dir
		runAs(cmd, user)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %w\n%s", name, err, out)
		}
		return nil
	}
	if err := run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N"); err != nil {
		return "", nil, err
	}
	opts := "-k " + dir + " -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
	if err := run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts, "-w", "-t", "60", "start"); err != nil {
		if log, rerr := os.ReadFile(filepath.Join(dir, "log")); rerr == nil {
			err = fmt.Errorf("%w\n%s", err, log)
		}
		return "", nil, err
	}
	stop = func() {
		run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
		os.RemoveAll(dir)
	}
	q := url.Values{"host": {dir}}
	return (&url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/postgres", RawQuery: q.Encode()}).String(), stop, nil
}

// findBin returns the folder with initdb and pg_ctl: PATH's, or the
// newest /usr/lib/postgresql/N/bin.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		// Often a symlink into the version's folder, with pg_ctl.
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	// Newest major version first (numerically: 9.6 < 10 < 15).
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errNoPostgres
}

// version is the major version in /usr/lib/postgresql/N/bin, times 10.
func version(dir string) int {
	v := filepath.Base(filepath.Dir(dir))
	f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
	return int(f * 10)
}
