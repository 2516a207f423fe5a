package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
	"github.com/maatwerkbot/maatwerkbot/store/tokenbox"
)

// Installations: the workspaces that added the app through Slack's OAuth
// flow (issue 18.1), each with its own bot token. They are kept under
// their enterprise and team id; the tokens only sealed (tokenbox), never
// in the clear.

// bucketInstallations holds one installation per enterprise and team.
var bucketInstallations = []byte("installations")

// Installation is the app installed in one workspace (or, for an
// organisation-wide install, one Enterprise Grid organisation: TeamID
// empty).
type Installation struct {
	EnterpriseID string
	TeamID       string
	TeamName     string
	BotUserID    string
	// BotToken is the bot token (xoxb-…); RefreshToken and ExpiresAt are
	// set when token rotation is on.
	BotToken     string
	RefreshToken string
	ExpiresAt    time.Time
	Scopes       []string
	InstalledBy  string
	InstalledAt  time.Time
}

// installationRecord is an Installation as stored: the tokens sealed.
type installationRecord struct {
	EnterpriseID string    `json:"enterprise_id,omitempty"`
	TeamID       string    `json:"team_id,omitempty"`
	TeamName     string    `json:"team_name,omitempty"`
	BotUserID    string    `json:"bot_user_id"`
	BotToken     []byte    `json:"bot_token"`
	RefreshToken []byte    `json:"refresh_token,omitempty"`
	ExpiresAt    time.Time `json:"expires_at,omitzero"`
	Scopes       []string  `json:"scopes,omitempty"`
	InstalledBy  string    `json:"installed_by,omitempty"`
	InstalledAt  time.Time `json:"installed_at"`
}

// installationKey is the key of an installation: enterprise, NUL, team.
// It is also the owner its tokens are sealed for.
func installationKey(enterprise, team string) string { return enterprise + "\x00" + team }

// PutInstallation stores in (replacing an earlier installation of the same
// enterprise and team) with its tokens sealed by box.
func (s *Store) PutInstallation(ctx context.Context, box *tokenbox.Box, in Installation) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if in.EnterpriseID == "" && in.TeamID == "" {
		return errors.New("store: an installation needs an enterprise or a team id")
	}
	key := installationKey(in.EnterpriseID, in.TeamID)
	rec := installationRecord{EnterpriseID: in.EnterpriseID, TeamID: in.TeamID, TeamName: in.TeamName,
		BotUserID: in.BotUserID, ExpiresAt: in.ExpiresAt, Scopes: in.Scopes, InstalledBy: in.InstalledBy, InstalledAt: in.InstalledAt}
	var err error
	if rec.BotToken, err = box.Seal(in.BotToken, key); err != nil {
		return err
	}
	if rec.RefreshToken, err = box.Seal(in.RefreshToken, key); err != nil {
		return err
	}
	raw, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("store: encode installation: %w", err)
	}
	return s.write(func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketInstallations)
		if err != nil {
			return fmt.Errorf("store: installations: %w", err)
		}
		return b.Put([]byte(key), raw)
	})
}

// Installation returns the installation of enterprise and team with its
// tokens opened by box, or ErrNotFound. A token that does not open (another
// key) is an error that says so.
func (s *Store) Installation(ctx context.Context, box *tokenbox.Box, enterprise, team string) (Installation, error) {
	if err := ctx.Err(); err != nil {
		return Installation{}, err
	}
	key := installationKey(enterprise, team)
	var raw []byte
	err := s.view(ctx, func(tx kv.Tx) error {
		if b := tx.Bucket(bucketInstallations); b != nil {
			raw = append([]byte(nil), b.Get([]byte(key))...)
		}
		return nil
	})
	if err != nil {
		return Installation{}, fmt.Errorf("store: installation: %w", err)
	}
	if len(raw) == 0 {
		return Installation{}, ErrNotFound
	}
	var rec installationRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		return Installation{}, fmt.Errorf("store: decode installation of %s/%s: %w", enterprise, team, err)
	}
	in := Installation{EnterpriseID: rec.EnterpriseID, TeamID: rec.TeamID, TeamName: rec.TeamName, BotUserID: rec.BotUserID,
		ExpiresAt: rec.ExpiresAt, Scopes: rec.Scopes, InstalledBy: rec.InstalledBy, InstalledAt: rec.InstalledAt}
	if in.BotToken, err = box.Open(rec.BotToken, key); err != nil {
		return Installation{}, fmt.Errorf("store: bot token of %s/%s: %w", enterprise, team, err)
	}
	if in.RefreshToken, err = box.Open(rec.RefreshToken, key); err != nil {
		return Installation{}, fmt.Errorf("store: refresh token of %s/%s: %w", enterprise, team, err)
	}
	return in, nil
}

// DeleteInstallation removes the installation of enterprise and team (the
// app was uninstalled there); removing one that is not there is no error.
func (s *Store) DeleteInstallation(ctx context.Context, enterprise, team string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.write(func(tx kv.Tx) error {
		b := tx.Bucket(bucketInstallations)
		if b == nil {
			return nil
		}
		return b.Delete([]byte(installationKey(enterprise, team)))
	})
}
