package store

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Workspaces. A case remembers the Slack workspace (and Enterprise Grid
// organisation) it was started from, so that an installation for several
// workspaces of one organisation keeps their cases apart. Cases stored
// before that was recorded belong to the one workspace the bot served:
// AdoptTeam gives them its team, once.

// consoleChannel is the channel of the console's cases
// (dialogs.ConsoleChannel), which belong to no workspace.
const consoleChannel = "console"

// keyTeamsAdopted marks in the meta bucket that every case has a team.
var keyTeamsAdopted = []byte("teams_adopted")

// AdoptTeam gives every Slack case without a workspace the team (and
// enterprise) of the installation, and reports how many it changed. It
// reads every case only the first time; afterwards it returns at once. The
// console's cases stay without a team.
func (s *Store) AdoptTeam(ctx context.Context, team, enterprise string) (int, error) {
	if team == "" {
		return 0, nil
	}
	done := false
	var ids []int64
	err := s.view(ctx, func(tx kv.Tx) error {
		if tx.Bucket(bucketMeta).Get(keyTeamsAdopted) != nil {
			done = true
			return nil
		}
		return tx.Bucket(bucketCases).ForEach(func(k, _ []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			c, err := scanCase(tx, int64(binary.BigEndian.Uint64(k)))
			if err != nil {
				return nil // an undecodable case is set aside by the readers
			}
			if c.Team == "" && c.Channel != consoleChannel {
				ids = append(ids, c.ID)
			}
			return nil
		})
	})
	if err != nil || done {
		return 0, err
	}
	for _, id := range ids {
		_, err := s.UpdateCase(ctx, id, func(c *record.Case) error {
			if c.Team == "" {
				c.Team, c.Enterprise = team, enterprise
			}
			return nil
		})
		if err != nil {
			return 0, fmt.Errorf("store: adopt case %d for team %s: %w", id, team, err)
		}
	}
	err = s.write(func(tx kv.Tx) error { return tx.Bucket(bucketMeta).Put(keyTeamsAdopted, []byte(team)) })
	if err != nil {
		return 0, fmt.Errorf("store: adopt teams: %w", err)
	}
	return len(ids), nil
}
