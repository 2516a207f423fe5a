package bot

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestResubmittedModalChangesOnce: the same new-case modal submitted twice
// at once (a double click on Submit, or Slack retrying) starts one case;
// a submission refused with a field error can still be corrected.
func TestResubmittedModalChangesOnce(t *testing.T) {
	h := newHarness(t, nil, "")
	h.drive.OK(h.send.Command("/maatwerk", alice, channel, ""))
	view := h.drive.LastView(0)
	r := h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
		"title": {"input": "Bel me op 06-12345678"}, "scheme": {"input": "Wmo"},
	}))
	if len(r.Body) == 0 {
		t.Fatal("personal data was not refused")
	}
	values := map[string]map[string]string{"title": {"input": "Dubbel ingediend"}, "scheme": {"input": "Wmo"}}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { h.drive.OK(h.send.Submit(alice, view, values)) })
	}
	wg.Wait()
	h.bot.Wait()
	list, err := h.store.ListCases(context.Background(), channel, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Fatalf("three submissions of one modal started %d cases", len(list))
	}
	h.slack.WaitFor(t, 5*time.Second, "one root message", func() bool { return len(h.drive.RootsForTest()) == 1 })
}

// TestRetriedEventChangesOnce: Slack retries an event (X-Slack-Retry-Num)
// and the retries arrive while the first is still being handled.
func TestRetriedEventChangesOnce(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Casus met herhaalde events")
	ts := h.slack.AddUserMessage(channel, root.TS, bob, "tegen: dit schept een precedent")
	ev := map[string]any{"type": "message", "channel": channel, "user": bob, "text": "tegen: dit schept een precedent",
		"ts": ts, "thread_ts": root.TS, "channel_type": "channel"}
	var wg sync.WaitGroup
	for retry := range 4 {
		wg.Go(func() { h.drive.OK(h.send.Event("EvRETRY1", ev, retry)) })
	}
	wg.Wait()
	h.bot.Wait()
	c, err := h.store.CaseByThread(context.Background(), channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Arguments) != 1 {
		t.Errorf("4 deliveries of one event stored %d arguments", len(c.Arguments))
	}
}
