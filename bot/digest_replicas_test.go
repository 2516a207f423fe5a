package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

// TestDigestOnceWithTwoReplicasOnPostgres (issue 18.5): two bots, each on
// its own connection to one PostgreSQL database (two processes), run
// their schedulers over the moment the weekly digests fall due. The one
// holding the scheduler role dies right after Slack took its first
// digest, before recording it: its store is closed, so its advisory lock
// is gone. The other takes the role over and posts the remaining digest;
// each channel's digest is posted exactly once.
func TestDigestOnceWithTwoReplicasOnPostgres(t *testing.T) {
	url := pgtest.URL(t)
	loc := amsterdam(t)
	ctx := context.Background()
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	seedMonth(t, st, loc)
	st.Close()

	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	clock.Set(novemberDigest(loc))
	replica := func() *harness {
		return newHarness(t, fs, url, func(c *Config) {
			c.Now, c.Location, c.Lang, c.ReplicaCheck = clock.Now, loc, cards.NL, 50*time.Millisecond
		})
	}
	hs := []*harness{replica(), replica()}

	// Whichever replica posts a digest first dies then: its scheduler
	// stops and its store closes, as in a process killed.
	var (
		mu     sync.Mutex
		dead   = -1
		posted = map[int]int{}
	)
	died := errors.New("killed")
	stops := make([]context.CancelFunc, len(hs))
	done := make(chan error, len(hs))
	for i, h := range hs {
		sctx, stop := context.WithCancel(ctx)
		stops[i] = stop
		h.bot.sched.digest.afterPost = func() error {
			mu.Lock()
			defer mu.Unlock()
			posted[i]++
			if dead == -1 {
				dead = i
				stop()
				h.store.Close()
			}
			if dead == i {
				return died
			}
			return nil
		}
		go func() { done <- h.bot.RunScheduler(sctx) }()
	}
	t.Cleanup(func() {
		for _, stop := range stops {
			stop()
		}
		for range hs {
			<-done
		}
	})

	fs.WaitFor(t, 20*time.Second, "a digest in each channel, posted by the survivor after the role moved", func() bool {
		mu.Lock()
		d := dead
		mu.Unlock()
		return d >= 0 && hs[1-d].bot.HoldsScheduler() && len(botMessages(fs, chanA)) >= 1 && len(botMessages(fs, chanB)) >= 1 &&
			strings.Contains(hs[1-d].logs.String(), "not posting again")
	})
	mu.Lock()
	survivor := hs[1-dead]
	mu.Unlock()
	// Later passes of the survivor, the same morning: nothing again.
	for range 3 {
		clock.Add(time.Hour)
		survivor.bot.schedulerPass(ctx, time.Time{})
	}
	survivor.bot.Wait()
	mu.Lock()
	defer mu.Unlock()
	for _, ch := range []string{chanA, chanB} {
		if msgs := botMessages(fs, ch); len(msgs) != 1 || !strings.Contains(msgs[0].Text, "2026-W48") {
			t.Errorf("channel %s: %d digests, want the one of 2026-W48 once", ch, len(msgs))
		}
	}
	if posted[dead] != 1 || posted[1-dead] != 1 {
		t.Errorf("digests posted: %d by the replica that died, %d by the survivor; want 1 and 1", posted[dead], posted[1-dead])
	}
	t.Logf("replica %d died after posting 1 digest, before recording it; replica %d took the scheduler role over, "+
		"did not post that digest again and posted the other", dead, 1-dead)
}
