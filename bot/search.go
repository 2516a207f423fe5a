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

// Search weights of a chosen option found by its label, by the kind of step.
const (
	weightSignalLabel   = 3
	weightDecisionLabel = store.WeightDecision
	weightOptionLabel   = 2
)

// maxSearchHits is how many cases a search shows.
const maxSearchHits = 10

// searchCases answers "/maatwerk zoek <query>": the channel's earlier cases
// that match, best first, each with its decision and rationale and a link
// to its thread, only for the user who asked. The search itself runs after
// the acknowledgement.
func (l *lookups) searchCases(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang, query string) *reply {
	t := dialogs.LookupTextsFor(lang)
	query = strings.TrimSpace(query)
	q := l.searchQuery(query)
	q.Team = cmd.TeamID // a channel may be shared between workspaces
	if len(q.Terms) == 0 {
		return ephemeralReply(fmt.Sprintf(t.SearchUsage, l.cfg.Command))
	}
	l.spawn(ctx, "search", func(ctx context.Context) error {
		blocks, fallback, err := l.searchAnswer(ctx, cmd.ChannelID, query, q, lang)
		if err != nil {
			l.out.Ephemeral(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, l.userMessage(err, lang))
			return nil
		}
		return l.out.EphemeralBlocks(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, blocks, fallback)
	})
	return nil
}

// maxLabelCodes is how many options a word may name by their labels before
// it counts as too common in the cards to say much ("regel", "rule"): its
// label matches then weigh weightGenericLabel.
const (
	maxLabelCodes      = 5
	weightGenericLabel = 1
)

// searchQuery turns what the user typed into a store query: every word must
// match, in the text of a case, or as the label (in Dutch or English) of an
// option its answers chose — a signal, a decision, a variant. Several words
// that together occur in a label ("purpose of the rule") are one term: that
// option, or the phrase in the case's text.
func (l *lookups) searchQuery(query string) store.Query {
	q := store.Query{Limit: maxSearchHits}
	words := store.Words(query)
	if phrase := store.Fold(query); len(words) > 1 {
		if codes := l.labelCodes(phrase); len(codes) > 0 {
			q.Terms = []store.Term{{Word: phrase, Codes: codes}}
			return q
		}
	}
	for _, w := range words {
		q.Terms = append(q.Terms, store.Term{Word: w, Codes: l.labelCodes(w)})
	}
	return q
}

// labelCodes are the "step:option" codes of the options whose label
// contains the folded text, with the weight of a match on each.
func (l *lookups) labelCodes(folded string) map[string]int {
	codes := map[string]int{}
	for _, st := range l.engine.Cards().Steps() {
		if st.Item.Kind == cards.KindYesNo {
			continue // "ja" and "nee" say nothing on their own
		}
		weight := weightOptionLabel
		switch {
		case st.Item.Kind == cards.KindDecision:
			weight = weightDecisionLabel
		case len(st.Card.Readings) > 0:
			weight = weightSignalLabel
		}
		for _, o := range st.Options {
			for _, lang := range cards.Langs() {
				if strings.Contains(store.Fold(o.Text.In(lang)), folded) {
					codes[st.ID+":"+o.ID] = weight
				}
			}
		}
	}
	if len(codes) > maxLabelCodes {
		for c := range codes {
			codes[c] = weightGenericLabel
		}
	}
	return codes
}

// searchAnswer runs a search and renders its answer.
func (l *lookups) searchAnswer(ctx context.Context, channel, query string, q store.Query, lang cards.Lang) ([]slack.Block, string, error) {
	t := dialogs.LookupTextsFor(lang)
	res, err := l.store.Search(ctx, channel, q)
	if err != nil {
		return nil, "", fmt.Errorf("search: %w", err)
	}
	shown := render.Clip(query, 100)
	if len(res.Hits) == 0 {
		text := fmt.Sprintf(t.NoHitsF, render.UserText(shown), l.cfg.Command)
		return []slack.Block{render.Section(text)}, text, nil
	}
	head := t.Hits(res.Total, render.UserText(shown))
	if res.Total > len(res.Hits) {
		head = fmt.Sprintf(t.HitsTopF, res.Total, render.UserText(shown), len(res.Hits))
	}
	blocks := []slack.Block{render.Section(head)}
	for _, h := range res.Hits {
		c, err := l.store.Case(ctx, h.ID)
		if err != nil {
			continue // deleted meanwhile
		}
		if c.Channel != channel {
			continue // moved meanwhile: never show another channel's case
		}
		blocks = append(blocks, l.render.SearchHit(c, l.dir.Permalink(ctx, c.Channel, c.Thread), t))
	}
	return blocks, strings.Trim(head, "*"), nil
}
