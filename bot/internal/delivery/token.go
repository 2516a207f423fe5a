package delivery

import (
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
)

// Token is whether Slack accepts the bot token. Once Slack refuses it (a
// Web API call answered invalid_auth, token_revoked, account_inactive or
// not_authed, or Slack sent tokens_revoked or app_uninstalled), the outbox
// holds its jobs and the scheduler runs no digest or look-back, until a
// later auth.test passes (Accept): nothing is burnt into a permanent
// problem on its case while the token is gone. It is safe for concurrent
// use; the zero value is not, use NewToken.
type Token struct {
	log *slog.Logger
	now func() time.Time

	mu      sync.Mutex
	refusal *Refusal
	// resumed is told when Accept lifts a refusal (the outbox and the
	// scheduler start again).
	resumed []func()
}

// Refusal is why and since when Slack refuses the bot token.
type Refusal struct {
	// Code is Slack's error code or the event: "token_revoked",
	// "invalid_auth", "app_uninstalled" …
	Code string
	// Reason is what /readyz says, for the operator.
	Reason string
	Since  time.Time
}

// NewToken returns the state of an accepted token; it logs to log on
// now's clock.
func NewToken(log *slog.Logger, now func() time.Time) *Token {
	if now == nil {
		now = time.Now
	}
	return &Token{log: log, now: now}
}

// refusedReason is the /readyz reason of a refusal seen on a Web API call.
func refusedReason(code string) string {
	return "slack: the bot token was refused (" + code + "): reinstall the app or set a new SLACK_BOT_TOKEN; deliveries and schedules are held"
}

// Refuse records that Slack refused the token with code (an answer to a
// Web API call). Only the first refusal is logged and kept: a refusal of
// every call that follows changes nothing.
func (t *Token) Refuse(code string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.refusal != nil {
		return
	}
	t.refusal = &Refusal{Code: code, Reason: refusedReason(code), Since: t.now()}
	t.log.Error("Slack refused the bot token; deliveries, digests and look-backs are held until it works again",
		"slack_error", code)
}

// Set records a refusal that Slack announced (tokens_revoked,
// app_uninstalled) with the reason /readyz gives; it replaces the reason
// of an earlier refusal and keeps its time. The caller logs.
func (t *Token) Set(code, reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	since := t.now()
	if t.refusal != nil {
		since = t.refusal.Since
	}
	t.refusal = &Refusal{Code: code, Reason: reason, Since: since}
}

// Refused returns the refusal, if Slack refuses the token.
func (t *Token) Refused() (Refusal, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.refusal == nil {
		return Refusal{}, false
	}
	return *t.refusal, true
}

// Accept records that the token works (auth.test passed). If it was
// refused, that is logged and the work held is resumed; Accept reports
// whether it was.
func (t *Token) Accept() bool {
	t.mu.Lock()
	r := t.refusal
	t.refusal = nil
	resumed := t.resumed
	t.mu.Unlock()
	if r == nil {
		return false
	}
	t.log.Info("Slack accepts the bot token again; resuming deliveries, digests and look-backs",
		"refused_since", r.Since, "slack_error", r.Code)
	for _, fn := range resumed {
		fn()
	}
	return true
}

// OnResume registers fn to run when Accept lifts a refusal.
func (t *Token) OnResume(fn func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.resumed = append(t.resumed, fn)
}

// TokenRefusal returns Slack's error code when err is Slack refusing the
// bot token. In a distributed app, a workspace without an installation
// (uninstalled) counts as a refusal too, "not_installed": its jobs wait as
// a refused token's do, and only that workspace's (bot/internal/tenant).
func TokenRefusal(err error) (string, bool) {
	if errors.Is(err, tenant.ErrNotInstalled) {
		return "not_installed", true
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && isTokenRefusal(se.Err) {
		return se.Err, true
	}
	return "", false
}

func isTokenRefusal(code string) bool {
	switch code {
	case "invalid_auth", "token_revoked", "account_inactive", "not_authed":
		return true
	}
	return false
}
