package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// maxListed is how many cases "/maatwerk lijst" shows.
const maxListed = 20

// listCases answers "/maatwerk lijst [open|alle]": the channel's open cases
// (or all, newest first), each linked to its thread with its status,
// progress and last activity, only for the user who asked.
func (l *lookups) listCases(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang, arg string) *reply {
	arg = strings.ToLower(strings.TrimSpace(arg))
	all := arg == "alle" || arg == "all"
	l.spawn(ctx, "list cases", func(ctx context.Context) error {
		blocks, fallback, err := l.listAnswer(ctx, cmd.ChannelID, cmd.TeamID, all, lang)
		if err != nil {
			l.out.Ephemeral(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, l.userMessage(err, lang))
			return nil
		}
		return l.out.EphemeralBlocks(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, blocks, fallback)
	})
	return nil
}

// listAnswer lists the cases of team (a workspace: a channel may be shared
// between workspaces) in channel.
func (l *lookups) listAnswer(ctx context.Context, channel, team string, all bool, lang cards.Lang) ([]slack.Block, string, error) {
	t := dialogs.LookupTextsFor(lang)
	f := store.BriefFilter{OpenOnly: !all, Team: team}
	if all {
		f.Limit = maxListed + 1 // one more tells there are more
	}
	briefs, err := l.store.ChannelBriefs(ctx, channel, f)
	if err != nil {
		return nil, "", fmt.Errorf("list: %w", err)
	}
	if len(briefs) == 0 {
		text := t.ListEmpty
		if !all {
			text = fmt.Sprintf(t.ListNoOpen, l.cfg.Command)
		}
		return []slack.Block{render.Section(text)}, text, nil
	}
	head := fmt.Sprintf(t.ListOpenF, len(briefs))
	if all {
		head = fmt.Sprintf(t.ListAllF, min(len(briefs), maxListed))
	}
	more := len(briefs) > maxListed
	if more {
		briefs = briefs[:maxListed]
	}
	var lines []string
	for _, br := range briefs {
		c, err := l.store.Case(ctx, br.ID)
		if err != nil || c.Channel != channel {
			continue
		}
		lines = append(lines, "• "+render.CaseLink(c, l.dir.Permalink(ctx, c.Channel, c.Thread))+" — "+
			render.UserText(l.engine.StatusText(c))+", "+l.engine.ProgressText(c)+" · "+t.LastActive+" "+l.render.Date(c.UpdatedAt, lang))
	}
	blocks := []slack.Block{render.Section(head)}
	blocks = append(blocks, render.LineSections(lines)...)
	if more {
		blocks = append(blocks, render.ContextBlock(fmt.Sprintf(t.ListNewest, maxListed)))
	}
	return blocks, head, nil
}
