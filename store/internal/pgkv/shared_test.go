package pgkv_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/pgkv"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

// openURL opens the database at u for the test.
func openURL(t testing.TB, u string) *pgkv.DB {
	t.Helper()
	db, err := pgkv.Open(context.Background(), u, pgkv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// claim claims for owner and returns "channel" or "channel!" (taken over)
// for each granted channel, sorted.
func claim(t *testing.T, db *pgkv.DB, owner string, lease time.Duration, channels ...string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	granted, err := db.ClaimChannels(ctx, owner, channels, lease)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range granted {
		s := c.Channel
		if c.TakenOver {
			s += "!"
		}
		got = append(got, s)
	}
	slices.Sort(got)
	return got
}

func check(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: granted %q, want %q", what, got, want)
	}
}

func TestClaimChannels(t *testing.T) {
	u := pgtest.URL(t)
	a, b := openURL(t, u), openURL(t, u)
	var _ kv.Shared = a
	hour := time.Hour
	check(t, "a claims C1 C2", claim(t, a, "a", hour, "C1", "C2"), "C1", "C2")
	check(t, "b claims C1 C2 C3", claim(t, b, "b", hour, "C1", "C2", "C3"), "C3")
	check(t, "a renews C1 C2, asks for C3", claim(t, a, "a", hour, "C1", "C2", "C3"), "C1", "C2")

	// a's lease on C4 runs out: b takes it over.
	check(t, "a claims C4 briefly", claim(t, a, "a", 50*time.Millisecond, "C4"), "C4")
	check(t, "b claims C4 while a holds it", claim(t, b, "b", hour, "C4"))
	time.Sleep(100 * time.Millisecond)
	check(t, "b claims C4 after a's lease ran out", claim(t, b, "b", hour, "C4"), "C4!")
	check(t, "a claims C4 again", claim(t, a, "a", hour, "C4"))

	// a releases C1: b gets it, and it is no takeover.
	if err := a.ReleaseChannels(context.Background(), "a", []string{"C1", "C3"}); err != nil {
		t.Fatal(err)
	}
	check(t, "b claims C1 C3 after a released them", claim(t, b, "b", hour, "C1", "C3"), "C1", "C3")
	// Releasing what one does not hold changes nothing.
	if err := a.ReleaseChannels(context.Background(), "a", []string{"C3"}); err != nil {
		t.Fatal(err)
	}
	check(t, "a claims C3 held by b", claim(t, a, "a", hour, "C3"))
	// An owner whose own lease ran out gets its channel back, no takeover.
	check(t, "a claims C5 briefly", claim(t, a, "a", time.Millisecond, "C5"), "C5")
	time.Sleep(10 * time.Millisecond)
	check(t, "a claims C5 again", claim(t, a, "a", hour, "C5"), "C5")
	check(t, "no channels", claim(t, a, "a", hour))
}

// TestClaimSkipsLocked holds a lease row locked in a transaction: a claim
// returns at once without that channel.
func TestClaimSkipsLocked(t *testing.T) {
	u := pgtest.URL(t)
	a := openURL(t, u)
	check(t, "a claims C1", claim(t, a, "a", time.Hour, "C1"), "C1")
	if err := a.ReleaseChannels(context.Background(), "a", []string{"C1"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT 1 FROM maatwerk_leases WHERE channel = 'C1' FOR UPDATE"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	check(t, "b claims C1 C2 while C1 is locked", claim(t, a, "b", time.Hour, "C1", "C2"), "C2")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the claim waited %v", d)
	}
	tx.Rollback(ctx)
	check(t, "b claims C1 when it is free", claim(t, a, "b", time.Hour, "C1"), "C1")
}

func TestTryScheduler(t *testing.T) {
	u := pgtest.URL(t)
	ctx := context.Background()
	a := openURL(t, u)
	b := openURL(t, u)
	try := func(db *pgkv.DB, want bool, what string) {
		t.Helper()
		got, err := db.TryScheduler(ctx)
		if err != nil || got != want {
			t.Errorf("%s: TryScheduler = %v, %v; want %v", what, got, err, want)
		}
	}
	try(a, true, "a first")
	try(a, true, "a again")
	try(b, false, "b while a holds it")
	// The lock does not block writers.
	if err := b.Update(ctx, func(tx kv.Tx) error { _, err := tx.CreateBucketIfNotExists([]byte("x")); return err }); err != nil {
		t.Fatal(err)
	}
	// a's scheduler connection is killed: a loses the role, b takes it.
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()"+
		" AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	try(b, true, "b after a's connection was killed")
	try(a, false, "a after losing its connection")
	b.Close()
	// The server frees the lock when b's backend has gone: soon after.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if got, err := a.TryScheduler(ctx); got || err != nil || time.Now().After(deadline) {
			if !got || err != nil {
				t.Errorf("a after b closed: TryScheduler = %v, %v; want true", got, err)
			}
			break
		}
	}
}
