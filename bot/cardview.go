package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// cardCommand answers "/maatwerk kaart [naam]": the list without a name,
// else the card, ephemeral.
func (b *Bot) cardCommand(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang, name string) *reply {
	set := b.engine.Cards()
	if strings.TrimSpace(name) == "" {
		blocks, text := b.render.CardList(set, lang, b.cfg.Command)
		return &reply{ResponseType: slack.ResponseTypeEphemeral, Text: text, Blocks: blocks}
	}
	c, ok := dialogs.FindCard(set, name)
	if !ok {
		ct := dialogs.CardTextsFor(lang)
		return ephemeralReply(fmt.Sprintf(ct.UnknownCardF, render.UserText(render.Clip(name, 40)),
			"`"+strings.Join(dialogs.CardNames(set), "`, `")+"`"))
	}
	return b.showCard(ctx, cmd, lang, c)
}

// variantsCommand answers "/maatwerk varianten": the variants card with
// the 2×2 and the dilemmas.
func (b *Bot) variantsCommand(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang) *reply {
	c, ok := dialogs.VariantsCard(b.engine.Cards())
	if !ok {
		return ephemeralReply(dialogs.CardTextsFor(lang).NoVariants)
	}
	return b.showCard(ctx, cmd, lang, c)
}

// showCard shows a card to the one user who asked: as the immediate answer
// when it fits in one small message, else part by part through the
// response_url.
func (b *Bot) showCard(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang, c *cards.Card) *reply {
	parts, text := b.render.Card(dialogs.ViewCard(b.engine.Cards(), c, lang), lang, true, "")
	rep := &reply{ResponseType: slack.ResponseTypeEphemeral, Text: text, Blocks: parts[0]}
	if raw, err := json.Marshal(rep); err == nil && len(parts) == 1 && len(raw) <= render.MaxReplyBytes {
		return rep
	}
	b.spawn(ctx, "show card", func(ctx context.Context) error {
		for _, p := range parts {
			if err := b.out.EphemeralBlocks(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, p, text); err != nil {
				return fmt.Errorf("show card %s: %w", c.ID, err)
			}
		}
		return nil
	})
	return nil
}

// shareCard posts the card whose "Deel in kanaal" button was clicked in the
// channel, for everyone, and removes the private copy.
func (b *Bot) shareCard(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	id, l, _ := strings.Cut(act.Value, "|")
	lang, ok := cards.ParseLang(l)
	if !ok {
		lang = b.cfg.Lang
	}
	user, channel := cb.User.ID, cb.Channel.ID
	target := clickTarget{responseURL: cb.ResponseURL, channel: channel, user: user}
	set := b.engine.Cards()
	c, ok := set.Card(id)
	if !ok || channel == "" {
		ct := dialogs.CardTextsFor(lang)
		b.tell(ctx, target, fmt.Sprintf(ct.UnknownCardF, render.UserText(render.Clip(id, 40)), "`"+strings.Join(dialogs.CardNames(set), "`, `")+"`"))
		return
	}
	parts, text := b.render.Card(dialogs.ViewCard(set, c, lang), lang, false, user)
	responseURL := cb.ResponseURL
	b.spawn(ctx, "share card", func(ctx context.Context) error {
		for _, p := range parts {
			if _, err := b.out.Post(ctx, channel, "", false, p, text); err != nil {
				msg := dialogs.TextsFor(lang).SomethingWrong
				if delivery.IsNotInChannel(err) {
					msg = dialogs.TextsFor(lang).NotInChannel
				}
				b.out.Ephemeral(ctx, responseURL, channel, user, msg)
				return fmt.Errorf("share card %s: %w", id, err)
			}
		}
		if responseURL != "" {
			if err := b.out.Respond(ctx, responseURL, map[string]any{"delete_original": true}); err != nil {
				b.log.Debug("remove the private card", "err", err)
			}
		}
		b.log.Info("card shared", "card", id, "channel", channel)
		return nil
	})
}
