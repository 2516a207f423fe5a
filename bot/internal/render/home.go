package render

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Limits of the App Home.
const (
	MaxHomeBlocks = 100 // Slack's limit for a Home tab
	HomeItems     = 10  // cases per section
)

// HomeItem is one case on the Home tab.
type HomeItem struct {
	Case *record.Case
	Link string
}

// HomeData is what one user's Home tab shows.
type HomeData struct {
	Lang    cards.Lang
	Command string
	// Mine are the user's open cases (started or taken part in); Waiting
	// the open cases at the decision step the user may decide; Decisions
	// the newest decisions in the channels of the user's cases.
	Mine, Waiting, Decisions []HomeItem
	// More counts what did not fit, per section.
	MoreMine, MoreWaiting int
	Cards                 []*cards.Card
}

// Home renders a user's Home tab.
func (r Renderer) Home(d HomeData) slack.HomeTabViewRequest {
	t := dialogs.LookupTextsFor(d.Lang)
	blocks := []slack.Block{
		slack.NewHeaderBlock(Plain(t.HomeTitle)),
		ContextBlock(fmt.Sprintf(t.HomeIntroF, d.Command)),
	}
	list := func(title, none string, items []HomeItem, more int, line func(HomeItem) string) {
		blocks = append(blocks, slack.NewDividerBlock(), slack.NewHeaderBlock(Plain(Clip(title, MaxHeaderText))))
		if len(items) == 0 {
			blocks = append(blocks, ContextBlock(none))
			return
		}
		if len(items) > HomeItems {
			more += len(items) - HomeItems
			items = items[:HomeItems]
		}
		for _, it := range items {
			blocks = append(blocks, Section(CaseLink(it.Case, it.Link)+"\n"+line(it)))
		}
		if more > 0 {
			blocks = append(blocks, ContextBlock(fmt.Sprintf(t.HomeMoreF, more)))
		}
	}
	where := func(c *record.Case) string { return "<#" + c.Channel + ">" }
	status := func(it HomeItem) string {
		c := it.Case
		return UserText(r.Engine.StatusText(c)) + " · " + r.Engine.ProgressText(c) + " · " + where(c) + " · " +
			t.LastActive + " " + r.Date(c.UpdatedAt, d.Lang)
	}
	list(t.HomeMine, t.HomeMineNone, d.Mine, d.MoreMine, status)
	list(t.HomeWaiting, t.HomeWaitNone, d.Waiting, d.MoreWaiting, status)
	list(t.HomeDecisions, t.HomeDecNone, d.Decisions, 0, func(it HomeItem) string {
		s := r.Engine.Summarize(it.Case)
		if s.Decision == nil {
			return where(it.Case)
		}
		line := "*" + t.Decision + ":* " + UserText(s.Decision.Option) + " — " + Mention(s.Decision.By) + " · " +
			r.Date(s.Decision.At, d.Lang) + " · " + where(it.Case)
		if s.Decision.Rationale != "" {
			line += "\n_" + UserText(Clip(s.Decision.Rationale, 200)) + "_"
		}
		return line
	})

	blocks = append(blocks, slack.NewDividerBlock(), slack.NewHeaderBlock(Plain(t.HomeCards)),
		ContextBlock(EscapePlain(fmt.Sprintf(t.HomeCardsHint, d.Command))))
	word := t.HomeCardWord
	var lines []string
	for _, c := range d.Cards {
		purpose := strings.Join(strings.Fields(c.Purpose.In(d.Lang)), " ")
		lines = append(lines, fmt.Sprintf("• *%s* — `%s %s %s`\n   %s", c.Title.In(d.Lang), d.Command, word, c.ID, Clip(purpose, 160)))
	}
	blocks = append(blocks, LineSections(lines)...)
	if len(blocks) > MaxHomeBlocks {
		blocks = blocks[:MaxHomeBlocks]
	}
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
}
