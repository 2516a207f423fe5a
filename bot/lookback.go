package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// The look back: a week after the decision the bot asks the caseworker, in
// the case's thread, how the conversation with the inwoner went, with the
// Communicatiekaart's questions. The engine plans it (record.LookBack);
// the store keeps an index of the planned ones (store.DueLookBacks);
// LookBackTick, run by the scheduler, puts a job in the outbox for each one
// due; syncCase posts the question once and shows the answer when it is
// given.

// LookBackTick puts an outbox job in for every case whose look back is
// due, so that syncCase asks it. It returns how many it found.
func (b *Bot) LookBackTick(ctx context.Context) int {
	now := b.cfg.Now()
	ids, err := b.store.DueLookBacks(ctx, now)
	if err != nil {
		b.log.Error("look backs due", "err", err)
		return 0
	}
	for _, id := range ids {
		c, err := b.store.Case(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			b.log.Error("look back: read case", "case", record.FormatKey(id), "err", err)
			continue
		}
		job := store.Job{Case: id, Channel: c.Channel, Payload: syncOpts{}.payload(), Created: now}
		if err := b.store.Enqueue(ctx, job); err != nil {
			b.log.Error("look back: enqueue", "case", c.Key(), "err", err)
		}
	}
	if len(ids) > 0 {
		b.out.kick()
	}
	return len(ids)
}

// syncLookBack asks the look back in the case's thread when it is due and
// not yet asked, and shows the answer on that message once given (o.lookBack).
func (b *deliverer) syncLookBack(ctx context.Context, c *record.Case, o syncOpts, posted map[string]string) error {
	lb := c.LookBack
	if lb == nil || c.Thread == "" {
		return nil
	}
	ts := c.Post(record.PostLookBack)
	blocks, text, ok := b.render.LookBack(c)
	switch {
	case !ok:
		return nil
	case ts == "" && lb.Text == "" && c.LookBackDue(b.cfg.Now()):
		ts, err := b.post(ctx, c.Channel, c.Thread, false, blocks, text)
		if err != nil {
			return err
		}
		posted[record.PostLookBack] = ts
		c.SetPost(record.PostLookBack, ts)
	case ts != "" && o.lookBack:
		return b.updateVia(ctx, c.Channel, ts, o.viaFor(ts), blocks, text)
	}
	return nil
}

// lookBackClick opens the look-back form for the starter or a team lead.
func (b *Bot) lookBackClick(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	user := cb.User.ID
	target := clickTarget{responseURL: cb.ResponseURL, channel: cb.Channel.ID, user: user}
	id, err := strconv.ParseInt(strings.TrimPrefix(act.BlockID, render.LookBackBlockPrefix), 10, 64)
	if err != nil || !strings.HasPrefix(act.BlockID, render.LookBackBlockPrefix) {
		return
	}
	c, err := b.store.Case(ctx, id)
	if err != nil {
		b.tell(target, b.userMessage(err, b.cfg.Lang))
		return
	}
	target.thread = c.Thread
	lang := b.personalLang(ctx, user, c.Lang)
	if cb.Channel.ID != "" && cb.Channel.ID != c.Channel {
		b.tell(target, dialogs.TextsFor(lang).NotInThisChannel)
		return
	}
	if user != c.StartedBy && !b.lead(ctx, user) {
		b.tell(target, dialogs.TextsFor(lang).NotManager)
		return
	}
	m := render.Meta{CaseID: c.ID, ResponseURL: cb.ResponseURL, MessageTS: cb.Container.MessageTs, Channel: c.Channel, Lang: string(lang)}
	b.openModal(target, dialogs.TextsFor(c.Lang).ModalFailed, cb.TriggerID, b.render.LookBackModal(c, m))
}

// recordLookBack stores the look back given in the form.
func (b *Bot) recordLookBack(ctx context.Context, m render.Meta, user, text string) error {
	lead := b.lead(ctx, user)
	_, err := b.changeCase(ctx, m.CaseID, func(c *record.Case) (syncOpts, error) {
		if err := b.engine.RecordLookBack(c, user, lead, text); err != nil {
			return syncOpts{}, err
		}
		return syncOpts{lookBack: true, refreshSummary: c.Status == record.StatusClosed}.withVia(clicked{TS: m.MessageTS, URL: m.ResponseURL}), nil
	})
	if err == nil {
		b.log.InfoContext(ctx, "look back recorded", "case", record.FormatKey(m.CaseID))
	}
	return err
}
