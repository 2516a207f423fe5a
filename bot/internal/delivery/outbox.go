package delivery

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

// Backoff bounds for retried jobs.
const (
	backoffMin = time.Second
	backoffMax = 5 * time.Minute
)

// maxParallelChannels is how many channels are delivered to at once.
const maxParallelChannels = 16

// tokenHoldWait is how long the outbox sleeps while Slack refuses the bot
// token; Token.Accept wakes it at once.
const tokenHoldWait = time.Minute

// jobPayload is SyncOpts as stored in the outbox.
type jobPayload struct {
	Answered       []string  `json:"answered,omitempty"`
	RefreshPrompt  bool      `json:"refresh_prompt,omitempty"`
	RefreshSummary bool      `json:"refresh_summary,omitempty"`
	ResponseURL    string    `json:"response_url,omitempty"`
	RootDue        bool      `json:"root_due,omitempty"`
	CatchUp        bool      `json:"catch_up,omitempty"`
	Via            []Clicked `json:"via,omitempty"`
	LookBack       bool      `json:"look_back,omitempty"`
}

func (o SyncOpts) Payload() json.RawMessage {
	raw, _ := json.Marshal(jobPayload{Answered: o.Answered, RefreshPrompt: o.RefreshPrompt,
		RefreshSummary: o.RefreshSummary, ResponseURL: o.ResponseURL, RootDue: o.rootDue, CatchUp: o.CatchUp, Via: o.via, LookBack: o.LookBack})
	return raw
}

func OptsOf(raw json.RawMessage) SyncOpts {
	var p jobPayload
	json.Unmarshal(raw, &p)
	return SyncOpts{Answered: p.Answered, RefreshPrompt: p.RefreshPrompt, RefreshSummary: p.RefreshSummary,
		ResponseURL: p.ResponseURL, rootDue: p.RootDue, CatchUp: p.CatchUp, via: p.Via, LookBack: p.LookBack}
}

// merge combines the work of two jobs for the same case.
func (o SyncOpts) merge(p SyncOpts) SyncOpts {
	for _, a := range p.Answered {
		if !slices.Contains(o.Answered, a) {
			o.Answered = append(o.Answered, a)
		}
	}
	o.RefreshPrompt = o.RefreshPrompt || p.RefreshPrompt
	o.RefreshSummary = o.RefreshSummary || p.RefreshSummary
	o.rootDue = o.rootDue || p.rootDue
	o.LookBack = o.LookBack || p.LookBack
	o.CatchUp = o.CatchUp && p.CatchUp
	o.via = append(o.via, p.via...) // viaFor takes the latest click
	if o.ResponseURL == "" {
		o.ResponseURL = p.ResponseURL
	}
	return o
}

// Kick wakes the outbox worker: there is new work.
func (dl *Deliverer) Kick() {
	select {
	case dl.kickc <- struct{}{}:
	default:
	}
}

// Run delivers the outbox until ctx ends.
func (dl *Deliverer) Run(ctx context.Context) error {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		wait := dl.DeliverDue(ctx)
		if ctx.Err() != nil {
			return nil
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return nil
		case <-dl.kickc:
		case <-timer.C:
		}
	}
}

// FlushOutbox delivers what is due now, once; for shutdown and tests.
func (dl *Deliverer) FlushOutbox(ctx context.Context) { dl.DeliverDue(ctx) }

// DeliverDue delivers every job whose time has come and returns how long
// to wait before the next retry is due (at most a minute).
func (dl *Deliverer) DeliverDue(ctx context.Context) time.Duration {
	dl.deliverMu.Lock()
	defer dl.deliverMu.Unlock()
	wait := time.Minute
	jobs, err := dl.store.Jobs(ctx, 5000)
	if err != nil {
		if ctx.Err() == nil {
			dl.log.Error("read outbox", "err", err)
		}
		return 5 * time.Second
	}
	dl.outboxDepth.Store(int64(len(jobs)))
	if _, refused := dl.cfg.Token.Refused(); refused {
		return tokenHoldWait // the jobs stay queued (token.go)
	}
	held, err := dl.heldNow(ctx)
	if err != nil {
		dl.log.Error("read held channels", "err", err)
		return 5 * time.Second
	}
	now := dl.cfg.Now()
	byChannel := map[string][]store.Job{}
	var order []string
	for _, j := range jobs {
		if o := OptsOf(j.Payload); j.Attempts == 0 && (o.CatchUp || o.rootDue) && j.NotBefore.After(now) {
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
	var due []string
	for _, ch := range order {
		queue := byChannel[ch]
		if _, ok := held[ch]; ok {
			// Closed to the bot (channelhold.go): only new cases are tried.
			if queue = dl.unheld(ctx, queue); len(queue) == 0 {
				continue
			}
		}
		if d := queue[0].NotBefore.Sub(now); d > 0 {
			// The channel waits for its oldest job: order is kept.
			wait = min(wait, d)
			continue
		}
		byChannel[ch] = queue
		due = append(due, ch)
	}
	// Only the channels this process holds a lease on (claims.go).
	granted, err := dl.claim(ctx, due)
	if err != nil {
		dl.log.Error("outbox", "err", err)
		return 5 * time.Second
	}
	if len(granted) < len(due) {
		wait = min(wait, dl.lease()/2) // held elsewhere: look again before its lease could run out
	}
	pass, endPass := context.WithCancel(ctx)
	defer endPass()
	l := &leases{renewed: dl.cfg.Now()}
	go dl.renew(pass, l)
	// Every granted channel is renewed from now on, also while it waits
	// for one of the maxParallelChannels: a lease that ran out while
	// waiting would let another replica deliver it too.
	type started struct {
		ctx  context.Context
		done func()
	}
	run := map[string]started{}
	for _, ch := range due {
		if _, ok := granted[ch]; ok {
			cctx, done := l.start(ctx, ch)
			run[ch] = started{cctx, done}
		}
	}
	sem := make(chan struct{}, maxParallelChannels)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, ch := range due {
		takenOver, ok := granted[ch]
		if !ok {
			continue
		}
		queue, st := byChannel[ch], run[ch]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			d, blocked := dl.deliverChannel(st.ctx, queue, takenOver)
			st.done() // no renewal after the release
			if dl.suspectIn(queue) {
				// A case of the channel may still have a message a dead
				// replica posted and did not record: keep the lease, so
				// that whoever delivers the channel next looks first.
				dl.log.Info("outbox: keeping the lease of a taken-over channel until its cases are looked up in Slack", "channel", ch)
			} else {
				dl.release(ctx, ch)
			}
			if blocked {
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
//
// takenOver says the channel's last owner died (claims.go): then, as for a
// job that was in the outbox before this process started, the case's
// messages that Slack has and the store does not are adopted first
// (adopt.go).
func (dl *Deliverer) deliverChannel(ctx context.Context, queue []store.Job, takenOver bool) (time.Duration, bool) {
	for len(queue) > 0 {
		head := queue[0]
		o := OptsOf(head.Payload)
		ids := []uint64{head.ID}
		if takenOver {
			dl.markSuspect(queue)
		}
		suspect := dl.suspectCase(head.Case) || dl.fromBefore(head)
		rest := queue[:0:0]
		for _, j := range queue[1:] {
			if j.Case == head.Case {
				o = o.merge(OptsOf(j.Payload))
				ids = append(ids, j.ID)
				suspect = suspect || dl.fromBefore(j)
				continue
			}
			rest = append(rest, j)
		}
		err := dl.syncCase(ctx, head.Case, o, ids, suspect)
		if ctx.Err() != nil {
			return 0, false
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			err = classify(err) // e.g. a lead's DM refused by Slack
		}
		if _, refused := TokenRefusal(err); refused {
			// Token.Refuse has logged it; the jobs wait as they are.
			return tokenHoldWait, true
		}
		if why, closed := ChannelClosed(err); closed {
			if herr := dl.HoldChannel(ctx, head.Channel, why); herr != nil {
				dl.log.Error("hold channel", "channel", head.Channel, "err", herr)
				return 5 * time.Second, true
			}
			return 0, false // the channel's jobs wait as they are
		}
		var perm *PermanentError
		switch {
		case err == nil, errors.Is(err, store.ErrNotFound):
		case errors.As(err, &perm):
			dl.recordProblem(ctx, head.Case, perm)
		default:
			d, failure := retryDelay(err, head.Failures)
			// A 429 is Slack pacing a busy channel: expected under load,
			// not a warning. Failures are.
			level := slog.LevelWarn
			if !failure {
				level = slog.LevelInfo
			}
			dl.log.Log(ctx, level, "slack delivery failed; will retry", "case", record.FormatKey(head.Case),
				"attempt", head.Attempts+1, "in", d.String(), "err", err)
			if rerr := dl.store.RetryJob(ctx, head.ID, dl.cfg.Now().Add(d), err.Error(), failure); rerr != nil {
				dl.log.Error("record retry", "err", rerr)
			}
			return d, true
		}
		dl.outboxDepth.Add(-int64(len(ids))) // syncCase removed them
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

// PermanentError is a Slack answer that a retry would only repeat (e.g.
// channel_not_found, msg_too_long, invalid_blocks).
type PermanentError struct{ Err error }

func (p *PermanentError) Error() string { return p.Err.Error() }

func (p *PermanentError) Unwrap() error { return p.Err }

// classify returns nil for nil, err itself when a retry may help, or a
// *PermanentError.
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
		return &PermanentError{err}
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "team_added_to_org":
			return err
		}
		if _, closed := ChannelClosed(err); closed || isTokenRefusal(se.Err) {
			// Not the message's fault: the outbox holds the channel or
			// everything until the bot may post again (channelhold.go,
			// token.go).
			return err
		}
		return &PermanentError{err}
	}
	return err
}

// recordProblem logs a delivery that Slack refused for good and keeps it on
// the case, where the root message shows it.
func (dl *Deliverer) recordProblem(ctx context.Context, id int64, perm *PermanentError) {
	dl.log.Error("slack refused a message; giving up", "case", record.FormatKey(id), "err", perm.Err)
	_, err := dl.store.UpdateCase(ctx, id, func(c *record.Case) error {
		c.Problems = append(c.Problems, record.Problem{At: dl.cfg.Now(), What: perm.Err.Error()})
		if len(c.Problems) > 10 {
			c.Problems = c.Problems[len(c.Problems)-10:]
		}
		return nil
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		dl.log.Error("record delivery problem", "case", record.FormatKey(id), "err", err)
	}
}

// OutboxDepth is the number of jobs owed to Slack as last seen.
func (dl *Deliverer) OutboxDepth() int { return int(dl.outboxDepth.Load()) }

// deliveryError is what one Slack call in syncCase gave, for the caller to
// act on: nil, retryable or permanent.
func deliveryError(what string, err error) error {
	if err == nil {
		return nil
	}
	return classify(fmt.Errorf("%s: %w", what, err))
}
