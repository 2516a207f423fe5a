package bot

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// What the Home looks at.
const (
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

// appHomeOpened publishes the user's Home tab when they open it, with the
// cases of the workspace (team) it was opened in.
func (l *lookups) appHomeOpened(ctx context.Context, team string, ev *slackevents.AppHomeOpenedEvent) error {
	if ev.User == "" || (ev.Tab != "" && ev.Tab != "home") {
		return nil // the Messages tab needs nothing
	}
	data, err := l.homeData(ctx, ev.User, team)
	if err != nil {
		return fmt.Errorf("app home: %w", err)
	}
	view := l.render.Home(data)
	err = l.out.WithinLimit(ctx, "views.publish", homeWindow, func() error {
		_, err := l.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: ev.User, View: view})
		return err
	})
	if err != nil {
		return fmt.Errorf("views.publish: %w", err)
	}
	return nil
}

// render.HomeData gathers a user's Home tab. It reads the user's newest cases
// through the user index, and per channel of those only the briefs it
// needs: no whole case is read except the ones shown. Only cases of team
// (the workspace the tab was opened in) are shown.
func (l *lookups) homeData(ctx context.Context, user, team string) (render.HomeData, error) {
	d := render.HomeData{Lang: l.dir.LangFor(ctx, user), Command: l.cfg.Command, Cards: l.engine.Cards().Cards}
	mine, err := l.store.UserBriefs(ctx, user, team, homeMyWindow)
	if err != nil {
		return d, err
	}
	lead, err := l.dir.IsLeadCtx(ctx, user)
	if err != nil {
		l.log.Warn("team lead check failed; Home shows the user's own cases", "err", err)
	}
	decisionStep := -1
	for _, st := range l.engine.Cards().Steps() {
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
		recent, err := l.store.ChannelBriefs(ctx, ch, store.BriefFilter{Window: homeDecisionWindow, Team: team})
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
		openHere, err := l.store.ChannelBriefs(ctx, ch, store.BriefFilter{OpenOnly: true, Team: team})
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

	d.MoreMine = max(0, len(open)-render.HomeItems)
	d.MoreWaiting = max(0, len(waiting)-render.HomeItems)
	d.Mine = l.homeItems(ctx, open)
	d.Waiting = l.homeItems(ctx, waiting)
	d.Decisions = l.homeItems(ctx, decided)
	return d, nil
}

// render.HomeItems loads the first render.HomeItems cases of briefs with their links.
func (l *lookups) homeItems(ctx context.Context, briefs []store.Brief) []render.HomeItem {
	var out []render.HomeItem
	for _, br := range briefs {
		if len(out) == render.HomeItems {
			break
		}
		c, err := l.store.Case(ctx, br.ID)
		if err != nil {
			continue
		}
		out = append(out, render.HomeItem{Case: c, Link: l.dir.Permalink(ctx, c.Channel, c.Thread)})
	}
	return out
}
