package bot

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestMaintenanceForgetsEventIdsAndErasesOldCases: the daily housekeeping
// forgets handled event ids after a week, and erases cases without
// activity for the retention period — gone from the file, not only hidden.
func TestMaintenanceForgetsEventIdsAndErasesOldCases(t *testing.T) {
	clk := &testClock{t: time.Now()}
	db := filepath.Join(t.TempDir(), "m.db")
	h := newHarness(t, nil, db, func(c *Config) {
		c.Now = clk.Now
		c.RetentionDays = 30
	})
	old := h.drive.Start(alice, "Zeldzaamwoord oude casus")
	ctx := context.Background()
	h.drive.OK(h.send.Event("EvKEEP1", map[string]any{"type": "message", "channel": channel, "user": bob,
		"text": "hallo", "ts": "1.1", "thread_ts": "1.0"}, 0))
	h.bot.Wait()

	clk.Add(8 * 24 * time.Hour)
	recent := h.drive.Start(alice, "Recente casus")
	h.bot.sched.maintain(ctx)
	if first, _, err := h.store.AcceptEvent(ctx, "EvKEEP1", clk.Now(), nil); err != nil || !first {
		t.Errorf("an event id from 8 days ago is still remembered (%v, %v)", first, err)
	}
	if _, err := h.store.CaseByThread(ctx, channel, old.TS); err != nil {
		t.Fatalf("a case of 8 days old was erased: %v", err)
	}

	clk.Add(23 * 24 * time.Hour) // the old case: 31 days without activity; the recent one 23
	h.bot.sched.maintain(ctx)
	h.bot.Wait()
	if _, err := h.store.CaseByThread(ctx, channel, old.TS); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the case past retention is still there: %v", err)
	}
	if _, err := h.store.CaseByThread(ctx, channel, recent.TS); err != nil {
		t.Errorf("the recent case was erased: %v", err)
	}
	h.stop()
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("Zeldzaamwoord")) {
		t.Error("the erased case is still in the database file")
	}
}
