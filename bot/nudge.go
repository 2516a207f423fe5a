package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/dialogs/workdays"
	"github.com/maatwerkbot/maatwerkbot/store"
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

// nudgeClick handles Pauzeer tot… and Sluit in a starter's nudge: the
// starter or a team lead gets the form; anyone else is told politely.
// Verder and the team lead's link open the thread in Slack: nothing to do.
func (b *Bot) nudgeClick(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	if act.ActionID == render.ActNudgeGo || act.ActionID == render.ActNudgeOpen {
		return
	}
	user := cb.User.ID
	lang := b.dir.LangFor(ctx, user)
	target := clickTarget{responseURL: cb.ResponseURL, channel: cb.Channel.ID, user: user}
	id, n, ok := render.ParseNudgeBlockID(act.BlockID)
	if !ok {
		b.tell(target, fmt.Sprintf(dialogs.TextsFor(lang).UnknownButtonF, b.cfg.Command))
		return
	}
	c, err := b.store.Case(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		b.tell(target, fmt.Sprintf(dialogs.TextsFor(lang).UnknownCaseF, record.FormatKey(id)))
		return
	}
	if err != nil {
		b.tell(target, b.userMessage(err, lang))
		return
	}
	t := dialogs.TextsFor(lang)
	switch {
	case user != c.StartedBy && !b.dir.Lead(ctx, user):
		b.tell(target, t.NotManager)
		return
	case c.Status == record.StatusClosed:
		b.tell(target, t.CaseClosed)
		return
	case c.Status == record.StatusPaused && act.ActionID == render.ActNudgePause:
		b.tell(target, t.AlreadyPaused)
		return
	}
	m := render.Meta{CaseID: c.ID, Seq: n, Channel: c.Channel, Lang: string(lang), ResponseURL: cb.ResponseURL, MessageTS: cb.Container.MessageTs}
	if act.ActionID == render.ActNudgeClose {
		b.openModal(target, t.ModalFailed, cb.TriggerID, b.render.NudgeCloseModal(c, lang, m))
		return
	}
	b.openModal(target, t.ModalFailed, cb.TriggerID, b.render.NudgePauseModal(c, lang, m, b.cfg.Now().AddDate(0, 0, 7)))
}

// nudgeSubmit pauses or closes the case of a nudge as its form asks, tells
// the thread, and takes the buttons off the nudge. The engine checks who
// may. The answer is nil or the form's field errors.
func (b *Bot) nudgeSubmit(ctx context.Context, cb slack.InteractionCallback, m render.Meta, fieldErr func(error, map[string]string) any) any {
	user := cb.User.ID
	lead := b.dir.Lead(ctx, user)
	reason := render.ViewValue(cb.View.State, render.BlkText)
	var (
		change func(c *record.Case) (delivery.SyncOpts, error)
		fields map[string]string
		until  time.Time
	)
	if cb.View.CallbackID == render.CbNudgeClose {
		fields = map[string]string{"": render.BlkText, "reason": render.BlkText}
		change = func(c *record.Case) (delivery.SyncOpts, error) {
			return delivery.SyncOpts{RefreshSummary: true}, b.engine.CloseEarly(c, user, lead, reason)
		}
	} else {
		fields = map[string]string{"": render.BlkUntil, "until": render.BlkUntil, "reason": render.BlkText}
		day, ok := render.ViewDate(cb.View.State, render.BlkUntil, b.cfg.Location)
		if ok {
			until = day
		}
		change = func(c *record.Case) (delivery.SyncOpts, error) {
			return delivery.SyncOpts{}, b.engine.PauseUntil(c, user, lead, until, reason)
		}
	}
	unlock := b.out.LockCase(m.CaseID)
	defer unlock()
	c, err := b.changeCase(ctx, m.CaseID, change)
	if err != nil {
		return fieldErr(err, fields)
	}
	lang := b.dir.LangFor(ctx, user)
	t := dialogs.TextsFor(lang)
	done := fmt.Sprintf(t.NudgeClosedF, render.Mention(user))
	if !until.IsZero() {
		ct := dialogs.TextsFor(c.Lang)
		notice := fmt.Sprintf(ct.PausedUntilF, render.Mention(user), b.render.Day(until, c.Lang))
		if r := dialogs.CleanText(reason); r != "" {
			notice += "\n" + fmt.Sprintf(ct.PauseReasonF, render.UserText(r))
		}
		if _, _, err := b.api.PostMessageContext(ctx, c.Channel, slack.MsgOptionText(notice, false), slack.MsgOptionTS(c.Thread)); err != nil {
			b.log.Warn("post thread notice", "case", c.Key(), "err", err)
		}
		done = fmt.Sprintf(t.NudgePausedF, render.Mention(user), b.render.Day(until, lang))
	}
	b.log.InfoContext(ctx, "nudge handled", "case", c.Key(), "action", cb.View.CallbackID)
	b.spawn("retire nudge", func(ctx context.Context) error { return b.retireNudge(ctx, c, m.Seq, user, done) })
	return nil
}

// retireNudge replaces nudge n's DM to user by the same facts without
// buttons and what was done.
func (b *Bot) retireNudge(ctx context.Context, c *record.Case, n int, user, done string) error {
	if n < 1 || n > len(c.Nudges) {
		return nil
	}
	to := c.StartedBy
	if c.Nudges[n-1].Level == record.NudgeLeads {
		to = user
	}
	channel, ts, ok := strings.Cut(c.Post(record.NudgePostKey(n, to)), " ")
	if !ok {
		return nil
	}
	v := render.NudgeView{Case: c, Nudge: c.Nudges[n-1], N: n, Lang: b.dir.LangFor(ctx, to)}
	blocks, text := b.render.NudgeHandled(v, done)
	if err := b.out.Update(ctx, channel, ts, blocks, text); err != nil {
		return fmt.Errorf("update nudge of %s: %w", c.Key(), err)
	}
	return nil
}
