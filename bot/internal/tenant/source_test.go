package tenant

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/tokenbox"
)

// memInstallations is the store's installations in memory, shared by the
// Sources of several replicas.
type memInstallations struct {
	mu sync.Mutex
	in map[string]store.Installation
}

func (m *memInstallations) PutInstallation(_ context.Context, _ *tokenbox.Box, in store.Installation) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.in[in.TeamID] = in
	return nil
}

func (m *memInstallations) Installation(_ context.Context, _ *tokenbox.Box, _, team string) (store.Installation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	in, ok := m.in[team]
	if !ok {
		return in, store.ErrNotFound
	}
	return in, nil
}

func (m *memInstallations) DeleteInstallation(_ context.Context, _, team string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.in, team)
	return nil
}

// refreshSlack answers oauth.v2.access with grant_type=refresh_token as
// Slack does: each refresh token works once.
func refreshSlack(t *testing.T, calls *atomic.Int32) *httptest.Server {
	var mu sync.Mutex
	used := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		q, _ := url.ParseQuery(string(body))
		rt := q.Get("refresh_token")
		n := calls.Add(1)
		time.Sleep(100 * time.Millisecond) // a refresh takes a while: let the replicas overlap
		mu.Lock()
		defer mu.Unlock()
		if used[rt] || rt == "" {
			json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "invalid_refresh_token"})
			return
		}
		used[rt] = true
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "access_token": fmt.Sprintf("xoxe.xoxb-new-%d", n),
			"refresh_token": fmt.Sprintf("xoxe-1-new-%d", n), "expires_in": 43200, "token_type": "bot"})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Two replicas that find one workspace's token about to expire at the
// same moment refresh it once: the one holding the lease refreshes, the
// other waits and takes the token it stored. Without the lease the second
// refresh spends a used refresh token and fails (its replica keeps the old
// token until it expires).
func TestRefreshOnceAcrossReplicas(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	team := Team{ID: "T0AAAAAA1"}
	for _, withLease := range []bool{true, false} {
		t.Run(fmt.Sprintf("lease=%v", withLease), func(t *testing.T) {
			var calls atomic.Int32
			srv := refreshSlack(t, &calls)
			st := &memInstallations{in: map[string]store.Installation{team.ID: {
				TeamID: team.ID, BotToken: "xoxe.xoxb-old", RefreshToken: "xoxe-1-old", ExpiresAt: now.Add(time.Minute)}}}
			var leaseMu sync.Mutex
			held := map[string]bool{}
			lease := func(_ context.Context, key string) (bool, func(), error) {
				leaseMu.Lock()
				defer leaseMu.Unlock()
				if held[key] {
					return false, nil, nil
				}
				held[key] = true
				return true, func() { leaseMu.Lock(); delete(held, key); leaseMu.Unlock() }, nil
			}
			cfg := Config{ClientID: "c", ClientSecret: "s", APIURL: srv.URL + "/", HTTP: srv.Client(), Now: func() time.Time { return now }}
			if withLease {
				cfg.Lease = lease
			}
			log := slog.New(slog.DiscardHandler)
			replicas := []*Source{NewSource(cfg, st, nil, log), NewSource(cfg, st, nil, log)}
			var wg sync.WaitGroup
			tokens := make([]string, 2)
			errs := make([]error, 2)
			for i, src := range replicas {
				wg.Go(func() {
					in, err := src.Installation(t.Context(), team)
					tokens[i], errs[i] = in.BotToken, err
				})
			}
			wg.Wait()
			if withLease {
				if calls.Load() != 1 || errs[0] != nil || errs[1] != nil || tokens[0] != tokens[1] || tokens[0] == "xoxe.xoxb-old" {
					t.Errorf("refresh calls %d; tokens %q; errors %v", calls.Load(), tokens, errs)
				}
				return
			}
			// Without it both refresh; the second spends a used refresh
			// token, and that replica is left on the old token (which it
			// may use until it expires, a minute from now).
			if calls.Load() != 2 || tokens[0] == tokens[1] || errs[0] != nil || errs[1] != nil {
				t.Errorf("without the lease: %d refresh calls, tokens %q, errors %v — the test no longer shows the race it guards", calls.Load(), tokens, errs)
			}
		})
	}
}
