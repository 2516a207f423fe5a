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
// file so erased cases are gone from it. Of several replicas only the one
// holding the scheduler role does it.
func (b *Bot) RunMaintenance(ctx context.Context, interval time.Duration) error {
	for {
		if b.checkRole(ctx) { // one replica at a time (replicas.go)
			b.sched.maintain(ctx)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(interval):
		}
	}
}

// Maintain does one round of housekeeping (see RunMaintenance).
func (s *scheduler) maintain(ctx context.Context) {
	now := s.cfg.Now()
	if n, err := s.store.PruneEvents(ctx, now.Add(-seenEventsKept)); err != nil {
		s.log.Error("prune seen events", "err", err)
	} else if n > 0 {
		s.log.Info("forgot old event ids", "events", n)
	}
	if s.cfg.RetentionDays <= 0 {
		return
	}
	cutoff := now.AddDate(0, 0, -s.cfg.RetentionDays)
	gone, err := s.store.Purge(ctx, cutoff)
	if err != nil {
		s.log.Error("retention purge", "err", err)
	}
	if len(gone) == 0 && !s.needCompact.Swap(false) {
		return
	}
	s.log.Info("retention: erased cases without activity since the cutoff", "cases", len(gone), "cutoff", cutoff.Format(time.DateOnly))
	if s.store.Shared() {
		return // PostgreSQL reclaims the space itself (autovacuum)
	}
	if err := s.store.Compact(ctx); err != nil {
		s.log.Error("compact database", "err", err)
		s.needCompact.Store(true)
	}
}
