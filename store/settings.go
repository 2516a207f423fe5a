package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// Digest targets. Persisted as their string values.
const (
	// TargetHere posts the digest in the channel itself.
	TargetHere = "channel"
	// TargetOther posts it in another channel.
	TargetOther = "other"
	// TargetLeads sends it to each team lead as a direct message.
	TargetLeads = "leads"
)

// ChannelSettings is what the bot keeps per channel: since when it has cases
// (a channel has a weekly digest from its first case on) and how a team lead
// set up the digest. Zero schedule fields mean the defaults.
type ChannelSettings struct {
	Channel string `json:"channel"`
	// Since is when the channel got its digest: the start of its first
	// case, or the upgrade that brought the digest (migration 2). Digests
	// that fell due before are not posted.
	Since  time.Time      `json:"since"`
	Digest DigestSchedule `json:"digest"`
	// Hold is set while the bot cannot post in the channel (see
	// HoldChannel); nil when it can.
	Hold *ChannelHold `json:"hold,omitempty"`
}

// DigestSchedule is when and where a channel's weekly digest is posted.
type DigestSchedule struct {
	// Set is false until a team lead saved the settings; the bot then uses
	// its defaults (Monday 09:00, in the channel).
	Set bool `json:"set,omitempty"`
	Off bool `json:"off,omitempty"`
	// Day is the English weekday name, e.g. "monday".
	Day    string `json:"day,omitempty"`
	Hour   int    `json:"hour"`
	Minute int    `json:"minute"`
	// Target is TargetHere, TargetOther (with TargetChannel) or
	// TargetLeads.
	Target        string    `json:"target,omitempty"`
	TargetChannel string    `json:"target_channel,omitempty"`
	By            string    `json:"by,omitempty"`
	At            time.Time `json:"at,omitzero"`
}

// registerChannel notes that channel has a case started at start.
func registerChannel(tx kv.Tx, channel string, start time.Time) error {
	b := tx.Bucket(bucketChannels)
	var cs ChannelSettings
	if v := b.Get([]byte(channel)); v != nil {
		if err := json.Unmarshal(v, &cs); err != nil {
			return fmt.Errorf("store: decode settings of %s: %w", channel, err)
		}
		if !cs.Since.IsZero() && !start.Before(cs.Since) {
			return nil
		}
	}
	cs.Channel, cs.Since = channel, start
	return putChannel(tx, &cs)
}

func putChannel(tx kv.Tx, cs *ChannelSettings) error {
	buf, err := json.Marshal(cs)
	if err != nil {
		return fmt.Errorf("store: encode settings of %s: %w", cs.Channel, err)
	}
	if err := tx.Bucket(bucketChannels).Put([]byte(cs.Channel), buf); err != nil {
		return fmt.Errorf("store: put settings of %s: %w", cs.Channel, err)
	}
	return nil
}

// Channels returns the settings of every channel that has cases, in channel
// id order.
func (s *Store) Channels(ctx context.Context) ([]ChannelSettings, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []ChannelSettings
	bad := map[string]error{}
	err := s.view(ctx, func(tx kv.Tx) error {
		return tx.Bucket(bucketChannels).ForEach(func(k, v []byte) error {
			var cs ChannelSettings
			if err := json.Unmarshal(v, &cs); err != nil {
				bad[string(k)] = fmt.Errorf("decode settings: %w", err) // set aside below; the other channels go on
				return nil
			}
			out = append(out, cs)
			return nil
		})
	})
	if err == nil {
		err = s.setAside(bucketChannels, bad)
	}
	return out, err
}

// Channel returns the settings of channel, or ErrNotFound when it has no
// cases.
func (s *Store) Channel(ctx context.Context, channel string) (ChannelSettings, error) {
	if err := ctx.Err(); err != nil {
		return ChannelSettings{}, err
	}
	var cs ChannelSettings
	err := s.view(ctx, func(tx kv.Tx) error {
		v := tx.Bucket(bucketChannels).Get([]byte(channel))
		if v == nil {
			return fmt.Errorf("channel %s: %w", channel, ErrNotFound)
		}
		return json.Unmarshal(v, &cs)
	})
	return cs, err
}

// SetDigestSchedule stores channel's digest schedule. A channel without
// cases gets a record too (Since stays zero until its first case).
func (s *Store) SetDigestSchedule(ctx context.Context, channel string, d DigestSchedule) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.update(ctx, func(tx kv.Tx) error {
		cs := ChannelSettings{Channel: channel}
		if v := tx.Bucket(bucketChannels).Get([]byte(channel)); v != nil {
			if err := json.Unmarshal(v, &cs); err != nil {
				return fmt.Errorf("store: decode settings of %s: %w", channel, err)
			}
		}
		d.Set = true
		cs.Digest = d
		return putChannel(tx, &cs)
	})
}
