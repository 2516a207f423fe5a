package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// The weekly digest's buckets. Never rename one without a migration.
var (
	// bucketActivity orders a channel's cases by their last change:
	// chanTimeKey(channel, UpdatedAt, id) → status. A digest reads the
	// cases changed since a week began, and finds idle open cases from the
	// keys and values alone, without decoding every case.
	bucketActivity = []byte("chan_activity")
	// bucketDigestPosts records each digest posted: channel NUL week →
	// JSON DigestPost.
	bucketDigestPosts = []byte("digest_posts")
	// bucketPermalinks caches thread permalinks: channel NUL ts → URL.
	bucketPermalinks = []byte("permalinks")
	// bucketChannels holds the channel settings: channel → JSON
	// ChannelSettings.
	bucketChannels = []byte("channels")
)

// digestBuckets are created at open.
func digestBuckets() [][]byte {
	return [][]byte{bucketActivity, bucketDigestPosts, bucketPermalinks, bucketChannels}
}

// activityTime is the time a case is indexed under in chan_activity.
func activityTime(c *record.Case) time.Time {
	if c.UpdatedAt.Before(minStart) {
		return minStart
	}
	return c.UpdatedAt
}

// indexActivity adds c to the activity index and registers its channel.
func indexActivity(tx kv.Tx, c *record.Case) error {
	if err := tx.Bucket(bucketActivity).Put(chanTimeKey(c.Channel, activityTime(c), c.ID), []byte(c.Status)); err != nil {
		return fmt.Errorf("store: index activity of case %d: %w", c.ID, err)
	}
	return registerChannel(tx, c.Channel, c.StartedAt)
}

// reindexActivity moves c in the activity index from where it was before a
// change (oldChannel, oldUpdated) to where it is now.
func reindexActivity(tx kv.Tx, oldChannel string, oldUpdated time.Time, c *record.Case) error {
	old := &record.Case{ID: c.ID, Channel: oldChannel, UpdatedAt: oldUpdated}
	if oldChannel == c.Channel && activityTime(old).Equal(activityTime(c)) {
		v := tx.Bucket(bucketActivity).Get(chanTimeKey(c.Channel, activityTime(c), c.ID))
		if v != nil && string(v) == string(c.Status) {
			return nil // the entry is right (bbolt writes every page touched)
		}
	}
	if err := unindexActivity(tx, old); err != nil {
		return err
	}
	return indexActivity(tx, c)
}

// unindexActivity removes c from the activity index.
func unindexActivity(tx kv.Tx, c *record.Case) error {
	if err := tx.Bucket(bucketActivity).Delete(chanTimeKey(c.Channel, activityTime(c), c.ID)); err != nil {
		return fmt.Errorf("store: unindex activity of case %d: %w", c.ID, err)
	}
	return nil
}

// forgetDigest removes what the digest keeps of a deleted case: its place
// in the activity index and its thread's cached permalink.
func forgetDigest(tx kv.Tx, c *record.Case) error {
	if err := unindexActivity(tx, c); err != nil {
		return err
	}
	if c.Thread != "" {
		if err := tx.Bucket(bucketPermalinks).Delete(threadKey(c.Channel, c.Thread)); err != nil {
			return fmt.Errorf("store: forget permalink of case %d: %w", c.ID, err)
		}
	}
	return nil
}

// buildDigestIndexes fills the activity index and the channel list from the
// stored cases (migration 2). The channels that already have cases get their
// digest from now on: the upgrade does not post last week's digest in every
// channel at once as if the bot had been down.
func buildDigestIndexes(ctx context.Context, tx kv.Tx) error {
	err := tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		var c record.Case
		if err := json.Unmarshal(v, &c); err != nil {
			return nil // left out; set aside when a loop meets it (quarantine.go)
		}
		return indexActivity(tx, &c)
	})
	if err != nil {
		return err
	}
	now := time.Now()
	var all []ChannelSettings
	err = tx.Bucket(bucketChannels).ForEach(func(k, v []byte) error {
		var cs ChannelSettings
		if err := json.Unmarshal(v, &cs); err != nil {
			return fmt.Errorf("decode settings of %s: %w", k, err)
		}
		all = append(all, cs)
		return nil
	})
	if err != nil {
		return err
	}
	for _, cs := range all {
		cs.Since = now
		if err := putChannel(tx, &cs); err != nil {
			return err
		}
	}
	return nil
}

// DigestCases returns the channel's cases a weekly digest needs: every case
// changed at or after since, and the open and paused cases last changed
// before idleBefore. It reads the activity index, so it decodes only those cases,
// not every case of the channel. The order is by last change, oldest first.
// A team keeps to the cases of that Slack workspace ("": every case).
func (s *Store) DigestCases(ctx context.Context, channel, team string, since, idleBefore time.Time) ([]*record.Case, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if since.Before(minStart) {
		since = minStart
	}
	var out []*record.Case
	bad := map[string]error{}
	err := s.view(ctx, func(tx kv.Tx) error {
		prefix := append([]byte(channel), 0)
		cur := tx.Bucket(bucketActivity).Cursor()
		sinceKey := chanTimeKey(channel, since, 0)
		idleKey := chanTimeKey(channel, idleBefore, 0)
		get := func(k []byte) error {
			id := int64(binary.BigEndian.Uint64(k[len(k)-8:]))
			c, err := scanCase(tx, id)
			if errors.Is(err, errUndecodable) {
				bad[string(itob(id))] = err // set aside below; the others go on
				return nil
			}
			if errors.Is(err, ErrNotFound) {
				return nil // set aside earlier: its index entries stay behind
			}
			if err != nil {
				return err
			}
			if team == "" || c.Team == team {
				out = append(out, c)
			}
			return nil
		}
		ours := func(k []byte) bool { return len(k) == len(prefix)+16 && bytes.HasPrefix(k, prefix) }
		// Open and paused cases idle since before idleBefore (and before
		// since, so nothing is read twice): keys and values only. Paused
		// ones may wait for information, which the digest lists.
		for k, v := cur.Seek(prefix); k != nil && ours(k) && bytes.Compare(k, idleKey) < 0 && bytes.Compare(k, sinceKey) < 0; k, v = cur.Next() {
			if string(v) == string(record.StatusOpen) || string(v) == string(record.StatusPaused) {
				if err := get(k); err != nil {
					return err
				}
			}
		}
		for k, _ := cur.Seek(sinceKey); k != nil && ours(k); k, _ = cur.Next() {
			if err := get(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = s.setAside(bucketCases, bad)
	}
	if err != nil {
		return nil, fmt.Errorf("store: digest cases of %s: %w", channel, err)
	}
	return out, nil
}

// Send states of a digest to one target.
const (
	// SendSending: the post was begun and its outcome is not known (the
	// process may have stopped during it). It is not posted again.
	SendSending = "sending"
	// SendPosted: the post is in Slack, with its ts (none when the digest
	// was empty and nothing was posted).
	SendPosted = "posted"
	// SendFailed: Slack refused the post MaxDigestAttempts times; the bot
	// gave up on this week for this target.
	SendFailed = "failed"
)

// MaxDigestAttempts is how often a refused digest post is tried.
const MaxDigestAttempts = 5

// DigestPost records a channel's digest of one week: per target (a channel
// or user id) whether and where it was posted.
type DigestPost struct {
	Channel string                 `json:"channel"`
	Week    string                 `json:"week"`
	Sends   map[string]*DigestSend `json:"sends,omitempty"`
}

// DigestSend is the digest's post to one target.
type DigestSend struct {
	State string    `json:"state,omitempty"`
	TS    string    `json:"ts,omitempty"`
	In    string    `json:"in,omitempty"` // the channel Slack posted in
	At    time.Time `json:"at"`
	// Attempts counts the posts begun; LastError is the last refusal.
	Attempts  int    `json:"attempts"`
	LastError string `json:"last_error,omitempty"`
}

func digestKey(channel, week string) []byte { return []byte(channel + "\x00" + week) }

// DigestPostOf returns the record of channel's digest of week, or
// ErrNotFound.
func (s *Store) DigestPostOf(ctx context.Context, channel, week string) (*DigestPost, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var p *DigestPost
	err := s.view(ctx, func(tx kv.Tx) error {
		var err error
		p, err = getDigestPost(tx, channel, week)
		return err
	})
	return p, err
}

func getDigestPost(tx kv.Tx, channel, week string) (*DigestPost, error) {
	v := tx.Bucket(bucketDigestPosts).Get(digestKey(channel, week))
	if v == nil {
		return nil, fmt.Errorf("digest %s %s: %w", channel, week, ErrNotFound)
	}
	var p DigestPost
	if err := json.Unmarshal(v, &p); err != nil {
		return nil, fmt.Errorf("store: decode digest %s %s: %w", channel, week, err)
	}
	return &p, nil
}

// updateDigestSend changes the send of (channel, week, target) in one
// transaction.
func (s *Store) updateDigestSend(ctx context.Context, channel, week, target string, fn func(*DigestSend) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.update(ctx, func(tx kv.Tx) error {
		p, err := getDigestPost(tx, channel, week)
		if err != nil {
			p = &DigestPost{Channel: channel, Week: week}
		}
		if p.Sends == nil {
			p.Sends = map[string]*DigestSend{}
		}
		send := p.Sends[target]
		if send == nil {
			send = &DigestSend{}
			p.Sends[target] = send
		}
		if err := fn(send); err != nil {
			return err
		}
		buf, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("store: encode digest %s %s: %w", channel, week, err)
		}
		return tx.Bucket(bucketDigestPosts).Put(digestKey(channel, week), buf)
	})
}

// errAlready stops BeginDigestSend's update without writing.
var errAlready = fmt.Errorf("already begun")

// BeginDigestSend marks the digest of (channel, week) to target as being
// sent, before the post, and reports true; of two callers exactly one gets
// true. It reports false with the existing send when the digest was posted
// or begun before (also by an earlier process that stopped during the
// post): the caller must not post it again.
func (s *Store) BeginDigestSend(ctx context.Context, channel, week, target string, at time.Time) (bool, DigestSend, error) {
	var prev DigestSend
	err := s.updateDigestSend(ctx, channel, week, target, func(d *DigestSend) error {
		if d.State != "" {
			prev = *d
			return errAlready
		}
		d.State, d.At = SendSending, at
		d.Attempts++
		return nil
	})
	switch {
	case err == errAlready:
		return false, prev, nil
	case err != nil:
		return false, DigestSend{}, fmt.Errorf("store: begin digest %s %s: %w", channel, week, err)
	}
	return true, DigestSend{}, nil
}

// FinishDigestSend records that the digest was posted in channel in as ts.
func (s *Store) FinishDigestSend(ctx context.Context, channel, week, target, in, ts string, at time.Time) error {
	err := s.updateDigestSend(ctx, channel, week, target, func(d *DigestSend) error {
		d.State, d.In, d.TS, d.At, d.LastError = SendPosted, in, ts, at, ""
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: finish digest %s %s: %w", channel, week, err)
	}
	return nil
}

// AbortDigestSend records that Slack refused the post (nothing was posted):
// the send may be begun again, unless it was tried MaxDigestAttempts times;
// then it is marked failed and gaveUp is true.
func (s *Store) AbortDigestSend(ctx context.Context, channel, week, target, reason string) (gaveUp bool, err error) {
	err = s.updateDigestSend(ctx, channel, week, target, func(d *DigestSend) error {
		d.State, d.LastError = "", reason
		if d.Attempts >= MaxDigestAttempts {
			d.State, gaveUp = SendFailed, true
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: abort digest %s %s: %w", channel, week, err)
	}
	return gaveUp, nil
}

// Permalinks returns the cached permalinks of the given message ts in
// channel (those not cached are absent).
func (s *Store) Permalinks(ctx context.Context, channel string, ts []string) (map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := map[string]string{}
	err := s.view(ctx, func(tx kv.Tx) error {
		b := tx.Bucket(bucketPermalinks)
		for _, t := range ts {
			if v := b.Get(threadKey(channel, t)); v != nil {
				out[t] = string(v)
			}
		}
		return nil
	})
	return out, err
}

// PutPermalinks caches permalinks of messages in channel, by ts.
func (s *Store) PutPermalinks(ctx context.Context, channel string, links map[string]string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.update(ctx, func(tx kv.Tx) error {
		b := tx.Bucket(bucketPermalinks)
		for t, url := range links {
			if err := b.Put(threadKey(channel, t), []byte(url)); err != nil {
				return fmt.Errorf("store: cache permalink: %w", err)
			}
		}
		return nil
	})
}
