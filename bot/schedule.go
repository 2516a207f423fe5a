package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// The default schedule of a channel's digest: Monday 09:00 in the
// configured time zone, in the channel itself.
const (
	defaultDigestDay    = time.Monday
	defaultDigestHour   = 9
	defaultDigestMinute = 0
)

// Scheduler wake-ups: at the next due digest, but at least this often (a
// clock that jumps, settings changed elsewhere), and sooner after a refused
// post.
const (
	schedulerMaxSleep = time.Hour
	schedulerRetry    = 5 * time.Minute
)

// digestState is the scheduler's state in the Bot.
type digestState struct {
	once sync.Once
	wake chan struct{}
	// afterPost, when set (tests), runs between the post and recording it;
	// an error stops delivery there, as a process that dies would.
	afterPost func() error
}

func (s *digestState) wakeCh() chan struct{} {
	s.once.Do(func() { s.wake = make(chan struct{}, 1) })
	return s.wake
}

// WakeScheduler makes the scheduler look at the schedules again now (after
// settings changed).
func (b *Bot) WakeScheduler() {
	select {
	case b.digest.wakeCh() <- struct{}{}:
	default:
	}
}

// RunScheduler posts each channel's weekly digest when it is due, until ctx
// ends. It first catches up: a digest that fell due while the bot was down
// is posted once at start (only the latest missed week). It sleeps until the
// next digest is due, at most an hour.
//
// A tick runs as background work of the bot (Wait waits for it) on the
// bot's own context, so a shutdown does not cut a post in half.
func (b *Bot) RunScheduler(ctx context.Context) error {
	for {
		if ctx.Err() != nil {
			return nil
		}
		b.wg.Add(1)
		next := func() time.Time {
			defer b.wg.Done()
			tctx, cancel := context.WithTimeout(b.bg, 5*time.Minute)
			defer cancel()
			b.LookBackTick(tctx)
			return b.DigestTick(tctx)
		}()
		wait := max(next.Sub(b.cfg.Now()), time.Second)
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case <-b.digest.wakeCh():
		case <-timer.C:
		}
		timer.Stop()
	}
}

// schedule is a channel's digest schedule with the defaults filled in.
type schedule struct {
	off           bool
	day           time.Weekday
	hour, minute  int
	target        string
	targetChannel string
	// since: digests that fell due before this moment are not posted (the
	// channel had no case yet, or the schedule was set later).
	since time.Time
}

// weekdays are the persisted day names, Sunday first as time.Weekday.
var weekdays = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

func parseWeekday(s string) (time.Weekday, bool) {
	for i, d := range weekdays {
		if strings.EqualFold(s, d) {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// scheduleOf reads a channel's settings with the defaults.
func scheduleOf(cs store.ChannelSettings) schedule {
	sc := schedule{day: defaultDigestDay, hour: defaultDigestHour, minute: defaultDigestMinute,
		target: store.TargetHere, since: cs.Since}
	d := cs.Digest
	if !d.Set {
		return sc
	}
	sc.off = d.Off
	if day, ok := parseWeekday(d.Day); ok {
		sc.day = day
	}
	if d.Hour >= 0 && d.Hour < 24 && d.Minute >= 0 && d.Minute < 60 {
		sc.hour, sc.minute = d.Hour, d.Minute
	}
	if d.Target == store.TargetLeads || (d.Target == store.TargetOther && d.TargetChannel != "") {
		sc.target, sc.targetChannel = d.Target, d.TargetChannel
	}
	if d.At.After(sc.since) {
		sc.since = d.At
	}
	return sc
}

// latestDue is the last moment at or before now that the digest fell due,
// and the week that digest covers. The instant is computed with time.Date
// in loc for its own week, so daylight saving does not shift it.
func (sc schedule) latestDue(now time.Time, loc *time.Location) (time.Time, dialogs.Week) {
	w := dialogs.WeekOf(now, loc)
	due := w.At(loc, sc.day, sc.hour, sc.minute)
	if due.After(now) {
		w = w.Prev()
		due = w.At(loc, sc.day, sc.hour, sc.minute)
	}
	return due, w.Covers(sc.day)
}

// nextDue is the first moment after now that the digest falls due.
func (sc schedule) nextDue(now time.Time, loc *time.Location) time.Time {
	w := dialogs.WeekOf(now, loc)
	due := w.At(loc, sc.day, sc.hour, sc.minute)
	if !due.After(now) {
		due = w.Next().At(loc, sc.day, sc.hour, sc.minute)
	}
	return due
}

// DigestTick posts every digest that is due and not yet posted, and returns
// when the next one falls due. The scheduler calls it; tests call it with
// an injected clock.
func (b *Bot) DigestTick(ctx context.Context) time.Time {
	now := b.cfg.Now()
	next := now.Add(schedulerMaxSleep)
	chans, err := b.store.Channels(ctx)
	if err != nil {
		b.log.Error("digest: read channels", "err", err)
		return now.Add(schedulerRetry)
	}
	for _, cs := range chans {
		if cs.Channel == dialogs.ConsoleChannel || cs.Since.IsZero() {
			continue
		}
		sc := scheduleOf(cs)
		if sc.off {
			continue
		}
		if n := sc.nextDue(now, b.cfg.Location); n.Before(next) {
			next = n
		}
		due, week := sc.latestDue(now, b.cfg.Location)
		if due.Before(sc.since) {
			continue
		}
		if err := b.deliverDigest(ctx, cs.Channel, week, sc); err != nil {
			b.log.Warn("digest not posted; trying again later", "channel", cs.Channel, "week", week.String(), "err", err)
			if r := now.Add(schedulerRetry); r.Before(next) {
				next = r
			}
		}
	}
	return next
}

// digestTargets are the ids to post channel's digest to.
func (b *Bot) digestTargets(channel string, sc schedule) []string {
	switch sc.target {
	case store.TargetOther:
		return []string{sc.targetChannel}
	case store.TargetLeads:
		return b.leads()
	}
	return []string{channel}
}

// leads returns the team leads' user ids.
func (b *Bot) leads() []string { return b.dir.LeadIDs(b.bg) }

// deliverDigest posts channel's digest of week to its targets, each exactly
// once: the send is marked in the store before the post and recorded with
// its ts after it. A send marked but not recorded (the process stopped
// during the post, or the answer was lost) is not posted again, since
// Slack may have it; a post Slack refused is unmarked and retried at a
// later tick. A week already sent to other targets (the settings changed
// since) is not sent again.
func (b *Bot) deliverDigest(ctx context.Context, channel string, week dialogs.Week, sc schedule) error {
	targets := b.digestTargets(channel, sc)
	if len(targets) == 0 {
		return fmt.Errorf("no team leads to send the digest to (MAATWERK_TEAM_LEADS)")
	}
	wk := week.String()
	if rec, err := b.store.DigestPostOf(ctx, channel, wk); err == nil {
		overlap := false
		for _, t := range targets {
			if _, ok := rec.Sends[t]; ok {
				overlap = true
			}
		}
		if len(rec.Sends) > 0 && !overlap {
			return nil
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	var (
		blocks []slack.Block
		text   string
		built  bool
		empty  bool
	)
	var errs []error
	for _, target := range targets {
		begun, prev, err := b.store.BeginDigestSend(ctx, channel, wk, target, b.cfg.Now())
		if err != nil {
			return err
		}
		if !begun {
			if prev.State == store.SendSending {
				b.log.Warn("digest post was begun before but not confirmed; not posting again to avoid a duplicate",
					"channel", channel, "week", wk, "target", target, "since", prev.At)
			}
			continue
		}
		if !built {
			d, links, err := b.buildDigest(ctx, channel, week, b.cfg.Lang)
			if err != nil {
				_, _ = b.store.AbortDigestSend(ctx, channel, wk, target, err.Error())
				return err
			}
			blocks, text = b.render.Digest(d, b.cfg.Command, links, nil)
			built, empty = true, d.Empty()
		}
		if empty {
			// Nothing happened and nothing is stuck: no message, but the
			// week is done.
			if err := b.store.FinishDigestSend(ctx, channel, wk, target, "", "", b.cfg.Now()); err != nil {
				return err
			}
			continue
		}
		in, ts, err := b.api.PostMessageContext(ctx, target, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false), render.NoUnfurl())
		if err != nil {
			if refused(err) {
				gaveUp, aerr := b.store.AbortDigestSend(ctx, channel, wk, target, err.Error())
				if aerr != nil {
					return aerr
				}
				if gaveUp {
					b.log.Error("digest refused too often; giving up on this week", "channel", channel,
						"week", wk, "target", target, "err", err)
					b.tellLeadsNotPosted(ctx, target, err)
					continue
				}
				errs = append(errs, fmt.Errorf("post digest to %s: %w", target, err))
				continue
			}
			b.log.Error("digest post outcome unknown; it will not be posted again", "channel", channel,
				"week", wk, "target", target, "err", err)
			continue
		}
		if hook := b.digest.afterPost; hook != nil {
			if err := hook(); err != nil {
				return err
			}
		}
		if err := b.store.FinishDigestSend(ctx, channel, wk, target, in, ts, b.cfg.Now()); err != nil {
			return err
		}
		b.log.Info("digest posted", "channel", channel, "week", wk, "target", target)
	}
	return errors.Join(errs...)
}

// tellLeadsNotPosted tells the team leads by DM that a digest could not be
// posted in target because the bot is not in that channel.
func (b *Bot) tellLeadsNotPosted(ctx context.Context, target string, err error) {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || (se.Err != "not_in_channel" && se.Err != "channel_not_found") {
		return
	}
	msg := fmt.Sprintf(dialogs.DigestTextsFor(b.cfg.Lang).NotInChannelF, target)
	for _, lead := range b.leads() {
		if _, _, err := b.api.PostMessageContext(ctx, lead, slack.MsgOptionText(msg, false)); err != nil {
			b.log.Warn("tell team lead", "err", err)
		}
	}
}

// refused reports whether Slack answered a post with a refusal, so that
// nothing was posted: an ok:false error, a rate limit or an HTTP error
// status. Anything else (a lost connection, a timeout) leaves the outcome
// unknown.
func refused(err error) bool {
	var se slack.SlackErrorResponse
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	return errors.As(err, &se) || errors.As(err, &rl) || errors.As(err, &sc)
}
