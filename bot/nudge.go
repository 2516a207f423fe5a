package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/dialogs/workdays"
)

// Nudges about quiet cases (issue 17.2). An open case without activity
// (record.Case.UpdatedAt: answers, arguments, remarks in the thread, status
// changes) for Config.NudgeDays working days (dialogs/workdays: no
// weekends, no Dutch public holidays, counted in Config.Location) gets a DM
// to its starter with the open question and the buttons Verder, Pauzeer
// tot… and Sluit; when it stays quiet for NudgeDays more working days, each
// team lead gets a DM with a link. A case paused until a date wakes up on
// that day.
//
// Exactly once: the tick records the nudge on the case (record.Nudge,
// keyed by level and the moment the quiet began) before anything is sent,
// in one transaction that checks it was not recorded before. Each DM is
// then marked as being sent (record.NudgeSending under
// record.NudgePostKey) before the post and recorded with its ts after it,
// as the digest does (deliverDigest): a DM begun but not confirmed — the
// process stopped during the post — is not sent again, since Slack may
// have it. A DM that Slack refused for a reason that may pass (a rate
// limit, an HTTP error) is unmarked and tried again at a later tick; one
// that Slack refuses for good is marked failed. A recorded nudge whose DMs
// were not begun yet (the process stopped right after recording it) is
// sent by the next tick: the tick is the nudges' outbox.
//
// Cases that wait for a team lead's decision are not nudged: the leads
// have a DM with buttons, and the digest lists them.

// nudgeHour is the hour of a working day from which its nudges are sent:
// not at midnight.
const nudgeHour = 9

// nudgeFailed marks a nudge DM that Slack refused for good.
const nudgeFailed = "failed"

// nudgeTick wakes the cases paused until a day that has come and sends the
// nudges that are due. It returns how many DMs it sent. The scheduler calls
// it; tests call it with an injected clock.
func (s *scheduler) nudgeTick(ctx context.Context) int {
	now := s.cfg.Now()
	chans, err := s.store.Channels(ctx)
	if err != nil {
		s.log.Error("nudges: read channels", "err", err)
		return 0
	}
	// N working days are at least N calendar days: a case changed since
	// then cannot be due.
	quietBefore := time.Unix(0, 0)
	if s.cfg.NudgeDays > 0 {
		quietBefore = now.AddDate(0, 0, -s.cfg.NudgeDays)
	}
	sent := 0
	for _, cs := range chans {
		if cs.Channel == dialogs.ConsoleChannel {
			continue
		}
		cases, err := s.store.QuietCases(ctx, cs.Channel, quietBefore)
		if err != nil {
			s.log.Error("nudges: read quiet cases", "channel", cs.Channel, "err", err)
			continue
		}
		for _, c := range cases {
			if c.Status == record.StatusPaused {
				s.wakeCase(ctx, c, now)
				continue
			}
			if s.cfg.NudgeDays > 0 {
				sent += s.nudgeCase(ctx, c, now)
			}
		}
	}
	return sent
}

// nudgeDue returns the level of nudge that c is due for at now, if any:
// the starter's once NudgeDays working days passed without activity, the
// team leads' once as many more passed, and the starter's nudge is that
// many working days old (a bot that was down does not send both at once).
func (s *scheduler) nudgeDue(c *record.Case, now time.Time) (record.NudgeLevel, bool) {
	n, loc := s.cfg.NudgeDays, s.cfg.Location
	due := func(t time.Time) bool { return !now.Before(t.Add(nudgeHour * time.Hour)) }
	if !c.Nudged(record.NudgeStarter, c.UpdatedAt) {
		return record.NudgeStarter, due(workdays.After(c.UpdatedAt, n, loc))
	}
	if c.Nudged(record.NudgeLeads, c.UpdatedAt) || !s.dir.HasLeads() {
		return "", false
	}
	var nudged time.Time
	for _, x := range c.Nudges {
		if x.Level == record.NudgeStarter && x.Quiet.Equal(c.UpdatedAt) {
			nudged = x.At
		}
	}
	return record.NudgeLeads, due(workdays.After(c.UpdatedAt, 2*n, loc)) && due(workdays.After(nudged, n-1, loc))
}

// nudgeCase records the nudge c is due for, if any, and sends every DM of
// c's nudges about its current quiet that is not sent yet. It returns how
// many it sent.
func (s *scheduler) nudgeCase(ctx context.Context, c *record.Case, now time.Time) int {
	ctx = tenant.With(ctx, tenant.Team{Enterprise: c.Enterprise, ID: c.Team})
	if c.Status != record.StatusOpen || c.Thread == "" {
		return 0
	}
	if _, pending := c.PendingEscalation(); pending {
		return 0
	}
	if level, ok := s.nudgeDue(c, now); ok {
		fresh, err := s.store.UpdateCase(ctx, c.ID, func(c *record.Case) error {
			if !s.stillQuiet(c, c.UpdatedAt) || c.Nudged(level, c.UpdatedAt) {
				return errHandled
			}
			days := workdays.Between(c.UpdatedAt, now, s.cfg.Location)
			c.Nudges = append(c.Nudges, record.Nudge{Level: level, Quiet: c.UpdatedAt, Days: days, At: now})
			return nil
		})
		switch {
		case errors.Is(err, errHandled):
		case err != nil:
			s.log.Error("nudge: record", "case", c.Key(), "err", err)
			return 0
		default:
			s.log.Info("nudge recorded", "case", c.Key(), "level", string(level))
			c = fresh
		}
	}
	sent := 0
	for i, x := range c.Nudges {
		if !x.Quiet.Equal(c.UpdatedAt) {
			continue // about an earlier quiet: moot
		}
		to := []string{c.StartedBy}
		if x.Level == record.NudgeLeads {
			to = s.leads()
		}
		for _, user := range to {
			if s.sendNudge(ctx, c, i+1, user) {
				sent++
			}
		}
	}
	return sent
}

// stillQuiet reports whether c is open and unchanged since quiet: a nudge
// about that quiet still makes sense.
func (s *scheduler) stillQuiet(c *record.Case, quiet time.Time) bool {
	_, pending := c.PendingEscalation()
	return c.Status == record.StatusOpen && c.UpdatedAt.Equal(quiet) && !pending
}

// sendNudge sends nudge n of c to user once, and reports whether it posted.
func (s *scheduler) sendNudge(ctx context.Context, c *record.Case, n int, user string) bool {
	key := record.NudgePostKey(n, user)
	if c.Post(key) != "" {
		return false
	}
	x := c.Nudges[n-1]
	begun := false
	fresh, err := s.store.UpdateCase(ctx, c.ID, func(c *record.Case) error {
		if c.Post(key) != "" || len(c.Nudges) < n || !s.stillQuiet(c, x.Quiet) {
			return errHandled
		}
		c.SetPost(key, record.NudgeSending)
		begun = true
		return nil
	})
	if errors.Is(err, errHandled) || !begun {
		return false
	}
	if err != nil {
		s.log.Error("nudge: mark as sending", "case", c.Key(), "err", err)
		return false
	}
	blocks, text := s.nudgeBlocks(ctx, fresh, n, user)
	ch, _, _, err := s.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}, ReturnIM: true})
	var ts string
	if err == nil {
		_, ts, err = s.api.PostMessageContext(ctx, ch.ID, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false), render.NoUnfurl())
	}
	if err != nil {
		s.nudgeFailed(ctx, c, key, err)
		return false
	}
	if hook := s.digest.afterPost; hook != nil {
		if err := hook(); err != nil {
			return false
		}
	}
	if _, err := s.store.UpdateCase(ctx, c.ID, func(c *record.Case) error {
		c.SetPost(key, ch.ID+" "+ts)
		return nil
	}); err != nil {
		s.log.Error("nudge: record the DM", "case", c.Key(), "err", err)
	}
	s.log.Info("nudge sent", "case", c.Key(), "level", string(x.Level))
	return true
}

// nudgeFailed handles a nudge DM that was not posted: a refusal that may
// pass is unmarked to be tried at a later tick, one that Slack would
// repeat is marked failed; an unknown outcome stays marked as being sent.
func (s *scheduler) nudgeFailed(ctx context.Context, c *record.Case, key string, err error) {
	if !refused(err) {
		s.log.Error("nudge outcome unknown; it will not be sent again", "case", c.Key(), "err", err)
		return
	}
	mark := ""
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		mark = nudgeFailed
		s.log.Error("nudge refused by Slack; giving up", "case", c.Key(), "err", err)
	} else {
		s.log.Warn("nudge refused by Slack; trying again later", "case", c.Key(), "err", err)
	}
	if _, uerr := s.store.UpdateCase(ctx, c.ID, func(c *record.Case) error {
		if mark == "" {
			delete(c.Posts, key)
		} else {
			c.SetPost(key, mark)
		}
		return nil
	}); uerr != nil {
		s.log.Error("nudge: record the refusal", "case", c.Key(), "err", uerr)
	}
}

// nudgeView is what nudge n of c shows to user, in user's language.
func (s *scheduler) nudgeView(ctx context.Context, c *record.Case, n int, user string) render.NudgeView {
	v := render.NudgeView{Case: c, Nudge: c.Nudges[n-1], N: n, Lang: s.dir.LangFor(ctx, user)}
	at := c.Thread
	if p, ok := s.engine.Prompt(c); ok {
		v.Question = p.Text
		if ts := c.Post(record.StepPostKey(p.StepID)); ts != "" {
			at = ts
		}
	}
	v.Link = s.dir.Permalink(ctx, c.Channel, at)
	return v
}

// nudgeBlocks renders nudge n of c for user.
func (s *scheduler) nudgeBlocks(ctx context.Context, c *record.Case, n int, user string) ([]slack.Block, string) {
	v := s.nudgeView(ctx, c, n, user)
	if v.Nudge.Level == record.NudgeLeads {
		return s.render.NudgeLeads(v)
	}
	return s.render.NudgeStarter(v)
}

// wakeAt is when a case paused until day goes on: at nudgeHour of that day
// in loc, the start of a working day, so that its notice and question do
// not come in the night.
func wakeAt(day time.Time, loc *time.Location) time.Time {
	d := day.In(loc)
	return time.Date(d.Year(), d.Month(), d.Day(), nudgeHour, 0, 0, 0, loc)
}

// wakeCase opens c again when it was paused until a day that has come, and
// says so in its thread above the open question asked again.
func (s *scheduler) wakeCase(ctx context.Context, c *record.Case, now time.Time) {
	ctx = tenant.With(ctx, tenant.Team{Enterprise: c.Enterprise, ID: c.Team})
	until, ok := c.PausedUntil()
	if !ok || now.Before(wakeAt(until, s.cfg.Location)) {
		return
	}
	unlock := s.out.LockCase(c.ID)
	defer unlock()
	woken := false
	woke, err := s.store.ChangeCase(ctx, c.ID, now, func(c *record.Case) (json.RawMessage, error) {
		if !s.engine.Wake(c) {
			return nil, errHandled
		}
		woken = true
		repostPrompt(s.engine, c)
		return delivery.SyncOpts{}.Payload(), nil
	})
	if errors.Is(err, errHandled) || !woken {
		return
	}
	if err != nil {
		s.log.Error("wake a paused case", "case", c.Key(), "err", err)
		return
	}
	c = woke
	s.log.Info("paused case woken", "case", c.Key())
	notice := fmt.Sprintf(dialogs.TextsFor(c.Lang).WokenF, s.render.Day(until, c.Lang))
	if _, _, err := s.api.PostMessageContext(ctx, c.Channel, slack.MsgOptionText(notice, false), slack.MsgOptionTS(c.Thread)); err != nil {
		s.log.Warn("post wake notice", "case", c.Key(), "err", err)
	}
	s.out.Kick()
}
