package bot

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/slack-go/slack/slackevents"
)

// Uninstall and revoked tokens (issue 17.3). One process serves one
// workspace with one bot token. When Slack revokes that token
// (tokens_revoked naming the bot, or any Web API call answered
// invalid_auth, token_revoked, account_inactive or not_authed) or the app
// is uninstalled (app_uninstalled), the bot:
//
//   - holds the outbox: its jobs stay queued, none becomes a problem on
//     its case (delivery.Token);
//   - runs no digest and no look-back; the daily housekeeping (retention,
//     compaction) goes on, as it needs no Slack;
//   - answers /readyz with 503 and the reason, and logs one line;
//   - on app_uninstalled with MAATWERK_ON_UNINSTALL=erase, erases every
//     case from the database, as "/maatwerk verwijder" does for one (no
//     Slack message is touched: the token is gone). With keep, the default,
//     the cases stay: records of public decisions fall under the Archiefwet
//     and the retention period still applies.
//
// Resuming: while the token is refused the scheduler asks auth.test every
// tokenProbeInterval; the first that passes resumes deliveries and
// schedules. A re-install gives a new bot token, so after a re-install the
// operator sets SLACK_BOT_TOKEN and restarts: Connect's auth.test passes
// and the held jobs are delivered, the missed digest is caught up.

// What MAATWERK_ON_UNINSTALL may say.
const (
	// OnUninstallKeep keeps every case when the app is uninstalled.
	OnUninstallKeep = "keep"
	// OnUninstallErase erases every case when the app is uninstalled.
	OnUninstallErase = "erase"
)

// tokenProbeInterval is how often auth.test is asked while Slack refuses
// the bot token.
const tokenProbeInterval = 5 * time.Minute

// The codes of refusals that Slack announced by event.
const (
	codeUninstalled = "app_uninstalled"
	codeRevoked     = "tokens_revoked"
)

// appUninstalled handles app_uninstalled: everything stops, and the cases
// are kept or erased as MAATWERK_ON_UNINSTALL says.
func (b *Bot) appUninstalled(ctx context.Context) error {
	if b.tenants != nil {
		return b.teamUninstalled(ctx, codeUninstalled) // uninstall_team.go
	}
	if b.cfg.OnUninstall != OnUninstallErase {
		n, err := b.store.CountCases(ctx)
		if err != nil {
			return err
		}
		b.token.Set(codeUninstalled, fmt.Sprintf("slack: the app was uninstalled (app_uninstalled); its %d cases are kept "+
			"(MAATWERK_ON_UNINSTALL=keep); deliveries and schedules are stopped: reinstall the app and set the new SLACK_BOT_TOKEN", n))
		b.log.Error("Slack app uninstalled from the workspace; deliveries, digests and look-backs stopped, cases kept",
			"on_uninstall", OnUninstallKeep, "cases", n)
		return nil
	}
	// Stop first: nothing is sent while the cases go.
	b.token.Set(codeUninstalled, "slack: the app was uninstalled (app_uninstalled); erasing every case (MAATWERK_ON_UNINSTALL=erase)")
	gone, err := b.store.EraseAll(ctx)
	for _, id := range gone {
		b.out.Roots.Forget(id)
	}
	if err != nil {
		b.token.Set(codeUninstalled, fmt.Sprintf("slack: the app was uninstalled (app_uninstalled); erasing the cases "+
			"(MAATWERK_ON_UNINSTALL=erase) stopped after %d: %v", len(gone), err))
		return fmt.Errorf("erase every case after app_uninstalled (%d erased): %w", len(gone), err)
	}
	if err := b.store.Compact(ctx); err != nil {
		// The cases are deleted; the daily housekeeping compacts again.
		b.sched.needCompact.Store(true)
		b.log.Error("compact after erasing every case", "err", err)
	}
	b.token.Set(codeUninstalled, fmt.Sprintf("slack: the app was uninstalled (app_uninstalled); its %d cases were erased "+
		"(MAATWERK_ON_UNINSTALL=erase); deliveries and schedules are stopped: reinstall the app and set the new SLACK_BOT_TOKEN", len(gone)))
	b.log.Error("Slack app uninstalled from the workspace; deliveries, digests and look-backs stopped, every case erased",
		"on_uninstall", OnUninstallErase, "erased", len(gone))
	return nil
}

// tokensRevoked handles tokens_revoked: only the bot token matters (the
// bot holds no user token).
func (b *Bot) tokensRevoked(ctx context.Context, ev *slackevents.TokensRevokedEvent) {
	bots := ev.Tokens.Bot
	if len(bots) == 0 {
		return
	}
	if self := b.selfID(ctx); self != "" && !slices.Contains(bots, self) {
		return // another bot's
	}
	if b.tenants != nil {
		if err := b.teamUninstalled(ctx, codeRevoked); err != nil {
			b.log.Error("delete the installation after tokens_revoked", "err", err)
		}
		return
	}
	if r, refused := b.token.Refused(); refused && r.Code == codeUninstalled {
		return // app_uninstalled said more
	}
	b.token.Set(codeRevoked, "slack: the bot token was revoked (tokens_revoked); deliveries and schedules are held: "+
		"reinstall the app and set the new SLACK_BOT_TOKEN")
	b.log.Error("Slack revoked the bot token; deliveries, digests and look-backs are held until a new token works")
}

// probeToken asks auth.test whether Slack accepts the token again; if so,
// the held work resumes (Token.Accept). It returns when to ask again.
func (b *Bot) probeToken(ctx context.Context) time.Time {
	if _, err := b.api.AuthTestContext(ctx); err == nil {
		b.token.Accept()
		return b.cfg.Now()
	}
	return b.cfg.Now().Add(tokenProbeInterval)
}
