package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// EraseTeam erases every case of one Slack workspace (record.Case.Team, and
// its enterprise when given), as EraseAll erases every case: with its index
// entries and owed Slack work. It returns the erased cases' ids; the data
// leaves the file at the next Compact. For MAATWERK_ON_UNINSTALL=erase in
// a distributed app, where one workspace uninstalls and the others stay.
// An empty team erases nothing.
func (s *Store) EraseTeam(ctx context.Context, enterprise, team string) ([]int64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if team == "" {
		return nil, nil
	}
	var ids []int64
	err := s.view(ctx, func(tx kv.Tx) error {
		return tx.Bucket(bucketCases).ForEach(func(_, v []byte) error {
			var c struct {
				ID         int64  `json:"id"`
				Team       string `json:"team"`
				Enterprise string `json:"enterprise"`
			}
			if json.Unmarshal(v, &c) != nil {
				return nil // unreadable: Purge sets it aside
			}
			if c.Team == team && (enterprise == "" || c.Enterprise == "" || c.Enterprise == enterprise) {
				ids = append(ids, c.ID)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: erase team %s: %w", team, err)
	}
	var gone []int64
	for _, id := range ids {
		if err := s.DeleteCase(ctx, id); err != nil && !errors.Is(err, ErrNotFound) {
			return gone, fmt.Errorf("store: erase team %s: %w", team, err)
		}
		gone = append(gone, id)
	}
	return gone, nil
}
