package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// maxLinks caps the permalinks fetched for one digest; further cases are
// listed by key only.
const maxLinks = 60

// digestParams are the parameters of channel's digest of week now.
func (s *scheduler) digestParams(channel string, week dialogs.Week, lang cards.Lang) dialogs.DigestParams {
	return dialogs.DigestParams{
		Channel: channel, Week: week, Loc: s.cfg.Location, Lang: lang, Now: s.cfg.Now(),
		PatternMin: s.cfg.PatternMin, PatternWeeks: s.cfg.PatternWeeks,
	}
}

// buildDigest computes channel's digest of week from the cases of team
// (a Slack workspace; a channel may be shared between workspaces) that the
// activity index selects (never every case), with thread permalinks.
func (s *scheduler) buildDigest(ctx context.Context, channel, team string, week dialogs.Week, lang cards.Lang) (dialogs.Digest, map[string]string, error) {
	p := s.digestParams(channel, week, lang)
	since, idle := p.Window()
	cases, err := s.store.DigestCases(ctx, channel, team, since, idle)
	if err != nil {
		return dialogs.Digest{}, nil, err
	}
	d := s.engine.Digest(cases, p)
	return d, s.digestLinks(ctx, d), nil
}

// digestLinks returns the permalinks of the threads of the cases d names,
// by thread ts: from the store's cache, else from chat.getPermalink (then
// cached). A link that cannot be had is left out; the case is then listed by
// its key.
func (s *scheduler) digestLinks(ctx context.Context, d dialogs.Digest) map[string]string {
	var threads []string
	seen := map[string]bool{}
	add := func(cs []dialogs.DigestCase) {
		for _, c := range cs {
			if c.Thread != "" && !seen[c.Thread] && len(threads) < maxLinks {
				seen[c.Thread] = true
				threads = append(threads, c.Thread)
			}
		}
	}
	add(d.Started)
	for _, g := range d.Decisions {
		add(g.Cases)
	}
	add(d.ClosedAfterSignals)
	add(d.Idle)
	for _, p := range d.Patterns {
		add(p.Cases)
	}
	for _, h := range d.Hardship {
		add(h.Cases)
	}
	links, err := s.store.Permalinks(ctx, d.Channel, threads)
	if err != nil {
		s.log.Warn("read cached permalinks", "err", err)
		links = map[string]string{}
	}
	fresh := map[string]string{}
	for _, ts := range threads {
		if links[ts] != "" {
			continue
		}
		url, err := s.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: d.Channel, Ts: ts})
		if err != nil {
			s.log.Warn("chat.getPermalink", "channel", d.Channel, "err", err)
			break // the rest is listed by key; the next digest tries again
		}
		links[ts], fresh[ts] = url, url
	}
	if len(fresh) > 0 {
		if err := s.store.PutPermalinks(ctx, d.Channel, fresh); err != nil {
			s.log.Warn("cache permalinks", "err", err)
		}
	}
	return links
}

// parseDigestWeek reads the argument of /maatwerk overzicht: empty for this
// week, "vorige" (or "previous", "last", "vorig") for last week, or an ISO
// week such as 2026-W47.
func parseDigestWeek(arg string, this dialogs.Week) (dialogs.Week, bool) {
	switch strings.ToLower(strings.Join(strings.Fields(arg), "")) {
	case "", "deze", "dezeweek", "this", "thisweek", "huidige", "current":
		return this, true
	case "vorige", "vorig", "vorigeweek", "previous", "prev", "last", "lastweek":
		return this.Prev(), true
	}
	return dialogs.ParseWeek(arg)
}

// digestCommand answers /maatwerk overzicht [vorige|2026-W47]: the digest
// of the caller's channel, only for them, with a button to post it there.
func (b *Bot) digestCommand(ctx context.Context, cmd slack.SlashCommand, lang cards.Lang, arg string) *reply {
	t := dialogs.DigestTextsFor(lang)
	this := dialogs.WeekOf(b.cfg.Now(), b.cfg.Location)
	week, ok := parseDigestWeek(arg, this)
	if !ok {
		return ephemeralReply(fmt.Sprintf(t.WeekHelpF, b.cfg.Command, b.cfg.Command, b.cfg.Command))
	}
	if week.Start(b.cfg.Location).After(b.cfg.Now()) {
		return ephemeralReply(fmt.Sprintf(t.FutureWeekF, week) + " " +
			fmt.Sprintf(t.WeekHelpF, b.cfg.Command, b.cfg.Command, b.cfg.Command))
	}
	channel, user, responseURL, team := cmd.ChannelID, cmd.UserID, cmd.ResponseURL, cmd.TeamID
	b.spawn(ctx, "digest on demand", func(ctx context.Context) error {
		d, links, err := b.sched.buildDigest(ctx, channel, team, week, lang)
		if err != nil {
			b.out.Ephemeral(ctx, responseURL, channel, user, b.userMessage(err, lang))
			return nil
		}
		blocks, text := b.render.Digest(d, b.cfg.Command, links, &render.DigestRef{Channel: channel, Week: week.String()})
		return b.out.RespondBlocks(ctx, responseURL, channel, user, false, blocks, text)
	})
	return nil
}

// digestPostClick posts an on-demand digest in its channel for everyone,
// and replaces the ephemeral copy with a note that it was posted.
func (b *Bot) digestPostClick(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	lang := b.dir.LangFor(ctx, cb.User.ID)
	t := dialogs.DigestTextsFor(lang)
	target := clickTarget{responseURL: cb.ResponseURL, channel: cb.Channel.ID, user: cb.User.ID}
	var ref render.DigestRef
	week, ok := dialogs.Week{}, false
	if err := json.Unmarshal([]byte(act.Value), &ref); err == nil {
		week, ok = dialogs.ParseWeek(ref.Week)
	}
	if !ok || ref.Channel == "" || (cb.Channel.ID != "" && ref.Channel != cb.Channel.ID) {
		b.tell(ctx, target, dialogs.TextsFor(lang).SomethingWrong)
		return
	}
	// One post per ephemeral copy: a double click posts once. The record
	// is apart from the scheduled digest's, which it does not replace.
	if src := cb.Container.MessageTs; src != "" {
		begun, _, err := b.store.BeginDigestSend(ctx, ref.Channel, "manual:"+src, ref.Channel, b.cfg.Now())
		if err != nil {
			b.tell(ctx, target, b.userMessage(err, lang))
			return
		}
		if !begun {
			b.tell(ctx, target, fmt.Sprintf(t.PostedF, week))
			return
		}
	}
	b.spawn(ctx, "post digest", func(ctx context.Context) error {
		d, links, err := b.sched.buildDigest(ctx, ref.Channel, cb.Team.ID, week, b.cfg.Lang) // for the channel
		if err != nil {
			b.out.Ephemeral(ctx, target.responseURL, target.channel, target.user, b.userMessage(err, lang))
			return nil
		}
		blocks, text := b.render.Digest(d, b.cfg.Command, links, nil)
		if _, _, err := b.api.PostMessageContext(ctx, ref.Channel,
			slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false), render.NoUnfurl()); err != nil {
			if src := cb.Container.MessageTs; src != "" && refused(err) {
				_, _ = b.store.AbortDigestSend(ctx, ref.Channel, "manual:"+src, ref.Channel, err.Error())
			}
			b.out.Ephemeral(ctx, target.responseURL, target.channel, target.user, b.userMessage(fmt.Errorf("post digest: %w", err), lang))
			return nil
		}
		done := []slack.Block{render.Section(fmt.Sprintf(t.PostedF, week))}
		return b.out.RespondBlocks(ctx, target.responseURL, target.channel, target.user, true, done, fmt.Sprintf(t.PostedF, week))
	})
}
