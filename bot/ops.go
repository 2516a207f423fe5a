package bot

import (
	"context"
	"fmt"
)

// Operations endpoints, served in both modes (in Socket Mode the listener
// serves only these):
//
//	GET /healthz  the process is alive
//	GET /readyz   200 when auth.test passed, Slack has not refused the token (nor uninstalled the app), the
//	              database is open and writable and no record is set aside as unreadable; else 503 with
//	              the reason; a second line says whether this replica holds the scheduler role
//	              ("scheduler: held", or "scheduler: standby": ready all the same)
//	GET /metrics  Prometheus exposition format (package bot/internal/metrics)

// readiness reports whether the bot can do its work: the database is open
// and the bot token passed auth.test. If not, reason says why, briefly.
func (b *Bot) readiness(ctx context.Context) (ok bool, reason string) {
	if !b.authed.Load() {
		return false, "slack: auth.test has not passed"
	}
	if r, refused := b.token.Refused(); refused {
		return false, r.Reason
	}
	if err := b.store.Ping(ctx); err != nil {
		return false, "database: not open"
	}
	if err := b.store.Writable(); err != nil {
		return false, "database: " + err.Error()
	}
	if n, err := b.store.QuarantineCount(ctx); err == nil && n > 0 {
		return false, fmt.Sprintf("database: %d record(s) set aside as unreadable; run maatwerkbot check", n)
	}
	return true, "ok"
}
