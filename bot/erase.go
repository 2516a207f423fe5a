package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// The buttons under "really erase this case?".
const (
	actEraseConfirm = "mw.erase.confirm"
	actEraseCancel  = "mw.erase.cancel"
)

// eraseCommand answers "/maatwerk verwijder MW-0042": a team lead gets the
// question whether to erase it for good, with buttons; anyone else a
// polite refusal.
func (b *Bot) eraseCommand(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang, arg string) *reply {
	t := dialogs.EraseTextsFor(lang)
	if !b.dir.Lead(ctx, cmd.UserID) {
		return ephemeralReply(t.NotLead)
	}
	id, ok := record.ParseKey(strings.TrimSpace(arg))
	if !ok {
		return ephemeralReply(fmt.Sprintf(t.UsageF, b.cfg.Command))
	}
	c, err := b.store.Case(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (c.Channel != cmd.ChannelID || (c.Team != "" && cmd.TeamID != "" && c.Team != cmd.TeamID))) {
		// A case of another channel is not named, not even as existing.
		return ephemeralReply(fmt.Sprintf(dialogs.TextsFor(lang).UnknownCaseF, record.FormatKey(id)))
	}
	if err != nil {
		return ephemeralReply(b.userMessage(err, lang))
	}
	value := strconv.FormatInt(c.ID, 10) + "|" + string(lang)
	yes := slack.NewButtonBlockElement(actEraseConfirm, value, render.Plain(t.Yes)).WithStyle(slack.StyleDanger)
	no := slack.NewButtonBlockElement(actEraseCancel, value, render.Plain(t.No))
	text := fmt.Sprintf(t.AskF, c.Key(), "> "+render.Clip(render.UserText(c.Title), 200))
	return &reply{
		ResponseType: slack.ResponseTypeEphemeral,
		Text:         render.Clip(text, 3000),
		Blocks:       []slack.Block{render.Section(text), slack.NewActionBlock("mw.erase", yes, no)},
	}
}

// eraseClick handles the confirm and cancel buttons.
func (b *Bot) eraseClick(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	idText, l, _ := strings.Cut(act.Value, "|")
	lang, ok := cards.ParseLang(l)
	if !ok {
		lang = b.cfg.Lang
	}
	t := dialogs.EraseTextsFor(lang)
	replace := func(text string) {
		b.spawn(ctx, "erase answer", func(ctx context.Context) error {
			return b.out.Respond(ctx, cb.ResponseURL, map[string]any{"replace_original": true, "text": text})
		})
	}
	if act.ActionID == actEraseCancel {
		replace(t.Cancelled)
		return
	}
	user := cb.User.ID
	if !b.dir.Lead(ctx, user) {
		replace(t.NotLead)
		return
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		replace(fmt.Sprintf(t.UsageF, b.cfg.Command))
		return
	}
	c, err := b.eraseCase(ctx, id, cb.Channel.ID)
	if errors.Is(err, store.ErrNotFound) {
		replace(fmt.Sprintf(dialogs.TextsFor(lang).UnknownCaseF, record.FormatKey(id)))
		return
	}
	if err != nil {
		b.log.Error("erase case", "case", record.FormatKey(id), "err", err)
		replace(t.Failed)
		return
	}
	b.log.Info("case erased", "case", c.Key(), "by", user)
	replace(fmt.Sprintf(t.DoneF, c.Key()))
	tomb := fmt.Sprintf(t.TombstoneF, c.Key(), render.Mention(user), b.render.Date(b.cfg.Now(), lang))
	b.spawn(ctx, "erase messages", func(ctx context.Context) error { return b.out.EraseMessages(ctx, c, tomb) })
}

// eraseCase deletes a case of channel from the store and compacts the file
// so it is gone from it too. It returns the case as it was.
func (b *Bot) eraseCase(ctx context.Context, id int64, channel string) (*record.Case, error) {
	unlock := b.out.LockCase(id)
	defer unlock()
	c, err := b.store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.Channel != channel {
		return nil, fmt.Errorf("case %d is not in this channel: %w", id, store.ErrNotFound)
	}
	if err := b.store.DeleteCase(ctx, id); err != nil {
		return nil, err
	}
	b.out.Roots.Forget(id)
	if err := b.store.Compact(ctx); err != nil {
		// The case is deleted; the daily housekeeping compacts again.
		b.sched.needCompact.Store(true)
		b.log.Error("compact after erasing a case", "case", c.Key(), "err", err)
	}
	return c, nil
}
