package delivery

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// downClaimer is a database that does not answer.
type downClaimer struct{}

func (downClaimer) ClaimChannels(context.Context, string, []string, time.Duration) ([]store.Claim, error) {
	return nil, errors.New("connection refused")
}

func (downClaimer) ReleaseChannels(context.Context, string, []string) error { return nil }

// A channel's delivery goes on while a renewal fails and the lease has
// time left, and stops once most of a lease has passed without one:
// another replica may hold the channel by then.
func TestRenewalFailureStopsDeliveryInTime(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	dl := &Deliverer{cfg: Config{Claims: downClaimer{}, Owner: "A", Lease: 30 * time.Second, Now: func() time.Time { return now }},
		log: slog.New(slog.DiscardHandler)}
	l := &leases{renewed: now}
	ctx, done := l.start(t.Context(), "C0KANAAL1")
	defer done()

	now = now.Add(10 * time.Second)
	dl.renewOnce(t.Context(), l)
	if ctx.Err() != nil {
		t.Fatal("delivery stopped after one failed renewal, with 20 s of the lease left")
	}
	now = now.Add(10 * time.Second)
	dl.renewOnce(t.Context(), l)
	if ctx.Err() == nil {
		t.Fatal("delivery goes on 20 s into a 30 s lease that could not be renewed")
	}
}
