package delivery

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// Slack limits each Web API method per app and workspace (its rate-limit tiers):
// once it answers chat.update with 429, every chat.update in the workspace
// is refused until Retry-After has passed, whatever the channel. holds
// remembers that, so the outbox does not spend a call per channel to learn
// it again: while a method is held, the bot does not call it and acts as
// if Slack had answered 429 with the time left. After a 429, and until a
// minute has passed without one, the method is called one call at a time:
// the others are told to wait (probeWait) instead of all trying at once
// the moment the wait is over.
type Holds struct {
	mu sync.Mutex
	m  map[string]*hold
}

type hold struct {
	until     time.Time // no calls before
	limitedAt time.Time // the last 429
	inFlight  bool      // one call is out …
	sentAt    time.Time // … since then
}

// ProbeWait is how long callers are told to wait while a call is out; a
// call out longer than that (Slack is slow) no longer holds the others.
const ProbeWait = time.Second

// calmAfter is how long after the last 429 a method is called freely again.
const calmAfter = time.Minute

// Take reports whether method may be called at now; if not, how long to
// wait. A caller that may call must report the outcome with done.
func (h *Holds) Take(method string, now time.Time) (time.Duration, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e := h.m[method]
	switch {
	case e == nil:
		return 0, true
	case now.Before(e.until):
		return e.until.Sub(now), false
	case e.inFlight && now.Sub(e.sentAt) < ProbeWait:
		return ProbeWait - now.Sub(e.sentAt), false
	}
	e.inFlight, e.sentAt = true, now
	return 0, true
}

// Done records the outcome of a call of method taken at now: a 429 holds
// the method for its Retry-After.
func (h *Holds) Done(method string, now time.Time, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e := h.m[method]
	if d, limited := RateLimited(err); limited {
		if h.m == nil {
			h.m = map[string]*hold{}
		}
		h.m[method] = &hold{until: now.Add(d), limitedAt: now}
		return
	}
	if e == nil {
		return
	}
	e.inFlight = false
	if now.Sub(e.limitedAt) >= calmAfter {
		delete(h.m, method)
	}
}

// RateLimited returns the Retry-After of a 429 in err.
func RateLimited(err error) (time.Duration, bool) {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return rl.RetryAfter, true
	}
	return 0, false
}

// CallHeld makes call, the one call of method, unless holds hold method
// now: then it returns a 429 with the time left, without calling Slack.
// Time is the deliverer's clock (Config.Now).
func (dl *Deliverer) CallHeld(method string, call func() error) error {
	if d, ok := dl.holds.Take(method, dl.cfg.Now()); !ok {
		return &slack.RateLimitedError{RetryAfter: d}
	}
	err := call()
	// Slack's Retry-After counts from its answer, not from the request.
	dl.holds.Done(method, dl.cfg.Now(), err)
	return err
}

// WithinLimit makes call, the one call of method, when holds allow it:
// it waits out Slack's 429 and another call's turn, for at most window
// (what a user waiting for a modal or the Home tab notices). It returns
// call's last error, or a 429 when the window ran out first. It waits on
// the deliverer's clock (Config.Now and Config.Sleep).
func (dl *Deliverer) WithinLimit(ctx context.Context, method string, window time.Duration, call func() error) error {
	deadline := dl.cfg.Now().Add(window)
	for {
		err := dl.CallHeld(method, call)
		d, limited := RateLimited(err)
		if !limited {
			return err
		}
		d = min(d, 100*time.Millisecond) // look again soon: another call may end
		if dl.cfg.Now().Add(d).After(deadline) {
			return err
		}
		if err := dl.cfg.Sleep(ctx, d); err != nil {
			return err
		}
	}
}

// Sleep waits d in real time, or until ctx ends: the Config.Sleep of a
// served bot.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// withoutURL drops the URL from a request error: a response_url is a
// credential for 30 minutes and stays out of the log.
// errNotSlackURL refuses a response_url that is not Slack's.
var errNotSlackURL = errors.New("response_url: not a Slack address")

// slackURL reports whether a response_url points at Slack: hooks.slack.com
// or the host of the configured Web API (SLACK_API_URL: a gateway, or the
// fake Slack in tests). The bot posts to no other host, so a forged payload
// cannot make it call out anywhere, nor grow the metrics' labels.
func (dl *Deliverer) slackURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	if u.Scheme == "https" && u.Hostname() == "hooks.slack.com" {
		return true
	}
	api, err := url.Parse(cmp.Or(dl.cfg.APIURL, "https://slack.com/api/"))
	return err == nil && u.Scheme == api.Scheme && u.Host == api.Host
}

func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// Update replaces a message's blocks and text with chat.update, unless the
// workspace's chat.update is held (see holds).
func (dl *Deliverer) Update(ctx context.Context, channel, ts string, blocks []slack.Block, text string) error {
	if ts == "" {
		return nil
	}
	return dl.CallHeld("chat.update", func() error {
		_, _, _, err := dl.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false))
		return err
	})
}

// UpdateVia updates message ts like update, but through responseURL when
// there is one: the response_url of a click on that very message, which
// Slack does not count against the chat.update tier. When Slack refuses it
// (used five times, older than 30 minutes) chat.update does the work.
func (dl *Deliverer) UpdateVia(ctx context.Context, channel, ts, responseURL string, blocks []slack.Block, text string) error {
	if ts == "" {
		return nil
	}
	if responseURL != "" && dl.slackURL(responseURL) {
		msg := map[string]any{"replace_original": true, "text": text}
		if blocks != nil {
			msg["blocks"] = blocks
		}
		err := dl.Respond(ctx, responseURL, msg)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		dl.log.Info("response_url refused; updating with chat.update", "err", err)
	}
	return dl.Update(ctx, channel, ts, blocks, text)
}
