package delivery

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
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
//
// suspect says a process may have posted messages of the case and died
// before recording them: they are looked up in Slack first (adopt.go).
func (dl *Deliverer) syncCase(ctx context.Context, id int64, o SyncOpts, jobs []uint64, suspect bool) (err error) {
	unlock := dl.LockCase(id)
	defer unlock()
	posted := map[string]string{}
	defer func() { err = dl.FinishSync(ctx, id, posted, jobs, err) }()
	c, err := dl.store.Case(ctx, id)
	if err != nil {
		return err
	}
	// The case's own workspace's token, in a distributed app.
	ctx = tenant.With(ctx, tenant.Team{Enterprise: c.Enterprise, ID: c.Team})
	if suspect {
		if c, err = dl.adopt(ctx, c); err != nil {
			return err
		}
	}
	if c.Thread == "" {
		if c, err = dl.postRoot(ctx, c, o.ResponseURL); err != nil || c == nil {
			return err
		}
	}
	// Escalations first: a lead's question back goes in the thread above
	// the question asked again.
	if err := dl.syncEscalations(ctx, c); err != nil {
		dl.log.Warn("sync escalation", "case", c.Key(), "err", err)
	}
	s := &caseSync{dl: dl, c: c, o: o, posted: posted}
	for _, part := range []func(context.Context) error{s.prompt, s.root, s.answered, s.retired, s.lookBack, s.summary} {
		if err := part(ctx); err != nil {
			return err
		}
	}
	return s.finish(ctx)
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
