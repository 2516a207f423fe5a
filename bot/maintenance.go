package bot

import (
	"context"
	"time"
)

// seenEventsKept is how long handled event ids are remembered: far longer
// than Slack goes on retrying a delivery (about an hour).
const seenEventsKept = 7 * 24 * time.Hour

// RunMaintenance does the daily housekeeping until ctx ends: once at start,
// then every interval (a day in production): forget old event ids, erase
// cases past the retention period (Config.RetentionDays), and compact the
// file so erased cases are gone from it.
func (b *Bot) RunMaintenance(ctx context.Context, interval time.Duration) error {
	for {
		b.Maintain(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(interval):
		}
	}
}

// Maintain does one round of housekeeping (see RunMaintenance).
func (b *Bot) Maintain(ctx context.Context) {
	now := b.cfg.Now()
	if n, err := b.store.PruneEvents(ctx, now.Add(-seenEventsKept)); err != nil {
		b.log.Error("prune seen events", "err", err)
	} else if n > 0 {
		b.log.Info("forgot old event ids", "events", n)
	}
	if b.cfg.RetentionDays <= 0 {
		return
	}
	cutoff := now.AddDate(0, 0, -b.cfg.RetentionDays)
	gone, err := b.store.Purge(ctx, cutoff)
	if err != nil {
		b.log.Error("retention purge", "err", err)
	}
	if len(gone) == 0 && !b.needCompact.Swap(false) {
		return
	}
	b.log.Info("retention: erased cases without activity since the cutoff", "cases", len(gone), "cutoff", cutoff.Format(time.DateOnly))
	if err := b.store.Compact(ctx); err != nil {
		b.log.Error("compact database", "err", err)
		b.needCompact.Store(true)
	}
}
