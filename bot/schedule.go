package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/directory"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
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

// scheduler runs the bot's timed work: the weekly digests (each posted
// exactly once per channel, target and week), the look-backs falling due,
// and the daily housekeeping.
type scheduler struct {
	cfg    Config
	api    *slack.Client
	store  *store.Store
	engine *dialogs.Engine
	render render.Renderer
	out    *delivery.Deliverer
	dir    *directory.Directory
	log    *slog.Logger
	// bg is the bot's lifetime, for look-ups outside a tick.
	bg context.Context
	// team is the workspace the bot was installed in (auth.test): the
	// scheduled digests hold its cases only.
	team   func() string
	digest digestState
	// needCompact says an erased case still waits for Compact.
	needCompact atomic.Bool
}

// digestState is the scheduler's state.
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
func (s *scheduler) wake() {
	select {
	case s.digest.wakeCh() <- struct{}{}:
	default:
	}
}

// RunScheduler posts each channel's weekly digest when it is due, until ctx
// ends. It first catches up: a digest that fell due while the bot was down
// is posted once at start (only the latest missed week). It sleeps until the
// next digest is due, at most an hour. While Slack refuses the bot token it
// posts nothing and asks auth.test every tokenProbeInterval instead.
//
// Of several replicas only the one holding the scheduler role does this
// (replicas.go): every Config.ReplicaCheck each asks for the role, and one that
// lost it stops scheduling until it holds it again.
//
// A tick runs as background work of the bot (Wait waits for it) on the
// bot's own context, so a shutdown does not cut a post in half.
func (b *Bot) RunScheduler(ctx context.Context) error {
	var next time.Time
	for {
		if ctx.Err() != nil {
			return nil
		}
		next = b.schedulerPass(ctx, next)
		wait := b.cfg.roleCheck()
		if !next.IsZero() {
			wait = min(wait, max(next.Sub(b.cfg.Now()), time.Second))
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case <-b.sched.digest.wakeCh():
			next = time.Time{}
		case <-timer.C:
		}
		timer.Stop()
	}
}

// schedulerPass asks for the scheduler role and, while it is held, ticks
// when next has come (zero: now). It returns when to tick next, zero
// while the role is not held (a replica that gains it ticks at once: the
// one that had it may have died mid-tick).
func (b *Bot) schedulerPass(ctx context.Context, next time.Time) time.Time {
	if !b.checkRole(ctx) {
		return time.Time{}
	}
	if b.store.Shared() {
		b.in.sweepInbox(ctx)
	}
	if !next.IsZero() && b.cfg.Now().Before(next) {
		return next
	}
	b.wg.Add(1)
	defer b.wg.Done()
	tctx, cancel := context.WithTimeout(b.bg, 5*time.Minute)
	defer cancel()
	return b.scheduleTick(tctx)
}

// scheduleTick does the timed work that is due: the look-backs and the
// digests. While Slack refuses the bot token nothing is sent
// (uninstall.go): it asks auth.test whether the token works again. It
// returns when to tick next.
func (b *Bot) scheduleTick(ctx context.Context) time.Time {
	if _, refused := b.token.Refused(); refused {
		return b.probeToken(ctx)
	}
	b.sched.lookBackTick(ctx)
	b.sched.nudgeTick(ctx)
	return b.sched.digestTick(ctx)
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
func (s *scheduler) digestTick(ctx context.Context) time.Time {
	now := s.cfg.Now()
	next := now.Add(schedulerMaxSleep)
	chans, err := s.store.Channels(ctx)
	if err != nil {
		s.log.Error("digest: read channels", "err", err)
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
		if n := sc.nextDue(now, s.cfg.Location); n.Before(next) {
			next = n
		}
		due, week := sc.latestDue(now, s.cfg.Location)
		if due.Before(sc.since) {
			continue
		}
		if err := s.deliverDigest(ctx, cs.Channel, week, sc); err != nil {
			s.log.Warn("digest not posted; trying again later", "channel", cs.Channel, "week", week.String(), "err", err)
			if r := now.Add(schedulerRetry); r.Before(next) {
				next = r
			}
		}
	}
	return next
}

// digestTargets are the ids to post channel's digest to. A target channel
// closed to the bot (archived, the bot removed: channels.go) is replaced
// by the team leads' DMs; rerouted says so.
func (s *scheduler) digestTargets(channel string, sc schedule) (targets []string, rerouted bool) {
	switch sc.target {
	case store.TargetOther:
		targets = []string{sc.targetChannel}
	case store.TargetLeads:
		return s.leads(), false
	default:
		targets = []string{channel}
	}
	var out []string
	for _, t := range targets {
		if _, held := s.out.Held(s.bg, t); !held {
			out = append(out, t)
			continue
		}
		rerouted = true
		for _, lead := range s.leads() {
			if !slices.Contains(out, lead) {
				out = append(out, lead)
			}
		}
	}
	return out, rerouted
}

// leads returns the team leads' user ids.
func (s *scheduler) leads() []string { return s.dir.LeadIDs(s.bg) }

// deliverDigest posts channel's digest of week to its targets, each exactly
// once: the send is marked in the store before the post and recorded with
// its ts after it. A send marked but not recorded (the process stopped
// during the post, or the answer was lost) is not posted again, since
// Slack may have it; a post Slack refused is unmarked and retried at a
// later tick. A week already sent to other targets (the settings changed
// since) is not sent again.
func (s *scheduler) deliverDigest(ctx context.Context, channel string, week dialogs.Week, sc schedule) error {
	targets, rerouted := s.digestTargets(channel, sc)
	if len(targets) == 0 {
		return fmt.Errorf("no team leads to send the digest to (MAATWERK_TEAM_LEADS)")
	}
	if done, err := s.sentElsewhere(ctx, channel, week, targets); done || err != nil {
		return err
	}
	team, err := s.channelTeam(ctx, channel)
	if err != nil {
		return err
	}
	// Posted with the token of the channel's workspace (distributed app).
	ctx = tenant.With(ctx, team)
	send := &digestSend{s: s, channel: channel, team: team.ID, week: week, rerouted: rerouted}
	var errs []error
	for _, target := range targets {
		retry, err := send.to(ctx, target)
		if err != nil {
			return err
		}
		if retry != nil {
			errs = append(errs, retry)
		}
	}
	return errors.Join(errs...)
}

// sentElsewhere reports whether channel's digest of week went to other
// targets than these already (the settings changed since): then it is not
// sent again.
func (s *scheduler) sentElsewhere(ctx context.Context, channel string, week dialogs.Week, targets []string) (bool, error) {
	rec, err := s.store.DigestPostOf(ctx, channel, week.String())
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, t := range targets {
		if _, ok := rec.Sends[t]; ok {
			return false, nil
		}
	}
	for _, send := range rec.Sends {
		if send.State == store.SendPosted || send.State == store.SendSending {
			return true, nil
		}
	}
	return false, nil // only refused: nothing went out
}
