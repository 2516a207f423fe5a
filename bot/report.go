package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// The document of one case (Verslag): a PDF for the dossier, sent to the
// one who asks in a direct message with the bot, never into the channel.
// A file shared in a channel stays there for every present and future
// member, beyond the bot's retention and beyond a team lead's erasing of the
// case. Asked for with the summary's Verslag (PDF) button or with
// "/maatwerk verslag MW-0042".
//
// Who may have it: whoever asks in the channel the case lives in (they can
// read the case there), anyone who took part in the case, and a team lead
// (who may decide and export any case), wherever they ask: in a DM with
// the bot, or from the summary in the team lead's request to decide.

// reportCommand answers "/maatwerk verslag MW-0042".
func (l *lookups) reportCommand(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang, arg string) *reply {
	t := dialogs.LookupTextsFor(lang)
	id, ok := record.ParseKey(strings.TrimSpace(arg))
	if !ok {
		return ephemeralReply(fmt.Sprintf(t.ReportUsage, l.cfg.Command))
	}
	tell := func(ctx context.Context, text string) {
		l.out.Ephemeral(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, text)
	}
	l.spawn(ctx, "report", func(ctx context.Context) error {
		l.sendReport(ctx, cmd.ChannelID, cmd.TeamID, cmd.UserID, id, t, tell)
		return nil
	})
	return nil
}

// reportClick answers a click on the summary's Verslag (PDF) button.
func (l *lookups) reportClick(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	user := cb.User.ID
	t := dialogs.LookupTextsFor(l.dir.LangFor(ctx, user))
	id, err := strconv.ParseInt(act.Value, 10, 64)
	if err != nil {
		return
	}
	tell := func(ctx context.Context, text string) {
		l.out.Ephemeral(ctx, cb.ResponseURL, cb.Channel.ID, user, text)
	}
	l.spawn(ctx, "report", func(ctx context.Context) error {
		l.sendReport(ctx, cb.Channel.ID, cb.Team.ID, user, id, t, tell)
		return nil
	})
}

// sendReport makes the document of case id and sends it to user's DM, if
// user may have it when asking in channel of workspace team; tell says how
// it went, only to user. A case of another workspace is unknown here.
func (l *lookups) sendReport(ctx context.Context, channel, team, user string, id int64, t *dialogs.LookupTexts, tell func(context.Context, string)) {
	key := record.FormatKey(id)
	c, err := l.store.Case(ctx, id)
	if err == nil && team != "" && c.Team != "" && c.Team != team {
		err = store.ErrNotFound // a case of another workspace is not there for this one
	}
	if errors.Is(err, store.ErrNotFound) {
		tell(ctx, fmt.Sprintf(t.ReportUnknownF, key))
		return
	}
	if err != nil {
		l.log.ErrorContext(ctx, "report: read case", "case", key, "err", err)
		tell(ctx, fmt.Sprintf(t.ReportFailedF, key))
		return
	}
	if c.Channel != channel && !slices.Contains(c.Involved(), user) && !l.dir.Lead(ctx, user) {
		l.log.InfoContext(ctx, "report refused: case of another channel", "case", key, "channel", channel, "user", user)
		tell(ctx, fmt.Sprintf(t.ReportNotHereF, key))
		return
	}
	if err := l.uploadReport(ctx, c, user, t); err != nil {
		l.log.ErrorContext(ctx, "report failed", "case", key, "err", err)
		tell(ctx, fmt.Sprintf(t.ReportFailedF, key))
		return
	}
	l.log.InfoContext(ctx, "report sent", "case", key, "user", user)
	tell(ctx, fmt.Sprintf(t.ReportSentF, key))
}

// uploadReport draws c's document as a PDF, with people's names from
// Slack beside their ids, and shares it in user's DM with the bot.
func (l *lookups) uploadReport(ctx context.Context, c *record.Case, user string, t *dialogs.LookupTexts) error {
	now := l.cfg.Now()
	doc := export.NewDocument(l.engine, c, l.cfg.Location, l.dir.DocName(ctx))
	var buf bytes.Buffer
	if err := export.WritePDF(&buf, doc, export.PDFOptions{Org: l.cfg.Org, Created: now}); err != nil {
		return err
	}
	dm, _, _, err := l.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}, ReturnIM: true})
	if err != nil {
		return fmt.Errorf("conversations.open: %w", err)
	}
	date := now.In(l.cfg.Location).Format("2006-01-02")
	name := export.ReportFileName(c, now.In(l.cfg.Location), export.PDF)
	_, err = l.api.UploadFileContext(ctx, slack.UploadFileParameters{
		Reader: &buf, FileSize: buf.Len(), Filename: name, Title: doc.Title, Channel: dm.ID,
		InitialComment: fmt.Sprintf(t.ReportCommentF, c.Key(), date),
	})
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	return nil
}
