package store

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/boltkv"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// sharedBolt is a bbolt engine that says it is shared: it grants the
// channels not held by "other", and records what it was asked.
type sharedBolt struct {
	*boltkv.DB
	lease    time.Duration
	released []string
	sched    bool
}

func (f *sharedBolt) ClaimChannels(_ context.Context, owner string, channels []string, lease kv.Lease) ([]kv.Claim, error) {
	f.lease = lease
	var out []kv.Claim
	for _, ch := range channels {
		switch ch {
		case "held":
		case "dead":
			out = append(out, kv.Claim{Channel: ch, TakenOver: true})
		case "broken":
			return nil, errors.New("connection lost")
		default:
			out = append(out, kv.Claim{Channel: ch})
		}
	}
	return out, nil
}

func (f *sharedBolt) ReleaseChannels(_ context.Context, owner string, channels []string) error {
	f.released = append(f.released, channels...)
	return nil
}

func (f *sharedBolt) TryScheduler(context.Context) (bool, error) { return f.sched, nil }

func openBoltEngine(t *testing.T, wrap func(*boltkv.DB) kv.DB) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	s, err := openEngine(t.Context(), wrap(boltkv.New(db)), path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// On a bbolt file the one process gets every channel and the scheduler.
func TestReplicasOnBolt(t *testing.T) {
	s := openBoltEngine(t, func(d *boltkv.DB) kv.DB { return d })
	ctx := t.Context()
	if s.Shared() {
		t.Error("a bbolt store says it is shared")
	}
	got, err := s.ClaimChannels(ctx, "me", []string{"C1", "C2"}, time.Minute)
	if want := []Claim{{Channel: "C1"}, {Channel: "C2"}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ClaimChannels = %v, %v; want %v", got, err, want)
	}
	if err := s.ReleaseChannels(ctx, "me", []string{"C1"}); err != nil {
		t.Errorf("ReleaseChannels: %v", err)
	}
	if ok, err := s.TryScheduler(ctx); !ok || err != nil {
		t.Errorf("TryScheduler = %v, %v", ok, err)
	}
}

// On a shared engine the store forwards to it, and the store's own work
// (a case) runs on it as on bbolt.
func TestReplicasForwardToSharedEngine(t *testing.T) {
	var f *sharedBolt
	s := openBoltEngine(t, func(d *boltkv.DB) kv.DB { f = &sharedBolt{DB: d}; return f })
	ctx := t.Context()
	if !s.Shared() {
		t.Fatal("a store on a shared engine says it is not shared")
	}
	got, err := s.ClaimChannels(ctx, "me", []string{"C1", "held", "dead"}, 30*time.Second)
	if want := []Claim{{Channel: "C1"}, {Channel: "dead", TakenOver: true}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ClaimChannels = %v, %v; want %v", got, err, want)
	}
	if f.lease != 30*time.Second {
		t.Errorf("lease passed on = %v", f.lease)
	}
	if _, err := s.ClaimChannels(ctx, "me", []string{"broken"}, time.Second); err == nil {
		t.Error("the engine's error was lost")
	}
	if err := s.ReleaseChannels(ctx, "me", []string{"C1"}); err != nil || !reflect.DeepEqual(f.released, []string{"C1"}) {
		t.Errorf("ReleaseChannels: %v, released %v", err, f.released)
	}
	for _, want := range []bool{false, true} {
		f.sched = want
		if ok, err := s.TryScheduler(ctx); ok != want || err != nil {
			t.Errorf("TryScheduler = %v, %v; want %v", ok, err, want)
		}
	}
	// The bbolt-only features refuse another engine in one clear error.
	if err := s.Compact(ctx); !errors.Is(err, ErrNotBolt) {
		t.Errorf("Compact on a shared engine: %v", err)
	}
	if _, err := s.Check(ctx); !errors.Is(err, ErrNotBolt) {
		t.Errorf("Check on a shared engine: %v", err)
	}
	if _, err := s.WriteBackup(ctx, nil); !errors.Is(err, ErrNotBolt) {
		t.Errorf("WriteBackup on a shared engine: %v", err)
	}
	if err := s.ServeBackups(ctx, nil); !errors.Is(err, ErrNotBolt) {
		t.Errorf("ServeBackups on a shared engine: %v", err)
	}
	if v, err := s.SchemaVersion(); err != nil || v != SchemaVersionCurrent() {
		t.Errorf("SchemaVersion on a shared engine = %d, %v", v, err)
	}
}

// On PostgreSQL the store forwards to pgkv: two Stores on one database —
// two replicas — never hold one channel at once, and only one of them
// holds the scheduler role. What one writes the other reads.
func TestReplicasOnPostgres(t *testing.T) {
	t.Parallel()
	var pg Engine
	for _, e := range Engines() {
		if e.Name == "postgres" {
			pg = e
		}
	}
	ctx := t.Context()
	url := pg.Fresh(t)
	a := pg.OpenAt(t, url, Options{NoSync: true})
	b := pg.OpenAt(t, url, Options{NoSync: true})
	if !a.Shared() || !b.Shared() {
		t.Fatal("a store on PostgreSQL says it is not shared")
	}
	chans := []string{"C1", "C2", "C3"}
	owners := func() map[string]string {
		t.Helper()
		got := map[string]string{}
		for _, r := range []struct {
			name string
			s    *Store
		}{{"a", a}, {"b", b}} {
			granted, err := r.s.ClaimChannels(ctx, r.name, chans, time.Minute)
			if err != nil {
				t.Fatalf("ClaimChannels(%s): %v", r.name, err)
			}
			for _, c := range granted {
				if got[c.Channel] != "" {
					t.Errorf("channel %s granted to %s and %s", c.Channel, got[c.Channel], r.name)
				}
				got[c.Channel] = r.name
			}
		}
		return got
	}
	if got := owners(); !reflect.DeepEqual(got, map[string]string{"C1": "a", "C2": "a", "C3": "a"}) {
		t.Errorf("owners = %v; want a for all (it claimed first)", got)
	}
	if err := a.ReleaseChannels(ctx, "a", []string{"C2"}); err != nil {
		t.Fatal(err)
	}
	if got, err := b.ClaimChannels(ctx, "b", chans, time.Minute); err != nil || !reflect.DeepEqual(got, []Claim{{Channel: "C2"}}) {
		t.Errorf("b claims after a released C2: %v, %v; want C2 alone", got, err)
	}
	if got, err := a.ClaimChannels(ctx, "a", chans, time.Minute); err != nil || !reflect.DeepEqual(got, []Claim{{Channel: "C1"}, {Channel: "C3"}}) {
		t.Errorf("a renews: %v, %v; want C1 and C3", got, err)
	}
	for range 2 {
		sa, err := a.TryScheduler(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sb, err := b.TryScheduler(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if sa == sb || !sa {
			t.Errorf("TryScheduler: a %v, b %v; want a alone (it asked first)", sa, sb)
		}
	}
	c := copyTestCase(1, time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
	if err := a.CreateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got, err := b.Case(ctx, c.ID); err != nil || got.Title != c.Title {
		t.Errorf("b reads a's case: %v, %v", got, err)
	}
	// The bbolt-only features refuse PostgreSQL in one clear error.
	if err := a.Compact(ctx); !errors.Is(err, ErrNotBolt) {
		t.Errorf("Compact on PostgreSQL: %v", err)
	}
	if _, err := a.Check(ctx); !errors.Is(err, ErrNotBolt) {
		t.Errorf("Check on PostgreSQL: %v", err)
	}
	if _, err := a.WriteBackup(ctx, nil); !errors.Is(err, ErrNotBolt) {
		t.Errorf("WriteBackup on PostgreSQL: %v", err)
	}
	if err := a.ServeBackups(ctx, nil); !errors.Is(err, ErrNotBolt) {
		t.Errorf("ServeBackups on PostgreSQL: %v", err)
	}
}
