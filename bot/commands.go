package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/transport"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// reply is an immediate answer to a slash command: the body of the HTTP
// response or the Socket Mode ack payload.
type reply struct {
	ResponseType string        `json:"response_type,omitempty"`
	Text         string        `json:"text"`
	Blocks       []slack.Block `json:"blocks,omitempty"`
}

func ephemeralReply(text string) *reply {
	return &reply{ResponseType: slack.ResponseTypeEphemeral, Text: text}
}

// subcommand maps the first word of the command text (Dutch or English) to
// a subcommand; "" means the text is a quick-start title.
func subcommand(word string) string {
	switch strings.ToLower(word) {
	case "help", "hulp", "?":
		return "help"
	case "nieuw", "new":
		return "new"
	case "lijst", "list":
		return "list"
	case "zoek", "search":
		return "search"
	case "overzicht", "digest":
		return "digest"
	case "kaart", "card", "kaarten", "cards":
		return "card"
	case "varianten", "variants":
		return "variants"
	case "export":
		return "export"
	case "verslag", "record", "report":
		return "report"
	case "verwijder", "delete":
		return "delete"
	case "instellingen", "settings":
		return "settings"
	}
	return ""
}

// command handles a slash command. It returns at once (well within Slack's
// 3 seconds): the case is stored before returning, and everything that
// talks to Slack runs in the background.
func (b *Bot) command(ctx context.Context, cmd slack.SlashCommand) *reply {
	lang := b.dir.LangFor(ctx, cmd.UserID)
	t := dialogs.TextsFor(lang)
	text := strings.TrimSpace(render.Unescape(cmd.Text))
	first, rest, _ := strings.Cut(text, " ")
	rest = strings.TrimSpace(rest)
	switch subcommand(first) {
	case "help":
		return ephemeralReply(render.EscapePlain(fmt.Sprintf(t.Help, b.cfg.Command)))
	case "new":
		if rest == "" {
			b.openNewCaseModal(ctx, cmd, lang, "")
			return nil
		}
		text = rest
	case "list":
		return b.look.listCases(ctx, cmd, lang, rest)
	case "search":
		return b.look.searchCases(ctx, cmd, lang, rest)
	case "digest":
		return b.digestCommand(ctx, cmd, lang, rest)
	case "card":
		return b.cardCommand(ctx, cmd, lang, rest)
	case "variants":
		return b.variantsCommand(ctx, cmd, lang)
	case "export":
		return b.look.exportCases(ctx, cmd, lang, rest)
	case "report":
		return b.look.reportCommand(ctx, cmd, lang, rest)
	case "delete":
		return b.eraseCommand(ctx, cmd, lang, rest)
	case "settings":
		return b.settingsCommand(ctx, cmd, lang)
	}
	if text == "" {
		b.openNewCaseModal(ctx, cmd, lang, "")
		return nil
	}
	start := dialogs.Start{Channel: cmd.ChannelID, Team: cmd.TeamID, Enterprise: cmd.EnterpriseID, Title: text, By: cmd.UserID, Lang: lang}
	if _, err := b.startCase(ctx, start, cmd.ResponseURL); err != nil {
		return ephemeralReply(b.userMessage(err, lang))
	}
	return nil
}

// startCase checks and stores a new case, with the outbox job that posts
// its root message and first question. responseURL is where to tell the
// starter if that cannot be done. Errors are *dialogs.Error or internal.
func (b *Bot) startCase(ctx context.Context, s dialogs.Start, responseURL string) (*record.Case, error) {
	c, err := b.engine.NewCase(s)
	if err != nil {
		return nil, err
	}
	if err := b.store.CreateCaseWithJob(ctx, c, b.cfg.Now(), delivery.SyncOpts{ResponseURL: responseURL}.Payload()); err != nil {
		return nil, fmt.Errorf("start case: %w", err)
	}
	transport.NoteCase(ctx, c.ID)
	b.out.Kick()
	b.log.InfoContext(ctx, "case started", "case", c.Key(), "channel", c.Channel)
	return c, nil
}

func (b *Bot) openNewCaseModal(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang, title string) {
	m := render.Meta{Channel: cmd.ChannelID, ResponseURL: cmd.ResponseURL, Lang: string(lang)}
	view := b.render.NewCaseModal(lang, m, title)
	target := clickTarget{responseURL: cmd.ResponseURL, channel: cmd.ChannelID, user: cmd.UserID}
	b.openModal(ctx, target, dialogs.TextsFor(lang).ModalFailed, cmd.TriggerID, view)
}

// userMessage turns an error into what the user reads, as mrkdwn: the
// message of a *dialogs.Error, with what a person typed in it escaped
// (render.UserText), or "something went wrong" (and a log line) for the rest.
func (b *Bot) userMessage(err error, lang cards.Lang) string {
	if ue, ok := dialogs.AsError(err); ok {
		return ue.Format(lang, render.UserText)
	}
	b.log.Error("request failed", "err", err)
	return dialogs.TextsFor(lang).SomethingWrong
}

// fieldMessage is userMessage for a modal's field error, which Slack shows
// as plain text: what a person typed needs no escaping there.
func (b *Bot) fieldMessage(err error, lang cards.Lang) string {
	if ue, ok := dialogs.AsError(err); ok {
		return ue.In(lang)
	}
	return b.userMessage(err, lang)
}
