package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// This file puts a decision to the team leads: each configured lead gets a
// DM with the case's summary and the decision buttons; a lead's decision
// (or question back) returns to the case thread and the root message.

// leadAction handles a click in a team lead's DM; it reports whether the
// action was one.
func (b *Bot) leadAction(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) bool {
	id, seq, ok := render.ParseLeadBlockID(act.BlockID)
	if !ok {
		return false
	}
	user := cb.User.ID
	target := clickTarget{responseURL: cb.ResponseURL, channel: cb.Channel.ID, user: user}
	c, err := b.store.Case(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		b.tell(ctx, target, fmt.Sprintf(dialogs.TextsFor(b.dir.LangFor(ctx, user)).UnknownCaseF, record.FormatKey(id)))
		return true
	}
	if err != nil {
		b.tell(ctx, target, b.userMessage(err, b.dir.LangFor(ctx, user)))
		return true
	}
	t := dialogs.TextsFor(c.Lang)
	if !b.dir.Lead(ctx, user) {
		b.tell(ctx, target, dialogs.TextsFor(b.dir.LangFor(ctx, user)).NotLead)
		return true
	}
	if err := b.engine.Check(c, seq, ""); err != nil {
		b.tell(ctx, target, b.userMessage(err, c.Lang))
		return true
	}
	p, _ := b.engine.Prompt(c)
	m := render.Meta{CaseID: c.ID, Seq: seq, Step: p.StepID, ResponseURL: cb.ResponseURL, Channel: c.Channel, Lang: string(c.Lang)}
	switch {
	case act.ActionID == render.ActLeadBack:
		b.openModal(ctx, target, t.ModalFailed, cb.TriggerID, b.render.LeadQuestionModal(c, m))
	case strings.HasPrefix(act.ActionID, render.ActLeadPrefix):
		choice := act.Value
		if !slices.ContainsFunc(b.engine.LeadChoices(c), func(ch dialogs.Choice) bool { return ch.ID == choice }) {
			b.tell(ctx, target, t.UnknownOption)
			return true
		}
		m.Choice = choice
		b.openModal(ctx, target, t.ModalFailed, cb.TriggerID, b.render.AnswerModal(c, p, choice, m))
	default:
		b.log.Info("ignored an unknown lead action", "action_id", render.Clip(act.ActionID, 60))
	}
	return true
}

// returnToStarter records a lead's question back: the decision step opens
// again and is asked anew below the question in the thread.
func (b *Bot) returnToStarter(ctx context.Context, m render.Meta, user, question string) error {
	_, err := b.changeCase(ctx, m.CaseID, func(c *record.Case) (delivery.SyncOpts, error) {
		if err := b.engine.ReturnEscalation(c, m.Seq, user, b.dir.Lead(ctx, user), question); err != nil {
			return delivery.SyncOpts{}, err
		}
		repostPrompt(b.engine, c)
		return delivery.SyncOpts{}, nil
	})
	return err
}
