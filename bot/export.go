package bot

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// exportCases answers "/maatwerk export [csv|json]" for team leads: the
// channel's cases, and only this channel's, as a file sent to the lead by
// direct message. Not into the channel: a file shared there stays
// downloadable by every present and future member, beyond the bot's
// retention and beyond a team lead's erasing of a case, while the lead who
// asked is the only one who needs it.
func (l *lookups) exportCases(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang, arg string) *reply {
	t := dialogs.LookupTextsFor(lang)
	format := strings.ToLower(strings.TrimSpace(arg))
	if format == "" {
		format = export.CSV
	}
	if format != export.CSV && format != export.JSON {
		return ephemeralReply(fmt.Sprintf(t.ExportUsage, l.cfg.Command))
	}
	l.spawn(ctx, "export", func(ctx context.Context) error {
		tell := func(text string) { l.out.Ephemeral(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, text) }
		ok, err := l.dir.IsLeadCtx(ctx, cmd.UserID)
		if err != nil {
			l.log.Warn("team lead check failed", "err", err)
			tell(t.ExportNoCheck)
			return nil
		}
		if !ok {
			l.log.Info("export refused: not a team lead", "user", cmd.UserID, "channel", cmd.ChannelID)
			tell(t.ExportNotLead)
			return nil
		}
		n, err := l.uploadExport(ctx, cmd.ChannelID, cmd.TeamID, cmd.UserID, format, t)
		switch {
		case err != nil:
			l.log.Error("export failed", "channel", cmd.ChannelID, "err", err)
			tell(t.ExportFailed)
		case n == 0:
			tell(t.ExportEmpty)
		default:
			l.log.Info("export sent", "channel", cmd.ChannelID, "user", cmd.UserID, "cases", n, "format", format)
			tell(t.ExportDone(n, strings.ToUpper(format)))
		}
		return nil
	})
	return nil
}

// uploadExport sends the channel's cases of team (the asker's workspace: a
// channel may be shared between workspaces) to user's DM as a file and
// returns how many cases it held.
func (l *lookups) uploadExport(ctx context.Context, channel, team, user, format string, t *dialogs.LookupTexts) (int, error) {
	cases, err := l.store.ListCases(ctx, channel, store.Filter{Team: team})
	if err != nil {
		return 0, err
	}
	// The time index is per channel; check anyway, it is cheap.
	own := cases[:0]
	for _, c := range cases {
		if c.Channel == channel {
			own = append(own, c)
		}
	}
	if len(own) == 0 {
		return 0, nil
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, format, l.engine, own, l.cfg.Location); err != nil {
		return 0, err
	}
	dm, _, _, err := l.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return 0, fmt.Errorf("conversations.open: %w", err)
	}
	date := l.cfg.Now().In(l.cfg.Location).Format("2006-01-02")
	name := fmt.Sprintf("maatwerk-%s-%s.%s", channel, date, format)
	_, err = l.api.UploadFileContext(ctx, slack.UploadFileParameters{
		Reader: &buf, FileSize: buf.Len(), Filename: name, Title: name, Channel: dm.ID,
		InitialComment: t.ExportComment(len(own), "<#"+channel+">", date),
	})
	if err != nil {
		return 0, fmt.Errorf("upload: %w", err)
	}
	return len(own), nil
}
