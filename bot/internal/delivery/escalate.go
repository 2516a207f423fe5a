package delivery

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Posts keys of an escalation n (1-based): the DM to each lead ("<channel>
// <ts>"), whether that DM shows the outcome, and the outcome's thread reply.
func leadPostKey(n int, user string) string { return fmt.Sprintf("lead.%d.%s", n, user) }

func leadDoneKey(n int, user string) string { return fmt.Sprintf("leaddone.%d.%s", n, user) }

func escOutcomeKey(n int) string { return fmt.Sprintf("esc.%d.outcome", n) }

// syncEscalations brings the leads' DMs and the thread in line with the
// case's escalations. Each DM and each outcome is posted once: what was
// posted is remembered on the case, and syncCase runs under the case's
// lock, so a retried click or a second sync sends nothing twice.
func (dl *Deliverer) syncEscalations(ctx context.Context, c *record.Case) error {
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
				if err := dl.retireLeadDMs(ctx, c, n, blocks, c.Key()+": "+t.LeadCaseClosed); err != nil {
					return err
				}
				continue
			}
			for _, lead := range dl.leadIDs(ctx) {
				if c.Post(leadPostKey(n, lead)) != "" {
					continue
				}
				if err := dl.askLead(ctx, c, esc, n, lead); err != nil {
					return err
				}
			}
			continue
		}
		if c.Post(escOutcomeKey(n)) == "" {
			text := dl.render.LeadOutcome(c, esc)
			ts, err := dl.PostCase(ctx, c.ID, escOutcomeKey(n), c.Channel, c.Thread, false, []slack.Block{render.Section(text)}, text)
			if err != nil {
				return fmt.Errorf("post outcome of escalation %d: %w", n, err)
			}
			if err := dl.SavePost(ctx, c.ID, escOutcomeKey(n), ts); err != nil {
				return err
			}
		}
		blocks, text := dl.render.LeadDone(c, esc)
		if err := dl.retireLeadDMs(ctx, c, n, blocks, text); err != nil {
			return err
		}
	}
	return nil
}

// retireLeadDMs replaces the team leads' DMs of escalation n, once each,
// by blocks without buttons.
func (dl *Deliverer) retireLeadDMs(ctx context.Context, c *record.Case, n int, blocks []slack.Block, text string) error {
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
		if err := dl.Update(ctx, channel, ts, blocks, text); err != nil {
			dl.log.Warn("update lead message", "case", c.Key(), "err", err)
			continue
		}
		if err := dl.SavePost(ctx, c.ID, leadDoneKey(n, lead), "1"); err != nil {
			return err
		}
	}
	return nil
}

// askLead sends one team lead the DM for escalation n.
func (dl *Deliverer) askLead(ctx context.Context, c *record.Case, esc *record.Escalation, n int, lead string) error {
	ch, _, _, err := dl.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{lead}, ReturnIM: true})
	if err != nil {
		return fmt.Errorf("conversations.open with a team lead: %w", err)
	}
	permalink, err := dl.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: c.Channel, Ts: c.Thread})
	if err != nil {
		permalink = ""
	}
	blocks, text := dl.render.LeadAsk(c, esc, permalink)
	ts, err := dl.PostCase(ctx, c.ID, leadPostKey(n, lead), ch.ID, "", false, blocks, text)
	if err != nil {
		return fmt.Errorf("DM to a team lead: %w", err)
	}
	return dl.SavePost(ctx, c.ID, leadPostKey(n, lead), ch.ID+" "+ts)
}
