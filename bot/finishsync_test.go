package bot

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestFinishSync: a sync records the questions it posted in every case, and
// removes its outbox jobs unless a retry is needed; for a case that is
// gone, it only removes the jobs.
func TestFinishSync(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		err      error
		wantErr  bool
		wantJobs int // jobs left of 2
	}{
		{name: "done", err: nil, wantJobs: 0},
		{name: "rate limited", err: fmt.Errorf("post: %w", &slack.RateLimitedError{}), wantErr: true, wantJobs: 2},
		{name: "refused for good", err: &delivery.PermanentError{Err: errors.New("channel_not_found")}, wantErr: true, wantJobs: 0},
		{name: "refused for good, not yet classified", err: slack.SlackErrorResponse{Err: "invalid_blocks"}, wantErr: true, wantJobs: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil, "")
			root := h.drive.Start(alice, "Afronden van "+tt.name)
			h.drive.OpenPrompt(root)
			c := h.caseOf(root)
			// The jobs are not due, so the bot's own outbox worker leaves
			// them to the test.
			var ids []uint64
			for range 2 {
				if err := h.store.Enqueue(ctx, store.Job{Case: c.ID, Channel: c.Channel, NotBefore: time.Now().Add(time.Hour)}); err != nil {
					t.Fatal(err)
				}
			}
			jobs, err := h.store.Jobs(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, j := range jobs {
				ids = append(ids, j.ID)
			}
			if len(ids) != 2 {
				t.Fatalf("%d jobs in the outbox, want 2", len(ids))
			}
			got := h.bot.out.FinishSync(ctx, c.ID, map[string]string{"step:x": "1700000000.999999"}, ids, tt.err)
			if (got != nil) != tt.wantErr {
				t.Errorf("finishSync = %v, want error: %v", got, tt.wantErr)
			}
			if n := h.store.OutboxLen(); n != tt.wantJobs {
				t.Errorf("%d jobs left, want %d", n, tt.wantJobs)
			}
			if ts := h.caseOf(root).Post("step:x"); ts != "1700000000.999999" {
				t.Errorf("posted question not recorded: %q", ts)
			}
		})
	}

	t.Run("case gone", func(t *testing.T) {
		h := newHarness(t, nil, "")
		root := h.drive.Start(alice, "Verdwenen casus")
		c := h.caseOf(root)
		if err := h.store.Enqueue(ctx, store.Job{Case: c.ID, Channel: c.Channel, NotBefore: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		jobs, _ := h.store.Jobs(ctx, 0)
		if err := h.store.DeleteCase(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if err := h.bot.out.FinishSync(ctx, c.ID, map[string]string{"step:x": "1.2"}, []uint64{jobs[0].ID}, nil); err != nil {
			t.Errorf("finishSync: %v", err)
		}
		if n := h.store.OutboxLen(); n != 0 {
			t.Errorf("%d jobs left for a case that is gone", n)
		}
	})
}
