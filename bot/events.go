package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// event handles one Events API callback; it runs after the delivery was
// acknowledged.
func (b *Bot) event(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	switch inner := ev.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		return b.message(ctx, inner)
	case *slackevents.AppMentionEvent:
		return b.mention(ctx, inner)
	case *slackevents.AppHomeOpenedEvent:
		return b.appHomeOpened(ctx, inner)
	}
	return nil
}

// message handles a message in a channel the bot is in. Only human replies
// in a case's thread count: an argument ("voor: …"), the answer to an open
// free-text question, or else discussion kept on the case.
func (b *Bot) message(ctx context.Context, ev *slackevents.MessageEvent) error {
	self := b.selfID()
	if ev.BotID != "" || ev.SubType != "" || ev.User == "" || ev.User == self || ev.ThreadTimeStamp == "" ||
		ev.ThreadTimeStamp == ev.TimeStamp {
		return nil
	}
	if self != "" && strings.Contains(ev.Text, "<@"+self+">") {
		return nil // a mention: handled once, as app_mention
	}
	c, err := b.store.CaseByThread(ctx, ev.Channel, ev.ThreadTimeStamp)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	text := unescape(ev.Text)
	tell := func(err error) {
		b.ephemeralIn(ctx, "", ev.Channel, ev.ThreadTimeStamp, ev.User, b.userMessage(err, c.Lang))
	}
	if pro, rest, ok := dialogs.ParseArgument(text); ok {
		if _, err := b.addArgument(ctx, c.ID, dialogs.ArgumentInput{Pro: pro, Text: rest, By: ev.User, Ref: ev.TimeStamp}); err != nil {
			tell(err)
			return nil
		}
		b.react(ctx, ev.Channel, ev.TimeStamp, "white_check_mark")
		return nil
	}
	if p, ok := b.engine.Prompt(c); ok && c.Status == dialogs.StatusOpen && p.Kind == cards.KindText {
		err := b.answer(ctx, c.ID, dialogs.Input{Seq: p.Seq, Step: p.StepID, Text: text, By: ev.User, Lead: b.isLead(ev.User)})
		var ue *dialogs.Error
		switch {
		case err == nil:
			b.react(ctx, ev.Channel, ev.TimeStamp, "white_check_mark")
			return nil
		case errors.As(err, &ue) && ue.Code == dialogs.CodeStale:
			// Someone else answered first: keep this reply as discussion.
		default:
			tell(err)
			return nil
		}
	}
	_, err = b.store.UpdateCase(ctx, c.ID, func(c *dialogs.Case) error {
		return b.engine.AddRemark(c, ev.User, text, ev.TimeStamp)
	})
	if err != nil {
		tell(err)
	}
	return nil
}

func (b *Bot) react(ctx context.Context, channel, ts, name string) {
	err := b.api.AddReactionContext(ctx, name, slack.ItemRef{Channel: channel, Timestamp: ts})
	if err != nil && !strings.Contains(err.Error(), "already_reacted") {
		b.log.Warn("reactions.add failed", "err", err)
	}
}

// mention handles "@maatwerkbot …": in a case thread the commands
// samenvatting and stap; elsewhere, how to start a case.
func (b *Bot) mention(ctx context.Context, ev *slackevents.AppMentionEvent) error {
	if ev.BotID != "" || ev.User == "" || ev.User == b.selfID() {
		return nil
	}
	text := unescape(ev.Text)
	if self := b.selfID(); self != "" {
		text = strings.ReplaceAll(text, "<@"+self+">", "")
	}
	cmd, _ := dialogs.ParseCommand(text)
	var c *dialogs.Case
	if ev.ThreadTimeStamp != "" {
		var err error
		c, err = b.store.CaseByThread(ctx, ev.Channel, ev.ThreadTimeStamp)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	lang := b.langOf(c)
	t := dialogs.TextsFor(lang)
	if c == nil {
		b.ephemeralIn(ctx, "", ev.Channel, ev.ThreadTimeStamp, ev.User, t.NotACaseThread)
		return nil
	}
	switch cmd {
	case dialogs.CmdSummary:
		blocks, fallback := b.render.Summary(c, "")
		for _, part := range splitBlocks(blocks, maxMessageChars, maxBlocks) {
			if _, err := b.post(ctx, c.Channel, c.Thread, false, part, fallback); err != nil {
				return err
			}
		}
	case dialogs.CmdStep:
		p, ok := b.engine.Prompt(c)
		if !ok || c.Status != dialogs.StatusOpen {
			b.ephemeralIn(ctx, "", ev.Channel, c.Thread, ev.User, b.userMessage(b.engine.Check(c, c.Seq, ""), lang))
			return nil
		}
		unlock := b.lockCase(c.ID)
		defer unlock()
		blocks, fallback := b.render.Prompt(c, p)
		ts, err := b.post(ctx, c.Channel, c.Thread, false, blocks, fallback)
		if err != nil {
			return err
		}
		return b.savePost(ctx, c.ID, dialogs.StepPostKey(p.StepID), ts)
	default:
		b.ephemeralIn(ctx, "", ev.Channel, c.Thread, ev.User, fmt.Sprintf(t.Help, b.cfg.Command))
	}
	return nil
}

// firstDelivery records an Events API event id and reports whether this is
// its first delivery; retries and redeliveries of a handled event are
// dropped.
func (b *Bot) firstDelivery(ctx context.Context, id string) bool {
	if id == "" {
		return true
	}
	seen, err := b.store.SeenEvent(ctx, id, b.cfg.Now())
	if err != nil {
		b.log.Error("event dedup failed", "err", err)
		return true
	}
	return !seen
}
