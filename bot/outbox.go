package bot

import (
	"context"
)

// RunOutbox delivers the outbox until ctx ends; what is owed from before a
// restart is delivered first. It returns when ctx is done, after the
// delivery in progress.
func (b *Bot) RunOutbox(ctx context.Context) error {
	b.in.replayInbox(ctx)
	return b.out.Run(ctx)
}
