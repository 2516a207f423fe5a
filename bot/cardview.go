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

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// actCardShare is the "Deel in kanaal" button under a card shown on
// request; its value is "<card id>|<lang>".
const actCardShare = "mw.cardshare"

// maxReplyBytes bounds a card sent as the slash command's immediate answer:
// Socket Mode drops ack payloads of 20 KB or more (SLACK.md). Larger cards
// go through the response_url.
const maxReplyBytes = 12000

// CardList renders the list of cards: one line each, and how to open one.
func (r renderer) CardList(set *cards.Set, lang cards.Lang, command string) ([]slack.Block, string) {
	ct := dialogs.CardTextsFor(lang)
	blocks := []slack.Block{slack.NewHeaderBlock(plain(clip(ct.ListTitle, maxHeaderText)))}
	for _, g := range dialogs.SourceGroups(dialogs.CardList(set, lang), ct) {
		blocks = append(blocks, contextBlock("*"+g.Heading+"*"))
		for _, c := range g.Cards {
			if len(blocks) >= maxBlocks-2 {
				break
			}
			blocks = append(blocks, section("*"+c.Title+"* · `"+c.ID+"`\n"+c.Line))
		}
	}
	blocks = append(blocks, contextBlock(ct.Attribution), contextBlock(escapePlain(fmt.Sprintf(ct.ListHintF, command))))
	return blocks, ct.ListTitle
}

// Card renders a card as one or more messages (a long card is split, each
// part within Slack's limits). With share, the last part ends in the "Deel
// in kanaal" button; sharedBy, when set, says who posted it in the channel.
func (r renderer) Card(v dialogs.CardView, lang cards.Lang, share bool, sharedBy string) ([][]slack.Block, string) {
	ct := dialogs.CardTextsFor(lang)
	t := dialogs.TextsFor(lang)
	var body []slack.Block
	if sharedBy != "" {
		body = append(body, contextBlock(fmt.Sprintf(ct.SharedByF, mention(sharedBy))))
	}
	if v.Purpose != "" {
		body = append(body, section("_"+strings.TrimSpace(v.Purpose)+"_"))
	}
	if v.Grid != nil {
		body = append(body, r.variantBlocks(v, ct)...)
	} else {
		for _, it := range v.Items {
			body = append(body, slack.NewDividerBlock())
			body = append(body, section(cardItemText(it)))
			var notes []string
			if it.Help != "" {
				notes = append(notes, ":information_source: "+it.Help)
			}
			if len(it.See) > 0 {
				notes = append(notes, t.SeeAlso+": "+strings.Join(it.See, " · "))
			}
			if len(notes) > 0 {
				body = append(body, contextBlock(strings.Join(notes, "\n")))
			}
		}
	}
	var tail []slack.Block
	if share {
		btn := slack.NewButtonBlockElement(actCardShare, v.ID+"|"+string(lang), plain(clip(ct.Share, maxButtonText)))
		tail = append(tail, slack.NewActionBlock("card."+v.ID, btn))
	}
	// Room for the header (or the continuation line) and the button.
	parts := splitBlocks(body, maxMessageChars-1000, maxBlocks-2)
	if len(parts) == 0 {
		parts = [][]slack.Block{nil}
	}
	title := clip(v.Title, maxHeaderText)
	for i := range parts {
		head := slack.Block(slack.NewHeaderBlock(plain(title)))
		if i > 0 {
			head = contextBlock(fmt.Sprintf("*%s* (%s %d/%d)", title, ct.Continued, i+1, len(parts)))
		}
		parts[i] = append([]slack.Block{head}, parts[i]...)
	}
	parts[len(parts)-1] = append(parts[len(parts)-1], tail...)
	return parts, clip(v.Title+": "+v.Purpose, 3000)
}

// cardItemText is an item's title (unless its text already says it), its
// text and its options as a list.
func cardItemText(it dialogs.CardViewItem) string {
	var b strings.Builder
	if it.Title != "" && !strings.Contains(it.Text, it.Title) && !strings.HasPrefix(it.Text, "*") {
		b.WriteString("*" + it.Title + "*\n")
	}
	b.WriteString(it.Text)
	for _, o := range it.Options {
		b.WriteString("\n• " + o.Text)
		if o.Help != "" {
			b.WriteString(" — _" + o.Help + "_")
		}
	}
	return b.String()
}

// variantBlocks renders the essay's 2×2: the explanation of the axes, the
// four variants as a grid of fields (two columns, as Slack shows fields),
// each with its one line and its description, then the dilemmas.
func (r renderer) variantBlocks(v dialogs.CardView, ct *dialogs.CardTexts) []slack.Block {
	g := v.Grid
	var blocks []slack.Block
	if g.Intro != "" {
		blocks = append(blocks, section(g.Intro))
	}
	axes := fmt.Sprintf("*%s*\n→ %s: %s | %s\n↓ %s: %s | %s", ct.Variants,
		ct.AxisSingle, ct.No, ct.Yes, ct.AxisGroups, ct.No, ct.Yes)
	var fields []*slack.TextBlockObject
	for row := range 2 {
		for col := range 2 {
			cell := g.Cells[row][col]
			if cell == nil {
				fields = append(fields, md("—"))
				continue
			}
			f := "*" + cell.Title + "*\n_" + cell.Line + "_\n" + "`" + ct.Place(cell) + "`"
			fields = append(fields, md(clip(f, maxFieldText)))
		}
	}
	// The descriptions in the essay's order, from little to much maatwerk.
	var texts []string
	for _, v := range g.Order {
		texts = append(texts, "• *"+v.Title+"*: "+v.Text)
	}
	blocks = append(blocks, slack.NewDividerBlock(), slack.NewSectionBlock(md(axes), fields, nil))
	if len(texts) > 0 {
		blocks = append(blocks, section(strings.Join(texts, "\n")))
	}
	if len(v.Dilemmas) > 0 {
		var lines []string
		for _, d := range v.Dilemmas {
			l := "• *" + d.Text + "*"
			if d.Help != "" {
				l += " — " + d.Help
			}
			lines = append(lines, l)
		}
		blocks = append(blocks, slack.NewDividerBlock(), section("*"+v.DilemmasTitle+"*\n"+strings.Join(lines, "\n")))
	}
	return blocks
}

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
		return ephemeralReply(fmt.Sprintf(ct.UnknownCardF, userText(clip(name, 40)),
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
	if raw, err := json.Marshal(rep); err == nil && len(parts) == 1 && len(raw) <= maxReplyBytes {
		return rep
	}
	b.spawn("show card", func(ctx context.Context) error {
		for _, p := range parts {
			if err := b.ephemeralBlocks(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, p, text); err != nil {
				return fmt.Errorf("show card %s: %w", c.ID, err)
			}
		}
		return nil
	})
	return nil
}

// ephemeralBlocks shows blocks to one user: through the response_url when
// there is one, else with chat.postEphemeral.
func (b *Bot) ephemeralBlocks(ctx context.Context, responseURL, channel, user string, blocks []slack.Block, text string) error {
	return b.respondBlocks(ctx, responseURL, channel, user, false, blocks, text)
}

// respond posts a message body to a response_url: the one way the bot
// posts to one (ephemeral answers, answers with blocks, replacing or
// deleting the message clicked). Its errors do not name the URL, which is a
// credential for 30 minutes, so they may be logged as they are. An answer
// of Slack's that refuses the post (used_url, expired_url, no_text…) is an
// error too, whatever its HTTP status.
func (b *Bot) respond(ctx context.Context, responseURL string, msg map[string]any) error {
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
		b.tell(target, fmt.Sprintf(ct.UnknownCardF, userText(clip(id, 40)), "`"+strings.Join(dialogs.CardNames(set), "`, `")+"`"))
		return
	}
	parts, text := b.render.Card(dialogs.ViewCard(set, c, lang), lang, false, user)
	responseURL := cb.ResponseURL
	b.spawn("share card", func(ctx context.Context) error {
		for _, p := range parts {
			if _, err := b.post(ctx, channel, "", false, p, text); err != nil {
				msg := dialogs.TextsFor(lang).SomethingWrong
				if isNotInChannel(err) {
					msg = dialogs.TextsFor(lang).NotInChannel
				}
				b.ephemeral(ctx, responseURL, channel, user, msg)
				return fmt.Errorf("share card %s: %w", id, err)
			}
		}
		if responseURL != "" {
			if err := b.respond(ctx, responseURL, map[string]any{"delete_original": true}); err != nil {
				b.log.Debug("remove the private card", "err", err)
			}
		}
		b.log.Info("card shared", "card", id, "channel", channel)
		return nil
	})
}

// optionHelp lists the options of a question that explain themselves in one
// line (the four variants do), so the choice is made knowing what each
// means; "" when no option has help.
func optionHelp(opts []dialogs.Choice) string {
	var lines []string
	for _, o := range opts {
		if o.Help != "" {
			lines = append(lines, "*"+o.Text+"*: "+o.Help)
		}
	}
	return strings.Join(lines, "\n")
}
