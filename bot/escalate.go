package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// This file puts a decision to the team leads: each configured lead gets a
// DM with the case's summary and the decision buttons; a lead's decision
// (or question back) returns to the case thread and the root message.

// Posts keys of an escalation n (1-based): the DM to each lead ("<channel>
// <ts>"), whether that DM shows the outcome, and the outcome's thread reply.
func leadPostKey(n int, user string) string { return fmt.Sprintf("lead.%d.%s", n, user) }
func leadDoneKey(n int, user string) string { return fmt.Sprintf("leaddone.%d.%s", n, user) }
func escOutcomeKey(n int) string            { return fmt.Sprintf("esc.%d.outcome", n) }

// syncEscalations brings the leads' DMs and the thread in line with the
// case's escalations. Each DM and each outcome is posted once: what was
// posted is remembered on the case, and syncCase runs under the case's
// lock, so a retried click or a second sync sends nothing twice.
func (b *deliverer) syncEscalations(ctx context.Context, c *record.Case) error {
	for i := range c.Escalations {
		n, esc := i+1, &c.Escalations[i]
		if esc.Pending() {
			if c.Status == record.StatusClosed {
				// Closed before a lead decided: the DMs lose their buttons.
				t := dialogs.TextsFor(c.Lang)
				blocks := []slack.Block{
					slack.NewHeaderBlock(render.Plain(render.Clip(c.Key()+" · "+c.Title, render.MaxHeaderText))),
					render.ContextBlock(fmt.Sprintf(t.LeadAskF, render.Mention(esc.By), c.Key())),
					render.Section(t.LeadCaseClosed),
				}
				if err := b.retireLeadDMs(ctx, c, n, blocks, c.Key()+": "+t.LeadCaseClosed); err != nil {
					return err
				}
				continue
			}
			for _, lead := range b.leadIDs(ctx) {
				if c.Post(leadPostKey(n, lead)) != "" {
					continue
				}
				if err := b.askLead(ctx, c, esc, n, lead); err != nil {
					return err
				}
			}
			continue
		}
		if c.Post(escOutcomeKey(n)) == "" {
			text := b.render.LeadOutcome(c, esc)
			ts, err := b.post(ctx, c.Channel, c.Thread, false, []slack.Block{render.Section(text)}, text)
			if err != nil {
				return fmt.Errorf("post outcome of escalation %d: %w", n, err)
			}
			if err := b.savePost(ctx, c.ID, escOutcomeKey(n), ts); err != nil {
				return err
			}
		}
		blocks, text := b.render.LeadDone(c, esc)
		if err := b.retireLeadDMs(ctx, c, n, blocks, text); err != nil {
			return err
		}
	}
	return nil
}

// retireLeadDMs replaces the team leads' DMs of escalation n, once each,
// by blocks without buttons.
func (b *deliverer) retireLeadDMs(ctx context.Context, c *record.Case, n int, blocks []slack.Block, text string) error {
	prefix := fmt.Sprintf("lead.%d.", n)
	var keys []string
	for k := range c.Posts {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		lead := strings.TrimPrefix(k, prefix)
		if c.Post(leadDoneKey(n, lead)) != "" {
			continue
		}
		channel, ts, _ := strings.Cut(c.Post(k), " ")
		if err := b.update(ctx, channel, ts, blocks, text); err != nil {
			b.log.Warn("update lead message", "case", c.Key(), "err", err)
			continue
		}
		if err := b.savePost(ctx, c.ID, leadDoneKey(n, lead), "1"); err != nil {
			return err
		}
	}
	return nil
}

// askLead sends one team lead the DM for escalation n.
func (b *deliverer) askLead(ctx context.Context, c *record.Case, esc *record.Escalation, n int, lead string) error {
	ch, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{lead}, ReturnIM: true})
	if err != nil {
		return fmt.Errorf("conversations.open with a team lead: %w", err)
	}
	permalink, err := b.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: c.Channel, Ts: c.Thread})
	if err != nil {
		permalink = ""
	}
	blocks, text := b.render.LeadAsk(c, esc, permalink)
	ts, err := b.post(ctx, ch.ID, "", false, blocks, text)
	if err != nil {
		return fmt.Errorf("DM to a team lead: %w", err)
	}
	return b.savePost(ctx, c.ID, leadPostKey(n, lead), ch.ID+" "+ts)
}

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
		b.tell(target, fmt.Sprintf(dialogs.TextsFor(b.cfg.Lang).UnknownCaseF, record.FormatKey(id)))
		return true
	}
	if err != nil {
		b.tell(target, b.userMessage(err, b.cfg.Lang))
		return true
	}
	t := dialogs.TextsFor(c.Lang)
	if !b.lead(ctx, user) {
		b.tell(target, dialogs.TextsFor(b.personalLang(ctx, user, c.Lang)).NotLead)
		return true
	}
	if err := b.engine.Check(c, seq, ""); err != nil {
		b.tell(target, b.userMessage(err, c.Lang))
		return true
	}
	p, _ := b.engine.Prompt(c)
	m := render.Meta{CaseID: c.ID, Seq: seq, Step: p.StepID, ResponseURL: cb.ResponseURL, Channel: c.Channel, Lang: string(c.Lang)}
	switch {
	case act.ActionID == render.ActLeadBack:
		b.openModal(target, t.ModalFailed, cb.TriggerID, b.render.LeadQuestionModal(c, m))
	case strings.HasPrefix(act.ActionID, render.ActLeadPrefix):
		choice := act.Value
		if !slices.ContainsFunc(b.engine.LeadChoices(c), func(ch dialogs.Choice) bool { return ch.ID == choice }) {
			b.tell(target, t.UnknownOption)
			return true
		}
		m.Choice = choice
		b.openModal(target, t.ModalFailed, cb.TriggerID, b.render.AnswerModal(c, p, choice, m))
	default:
		b.log.Info("ignored an unknown lead action", "action_id", render.Clip(act.ActionID, 60))
	}
	return true
}

// returnToStarter records a lead's question back: the decision step opens
// again and is asked anew below the question in the thread.
func (b *Bot) returnToStarter(ctx context.Context, m render.Meta, user, question string) error {
	_, err := b.changeCase(ctx, m.CaseID, func(c *record.Case) (syncOpts, error) {
		if err := b.engine.ReturnEscalation(c, m.Seq, user, b.lead(ctx, user), question); err != nil {
			return syncOpts{}, err
		}
		repostPrompt(b.engine, c)
		return syncOpts{}, nil
	})
	return err
}
