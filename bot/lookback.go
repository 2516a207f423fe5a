package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
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
func (s *scheduler) lookBackTick(ctx context.Context) int {
	now := s.cfg.Now()
	ids, err := s.store.DueLookBacks(ctx, now)
	if err != nil {
		s.log.Error("look backs due", "err", err)
		return 0
	}
	for _, id := range ids {
		c, err := s.store.Case(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			s.log.Error("look back: read case", "case", record.FormatKey(id), "err", err)
			continue
		}
		job := store.Job{Case: id, Channel: c.Channel, Payload: delivery.SyncOpts{}.Payload(), Created: now}
		if err := s.store.Enqueue(ctx, job); err != nil {
			s.log.Error("look back: enqueue", "case", c.Key(), "err", err)
		}
	}
	if len(ids) > 0 {
		s.out.Kick()
	}
	return len(ids)
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
		b.tell(ctx, target, b.userMessage(err, b.dir.LangFor(ctx, user)))
		return
	}
	target.thread = c.Thread
	lang := b.dir.LangFor(ctx, user)
	if cb.Channel.ID != "" && cb.Channel.ID != c.Channel {
		b.tell(ctx, target, dialogs.TextsFor(lang).NotInThisChannel)
		return
	}
	if user != c.StartedBy && !b.dir.Lead(ctx, user) {
		b.tell(ctx, target, dialogs.TextsFor(lang).NotManager)
		return
	}
	m := render.Meta{CaseID: c.ID, ResponseURL: cb.ResponseURL, MessageTS: cb.Container.MessageTs, Channel: c.Channel, Lang: string(lang)}
	b.openModal(ctx, target, dialogs.TextsFor(c.Lang).ModalFailed, cb.TriggerID, b.render.LookBackModal(c, m))
}

// recordLookBack stores the look back given in the form.
func (b *Bot) recordLookBack(ctx context.Context, m render.Meta, user, text string) error {
	lead := b.dir.Lead(ctx, user)
	_, err := b.changeCase(ctx, m.CaseID, func(c *record.Case) (delivery.SyncOpts, error) {
		if err := b.engine.RecordLookBack(c, user, lead, text); err != nil {
			return delivery.SyncOpts{}, err
		}
		return delivery.SyncOpts{LookBack: true, RefreshSummary: c.Status == record.StatusClosed}.WithVia(delivery.Clicked{TS: m.MessageTS, URL: m.ResponseURL}), nil
	})
	if err == nil {
		b.log.InfoContext(ctx, "look back recorded", "case", record.FormatKey(m.CaseID))
	}
	return err
}
