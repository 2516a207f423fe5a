// Package pgtest gives tests a fresh, empty PostgreSQL database each.
//
// The databases live on one server per test binary. When the environment
// variable MAATWERK_TEST_POSTGRES holds the URL of a server (with the
// right to create databases), that server is used; otherwise a throw-away
// cluster is started on first use from the PostgreSQL programs found on
// PATH or under /usr/lib/postgresql/*/bin: initdb into a temporary folder,
// listening only on a unix socket in that folder, without fsync. When the
// test binary runs as root, as in containers and CI, the cluster runs as
// the user "postgres" (or "nobody" when there is none), because initdb
// and postgres refuse root.
//
// A package whose tests use it stops that cluster at the end with
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// Without PostgreSQL (no programs, no MAATWERK_TEST_POSTGRES) URL skips
// the test, unless MAATWERK_TEST_POSTGRES_REQUIRED=1, which CI sets so
// that the PostgreSQL tests can never be skipped there unnoticed.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Environment variables read by URL.
const (
	// EnvURL names the variable with the URL of a server to make test
	// databases on.
	EnvURL = "MAATWERK_TEST_POSTGRES"
	// EnvRequired names the variable that, set to 1, makes a missing
	// PostgreSQL fail the test instead of skipping it.
	EnvRequired = "MAATWERK_TEST_POSTGRES_REQUIRED"
)

// URL returns the URL of a new, empty database for this test, made with
// CREATE DATABASE and dropped when the test ends. It skips the test when
// no PostgreSQL is available (see the package documentation).
func URL(t testing.TB) string {
	t.Helper()
	server, err := serverURL()
	if err != nil {
		if err == errNoPostgres {
			if os.Getenv(EnvRequired) == "1" {
				t.Fatalf("pgtest: %v, and %s=1", err, EnvRequired)
			}
			t.Skipf("pgtest: %v; skipping", err)
		}
		t.Fatalf("pgtest: %v", err)
	}
	name := "mw_" + randomHex(8)
	// FILE_COPY (PostgreSQL 15 and later) takes some 20 ms here against
	// 150 ms for the default WAL_LOG; older servers know only the latter.
	// (A schema per test would take 1 ms, but advisory locks, which pgkv
	// uses, are per database: tests would share them.)
	if err := admin(server, "CREATE DATABASE "+name+" STRATEGY FILE_COPY"); err != nil {
		if err := admin(server, "CREATE DATABASE "+name); err != nil {
			t.Fatalf("pgtest: create database: %v", err)
		}
	}
	t.Cleanup(func() {
		if err := admin(server, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := withDatabase(server, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return u
}

// Main runs the tests and then stops the cluster URL may have started;
// it returns m.Run's exit code. Use it in TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	stopCluster()
	return code
}

// serverURL is the URL of the server to make databases on: the
// environment's, or the lazily started cluster's.
func serverURL() (string, error) {
	if u := os.Getenv(EnvURL); u != "" {
		return u, nil
	}
	return startCluster()
}

// admin runs one statement on the server's maintenance database.
func admin(server, sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return fmt.Errorf("connect to the test server: %w", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", sql, err)
	}
	return nil
}

// withDatabase returns the server URL with its database replaced.
func withDatabase(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", fmt.Errorf("%s is not a URL", EnvURL)
	}
	u.Path = "/" + name
	u.RawPath = ""
	return u.String(), nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
