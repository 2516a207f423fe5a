package delivery

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// A message posted to Slack is recorded in the store (its ts in the case's
// Posts) only after Slack answered. A process that dies in between — a
// replica killed, or the one process killed with -9 — leaves a message in
// Slack that the store does not know, and whoever delivers the job next
// would post it again. So every message the outbox posts for a case
// carries Slack message metadata naming the case and its Posts key
// (PostCase), and before a case is delivered by a process that took its
// channel over from a dead replica, or for a job that was in the outbox
// before this process started, the case's messages are looked up in Slack
// (its thread, and the channel for a root message not recorded) and those
// the store does not know are adopted. Then only what is still missing is
// posted.

// PostEventType is the metadata event type of the messages posted for a
// case; its payload holds "case" (the case id in decimal) and "key" (its
// Posts key).
const PostEventType = "maatwerk_post"

// adoptPages bounds the look-up: pages of adoptPageSize messages of the
// thread, and of the channel for a root message.
const (
	adoptPages    = 5
	adoptPageSize = 200
)

// PostMetadata is the metadata of message key of case id.
func PostMetadata(id int64, key string) slack.SlackMetadata {
	return slack.SlackMetadata{EventType: PostEventType,
		EventPayload: map[string]any{"case": strconv.FormatInt(id, 10), "key": key}}
}

// PostCase posts message key of case id like Post, tagged with PostMetadata
// so that it is found again if this process dies before recording it.
func (dl *Deliverer) PostCase(ctx context.Context, id int64, key, channel, thread string, broadcast bool, blocks []slack.Block, text string) (string, error) {
	return dl.post(ctx, channel, thread, broadcast, blocks, text, slack.MsgOptionMetadata(PostMetadata(id, key)))
}

// postOf reads a message's metadata: the case and Posts key it was posted
// for, if it is one of the outbox's.
func postOf(m slack.Message) (id int64, key string, ok bool) {
	md := m.Metadata
	if md.EventType != PostEventType {
		return 0, "", false
	}
	cs, _ := md.EventPayload["case"].(string)
	key, _ = md.EventPayload["key"].(string)
	id, err := strconv.ParseInt(cs, 10, 64)
	if err != nil || key == "" {
		return 0, "", false
	}
	return id, key, true
}

// fromBefore reports whether job j was in the outbox before this process
// started and its case has not been looked up in Slack since.
//
// On a shared database the leases tell instead: a replica that stops
// releases its channels, and one that dies leaves its leases to run out,
// so the next claim says TakenOver. A job from before this replica started
// is suspect only then, which spares a look-up per case after every
// restart (Slack allows conversations.replies once a minute to an app
// distributed outside its Marketplace).
func (dl *Deliverer) fromBefore(j store.Job) bool {
	if !j.Created.Before(dl.started) || dl.store.Shared() {
		return false
	}
	dl.adoptedMu.Lock()
	defer dl.adoptedMu.Unlock()
	return !dl.adopted[j.Case]
}

// adopt looks up in Slack the messages of case c that were posted but not
// recorded, records them, and returns the case as stored then. A look-up
// Slack refuses for good (no access to the history) is logged and skipped:
// the case is delivered as it stands. One a retry may cure is returned.
func (dl *Deliverer) adopt(ctx context.Context, c *record.Case) (*record.Case, error) {
	found := map[string]string{}
	thread := c.Thread
	if thread == "" {
		msgs, err := dl.history(ctx, c.Channel)
		if err != nil {
			return dl.adoptFailed(c, err)
		}
		for _, m := range msgs {
			if id, key, ok := postOf(m); ok && id == c.ID && key == PostRoot {
				thread = m.Timestamp
				found[PostRoot] = m.Timestamp
				break
			}
		}
	}
	if thread != "" {
		msgs, err := dl.replies(ctx, c.Channel, thread)
		if err != nil {
			return dl.adoptFailed(c, err)
		}
		for _, m := range msgs {
			if id, key, ok := postOf(m); ok && id == c.ID && !knownPost(c, m.Timestamp) && c.Post(key) == "" {
				if _, dup := found[key]; !dup {
					found[key] = m.Timestamp
				}
			}
		}
	}
	dl.adoptedMu.Lock()
	dl.adopted[c.ID] = true
	delete(dl.suspects, c.ID)
	dl.adoptedMu.Unlock()
	if len(found) == 0 {
		return c, nil
	}
	dl.log.Warn("adopted messages posted for a case but not recorded (a process died in between); they are not posted again",
		"case", c.Key(), "messages", len(found))
	nc, err := dl.store.UpdateCase(ctx, c.ID, func(c *record.Case) error {
		if ts := found[PostRoot]; ts != "" && c.Thread == "" {
			c.Thread = ts
		}
		for key, ts := range found {
			if c.Post(key) == "" {
				c.SetPost(key, ts)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record the messages found for %s: %w", c.Key(), err)
	}
	return nc, nil
}

// adoptFailed handles a failed look-up: a retryable error stops the sync
// (the job is retried: posting now might post twice); any other is logged
// and the case delivered as it stands.
func (dl *Deliverer) adoptFailed(c *record.Case, err error) (*record.Case, error) {
	err = deliveryError("look up the messages of "+c.Key()+" in Slack", err)
	var perm *PermanentError
	if errors.As(err, &perm) {
		dl.log.Warn("could not look up a case's messages in Slack; delivering it as recorded", "case", c.Key(), "err", err)
		dl.adoptedMu.Lock()
		delete(dl.suspects, c.ID) // no look-up will ever work: do not hold the channel for it
		dl.adoptedMu.Unlock()
		return c, nil
	}
	return nil, err
}

// knownPost reports whether ts is recorded under any key of c's Posts
// (a retired question keeps its ts under another key; a DM's ref is
// "channel ts").
func knownPost(c *record.Case, ts string) bool {
	for _, ref := range c.Posts {
		if ref == ts || strings.HasSuffix(ref, " "+ts) {
			return true
		}
	}
	return false
}

// replies returns the messages of a thread with their metadata, at most
// adoptPages pages.
func (dl *Deliverer) replies(ctx context.Context, channel, thread string) ([]slack.Message, error) {
	var out []slack.Message
	cursor := ""
	for range adoptPages {
		var msgs []slack.Message
		var more bool
		var next string
		err := dl.CallHeld("conversations.replies", func() error {
			var err error
			msgs, more, next, err = dl.api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
				ChannelID: channel, Timestamp: thread, Cursor: cursor, Limit: adoptPageSize, IncludeAllMetadata: true})
			return err
		})
		if err != nil {
			var se slack.SlackErrorResponse
			if errors.As(err, &se) && se.Err == "thread_not_found" {
				return out, nil
			}
			return nil, err
		}
		out = append(out, msgs...)
		if !more || next == "" {
			break
		}
		cursor = next
	}
	return out, nil
}

// history returns the channel's latest messages with their metadata, at
// most adoptPages pages: a root message not recorded was posted just
// before its process died, so it is among the latest.
func (dl *Deliverer) history(ctx context.Context, channel string) ([]slack.Message, error) {
	var out []slack.Message
	cursor := ""
	for range adoptPages {
		var resp *slack.GetConversationHistoryResponse
		err := dl.CallHeld("conversations.history", func() error {
			var err error
			resp, err = dl.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
				ChannelID: channel, Cursor: cursor, Limit: adoptPageSize, IncludeAllMetadata: true})
			return err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, resp.Messages...)
		if !resp.HasMore || resp.ResponseMetaData.NextCursor == "" {
			break
		}
		cursor = resp.ResponseMetaData.NextCursor
	}
	return out, nil
}

// markSuspect notes the cases of queue, in a channel taken over from a
// replica that died, as to be looked up in Slack before their next
// delivery; a case stays noted until that look-up is done, however many
// passes that takes (a rate-limited look-up, a retry).
func (dl *Deliverer) markSuspect(queue []store.Job) {
	dl.adoptedMu.Lock()
	defer dl.adoptedMu.Unlock()
	for _, j := range queue {
		dl.suspects[j.Case] = true
	}
}

// suspectCase reports whether case id is noted by markSuspect.
func (dl *Deliverer) suspectCase(id int64) bool {
	dl.adoptedMu.Lock()
	defer dl.adoptedMu.Unlock()
	return dl.suspects[id]
}

// suspectIn reports whether a case of queue is still to be looked up.
func (dl *Deliverer) suspectIn(queue []store.Job) bool {
	dl.adoptedMu.Lock()
	defer dl.adoptedMu.Unlock()
	for _, j := range queue {
		if dl.suspects[j.Case] {
			return true
		}
	}
	return false
}
