package delivery

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// Posts keys.
const (
	PostRoot    = "root"
	postSummary = "summary"
)

// SyncOpts says what changed beyond what syncCase always checks. It is
// stored in the outbox as jobPayload (outbox.go): a new field needs a
// place there too (TestSyncOptsRoundTrip checks).
type SyncOpts struct {
	// Answered lists steps whose prompt messages must now show the answer.
	Answered []string
	// RefreshPrompt re-renders the open prompt (e.g. a new argument).
	RefreshPrompt bool
	// RefreshSummary re-renders a posted summary (the case changed after
	// closing).
	RefreshSummary bool
	// ResponseURL is where to tell the starter if the root message cannot
	// be posted (the slash command's response_url).
	ResponseURL string
	// rootDue says the root message must now catch up with changes that
	// rootPacer held back (rootpace.go).
	rootDue bool
	// CatchUp marks a job that only brings messages up to date after Slack
	// asked to wait (rate limits): until it is due it holds back nothing
	// else in its channel.
	CatchUp bool
	// via are the messages the user clicked, with the response_url of each
	// click: an update of such a message goes through it (UpdateVia).
	via []Clicked
	// LookBack re-renders the look-back message (the answer was given).
	LookBack bool
}

// Clicked is a message a user clicked and the response_url of the click.
type Clicked struct {
	TS  string `json:"ts"`
	URL string `json:"url"`
}

// viaFor returns the response_url for an update of message ts, or "".
func (o SyncOpts) viaFor(ts string) string {
	for i := len(o.via) - 1; i >= 0; i-- {
		if ts != "" && o.via[i].TS == ts {
			return o.via[i].URL
		}
	}
	return ""
}

// WithVia adds the message the user clicked, if any.
func (o SyncOpts) WithVia(c Clicked) SyncOpts {
	if c.TS != "" && c.URL != "" {
		o.via = append(o.via, c)
	}
	return o
}

// syncCase brings a case's Slack messages in line with the stored case: the
// root message is posted once and shows the current status, answered
// prompts show their answers, the open prompt is posted once in the thread,
// and a closed case has its summary in the channel. It reads the case
// afresh under the case's lock, so concurrent changes end with the latest
// state on screen, and doing it twice does no harm.
//
// The open question comes first, as it is what the caseworker waits for.
// A rate limit (429) on an update of a message already there is left to a
// catch-up job (catchUpLater); any other Slack error that a retry may cure
// ends it at once and is returned as is; one that Slack would repeat is
// skipped and returned at the end as a *PermanentError (the rest of the
// case is still brought in line).
//
// jobs are the outbox jobs it does. Unless a retry is needed, they are
// removed in the transaction that records the questions it posted, still
// under the case's lock (see FinishSync).
func (dl *Deliverer) syncCase(ctx context.Context, id int64, o SyncOpts, jobs []uint64) (err error) {
	unlock := dl.LockCase(id)
	defer unlock()
	posted := map[string]string{}
	defer func() { err = dl.FinishSync(ctx, id, posted, jobs, err) }()
	c, err := dl.store.Case(ctx, id)
	if err != nil {
		return err
	}
	if c.Thread == "" {
		if c, err = dl.postRoot(ctx, c, o.ResponseURL); err != nil || c == nil {
			return err
		}
	}
	var perm error
	// step does one Slack call's error: true means stop and return err.
	step := func(what string, err error) (error, bool) {
		err = deliveryError(what, err)
		var pe *PermanentError
		if errors.As(err, &pe) {
			if perm == nil {
				perm = err
			}
			return nil, false
		}
		return err, err != nil
	}
	// Updates of messages already there that Slack refused for its rate
	// limit are left to a catch-up job (see catchUp), so they hold back
	// neither the next question nor the channel's other cases.
	var (
		later   SyncOpts
		laterIn time.Duration
		owed    bool
	)
	deferred := func(err error, owe func(*SyncOpts)) bool {
		d, ok := RateLimited(err)
		if ok {
			owe(&later)
			laterIn, owed = max(laterIn, d), true
		}
		return ok
	}
	// Escalations first: a lead's question back goes in the thread above
	// the question asked again.
	if err := dl.syncEscalations(ctx, c); err != nil {
		dl.log.Warn("sync escalation", "case", c.Key(), "err", err)
	}
	// Then the open question: that is what the caseworker waits for. A
	// case on hold for more information shows that on the question.
	_, waiting := c.Waiting()
	if p, ok := dl.engine.Prompt(c); ok && (c.Status == record.StatusOpen || waiting) {
		key := record.StepPostKey(p.StepID)
		blocks, text := dl.render.Prompt(c, p)
		switch ts := c.Post(key); {
		case ts == "":
			ts, err := dl.Post(ctx, c.Channel, c.Thread, false, blocks, text)
			if err, stop := step("post prompt "+p.StepID, err); stop {
				return err
			}
			if ts != "" {
				posted[key] = ts
				c.SetPost(key, ts)
			}
		case o.RefreshPrompt:
			err := dl.UpdateVia(ctx, c.Channel, ts, o.viaFor(ts), blocks, text)
			if deferred(err, func(l *SyncOpts) { l.RefreshPrompt = true }) {
				break
			}
			if err, stop := step("refresh prompt", err); stop {
				return err
			}
		}
	}
	if err := dl.syncRoot(ctx, c, o.rootDue); !deferred(err, func(l *SyncOpts) { l.rootDue = true }) {
		if err, stop := step("update root message", err); stop {
			return err
		}
	}
	for _, stepID := range o.Answered {
		ts := c.Post(record.StepPostKey(stepID))
		st, ok := dl.engine.Cards().Step(stepID)
		a, answered := c.AnswerTo(stepID)
		if ts == "" || !ok || !answered {
			continue
		}
		p, _ := dl.engine.PromptAt(c, st.Index)
		blocks, text := dl.render.Answered(c, p, a)
		err := dl.UpdateVia(ctx, c.Channel, ts, o.viaFor(ts), blocks, text)
		if deferred(err, func(l *SyncOpts) { l.Answered = append(l.Answered, stepID) }) {
			continue
		}
		if err, stop := step("update answered prompt "+stepID, err); stop {
			return err
		}
	}
	for key, ts := range c.Posts {
		if !strings.HasPrefix(key, RetiredPrefix) {
			continue
		}
		text := dialogs.TextsFor(c.Lang).AskedAgain
		err := dl.Update(ctx, c.Channel, ts, []slack.Block{render.ContextBlock(text)}, text)
		if deferred(err, func(*SyncOpts) {}) {
			continue // the post stays retired: every sync tries it
		}
		if err, stop := step("retire question", err); stop {
			return err
		}
		if err := dl.forgetPost(ctx, c.ID, key); err != nil {
			return err
		}
	}
	if err := dl.syncLookBack(ctx, c, o, posted); !deferred(err, func(l *SyncOpts) { l.LookBack = true }) {
		if err, stop := step("look back", err); stop {
			return err
		}
	}
	if c.Status == record.StatusClosed && (c.Post(postSummary) == "" || o.RefreshSummary) {
		if err, stop := step("summary", dl.postSummary(ctx, c)); stop {
			return err
		}
	}
	if owed {
		if err := dl.catchUpLater(ctx, c, later, laterIn); err != nil {
			return err
		}
	}
	if perm != nil {
		return &PermanentError{perm}
	}
	return nil
}

// catchUpLater leaves a catch-up job in the outbox for the updates in o,
// due in d (Slack's Retry-After).
func (dl *Deliverer) catchUpLater(ctx context.Context, c *record.Case, o SyncOpts, d time.Duration) error {
	o.CatchUp = true
	now := dl.cfg.Now()
	job := store.Job{Case: c.ID, Channel: c.Channel, Payload: o.Payload(), Created: now, NotBefore: now.Add(max(d, time.Second))}
	if err := dl.store.Enqueue(ctx, job); err != nil {
		return fmt.Errorf("owe %s's messages an update: %w", c.Key(), err)
	}
	if o.rootDue {
		dl.Roots.Owe(c.ID)
	}
	dl.Kick() // the worker learns when the job is due
	return nil
}

// FinishSync ends a syncCase that ended with err: it records the questions
// posted and, unless a retry is needed, removes the jobs, in one
// transaction. It returns what the sync should.
func (dl *Deliverer) FinishSync(ctx context.Context, id int64, posted map[string]string, jobs []uint64, err error) error {
	var perm *PermanentError
	if err != nil && !errors.Is(err, store.ErrNotFound) && !errors.As(classify(err), &perm) {
		jobs = nil // to be retried (deliverChannel); what was posted is kept all the same
	}
	// Recorded even when the bot is stopping: a question posted but not
	// recorded would be posted again after the restart.
	if ferr := dl.store.FinishJobs(context.WithoutCancel(ctx), id, posted, jobs...); ferr != nil {
		if err == nil || len(jobs) > 0 {
			return fmt.Errorf("remember the messages posted for %s: %w", record.FormatKey(id), ferr)
		}
		return errors.Join(err, ferr)
	}
	return err
}

// syncRoot updates the case's root message when rootPacer says so, or
// leaves a root-only job in the outbox for when it may; due says such a
// job's time has come.
func (dl *Deliverer) syncRoot(ctx context.Context, c *record.Case, due bool) error {
	ts := c.Post(PostRoot)
	if ts == "" {
		return nil
	}
	now := dl.cfg.Now()
	if !due && dl.Roots.Owes(c.ID, c.Status, now) {
		return nil
	}
	blocks, text := dl.render.Root(c)
	hash := rootHash(blocks, text)
	act, at := dl.Roots.Decide(c.ID, c.Status, hash, now, due)
	switch act {
	case RootSame, RootOwed:
		return nil
	case RootDefer:
		job := store.Job{Case: c.ID, Channel: c.Channel, Payload: SyncOpts{rootDue: true, CatchUp: true}.Payload(), Created: now, NotBefore: at}
		if err := dl.store.Enqueue(ctx, job); err != nil {
			return fmt.Errorf("owe the root message an update: %w", err)
		}
		dl.Roots.Owe(c.ID)
		dl.Kick() // the worker learns when the job is due
		return nil
	}
	if err := dl.Update(ctx, c.Channel, ts, blocks, text); err != nil {
		return err
	}
	dl.Roots.Sent(c.ID, c.Status, hash, now)
	return nil
}

// postSummary posts the summary as a broadcast reply in the case's thread
// (so it shows in the channel), split over several messages when long; a
// summary posted before is updated in place.
func (dl *Deliverer) postSummary(ctx context.Context, c *record.Case) error {
	blocks, text := dl.render.Summary(c, "")
	parts := render.SplitBlocks(blocks, render.MaxMessageChars, render.MaxBlocks)
	for i, part := range parts {
		key := postSummary
		if i > 0 {
			key = postSummary + "." + strconv.Itoa(i+1)
		}
		if ts := c.Post(key); ts != "" {
			if err := dl.Update(ctx, c.Channel, ts, part, text); err != nil {
				return fmt.Errorf("update summary of %s: %w", c.Key(), err)
			}
			continue
		}
		ts, err := dl.Post(ctx, c.Channel, c.Thread, i == 0, part, text)
		if err != nil {
			return fmt.Errorf("post summary of %s: %w", c.Key(), err)
		}
		if err := dl.SavePost(ctx, c.ID, key, ts); err != nil {
			return err
		}
	}
	return nil
}

// forgetPost removes a Posts key of the case.
func (dl *Deliverer) forgetPost(ctx context.Context, id int64, key string) error {
	_, err := dl.store.UpdateCase(ctx, id, func(c *record.Case) error {
		delete(c.Posts, key)
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget message %s: %w", key, err)
	}
	return nil
}

func (dl *Deliverer) SavePost(ctx context.Context, id int64, key, ts string) error {
	_, err := dl.store.UpdateCase(ctx, id, func(c *record.Case) error {
		c.SetPost(key, ts)
		return nil
	})
	if err != nil {
		return fmt.Errorf("remember message %s: %w", key, err)
	}
	return nil
}

func (dl *Deliverer) Post(ctx context.Context, channel, thread string, broadcast bool, blocks []slack.Block, text string) (string, error) {
	opts := []slack.MsgOption{slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false), render.NoUnfurl()}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
		if broadcast {
			opts = append(opts, slack.MsgOptionBroadcast())
		}
	}
	_, ts, err := dl.api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return "", err
	}
	return ts, nil
}

// postRoot posts a new case's root message in its channel and remembers
// its thread; it returns the case as stored then. If the bot cannot post
// there, the starter is told why, the case is removed again and postRoot
// returns nil, nil. The caller holds the case's lock.
func (dl *Deliverer) postRoot(ctx context.Context, c *record.Case, responseURL string) (*record.Case, error) {
	blocks, text := dl.render.Root(c)
	ts, err := dl.Post(ctx, c.Channel, "", false, blocks, text)
	if err != nil {
		if IsNotInChannel(err) {
			dl.Ephemeral(ctx, responseURL, c.Channel, c.StartedBy, dialogs.TextsFor(c.Lang).NotInChannel)
			if derr := dl.store.DeleteCase(ctx, c.ID); derr != nil && !errors.Is(derr, store.ErrNotFound) {
				return nil, derr
			}
			return nil, nil
		}
		err = deliveryError("post root of "+c.Key(), err)
		var pe *PermanentError
		if errors.As(err, &pe) {
			dl.Ephemeral(ctx, responseURL, c.Channel, c.StartedBy, dialogs.TextsFor(c.Lang).SomethingWrong)
		}
		return nil, err
	}
	dl.Roots.Sent(c.ID, c.Status, rootHash(blocks, text), dl.cfg.Now())
	c, err = dl.store.UpdateCase(ctx, c.ID, func(c *record.Case) error {
		c.Thread = ts
		c.SetPost(PostRoot, ts)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("remember thread of case: %w", err)
	}
	return c, nil
}

func IsNotInChannel(err error) bool {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err == "not_in_channel" || se.Err == "channel_not_found" || se.Err == "is_archived"
	}
	s := err.Error()
	return s == "not_in_channel" || s == "channel_not_found" || s == "is_archived"
}
