package delivery

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// syncRoot updates the case's root message when rootPacer says so, or
// leaves a root-only job in the outbox for when it may; due says such a
// job's time has come.
func (dl *Deliverer) syncRoot(ctx context.Context, c *record.Case, due bool) error {
	ts := c.Post(PostRoot)
	if ts == "" {
		return nil
	}
	now := dl.cfg.Now()
	if !due && dl.Roots.Owes(c.ID, c.Status, now) {
		return nil
	}
	blocks, text := dl.render.Root(c)
	hash := rootHash(blocks, text)
	act, at := dl.Roots.Decide(c.ID, c.Status, hash, now, due)
	switch act {
	case RootSame, RootOwed:
		return nil
	case RootDefer:
		job := store.Job{Case: c.ID, Channel: c.Channel, Payload: SyncOpts{rootDue: true, CatchUp: true}.Payload(), Created: now, NotBefore: at}
		if err := dl.store.Enqueue(ctx, job); err != nil {
			return fmt.Errorf("owe the root message an update: %w", err)
		}
		dl.Roots.Owe(c.ID)
		dl.Kick() // the worker learns when the job is due
		return nil
	}
	if err := dl.Update(ctx, c.Channel, ts, blocks, text); err != nil {
		return err
	}
	dl.Roots.Sent(c.ID, c.Status, hash, now)
	return nil
}

// postSummary posts the summary as a broadcast reply in the case's thread
// (so it shows in the channel), split over several messages when long; a
// summary posted before is updated in place.
func (dl *Deliverer) postSummary(ctx context.Context, c *record.Case) error {
	blocks, text := dl.render.Summary(c, "")
	parts := render.SplitBlocks(blocks, render.MaxMessageChars, render.MaxBlocks)
	for i, part := range parts {
		key := postSummary
		if i > 0 {
			key = postSummary + "." + strconv.Itoa(i+1)
		}
		if ts := c.Post(key); ts != "" {
			if err := dl.Update(ctx, c.Channel, ts, part, text); err != nil {
				return fmt.Errorf("update summary of %s: %w", c.Key(), err)
			}
			continue
		}
		ts, err := dl.PostCase(ctx, c.ID, key, c.Channel, c.Thread, i == 0, part, text)
		if err != nil {
			return fmt.Errorf("post summary of %s: %w", c.Key(), err)
		}
		if err := dl.SavePost(ctx, c.ID, key, ts); err != nil {
			return err
		}
	}
	return nil
}

// forgetPost removes a Posts key of the case.
func (dl *Deliverer) forgetPost(ctx context.Context, id int64, key string) error {
	_, err := dl.store.UpdateCase(ctx, id, func(c *record.Case) error {
		delete(c.Posts, key)
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget message %s: %w", key, err)
	}
	return nil
}

func (dl *Deliverer) SavePost(ctx context.Context, id int64, key, ts string) error {
	_, err := dl.store.UpdateCase(ctx, id, func(c *record.Case) error {
		c.SetPost(key, ts)
		return nil
	})
	if err != nil {
		return fmt.Errorf("remember message %s: %w", key, err)
	}
	return nil
}

// Post posts a message in channel (in thread when not "", also to the
// channel when broadcast) and returns its ts. A message of a case's that
// the store records goes through PostCase instead (adopt.go).
func (dl *Deliverer) Post(ctx context.Context, channel, thread string, broadcast bool, blocks []slack.Block, text string) (string, error) {
	return dl.post(ctx, channel, thread, broadcast, blocks, text)
}

func (dl *Deliverer) post(ctx context.Context, channel, thread string, broadcast bool, blocks []slack.Block, text string, extra ...slack.MsgOption) (string, error) {
	opts := []slack.MsgOption{slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false), render.NoUnfurl()}
	opts = append(opts, extra...)
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
		if broadcast {
			opts = append(opts, slack.MsgOptionBroadcast())
		}
	}
	_, ts, err := dl.api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return "", err
	}
	return ts, nil
}

// postRoot posts a new case's root message in its channel and remembers
// its thread; it returns the case as stored then. If the bot cannot post
// there, the starter is told why, the case is removed again and postRoot
// returns nil, nil. The caller holds the case's lock.
func (dl *Deliverer) postRoot(ctx context.Context, c *record.Case, responseURL string) (*record.Case, error) {
	blocks, text := dl.render.Root(c)
	ts, err := dl.PostCase(ctx, c.ID, PostRoot, c.Channel, "", false, blocks, text)
	if err != nil {
		if IsNotInChannel(err) {
			dl.Ephemeral(ctx, responseURL, c.Channel, c.StartedBy, dialogs.TextsFor(c.Lang).NotInChannel)
			if derr := dl.store.DeleteCase(ctx, c.ID); derr != nil && !errors.Is(derr, store.ErrNotFound) {
				return nil, derr
			}
			return nil, nil
		}
		err = deliveryError("post root of "+c.Key(), err)
		var pe *PermanentError
		if errors.As(err, &pe) {
			dl.Ephemeral(ctx, responseURL, c.Channel, c.StartedBy, dialogs.TextsFor(c.Lang).SomethingWrong)
		}
		return nil, err
	}
	dl.Roots.Sent(c.ID, c.Status, rootHash(blocks, text), dl.cfg.Now())
	if _, held := dl.Held(ctx, c.Channel); held {
		if err := dl.ReleaseChannel(ctx, c.Channel, "a new case's root message was posted"); err != nil {
			dl.log.Error("release channel", "channel", c.Channel, "err", err)
		}
	}
	c, err = dl.store.UpdateCase(ctx, c.ID, func(c *record.Case) error {
		c.Thread = ts
		c.SetPost(PostRoot, ts)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("remember thread of case: %w", err)
	}
	return c, nil
}

func IsNotInChannel(err error) bool {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err == "not_in_channel" || se.Err == "channel_not_found" || se.Err == "is_archived"
	}
	s := err.Error()
	return s == "not_in_channel" || s == "channel_not_found" || s == "is_archived"
}
