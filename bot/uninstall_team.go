package bot

import (
	"context"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
)

// Uninstall in a distributed app (issue 18.1). Each workspace has its own
// installation and token, so app_uninstalled or tokens_revoked from one
// workspace concerns that workspace alone: its installation is deleted
// (the tokens with it), and with MAATWERK_ON_UNINSTALL=erase its cases
// are erased, nobody else's. The bot-wide hold of delivery.Token is not
// used: the other workspaces go on. Work still owed to the workspace (keep)
// waits in the outbox as a refused token's does (delivery.TokenRefusal:
// not_installed) until it installs the app again.

// teamUninstalled handles app_uninstalled, and tokens_revoked for the
// bot, from the workspace ctx carries.
func (b *Bot) teamUninstalled(ctx context.Context, code string) error {
	team, ok := tenant.From(ctx)
	if !ok || team.ID == "" && team.Enterprise == "" {
		return nil
	}
	if err := b.tenants.Delete(ctx, team); err != nil {
		return err
	}
	if code != codeUninstalled || b.cfg.OnUninstall != OnUninstallErase {
		b.log.Warn("Slack app removed from a workspace; its installation is deleted, its cases are kept",
			"team", team.ID, "enterprise", team.Enterprise, "event", code)
		return nil
	}
	gone, err := b.store.EraseTeam(ctx, team.Enterprise, team.ID)
	for _, id := range gone {
		b.out.Roots.Forget(id)
	}
	if err != nil {
		return fmt.Errorf("erase the cases of %s after app_uninstalled (%d erased): %w", team.ID, len(gone), err)
	}
	if len(gone) > 0 && !b.store.Shared() { // PostgreSQL's autovacuum reclaims the space
		if err := b.store.Compact(ctx); err != nil {
			b.sched.needCompact.Store(true)
			b.log.Error("compact after erasing a workspace's cases", "err", err)
		}
	}
	b.log.Warn("Slack app uninstalled from a workspace; its installation and cases are erased",
		"team", team.ID, "on_uninstall", OnUninstallErase, "erased", len(gone))
	return nil
}
