package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// Delivering a channel's digest of a week to its targets, once each (see
// scheduler.deliverDigest in schedule.go).

// digestSend is one delivery of a channel's digest of a week to its
// targets. The digest is built once, for the first target that needs it.
type digestSend struct {
	s       *scheduler
	channel string
	// team is the workspace whose cases the digest counts.
	team string
	week dialogs.Week
	// rerouted: the channel is closed to the bot, so the team leads get
	// the digest, with a note saying why.
	rerouted bool

	built, empty bool
	blocks       []slack.Block
	text         string
}

// to sends the digest to target, once. retry is a refusal worth trying
// again at a later tick; err stops the delivery (the store failed).
func (d *digestSend) to(ctx context.Context, target string) (retry, err error) {
	s, wk := d.s, d.week.String()
	begun, prev, err := s.store.BeginDigestSend(ctx, d.channel, wk, target, s.cfg.Now())
	if err != nil {
		return nil, err
	}
	if !begun {
		if prev.State == store.SendSending {
			s.log.Warn("digest post was begun before but not confirmed; not posting again to avoid a duplicate",
				"channel", d.channel, "week", wk, "target", target, "since", prev.At)
		}
		return nil, nil
	}
	if err := d.build(ctx); err != nil {
		_, _ = s.store.AbortDigestSend(ctx, d.channel, wk, target, err.Error())
		return nil, err
	}
	if d.empty {
		// Nothing happened and nothing is stuck: no message, but the week
		// is done.
		return nil, s.store.FinishDigestSend(ctx, d.channel, wk, target, "", "", s.cfg.Now())
	}
	blocks := d.blocks
	if d.rerouted && target != d.channel {
		note := fmt.Sprintf(dialogs.DigestTextsFor(s.cfg.Lang).HeldNoteF, d.channel)
		blocks = append([]slack.Block{render.ContextBlock(note)}, blocks...)
	}
	in, ts, err := s.api.PostMessageContext(ctx, target, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(d.text, false), render.NoUnfurl())
	if err != nil {
		return d.failed(ctx, target, err)
	}
	if hook := s.digest.afterPost; hook != nil {
		if err := hook(); err != nil {
			return nil, err
		}
	}
	if err := s.store.FinishDigestSend(ctx, d.channel, wk, target, in, ts, s.cfg.Now()); err != nil {
		return nil, err
	}
	s.log.Info("digest posted", "channel", d.channel, "week", wk, "target", target)
	return nil, nil
}

// build renders the digest in the channel's language, once.
func (d *digestSend) build(ctx context.Context) error {
	if d.built {
		return nil
	}
	dg, links, err := d.s.buildDigest(ctx, d.channel, d.team, d.week, d.s.cfg.Lang)
	if err != nil {
		return err
	}
	d.blocks, d.text = d.s.render.Digest(dg, d.s.cfg.Command, links, nil)
	d.built, d.empty = true, dg.Empty()
	return nil
}

// failed handles a post to target that did not succeed. A refusal unmarks
// the send, to be retried at a later tick, until the store gives up on it
// (then the team leads are told); an unknown outcome is not posted again.
func (d *digestSend) failed(ctx context.Context, target string, err error) (retry, ferr error) {
	s, wk := d.s, d.week.String()
	if !refused(err) {
		s.log.Error("digest post outcome unknown; it will not be posted again", "channel", d.channel,
			"week", wk, "target", target, "err", err)
		return nil, nil
	}
	gaveUp, aerr := s.store.AbortDigestSend(ctx, d.channel, wk, target, err.Error())
	if aerr != nil {
		return nil, aerr
	}
	if why, closed := delivery.ChannelClosed(err); closed && target == d.channel {
		// The channel is closed to the bot: at the next tick the
		// digest goes to the team leads (digestTargets).
		if herr := s.out.HoldChannel(ctx, d.channel, why); herr != nil {
			return nil, herr
		}
		return fmt.Errorf("post digest to %s: %w", target, err), nil
	}
	if gaveUp {
		s.log.Error("digest refused too often; giving up on this week", "channel", d.channel,
			"week", wk, "target", target, "err", err)
		s.tellLeadsNotPosted(ctx, target, err)
		return nil, nil
	}
	return fmt.Errorf("post digest to %s: %w", target, err), nil
}

// tellLeadsNotPosted tells the team leads by DM that a digest could not be
// posted in target because the bot is not in that channel.
func (s *scheduler) tellLeadsNotPosted(ctx context.Context, target string, err error) {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || (se.Err != "not_in_channel" && se.Err != "channel_not_found") {
		return
	}
	msg := fmt.Sprintf(dialogs.DigestTextsFor(s.cfg.Lang).NotInChannelF, target)
	for _, lead := range s.leads() {
		if _, _, err := s.api.PostMessageContext(ctx, lead, slack.MsgOptionText(msg, false)); err != nil {
			s.log.Warn("tell team lead", "err", err)
		}
	}
}

// refused reports whether Slack answered a post with a refusal, so that
// nothing was posted: an ok:false error, a rate limit or an HTTP error
// status; or the call never left the process (a distributed app without
// the workspace's token: tenant.ErrNotSent). Anything else (a lost
// connection, a timeout) leaves the outcome unknown.
func refused(err error) bool {
	var se slack.SlackErrorResponse
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	return errors.As(err, &se) || errors.As(err, &rl) || errors.As(err, &sc) || errors.Is(err, tenant.ErrNotSent)
}

// channelTeam is the workspace whose digest channel gets: the
// installation's, or in a distributed app (no single installation) the
// workspace of the channel's newest case, with its Enterprise Grid
// organisation (an installation there is kept under both). A channel
// shared between workspaces of a distributed app gets the digest of that
// one workspace.
func (s *scheduler) channelTeam(ctx context.Context, channel string) (tenant.Team, error) {
	if team := s.team(); team != "" {
		return tenant.Team{ID: team}, nil
	}
	briefs, err := s.store.ChannelBriefs(ctx, channel, store.BriefFilter{Limit: 1})
	if err != nil || len(briefs) == 0 {
		return tenant.Team{}, err
	}
	c, err := s.store.Case(ctx, briefs[0].ID)
	if err != nil {
		return tenant.Team{}, err
	}
	return tenant.Team{Enterprise: c.Enterprise, ID: c.Team}, nil
}
