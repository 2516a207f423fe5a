package delivery

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
)

// React marks a message with a reaction, as a receipt. It is a courtesy:
// while Slack rate-limits reactions.add (holds) it is left out.
func (dl *Deliverer) React(ctx context.Context, channel, ts, name string) {
	err := dl.CallHeld("reactions.add", func() error {
		return dl.api.AddReactionContext(ctx, name, slack.ItemRef{Channel: channel, Timestamp: ts})
	})
	if _, held := RateLimited(err); err != nil && !held && !strings.Contains(err.Error(), "already_reacted") {
		dl.log.Warn("reactions.add failed", "err", err)
	}
}

// Unreact removes a reaction of react; like react, not while Slack
// rate-limits reactions.remove.
func (dl *Deliverer) Unreact(ctx context.Context, channel, ts, name string) {
	err := dl.CallHeld("reactions.remove", func() error {
		return dl.api.RemoveReactionContext(ctx, name, slack.ItemRef{Channel: channel, Timestamp: ts})
	})
	if _, held := RateLimited(err); err != nil && !held {
		dl.log.Info("reactions.remove failed", "err", err)
	}
}

// RetiredPrefix marks Posts keys of question messages that were asked
// again further down: syncCase replaces their buttons by a pointer down.
const RetiredPrefix = "retired:"
