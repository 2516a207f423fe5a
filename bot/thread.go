package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// This file makes the case thread the team's table: edits and deletions of
// replies are followed, and the thread commands pause, resume, close,
// reopen and withdraw.

// speech lists the message subtypes that are a person speaking; the rest
// (channel_join, bot_message, …) are ignored.
var speech = []string{"", "thread_broadcast", "file_share", "me_message"}

func isSpeech(subtype string) bool { return slices.Contains(speech, subtype) }

// messageChanged follows an edited thread reply. Slack puts the message as
// it is now under "message" and as it was under "previous_message".
func (b *Bot) messageChanged(ctx context.Context, ev *slackevents.MessageEvent) error {
	msg := ev.Message
	self := b.selfID(ctx)
	if msg == nil || msg.BotID != "" || msg.User == "" || msg.User == self || !isSpeech(msg.SubType) ||
		msg.ThreadTimestamp == "" || msg.ThreadTimestamp == msg.Timestamp {
		return nil
	}
	if prev := ev.PreviousMessage; prev != nil && prev.Text == msg.Text {
		return nil // an unfurl or a reaction count, not an edit
	}
	c, err := b.store.CaseByThread(ctx, ev.Channel, msg.ThreadTimestamp)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !refStored(c, msg.Timestamp) {
		// Not kept before (e.g. refused for personal data): the edited
		// reply counts as a new one.
		return b.message(ctx, &slackevents.MessageEvent{
			Type: "message", User: msg.User, Text: msg.Text, ThreadTimeStamp: msg.ThreadTimestamp,
			TimeStamp: msg.Timestamp, Channel: ev.Channel, ChannelType: ev.ChannelType,
		})
	}
	if self != "" && containsMention(msg.Text, self) {
		return nil
	}
	var ch dialogs.RefChange
	c, err = b.changeCase(ctx, c.ID, func(c *record.Case) (delivery.SyncOpts, error) {
		ch = b.engine.EditMessage(c, msg.Timestamp, msg.User, render.Unescape(msg.Text))
		return b.refSync(c, ch), nil
	})
	if err != nil {
		return err
	}
	if ch.Problem != nil {
		t := dialogs.TextsFor(c.Lang)
		text := ch.Problem.Format(c.Lang, render.UserText)
		switch {
		case ch.Removed:
			text += " " + t.EditRemovedNote
		case ch.Kind == dialogs.RefAnswer:
			text += " " + t.EditKeptNote
		}
		b.out.EphemeralIn(ctx, "", ev.Channel, c.Thread, msg.User, text)
	}
	if ch.Removed && ch.Kind == dialogs.RefArgument {
		b.out.Unreact(ctx, ev.Channel, msg.Timestamp, "white_check_mark")
	}
	return nil
}

// messageDeleted follows a deleted thread reply: a remark goes, an
// argument is withdrawn, an answer stays marked as deleted.
func (b *Bot) messageDeleted(ctx context.Context, ev *slackevents.MessageEvent) error {
	prev := ev.PreviousMessage
	ts := ev.DeletedTimeStamp
	if prev == nil || ts == "" || prev.ThreadTimestamp == "" || prev.ThreadTimestamp == ts || prev.BotID != "" {
		return nil
	}
	c, err := b.store.CaseByThread(ctx, ev.Channel, prev.ThreadTimestamp)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !refStored(c, ts) {
		return nil
	}
	_, err = b.changeCase(ctx, c.ID, func(c *record.Case) (delivery.SyncOpts, error) {
		return b.refSync(c, b.engine.DeleteMessage(c, ts)), nil
	})
	return err
}

// refStored reports whether a message was kept on the case as an answer, a
// live argument or a remark.
func refStored(c *record.Case, ref string) bool {
	return slices.ContainsFunc(c.Answers, func(a record.Answer) bool { return a.Ref == ref }) ||
		slices.ContainsFunc(c.Arguments, func(a record.Argument) bool { return a.Ref == ref && !a.Withdrawn }) ||
		slices.ContainsFunc(c.Discussion, func(r record.Remark) bool { return r.Ref == ref })
}

// refSync says which messages must follow a change to a stored reply.
func (b *Bot) refSync(c *record.Case, ch dialogs.RefChange) delivery.SyncOpts {
	switch ch.Kind {
	case dialogs.RefAnswer:
		return delivery.SyncOpts{Answered: []string{ch.Step}, RefreshSummary: c.Status == record.StatusClosed}
	case dialogs.RefArgument:
		return b.argumentSync(c)
	}
	return delivery.SyncOpts{}
}

// argumentSync refreshes every message that shows the arguments: the open
// prompt, answered argument prompts and, after closing, the summary.
func (b *Bot) argumentSync(c *record.Case) delivery.SyncOpts {
	o := delivery.SyncOpts{RefreshPrompt: true, RefreshSummary: c.Status == record.StatusClosed}
	for _, st := range b.engine.Cards().Steps() {
		if _, ok := c.AnswerTo(st.ID); ok && st.Item.Kind == cards.KindArguments {
			o.Answered = append(o.Answered, st.ID)
		}
	}
	return o
}

func containsMention(text, user string) bool {
	return user != "" && strings.Contains(text, "<@"+user+">")
}

// threadCommand runs the mention commands that change a case: pause,
// resume, close, reopen and withdraw. It reports whether cmd was one.
func (b *Bot) threadCommand(ctx context.Context, ev *slackevents.AppMentionEvent, c *record.Case, cmd dialogs.Command, rest string) (bool, error) {
	user := ev.User
	lead := b.dir.Lead(ctx, user)
	t := dialogs.TextsFor(c.Lang)
	tell := func(text string) { b.out.EphemeralIn(ctx, "", ev.Channel, c.Thread, user, text) }
	refuse := func(err error) { tell(b.userMessage(err, b.dir.LangFor(ctx, user))) }
	var (
		change func(c *record.Case) (delivery.SyncOpts, error)
		notice string
	)
	switch cmd {
	case dialogs.CmdPause:
		change = func(c *record.Case) (delivery.SyncOpts, error) {
			return delivery.SyncOpts{}, b.engine.Pause(c, user, lead)
		}
		notice = fmt.Sprintf(t.PausedF, render.Mention(user))
	case dialogs.CmdResume:
		change = func(c *record.Case) (delivery.SyncOpts, error) {
			if err := b.engine.Resume(c, user, lead); err != nil {
				return delivery.SyncOpts{}, err
			}
			repostPrompt(b.engine, c)
			return delivery.SyncOpts{}, nil
		}
		notice = fmt.Sprintf(t.ResumedF, render.Mention(user))
	case dialogs.CmdClose:
		change = func(c *record.Case) (delivery.SyncOpts, error) {
			return delivery.SyncOpts{RefreshSummary: true}, b.engine.CloseEarly(c, user, lead, rest)
		}
	case dialogs.CmdReopen:
		change = func(c *record.Case) (delivery.SyncOpts, error) {
			if err := b.engine.Reopen(c, user, lead); err != nil {
				return delivery.SyncOpts{}, err
			}
			repostPrompt(b.engine, c)
			return delivery.SyncOpts{}, nil
		}
		notice = fmt.Sprintf(t.ReopenedF, render.Mention(user))
	case dialogs.CmdWithdraw:
		n, ok := dialogs.ParseArgumentNumber(rest)
		if !ok {
			tell(t.WithdrawUsage)
			return true, nil
		}
		var a record.Argument
		_, err := b.changeCase(ctx, c.ID, func(c *record.Case) (delivery.SyncOpts, error) {
			var err error
			a, err = b.engine.WithdrawArgument(c, n, user)
			return b.argumentSync(c), err
		})
		if err != nil {
			refuse(err)
			return true, nil
		}
		if a.Ref != "" {
			b.out.Unreact(ctx, ev.Channel, a.Ref, "white_check_mark")
		}
		b.out.React(ctx, ev.Channel, ev.TimeStamp, "white_check_mark")
		tell(fmt.Sprintf(t.WithdrawnF, n))
		return true, nil
	default:
		return false, nil
	}
	// The notice goes in before the case's messages follow the change: the
	// sync waits for the case's lock.
	unlock := b.out.LockCase(c.ID)
	defer unlock()
	if _, err := b.changeCase(ctx, c.ID, change); err != nil {
		refuse(err)
		return true, nil
	}
	if notice != "" {
		if _, _, err := b.api.PostMessageContext(ctx, c.Channel, slack.MsgOptionText(notice, false), slack.MsgOptionTS(c.Thread)); err != nil {
			b.log.Warn("post thread notice", "case", c.Key(), "err", err)
		}
	}
	return true, nil
}

// repostPrompt forgets the message of the open question so the sync asks
// it again at the bottom of the thread; the old message is kept as retired,
// so the sync takes its buttons away.
func repostPrompt(e *dialogs.Engine, c *record.Case) {
	if p, ok := e.Prompt(c); ok {
		key := record.StepPostKey(p.StepID)
		if ts := c.Post(key); ts != "" {
			c.SetPost(delivery.RetiredPrefix+ts, ts)
		}
		delete(c.Posts, key)
	}
}

// raced reports whether a thread reply with ts was written while the
// previous free-text question was open (after it was posted, before the
// next question was), though that question has been answered meanwhile by
// another reply: two people answered at once and the other one won.
//
// It reads the case afresh under the case's lock, so a question the sync
// has posted is also remembered on the case.
func (b *Bot) raced(ctx context.Context, c *record.Case, ts string) bool {
	unlock := b.out.LockCase(c.ID)
	fresh, err := b.store.Case(ctx, c.ID)
	unlock()
	if err != nil {
		return false
	}
	c = fresh
	if len(c.Answers) == 0 || c.Status != record.StatusOpen {
		return false
	}
	last := c.Answers[len(c.Answers)-1]
	st, ok := b.engine.Cards().Step(last.Step)
	if !ok || st.Item.Kind != cards.KindText || last.Ref == ts {
		return false
	}
	asked := c.Post(record.StepPostKey(last.Step))
	if asked == "" || tsBefore(ts, asked) {
		return false
	}
	next := ""
	if p, ok := b.engine.Prompt(c); ok {
		next = c.Post(record.StepPostKey(p.StepID))
	}
	return next == "" || tsBefore(ts, next)
}

// tsBefore reports whether Slack message ts a is older than b.
func tsBefore(a, b string) bool {
	as, af, _ := strings.Cut(a, ".")
	bs, bf, _ := strings.Cut(b, ".")
	if len(as) != len(bs) {
		return len(as) < len(bs)
	}
	if as != bs {
		return as < bs
	}
	for len(af) < len(bf) {
		af += "0"
	}
	for len(bf) < len(af) {
		bf += "0"
	}
	return af < bf
}
