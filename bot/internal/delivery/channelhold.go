package delivery

import (
	"context"
	"errors"
	"sync"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// Channels closed to the bot. When a case's channel is archived, deleted or
// the bot is removed from it (Slack's channel events, or a not_in_channel,
// is_archived or channel_not_found answer to a post), the channel is held
// (store.HoldChannel): its cases stay in the store, readable and findable,
// the outbox leaves its jobs queued instead of burning them into problems
// on the cases, and the weekly digest goes to the team leads instead. One
// line is logged when a channel is held and one when it is released: on
// channel_unarchive, when the bot is added again, or when a new case's
// root message could be posted there after all.

// heldChannels caches store.HeldChannels; loaded at first use.
type heldChannels struct {
	mu     sync.Mutex
	loaded bool
	m      map[string]store.ChannelHold
}

// ChannelClosed returns why err, Slack's answer to a post in a channel,
// says the bot cannot post there (a store.Hold… value).
func ChannelClosed(err error) (string, bool) {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) {
		return "", false
	}
	switch se.Err {
	case "not_in_channel":
		return store.HoldRemoved, true
	case "is_archived":
		return store.HoldArchived, true
	case "channel_not_found":
		return store.HoldGone, true
	}
	return "", false
}

// heldNow returns the held channels, from the store at first use and
// from the cache after.
func (dl *Deliverer) heldNow(ctx context.Context) (map[string]store.ChannelHold, error) {
	h := &dl.held
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.loaded {
		m, err := dl.store.HeldChannels(ctx)
		if err != nil {
			return nil, err
		}
		h.m, h.loaded = m, true
	}
	out := make(map[string]store.ChannelHold, len(h.m))
	for ch, hold := range h.m {
		out[ch] = hold
	}
	return out, nil
}

// Held reports whether the bot cannot post in channel, and why.
func (dl *Deliverer) Held(ctx context.Context, channel string) (store.ChannelHold, bool) {
	m, err := dl.heldNow(ctx)
	if err != nil {
		dl.log.Error("read held channels", "err", err)
		return store.ChannelHold{}, false
	}
	hold, ok := m[channel]
	return hold, ok
}

// HoldChannel records that the bot cannot post in channel, for why (a
// store.Hold… value), and logs it once.
func (dl *Deliverer) HoldChannel(ctx context.Context, channel, why string) error {
	if _, err := dl.heldNow(ctx); err != nil {
		return err
	}
	h := &dl.held
	h.mu.Lock()
	defer h.mu.Unlock()
	now := dl.cfg.Now()
	news, err := dl.store.HoldChannel(ctx, channel, why, now)
	if err != nil {
		return err
	}
	if !news {
		return nil
	}
	hold, ok := h.m[channel]
	if !ok {
		hold.Since = now
	}
	hold.Why = why
	h.m[channel] = hold
	dl.log.Warn("Slack channel closed to the bot; its deliveries wait and its digest goes to the team leads, its cases are kept",
		"channel", channel, "why", why)
	return nil
}

// ReleaseChannel records that the bot can post in channel again (how: what
// showed it) and wakes the outbox for the jobs it held.
func (dl *Deliverer) ReleaseChannel(ctx context.Context, channel, how string) error {
	if _, err := dl.heldNow(ctx); err != nil {
		return err
	}
	h := &dl.held
	h.mu.Lock()
	was, err := dl.store.ReleaseChannel(ctx, channel)
	if err == nil {
		delete(h.m, channel)
	}
	h.mu.Unlock()
	if err != nil || was == nil {
		return err
	}
	dl.log.Info("Slack channel open to the bot again; resuming its deliveries", "channel", channel, "how", how,
		"held_since", was.Since, "was", was.Why)
	dl.Kick()
	return nil
}

// unheld returns the jobs of a held channel that are delivered all the
// same: those of cases without a root message yet. Posting it tells the
// starter that the bot cannot post there, or shows that it can again.
func (dl *Deliverer) unheld(ctx context.Context, queue []store.Job) []store.Job {
	var out []store.Job
	fresh := map[int64]bool{}
	for _, j := range queue {
		is, seen := fresh[j.Case]
		if !seen {
			c, err := dl.store.Case(ctx, j.Case)
			is = errors.Is(err, store.ErrNotFound) || (err == nil && c.Thread == "")
			fresh[j.Case] = is
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				dl.log.Error("read case of a held channel", "case", record.FormatKey(j.Case), "err", err)
			}
		}
		if is {
			out = append(out, j)
		}
	}
	return out
}
