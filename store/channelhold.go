package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Why the bot cannot post in a channel. Persisted as their string values.
const (
	// HoldArchived: the channel was archived.
	HoldArchived = "archived"
	// HoldRemoved: the bot was removed from the channel (or Slack said
	// it is not in it).
	HoldRemoved = "removed"
	// HoldGone: Slack does not know the channel (any more).
	HoldGone = "gone"
)

// ChannelHold says why and since when the bot cannot post in a channel.
// Its cases stay in the store, readable and findable; only the Slack work
// for the channel waits (the outbox holds its jobs, the digest goes to the
// team leads instead).
type ChannelHold struct {
	Why   string    `json:"why"`
	Since time.Time `json:"since"`
}

// getChannel reads channel's settings in tx; a channel without a record
// gets a fresh one.
func getChannel(tx kv.Tx, channel string) (ChannelSettings, error) {
	cs := ChannelSettings{Channel: channel}
	if v := tx.Bucket(bucketChannels).Get([]byte(channel)); v != nil {
		if err := json.Unmarshal(v, &cs); err != nil {
			return cs, fmt.Errorf("store: decode settings of %s: %w", channel, err)
		}
	}
	return cs, nil
}

// HoldChannel records that the bot cannot post in channel, for why, since
// at. It reports whether that is news: the channel was not held, or held
// for another reason (then Since stays the first moment).
func (s *Store) HoldChannel(ctx context.Context, channel, why string, at time.Time) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	news := false
	err := s.update(ctx, func(tx kv.Tx) error {
		cs, err := getChannel(tx, channel)
		if err != nil {
			return err
		}
		switch {
		case cs.Hold == nil:
			cs.Hold = &ChannelHold{Why: why, Since: at}
		case cs.Hold.Why != why:
			cs.Hold.Why = why
		default:
			return nil
		}
		news = true
		return putChannel(tx, &cs)
	})
	if err != nil {
		return false, fmt.Errorf("store: hold channel %s: %w", channel, err)
	}
	return news, nil
}

// ReleaseChannel records that the bot can post in channel again. It
// returns the hold it lifted, if there was one.
func (s *Store) ReleaseChannel(ctx context.Context, channel string) (*ChannelHold, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var was *ChannelHold
	err := s.update(ctx, func(tx kv.Tx) error {
		cs, err := getChannel(tx, channel)
		if err != nil || cs.Hold == nil {
			return err
		}
		was, cs.Hold = cs.Hold, nil
		return putChannel(tx, &cs)
	})
	if err != nil {
		return nil, fmt.Errorf("store: release channel %s: %w", channel, err)
	}
	return was, nil
}

// HeldChannels returns the channels the bot cannot post in, with why.
func (s *Store) HeldChannels(ctx context.Context) (map[string]ChannelHold, error) {
	chans, err := s.Channels(ctx)
	if err != nil {
		return nil, err
	}
	held := map[string]ChannelHold{}
	for _, cs := range chans {
		if cs.Hold != nil {
			held[cs.Channel] = *cs.Hold
		}
	}
	return held, nil
}
