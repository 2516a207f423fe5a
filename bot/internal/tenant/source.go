package tenant

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/tokenbox"
)

// ErrNotInstalled is returned for work in a workspace that has no
// installation (never installed, or uninstalled since).
var ErrNotInstalled = errors.New("tenant: the app is not installed in this workspace")

// ErrNoTeam is returned for a Web API call whose context names no
// workspace: in a distributed app there is no token to fall back on.
var ErrNoTeam = errors.New("tenant: a Web API call without a workspace")

// cacheFor is how long an installation read from the store is used
// without reading it again; Put and Forget update the cache at once.
const cacheFor = time.Minute

// RefreshBefore is how long before a rotating token expires it is
// refreshed (Slack's tokens live 12 hours).
const RefreshBefore = 5 * time.Minute

// Installations is what Source needs of the store.
type Installations interface {
	PutInstallation(ctx context.Context, box *tokenbox.Box, in store.Installation) error
	Installation(ctx context.Context, box *tokenbox.Box, enterprise, team string) (store.Installation, error)
	DeleteInstallation(ctx context.Context, enterprise, team string) error
}

// Config is the app's OAuth identity and where Slack's Web API is.
type Config struct {
	ClientID, ClientSecret string
	// APIURL is the Web API base URL, ending in "/api/".
	APIURL string
	// HTTP makes the OAuth calls (oauth.v2.access); it must not be a
	// client whose transport is Transport.
	HTTP *http.Client
	Now  func() time.Time
	// Lease, when set, keeps the replicas sharing the database from
	// refreshing one workspace's token at once: Slack takes a refresh
	// token once, so the second refresh would fail and leave that replica
	// without a token. It returns whether this process may go ahead now
	// under key, and how to let go.
	Lease func(ctx context.Context, key string) (ok bool, release func(), err error)
}

// leaseWait is how long a replica waits between looks at the token another
// replica is refreshing, and leaseTries how many looks it takes at most.
const (
	leaseWait  = 200 * time.Millisecond
	leaseTries = 50
)

// Source gives each workspace its installation, with a bot token that
// works: it is safe for concurrent use.
type Source struct {
	cfg   Config
	store Installations
	box   *tokenbox.Box
	log   *slog.Logger

	mu    sync.Mutex
	cache map[Team]cached
	// refreshMu serialises refreshes: a refresh token is used once.
	refreshMu sync.Mutex
}

type cached struct {
	in store.Installation
	at time.Time
}

// NewSource returns a Source reading installations from st, their tokens
// opened by box.
func NewSource(cfg Config, st Installations, box *tokenbox.Box, log *slog.Logger) *Source {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Source{cfg: cfg, store: st, box: box, log: log, cache: map[Team]cached{}}
}

// Installation returns the installation serving team, refreshing its
// token first when it expires within RefreshBefore. An install for a whole
// Enterprise Grid organisation serves each of its workspaces.
func (s *Source) Installation(ctx context.Context, team Team) (store.Installation, error) {
	in, err := s.lookup(ctx, team)
	if err != nil {
		return store.Installation{}, err
	}
	if in.RefreshToken == "" || in.ExpiresAt.IsZero() || s.cfg.Now().Add(RefreshBefore).Before(in.ExpiresAt) {
		return in, nil
	}
	fresh, err := s.refresh(ctx, in)
	if err != nil && s.cfg.Now().Before(in.ExpiresAt) {
		// The token still works for a few minutes: use it, and refresh
		// at the next call.
		s.log.Warn("bot token refresh failed; the current token is used until it expires", "team", team.ID, "expires", in.ExpiresAt, "err", err)
		return in, nil
	}
	return fresh, err
}

func (s *Source) lookup(ctx context.Context, team Team) (store.Installation, error) {
	now := s.cfg.Now()
	s.mu.Lock()
	c, ok := s.cache[team]
	s.mu.Unlock()
	if ok && now.Sub(c.at) < cacheFor {
		return c.in, nil
	}
	in, err := s.store.Installation(ctx, s.box, team.Enterprise, team.ID)
	if errors.Is(err, store.ErrNotFound) && team.Enterprise != "" {
		in, err = s.store.Installation(ctx, s.box, team.Enterprise, "")
	}
	if errors.Is(err, store.ErrNotFound) {
		return store.Installation{}, ErrNotInstalled
	}
	if err != nil {
		return store.Installation{}, fmt.Errorf("tenant: installation of %s: %w", team.ID, err)
	}
	s.mu.Lock()
	s.cache[team] = cached{in: in, at: now}
	s.mu.Unlock()
	return in, nil
}

// refresh trades in's refresh token for a new token (oauth.v2.access with
// grant_type=refresh_token) and stores both.
func (s *Source) refresh(ctx context.Context, in store.Installation) (store.Installation, error) {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	team := Team{Enterprise: in.EnterpriseID, ID: in.TeamID}
	// Another call may have refreshed it while this one waited.
	s.Forget(team)
	cur, err := s.lookup(ctx, team)
	if err != nil {
		return store.Installation{}, err
	}
	if s.fresh(cur) {
		return cur, nil
	}
	if s.cfg.Lease != nil {
		release, cur, err := s.leaseRefresh(ctx, team)
		if err != nil || release == nil {
			return cur, err // refreshed by another replica meanwhile, or failed
		}
		defer release()
		return s.refreshNow(ctx, team, cur)
	}
	return s.refreshNow(ctx, team, cur)
}

// fresh says whether in's token lives longer than RefreshBefore.
func (s *Source) fresh(in store.Installation) bool {
	return s.cfg.Now().Add(RefreshBefore).Before(in.ExpiresAt)
}

// leaseRefresh takes the lease on refreshing team's token. While another
// replica holds it, it waits and reads the installation again: when that
// replica stored a fresh token, it returns that with a nil release. With
// the lease it reads the installation once more (it may have been
// refreshed just before) and returns the release and what to refresh.
func (s *Source) leaseRefresh(ctx context.Context, team Team) (func(), store.Installation, error) {
	key := "oauth-refresh:" + team.Enterprise + ":" + team.ID
	for range leaseTries {
		ok, release, err := s.cfg.Lease(ctx, key)
		if err != nil {
			return nil, store.Installation{}, fmt.Errorf("tenant: refresh the token of %s: %w", team.ID, err)
		}
		s.Forget(team)
		cur, err := s.lookup(ctx, team)
		if err != nil {
			if ok {
				release()
			}
			return nil, store.Installation{}, err
		}
		if s.fresh(cur) {
			if ok {
				release()
			}
			return nil, cur, nil
		}
		if ok {
			return release, cur, nil
		}
		select {
		case <-ctx.Done():
			return nil, store.Installation{}, ctx.Err()
		case <-time.After(leaseWait):
		}
	}
	return nil, store.Installation{}, fmt.Errorf("tenant: refresh the token of %s: another replica has been refreshing it for %v", team.ID, leaseTries*leaseWait)
}

// refreshNow trades cur's refresh token for new tokens and stores them.
func (s *Source) refreshNow(ctx context.Context, team Team, cur store.Installation) (store.Installation, error) {
	resp, err := slack.RefreshOAuthV2TokenContext(ctx, s.cfg.HTTP, s.cfg.ClientID, s.cfg.ClientSecret, cur.RefreshToken,
		slack.OAuthOptionAPIURL(s.cfg.APIURL))
	if err != nil {
		return store.Installation{}, fmt.Errorf("tenant: refresh the token of %s: %w", team.ID, err)
	}
	cur.BotToken, cur.RefreshToken = resp.AccessToken, resp.RefreshToken
	cur.ExpiresAt = s.cfg.Now().Add(time.Duration(resp.ExpiresIn) * time.Second)
	if err := s.Put(ctx, cur); err != nil {
		return store.Installation{}, err
	}
	s.log.Info("bot token refreshed", "team", team.ID, "expires", cur.ExpiresAt)
	return cur, nil
}

// Put stores in (a new installation, or new tokens) and serves it at once.
func (s *Source) Put(ctx context.Context, in store.Installation) error {
	if err := s.store.PutInstallation(ctx, s.box, in); err != nil {
		return fmt.Errorf("tenant: store the installation of %s: %w", in.TeamID, err)
	}
	s.Forget(Team{Enterprise: in.EnterpriseID, ID: in.TeamID})
	return nil
}

// Delete removes team's installation (the app was uninstalled there).
func (s *Source) Delete(ctx context.Context, team Team) error {
	s.Forget(team)
	if err := s.store.DeleteInstallation(ctx, team.Enterprise, team.ID); err != nil {
		return fmt.Errorf("tenant: delete the installation of %s: %w", team.ID, err)
	}
	s.Forget(team)
	return nil
}

// Forget drops what the cache holds for team, and for the workspaces an
// organisation-wide install served.
func (s *Source) Forget(team Team) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for t := range s.cache {
		if t == team || (team.ID == "" && t.Enterprise == team.Enterprise) {
			delete(s.cache, t)
		}
	}
}
