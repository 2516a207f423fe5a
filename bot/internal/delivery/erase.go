package delivery

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/slack-go/slack"
)

// EraseMessages removes the bot's messages about an erased case from Slack:
// the questions and summaries are deleted, the root message keeps only who
// erased the case and when, and the thread says so.
func (dl *Deliverer) EraseMessages(ctx context.Context, c *record.Case, tomb string) error {
	var errs []error
	for key, ts := range c.Posts {
		if key == PostRoot || ts == "" {
			continue
		}
		if _, _, err := dl.api.DeleteMessageContext(ctx, c.Channel, ts); err != nil && !strings.Contains(err.Error(), "message_not_found") {
			errs = append(errs, fmt.Errorf("chat.delete %s: %w", key, err))
		}
	}
	if root := c.Post(PostRoot); root != "" {
		blocks := []slack.Block{render.ContextBlock(tomb)}
		if err := dl.Update(ctx, c.Channel, root, blocks, tomb); err != nil {
			errs = append(errs, fmt.Errorf("chat.update root: %w", err))
		}
		if _, err := dl.Post(ctx, c.Channel, root, false, blocks, tomb); err != nil {
			errs = append(errs, fmt.Errorf("thread notice: %w", err))
		}
	}
	return errors.Join(errs...)
}
