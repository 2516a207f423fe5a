package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// Limits of the App Home.
const (
	maxHomeBlocks = 100 // Slack's limit for a Home tab
	homeItems     = 10  // cases per section
	// homeMyWindow is how many of the user's newest cases the Home looks at
	// for their open cases and their channels.
	homeMyWindow = 200
	// homeChannels caps the channels whose cases the Home looks at.
	homeChannels = 20
	// homeDecisionWindow is how many of a channel's newest cases are looked
	// at for recent decisions.
	homeDecisionWindow = 200
	// homeWindow is how long the bot tries to publish a Home tab that Slack
	// rate-limits (views.publish, tier 4) while its user looks at it.
	homeWindow = 5 * time.Second
)

// appHomeOpened publishes the user's Home tab when they open it.
func (b *Bot) appHomeOpened(ctx context.Context, ev *slackevents.AppHomeOpenedEvent) error {
	if ev.User == "" || (ev.Tab != "" && ev.Tab != "home") {
		return nil // the Messages tab needs nothing
	}
	data, err := b.homeData(ctx, ev.User)
	if err != nil {
		return fmt.Errorf("app home: %w", err)
	}
	view := b.render.Home(data)
	err = b.withinLimit(ctx, "views.publish", homeWindow, func() error {
		_, err := b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: ev.User, View: view})
		return err
	})
	if err != nil {
		return fmt.Errorf("views.publish: %w", err)
	}
	return nil
}

// homeItem is one case on the Home tab.
type homeItem struct {
	Case *record.Case
	Link string
}

// homeData is what one user's Home tab shows.
type homeData struct {
	Lang    cards.Lang
	Command string
	// Mine are the user's open cases (started or taken part in); Waiting
	// the open cases at the decision step the user may decide; Decisions
	// the newest decisions in the channels of the user's cases.
	Mine, Waiting, Decisions []homeItem
	// More counts what did not fit, per section.
	MoreMine, MoreWaiting int
	Cards                 []*cards.Card
}

// homeData gathers a user's Home tab. It reads the user's newest cases
// through the user index, and per channel of those only the briefs it
// needs: no whole case is read except the ones shown.
func (b *Bot) homeData(ctx context.Context, user string) (homeData, error) {
	d := homeData{Lang: b.cfg.Lang, Command: b.cfg.Command, Cards: b.engine.Cards().Cards}
	mine, err := b.store.UserBriefs(ctx, user, homeMyWindow)
	if err != nil {
		return d, err
	}
	lead, err := b.isLeadCtx(ctx, user)
	if err != nil {
		b.log.Warn("team lead check failed; Home shows the user's own cases", "err", err)
	}
	decisionStep := -1
	for _, st := range b.engine.Cards().Steps() {
		if st.Item.Kind == cards.KindDecision {
			decisionStep = st.Index
		}
	}
	atDecision := func(br store.Brief) bool {
		return br.Status == record.StatusOpen && br.Step == decisionStep
	}

	var open, waiting, decided []store.Brief
	seenWaiting, seenDecided := map[int64]bool{}, map[int64]bool{}
	var channels []string
	for _, br := range mine {
		if br.Status != record.StatusClosed {
			open = append(open, br)
		}
		if atDecision(br) && (br.StartedBy == user || lead) {
			waiting = append(waiting, br)
			seenWaiting[br.ID] = true
		}
		if br.Decision != "" && !seenDecided[br.ID] {
			decided = append(decided, br)
			seenDecided[br.ID] = true
		}
		if !slices.Contains(channels, br.Channel) && len(channels) < homeChannels {
			channels = append(channels, br.Channel)
		}
	}
	for _, ch := range channels {
		recent, err := b.store.ChannelBriefs(ctx, ch, store.BriefFilter{Window: homeDecisionWindow})
		if err != nil {
			return d, err
		}
		for _, br := range recent {
			if br.Decision != "" && !seenDecided[br.ID] {
				decided = append(decided, br)
				seenDecided[br.ID] = true
			}
		}
		if !lead {
			continue
		}
		// A team lead may decide any case: every open case of the
		// channel at the decision step waits for them too.
		openHere, err := b.store.ChannelBriefs(ctx, ch, store.BriefFilter{OpenOnly: true})
		if err != nil {
			return d, err
		}
		for _, br := range openHere {
			if atDecision(br) && !seenWaiting[br.ID] {
				waiting = append(waiting, br)
				seenWaiting[br.ID] = true
			}
		}
	}
	slices.SortStableFunc(decided, func(x, y store.Brief) int { return y.DecidedAt.Compare(x.DecidedAt) })
	slices.SortStableFunc(waiting, func(x, y store.Brief) int { return y.UpdatedAt.Compare(x.UpdatedAt) })

	d.MoreMine = max(0, len(open)-homeItems)
	d.MoreWaiting = max(0, len(waiting)-homeItems)
	d.Mine = b.homeItems(ctx, open)
	d.Waiting = b.homeItems(ctx, waiting)
	d.Decisions = b.homeItems(ctx, decided)
	return d, nil
}

// homeItems loads the first homeItems cases of briefs with their links.
func (b *Bot) homeItems(ctx context.Context, briefs []store.Brief) []homeItem {
	var out []homeItem
	for _, br := range briefs {
		if len(out) == homeItems {
			break
		}
		c, err := b.store.Case(ctx, br.ID)
		if err != nil {
			continue
		}
		out = append(out, homeItem{Case: c, Link: b.permalink(ctx, c.Channel, c.Thread)})
	}
	return out
}

// Home renders a user's Home tab.
func (r renderer) Home(d homeData) slack.HomeTabViewRequest {
	t := lookupTextsFor(d.Lang)
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(t.HomeTitle)),
		contextBlock(fmt.Sprintf(t.HomeIntroF, d.Command)),
	}
	list := func(title, none string, items []homeItem, more int, line func(homeItem) string) {
		blocks = append(blocks, slack.NewDividerBlock(), slack.NewHeaderBlock(plain(clip(title, maxHeaderText))))
		if len(items) == 0 {
			blocks = append(blocks, contextBlock(none))
			return
		}
		if len(items) > homeItems {
			more += len(items) - homeItems
			items = items[:homeItems]
		}
		for _, it := range items {
			blocks = append(blocks, section(caseLink(it.Case, it.Link)+"\n"+line(it)))
		}
		if more > 0 {
			blocks = append(blocks, contextBlock(fmt.Sprintf(t.HomeMoreF, more)))
		}
	}
	where := func(c *record.Case) string { return "<#" + c.Channel + ">" }
	status := func(it homeItem) string {
		c := it.Case
		return userText(r.engine.StatusText(c)) + " · " + r.engine.ProgressText(c) + " · " + where(c) + " · " +
			t.LastActive + " " + r.date(c.UpdatedAt)
	}
	list(t.HomeMine, t.HomeMineNone, d.Mine, d.MoreMine, status)
	list(t.HomeWaiting, t.HomeWaitNone, d.Waiting, d.MoreWaiting, status)
	list(t.HomeDecisions, t.HomeDecNone, d.Decisions, 0, func(it homeItem) string {
		s := r.engine.Summarize(it.Case)
		if s.Decision == nil {
			return where(it.Case)
		}
		line := "*" + t.Decision + ":* " + userText(s.Decision.Option) + " — " + mention(s.Decision.By) + " · " +
			r.date(s.Decision.At) + " · " + where(it.Case)
		if s.Decision.Rationale != "" {
			line += "\n_" + userText(clip(s.Decision.Rationale, 200)) + "_"
		}
		return line
	})

	blocks = append(blocks, slack.NewDividerBlock(), slack.NewHeaderBlock(plain(t.HomeCards)),
		contextBlock(escapePlain(fmt.Sprintf(t.HomeCardsHint, d.Command))))
	word := "kaart"
	if d.Lang == cards.EN {
		word = "card"
	}
	var lines []string
	for _, c := range d.Cards {
		purpose := strings.Join(strings.Fields(c.Purpose.In(d.Lang)), " ")
		lines = append(lines, fmt.Sprintf("• *%s* — `%s %s %s`\n   %s", c.Title.In(d.Lang), d.Command, word, c.ID, clip(purpose, 160)))
	}
	blocks = append(blocks, lineSections(lines)...)
	if len(blocks) > maxHomeBlocks {
		blocks = blocks[:maxHomeBlocks]
	}
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
}
