package bot

import (
	"context"
	"slices"
	"sync"
	"testing"
)

// Events of one thread run one at a time, oldest message first, even when
// they were queued out of order while an earlier one ran; another thread's
// events do not wait for them. On main every event ran in a goroutine of
// its own, in no order.
func TestThreadEventsInOrder(t *testing.T) {
	h := newHarness(t, nil, "")
	b := h.bot
	var mu sync.Mutex
	var got []string
	release := make(chan struct{})
	started := make(chan struct{})
	run := func(name string, block bool) func(context.Context) error {
		return func(context.Context) error {
			if block {
				close(started)
				<-release
			}
			mu.Lock()
			got = append(got, name)
			mu.Unlock()
			return nil
		}
	}
	b.in.inThreadOrder("C1/100.000001", "100.000002", run("first", true))
	<-started
	// Queued while the first runs, newest first.
	b.in.inThreadOrder("C1/100.000001", "100.000009", run("fourth", false))
	b.in.inThreadOrder("C1/100.000001", "100.000005", run("third", false))
	b.in.inThreadOrder("C1/100.000001", "100.000003", run("second", false))
	// Another thread is not held back.
	other := make(chan struct{})
	b.in.inThreadOrder("C1/200.000001", "200.000002", func(context.Context) error { close(other); return nil })
	<-other
	close(release)
	b.Wait()
	if want := []string{"first", "second", "third", "fourth"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// A reply that arrives while another reply closes the case is kept as
// discussion, never dropped: the close is handled first (it came first),
// and the answer that follows finds the case closed and becomes a remark.
func TestReplyAfterACloseIsKept(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Sluiten en antwoorden tegelijk")
	h.untilText(alice, root)
	if _, err := h.send.Reply(alice, channel, root.TS, botMention+"sluit we lossen het buiten de bot op"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.send.Reply(bob, channel, root.TS, "Het doel is bestaanszekerheid."); err != nil {
		t.Fatal(err)
	}
	h.bot.Wait()
	c := h.caseOf(root)
	if c.Closure == nil {
		t.Fatalf("the case was not closed: %+v", c.Status)
	}
	kept := false
	for _, r := range c.Discussion {
		kept = kept || (r.By == bob && r.Text == "Het doel is bestaanszekerheid.")
	}
	if !kept {
		t.Errorf("bob's reply was dropped: answers %d, discussion %+v", len(c.Answers), c.Discussion)
	}
}
