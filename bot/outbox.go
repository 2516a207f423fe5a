package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// The outbox: every case change that Slack must follow is stored with a
// job in the same bbolt transaction (see changeCase), and RunOutbox
// delivers the jobs: per channel in order, honouring 429 Retry-After,
// retrying 5xx and network errors with backoff, and giving up only on
// errors Slack will repeat (logged, and shown on the case's root message).
// A job is done when syncCase has brought the case's messages in line, so a
// job that is retried or redone after a restart does no harm.

// Backoff bounds for retried jobs.
const (
	backoffMin = time.Second
	backoffMax = 5 * time.Minute
)

// maxParallelChannels is how many channels are delivered to at once.
const maxParallelChannels = 16

// jobPayload is syncOpts as stored in the outbox.
type jobPayload struct {
	Answered       []string  `json:"answered,omitempty"`
	RefreshPrompt  bool      `json:"refresh_prompt,omitempty"`
	RefreshSummary bool      `json:"refresh_summary,omitempty"`
	ResponseURL    string    `json:"response_url,omitempty"`
	RootDue        bool      `json:"root_due,omitempty"`
	CatchUp        bool      `json:"catch_up,omitempty"`
	Via            []clicked `json:"via,omitempty"`
	LookBack       bool      `json:"look_back,omitempty"`
}

func (o syncOpts) payload() json.RawMessage {
	raw, _ := json.Marshal(jobPayload{Answered: o.answered, RefreshPrompt: o.refreshPrompt,
		RefreshSummary: o.refreshSummary, ResponseURL: o.responseURL, RootDue: o.rootDue, CatchUp: o.catchUp, Via: o.via, LookBack: o.lookBack})
	return raw
}

func optsOf(raw json.RawMessage) syncOpts {
	var p jobPayload
	json.Unmarshal(raw, &p)
	return syncOpts{answered: p.Answered, refreshPrompt: p.RefreshPrompt, refreshSummary: p.RefreshSummary,
		responseURL: p.ResponseURL, rootDue: p.RootDue, catchUp: p.CatchUp, via: p.Via, lookBack: p.LookBack}
}

// merge combines the work of two jobs for the same case.
func (o syncOpts) merge(p syncOpts) syncOpts {
	for _, a := range p.answered {
		if !slices.Contains(o.answered, a) {
			o.answered = append(o.answered, a)
		}
	}
	o.refreshPrompt = o.refreshPrompt || p.refreshPrompt
	o.refreshSummary = o.refreshSummary || p.refreshSummary
	o.rootDue = o.rootDue || p.rootDue
	o.lookBack = o.lookBack || p.lookBack
	o.catchUp = o.catchUp && p.catchUp
	o.via = append(o.via, p.via...) // viaFor takes the latest click
	if o.responseURL == "" {
		o.responseURL = p.responseURL
	}
	return o
}

// kick wakes the outbox worker: there is new work.
func (b *deliverer) kick() {
	select {
	case b.kickc <- struct{}{}:
	default:
	}
}

// RunOutbox delivers the outbox until ctx ends; what is owed from before a
// restart is delivered first. It returns when ctx is done, after the
// delivery in progress.
func (b *Bot) RunOutbox(ctx context.Context) error {
	b.replayInbox(ctx)
	return b.out.run(ctx)
}

// run delivers the outbox until ctx ends.
func (b *deliverer) run(ctx context.Context) error {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		wait := b.deliverDue(ctx)
		if ctx.Err() != nil {
			return nil
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return nil
		case <-b.kickc:
		case <-timer.C:
		}
	}
}

// FlushOutbox delivers what is due now, once; for shutdown and tests.
func (b *deliverer) FlushOutbox(ctx context.Context) { b.deliverDue(ctx) }

// deliverDue delivers every job whose time has come and returns how long
// to wait before the next retry is due (at most a minute).
func (b *deliverer) deliverDue(ctx context.Context) time.Duration {
	b.deliverMu.Lock()
	defer b.deliverMu.Unlock()
	wait := time.Minute
	jobs, err := b.store.Jobs(ctx, 5000)
	if err != nil {
		if ctx.Err() == nil {
			b.log.Error("read outbox", "err", err)
		}
		return 5 * time.Second
	}
	b.outboxDepth.Store(int64(len(jobs)))
	now := b.cfg.Now()
	byChannel := map[string][]store.Job{}
	var order []string
	for _, j := range jobs {
		if o := optsOf(j.Payload); j.Attempts == 0 && (o.catchUp || o.rootDue) && j.NotBefore.After(now) {
			// A job that only catches up later (rootPacer, rate limits)
			// holds nothing else back. (Jobs stored before catch_up
			// existed say root_due alone.)
			d := j.NotBefore.Sub(now)
			wait = min(wait, d)
			continue
		}
		if _, ok := byChannel[j.Channel]; !ok {
			order = append(order, j.Channel)
		}
		byChannel[j.Channel] = append(byChannel[j.Channel], j)
	}
	sem := make(chan struct{}, maxParallelChannels)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, ch := range order {
		queue := byChannel[ch]
		if d := queue[0].NotBefore.Sub(now); d > 0 {
			// The channel waits for its oldest job: order is kept.
			wait = min(wait, d)
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if d, blocked := b.deliverChannel(ctx, queue); blocked {
				mu.Lock()
				wait = min(wait, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return max(wait, 10*time.Millisecond)
}

// deliverChannel delivers one channel's jobs in order until one fails; it
// reports how long until that one may be retried. All the queue's jobs for
// the head's case are done by one sync: it brings the case's messages in
// line with its latest state, which is what the later jobs ask too.
func (b *deliverer) deliverChannel(ctx context.Context, queue []store.Job) (time.Duration, bool) {
	for len(queue) > 0 {
		head := queue[0]
		o := optsOf(head.Payload)
		ids := []uint64{head.ID}
		rest := queue[:0:0]
		for _, j := range queue[1:] {
			if j.Case == head.Case {
				o = o.merge(optsOf(j.Payload))
				ids = append(ids, j.ID)
				continue
			}
			rest = append(rest, j)
		}
		err := b.syncCase(ctx, head.Case, o, ids)
		if ctx.Err() != nil {
			return 0, false
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			err = classify(err) // e.g. a lead's DM refused by Slack
		}
		var perm *permanentError
		switch {
		case err == nil, errors.Is(err, store.ErrNotFound):
		case errors.As(err, &perm):
			b.recordProblem(ctx, head.Case, perm)
		default:
			d, failure := retryDelay(err, head.Failures)
			// A 429 is Slack pacing a busy channel: expected under load,
			// not a warning. Failures are.
			level := slog.LevelWarn
			if !failure {
				level = slog.LevelInfo
			}
			b.log.Log(ctx, level, "slack delivery failed; will retry", "case", record.FormatKey(head.Case),
				"attempt", head.Attempts+1, "in", d.String(), "err", err)
			if rerr := b.store.RetryJob(ctx, head.ID, b.cfg.Now().Add(d), err.Error(), failure); rerr != nil {
				b.log.Error("record retry", "err", rerr)
			}
			return d, true
		}
		b.outboxDepth.Add(-int64(len(ids))) // syncCase removed them
		queue = rest
	}
	return 0, false
}

// retryDelay is how long to wait before retrying after err: Slack's
// Retry-After for a 429 (not a failure), else exponential backoff over the
// earlier failures.
func retryDelay(err error, failures int) (time.Duration, bool) {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return max(rl.RetryAfter, backoffMin), false
	}
	return min(backoffMin<<min(failures, 10), backoffMax), true
}

// permanentError is a Slack answer that a retry would only repeat (e.g.
// channel_not_found, msg_too_long, invalid_blocks).
type permanentError struct{ err error }

func (p *permanentError) Error() string { return p.err.Error() }
func (p *permanentError) Unwrap() error { return p.err }

// classify returns nil for nil, err itself when a retry may help, or a
// *permanentError.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	var ne net.Error
	var ue *url.Error
	switch {
	case errors.As(err, &rl), errors.As(err, &ne), errors.As(err, &ue),
		errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return err
	case errors.As(err, &sc):
		if sc.Code >= 500 || sc.Code == 408 || sc.Code == 429 {
			return err
		}
		return &permanentError{err}
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "team_added_to_org":
			return err
		}
		return &permanentError{err}
	}
	return err
}

// recordProblem logs a delivery that Slack refused for good and keeps it on
// the case, where the root message shows it.
func (b *deliverer) recordProblem(ctx context.Context, id int64, perm *permanentError) {
	b.log.Error("slack refused a message; giving up", "case", record.FormatKey(id), "err", perm.err)
	_, err := b.store.UpdateCase(ctx, id, func(c *record.Case) error {
		c.Problems = append(c.Problems, record.Problem{At: b.cfg.Now(), What: perm.err.Error()})
		if len(c.Problems) > 10 {
			c.Problems = c.Problems[len(c.Problems)-10:]
		}
		return nil
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		b.log.Error("record delivery problem", "case", record.FormatKey(id), "err", err)
	}
}

// OutboxDepth is the number of jobs owed to Slack as last seen.
func (b *deliverer) OutboxDepth() int { return int(b.outboxDepth.Load()) }

// deliveryError is what one Slack call in syncCase gave, for the caller to
// act on: nil, retryable or permanent.
func deliveryError(what string, err error) error {
	if err == nil {
		return nil
	}
	return classify(fmt.Errorf("%s: %w", what, err))
}
