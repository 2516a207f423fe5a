package delivery

import (
	"context"
	"fmt"
	"time"

	"github.com/slack-go/slack"
)

// modalWindow is how long after a click the bot keeps trying to open its
// modal: Slack's trigger is good for 3 seconds after the click.
const modalWindow = 2500 * time.Millisecond

// OpenView opens a modal with trigger; failed is what to tell user (in
// channel or thread, through responseURL) when it does not open. views.open has a per-workspace limit (tier 4):
// the bot waits out Slack's 429 and tries one modal at a time (holds) as
// long as the trigger is good. When the modal still does not open, the user
// is told that nothing changed and to click again, instead of seeing
// nothing happen.
func (dl *Deliverer) OpenView(ctx context.Context, responseURL, channel, thread, user, failed, trigger string, view slack.ModalViewRequest) error {
	err := dl.WithinLimit(ctx, "views.open", modalWindow, func() error {
		_, err := dl.api.OpenViewContext(ctx, trigger, view)
		return err
	})
	if err == nil || ctx.Err() != nil {
		return err
	}
	dl.EphemeralIn(ctx, responseURL, channel, thread, user, failed)
	return fmt.Errorf("views.open: %w", err)
}
