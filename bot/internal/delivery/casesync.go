package delivery

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// caseSync is one run of syncCase over one case: a method per kind of
// message, each returning an error only when the run must stop there.
type caseSync struct {
	dl     *Deliverer
	c      *record.Case
	o      SyncOpts
	posted map[string]string

	// perm is the first error Slack would repeat: the rest of the case is
	// still brought in line, and it is returned at the end.
	perm error
	// Updates of messages already there that Slack refused for its rate
	// limit are left to a catch-up job (see catchUpLater), so they hold
	// back neither the next question nor the channel's other cases.
	later   SyncOpts
	laterIn time.Duration
	owed    bool
}

// step takes one Slack call's error: it returns the error to stop with,
// or nil to go on (a permanent error is kept for the end).
func (s *caseSync) step(what string, err error) error {
	err = deliveryError(what, err)
	var pe *PermanentError
	if errors.As(err, &pe) {
		if s.perm == nil {
			s.perm = err
		}
		return nil
	}
	return err
}

// deferred reports whether err is a rate limit; then owe records in the
// catch-up job what is still to be done.
func (s *caseSync) deferred(err error, owe func(*SyncOpts)) bool {
	d, ok := RateLimited(err)
	if ok {
		owe(&s.later)
		s.laterIn, s.owed = max(s.laterIn, d), true
	}
	return ok
}

// prompt posts the open question once, or refreshes it: that is what the
// caseworker waits for. A case on hold for more information shows that on
// the question.
func (s *caseSync) prompt(ctx context.Context) error {
	dl, c := s.dl, s.c
	_, waiting := c.Waiting()
	p, ok := dl.engine.Prompt(c)
	if !ok || (c.Status != record.StatusOpen && !waiting) {
		return nil
	}
	if len(dl.leadIDs(ctx)) == 0 {
		p = p.WithoutEscalation() // no team lead to put the decision to
	}
	key := record.StepPostKey(p.StepID)
	blocks, text := dl.render.Prompt(c, p)
	switch ts := c.Post(key); {
	case ts == "":
		ts, err := dl.PostCase(ctx, c.ID, key, c.Channel, c.Thread, false, blocks, text)
		if err := s.step("post prompt "+p.StepID, err); err != nil {
			return err
		}
		if ts != "" {
			s.posted[key] = ts
			c.SetPost(key, ts)
		}
	case s.o.RefreshPrompt:
		err := dl.UpdateVia(ctx, c.Channel, ts, s.o.viaFor(ts), blocks, text)
		if s.deferred(err, func(l *SyncOpts) { l.RefreshPrompt = true }) {
			return nil
		}
		return s.step("refresh prompt", err)
	}
	return nil
}

// root brings the root message up to date, as the root pacer allows.
func (s *caseSync) root(ctx context.Context) error {
	err := s.dl.syncRoot(ctx, s.c, s.o.rootDue)
	if s.deferred(err, func(l *SyncOpts) { l.rootDue = true }) {
		return nil
	}
	return s.step("update root message", err)
}

// answered shows the answers on the questions answered since.
func (s *caseSync) answered(ctx context.Context) error {
	dl, c := s.dl, s.c
	for _, stepID := range s.o.Answered {
		ts := c.Post(record.StepPostKey(stepID))
		st, ok := dl.engine.Cards().Step(stepID)
		a, answered := c.AnswerTo(stepID)
		if ts == "" || !ok || !answered {
			continue
		}
		p, _ := dl.engine.PromptAt(c, st.Index)
		blocks, text := dl.render.Answered(c, p, a)
		err := dl.UpdateVia(ctx, c.Channel, ts, s.o.viaFor(ts), blocks, text)
		if s.deferred(err, func(l *SyncOpts) { l.Answered = append(l.Answered, stepID) }) {
			continue
		}
		if err := s.step("update answered prompt "+stepID, err); err != nil {
			return err
		}
	}
	return nil
}

// retired replaces the buttons of questions asked again further down by a
// pointer down.
func (s *caseSync) retired(ctx context.Context) error {
	dl, c := s.dl, s.c
	for key, ts := range c.Posts {
		if !strings.HasPrefix(key, RetiredPrefix) {
			continue
		}
		text := dialogs.TextsFor(c.Lang).AskedAgain
		err := dl.Update(ctx, c.Channel, ts, []slack.Block{render.ContextBlock(text)}, text)
		if s.deferred(err, func(*SyncOpts) {}) {
			continue // the post stays retired: every sync tries it
		}
		if err := s.step("retire question", err); err != nil {
			return err
		}
		if err := dl.forgetPost(ctx, c.ID, key); err != nil {
			return err
		}
	}
	return nil
}

// lookBack asks the look back when it is due, or shows its answer.
func (s *caseSync) lookBack(ctx context.Context) error {
	err := s.dl.syncLookBack(ctx, s.c, s.o, s.posted)
	if s.deferred(err, func(l *SyncOpts) { l.LookBack = true }) {
		return nil
	}
	return s.step("look back", err)
}

// summary posts a closed case's summary once, or refreshes it.
func (s *caseSync) summary(ctx context.Context) error {
	c := s.c
	if c.Status != record.StatusClosed || (c.Post(postSummary) != "" && !s.o.RefreshSummary) {
		return nil
	}
	return s.step("summary", s.dl.postSummary(ctx, c))
}

// finish leaves the catch-up job for what Slack rate-limited, and returns
// the first permanent error, if any.
func (s *caseSync) finish(ctx context.Context) error {
	if s.owed {
		if err := s.dl.catchUpLater(ctx, s.c, s.later, s.laterIn); err != nil {
			return err
		}
	}
	if s.perm != nil {
		return &PermanentError{Err: s.perm}
	}
	return nil
}
