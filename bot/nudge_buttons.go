package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// The buttons of a nudge (nudge.go): pausing until a day and closing, for
// the starter or a team lead; the nudge then loses its buttons.

// nudgeClick handles Pauzeer tot… and Sluit in a starter's nudge: the
// starter or a team lead gets the form; anyone else is told politely.
// Verder and the team lead's link open the thread in Slack: nothing to do.
func (b *Bot) nudgeClick(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	if act.ActionID == render.ActNudgeGo || act.ActionID == render.ActNudgeOpen {
		return
	}
	user := cb.User.ID
	lang := b.dir.LangFor(ctx, user)
	target := clickTarget{responseURL: cb.ResponseURL, channel: cb.Channel.ID, user: user}
	id, n, ok := render.ParseNudgeBlockID(act.BlockID)
	if !ok {
		b.tell(ctx, target, fmt.Sprintf(dialogs.TextsFor(lang).UnknownButtonF, b.cfg.Command))
		return
	}
	c, err := b.store.Case(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		b.tell(ctx, target, fmt.Sprintf(dialogs.TextsFor(lang).UnknownCaseF, record.FormatKey(id)))
		return
	}
	if err != nil {
		b.tell(ctx, target, b.userMessage(err, lang))
		return
	}
	t := dialogs.TextsFor(lang)
	switch {
	case user != c.StartedBy && !b.dir.Lead(ctx, user):
		b.tell(ctx, target, t.NotManager)
		return
	case c.Status == record.StatusClosed:
		b.tell(ctx, target, t.CaseClosed)
		return
	case c.Status == record.StatusPaused && act.ActionID == render.ActNudgePause:
		b.tell(ctx, target, t.AlreadyPaused)
		return
	}
	m := render.Meta{CaseID: c.ID, Seq: n, Channel: c.Channel, Lang: string(lang), ResponseURL: cb.ResponseURL, MessageTS: cb.Container.MessageTs}
	if act.ActionID == render.ActNudgeClose {
		b.openModal(ctx, target, t.ModalFailed, cb.TriggerID, b.render.NudgeCloseModal(c, lang, m))
		return
	}
	b.openModal(ctx, target, t.ModalFailed, cb.TriggerID, b.render.NudgePauseModal(c, lang, m, b.cfg.Now().AddDate(0, 0, 7)))
}

// nudgeSubmit pauses or closes the case of a nudge as its form asks, tells
// the thread, and takes the buttons off the nudge. The engine checks who
// may. The answer is nil or the form's field errors.
func (b *Bot) nudgeSubmit(ctx context.Context, cb slack.InteractionCallback, m render.Meta, fieldErr func(error, map[string]string) any) any {
	user := cb.User.ID
	lead := b.dir.Lead(ctx, user)
	reason := render.ViewValue(cb.View.State, render.BlkText)
	var (
		change func(c *record.Case) (delivery.SyncOpts, error)
		fields map[string]string
		until  time.Time
	)
	if cb.View.CallbackID == render.CbNudgeClose {
		fields = map[string]string{"": render.BlkText, "reason": render.BlkText}
		change = func(c *record.Case) (delivery.SyncOpts, error) {
			return delivery.SyncOpts{RefreshSummary: true}, b.engine.CloseEarly(c, user, lead, reason)
		}
	} else {
		fields = map[string]string{"": render.BlkUntil, "until": render.BlkUntil, "reason": render.BlkText}
		day, ok := render.ViewDate(cb.View.State, render.BlkUntil, b.cfg.Location)
		if ok {
			until = day
		}
		change = func(c *record.Case) (delivery.SyncOpts, error) {
			return delivery.SyncOpts{}, b.engine.PauseUntil(c, user, lead, until, reason)
		}
	}
	unlock := b.out.LockCase(m.CaseID)
	defer unlock()
	c, err := b.changeCase(ctx, m.CaseID, change)
	if err != nil {
		return fieldErr(err, fields)
	}
	lang := b.dir.LangFor(ctx, user)
	t := dialogs.TextsFor(lang)
	done := fmt.Sprintf(t.NudgeClosedF, render.Mention(user))
	if !until.IsZero() {
		ct := dialogs.TextsFor(c.Lang)
		notice := fmt.Sprintf(ct.PausedUntilF, render.Mention(user), b.render.Day(until, c.Lang))
		if r := dialogs.CleanText(reason); r != "" {
			notice += "\n" + fmt.Sprintf(ct.PauseReasonF, render.UserText(r))
		}
		if _, _, err := b.api.PostMessageContext(ctx, c.Channel, slack.MsgOptionText(notice, false), slack.MsgOptionTS(c.Thread)); err != nil {
			b.log.Warn("post thread notice", "case", c.Key(), "err", err)
		}
		done = fmt.Sprintf(t.NudgePausedF, render.Mention(user), b.render.Day(until, lang))
	}
	b.log.InfoContext(ctx, "nudge handled", "case", c.Key(), "action", cb.View.CallbackID)
	b.spawn(ctx, "retire nudge", func(ctx context.Context) error { return b.retireNudge(ctx, c, m.Seq, user, done) })
	return nil
}

// retireNudge replaces nudge n's DM to user by the same facts without
// buttons and what was done.
func (b *Bot) retireNudge(ctx context.Context, c *record.Case, n int, user, done string) error {
	if n < 1 || n > len(c.Nudges) {
		return nil
	}
	to := c.StartedBy
	if c.Nudges[n-1].Level == record.NudgeLeads {
		to = user
	}
	channel, ts, ok := strings.Cut(c.Post(record.NudgePostKey(n, to)), " ")
	if !ok {
		return nil
	}
	v := render.NudgeView{Case: c, Nudge: c.Nudges[n-1], N: n, Lang: b.dir.LangFor(ctx, to)}
	blocks, text := b.render.NudgeHandled(v, done)
	if err := b.out.Update(ctx, channel, ts, blocks, text); err != nil {
		return fmt.Errorf("update nudge of %s: %w", c.Key(), err)
	}
	return nil
}
