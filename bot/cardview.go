package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/slack-go/slack"

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
	return b.showCard(cmd, lang, c)
}

// variantsCommand answers "/maatwerk varianten": the variants card with
// the 2×2 and the dilemmas.
func (b *Bot) variantsCommand(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang) *reply {
	c, ok := dialogs.VariantsCard(b.engine.Cards())
	if !ok {
		return ephemeralReply(dialogs.CardTextsFor(lang).NoVariants)
	}
	return b.showCard(cmd, lang, c)
}

// showCard shows a card to the one user who asked: as the immediate answer
// when it fits in one small message, else part by part through the
// response_url.
func (b *Bot) showCard(cmd slack.SlashCommand, lang cards.Lang, c *cards.Card) *reply {
	parts, text := b.render.Card(dialogs.ViewCard(b.engine.Cards(), c, lang), lang, true, "")
	rep := &reply{ResponseType: slack.ResponseTypeEphemeral, Text: text, Blocks: parts[0]}
	if raw, err := json.Marshal(rep); err == nil && len(parts) == 1 && len(raw) <= render.MaxReplyBytes {
		return rep
	}
	b.spawn("show card", func(ctx context.Context) error {
		for _, p := range parts {
			if err := b.out.ephemeralBlocks(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, p, text); err != nil {
				return fmt.Errorf("show card %s: %w", c.ID, err)
			}
		}
		return nil
	})
	return nil
}

// ephemeralBlocks shows blocks to one user: through the response_url when
// there is one, else with chat.postEphemeral.
func (b *deliverer) ephemeralBlocks(ctx context.Context, responseURL, channel, user string, blocks []slack.Block, text string) error {
	return b.respondBlocks(ctx, responseURL, channel, user, false, blocks, text)
}

// respond posts a message body to a response_url: the one way the bot
// posts to one (ephemeral answers, answers with blocks, replacing or
// deleting the message clicked). Its errors do not name the URL, which is a
// credential for 30 minutes, so they may be logged as they are. An answer
// of Slack's that refuses the post (used_url, expired_url, no_text…) is an
// error too, whatever its HTTP status.
func (b *deliverer) respond(ctx context.Context, responseURL string, msg map[string]any) error {
	if !b.slackURL(responseURL) {
		return errNotSlackURL
	}
	body, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("response_url: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("response_url: %w", withoutURL(err))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.http.Do(req)
	if err != nil {
		return fmt.Errorf("response_url: %w", withoutURL(err))
	}
	answer, rerr := io.ReadAll(io.LimitReader(resp.Body, maxResponseAnswer))
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("response_url: status %d", resp.StatusCode)
	}
	if rerr != nil {
		return fmt.Errorf("response_url: read answer: %w", withoutURL(rerr))
	}
	if ok, code, known := apiResult(answer); known && !ok {
		return fmt.Errorf("response_url: %s", errorLabel(code))
	}
	return nil
}

// maxResponseAnswer is as much of a response_url's answer as respond reads:
// Slack answers {"ok":true} or an error code.
const maxResponseAnswer = 4 << 10

// shareCard posts the card whose "Deel in kanaal" button was clicked in the
// channel, for everyone, and removes the private copy.
func (b *Bot) shareCard(cb slack.InteractionCallback, act *slack.BlockAction) {
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
		b.tell(target, fmt.Sprintf(ct.UnknownCardF, render.UserText(render.Clip(id, 40)), "`"+strings.Join(dialogs.CardNames(set), "`, `")+"`"))
		return
	}
	parts, text := b.render.Card(dialogs.ViewCard(set, c, lang), lang, false, user)
	responseURL := cb.ResponseURL
	b.spawn("share card", func(ctx context.Context) error {
		for _, p := range parts {
			if _, err := b.out.post(ctx, channel, "", false, p, text); err != nil {
				msg := dialogs.TextsFor(lang).SomethingWrong
				if isNotInChannel(err) {
					msg = dialogs.TextsFor(lang).NotInChannel
				}
				b.out.ephemeral(ctx, responseURL, channel, user, msg)
				return fmt.Errorf("share card %s: %w", id, err)
			}
		}
		if responseURL != "" {
			if err := b.out.respond(ctx, responseURL, map[string]any{"delete_original": true}); err != nil {
				b.log.Debug("remove the private card", "err", err)
			}
		}
		b.log.Info("card shared", "card", id, "channel", channel)
		return nil
	})
}
