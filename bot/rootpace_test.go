package bot

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// rootUpdates counts the chat.update calls to the root message.
func rootUpdates(s *fakeslack.Server, root fakeslack.Message) int {
	n := 0
	for _, c := range s.CallsTo("chat.update") {
		if c.Params["ts"] == root.TS && c.Error == "" {
			n++
		}
	}
	return n
}

// TestRootMessageKeepsPace: a caseworker who answers three questions within
// a second costs one update of the root message, made when the interval has
// passed, and the root then shows where the case is; a pause shows at once.
func TestRootMessageKeepsPace(t *testing.T) {
	clock := &testClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	h := newHarness(t, nil, "", func(c *Config) {
		c.Now = clock.Now
		c.RootInterval = 3 * time.Second
	})
	root := h.drive.Start(alice, "Drie antwoorden in een tel")
	for range 3 {
		h.drive.Answer(alice, root)
		clock.Add(200 * time.Millisecond)
	}
	h.drive.OpenPrompt(root) // the fourth question is asked
	if n := rootUpdates(h.slack, root); n != 0 {
		t.Errorf("%d updates of the root message within the interval, want 0", n)
	}
	if r := h.drive.Root(root); !strings.Contains(text(r), "Stap 1 van") {
		t.Errorf("the root message moved on before its interval: %s", text(r))
	}
	if c := h.caseOf(root); c.Step != 3 {
		t.Fatalf("case at step %d, want 3", c.Step)
	}
	if n := h.store.OutboxLen(); n != 1 {
		t.Errorf("%d jobs owed, want the 1 root update", n)
	}

	clock.Add(3 * time.Second)
	h.bot.out.Kick()
	h.slack.WaitFor(t, 5*time.Second, "the root message to catch up", func() bool {
		return strings.Contains(text(h.drive.Root(root)), "Stap 4 van")
	})
	if n := rootUpdates(h.slack, root); n != 1 {
		t.Errorf("%d updates of the root message for three answers, want 1", n)
	}

	h.reply(alice, root, botMention+"pauze")
	h.slack.WaitFor(t, 5*time.Second, "the pause on the root message", func() bool {
		return strings.Contains(text(h.drive.Root(root)), "gepauzeerd")
	})
	if n := rootUpdates(h.slack, root); n != 2 {
		t.Errorf("%d updates of the root message after the pause, want 2", n)
	}
}

// TestRootMessageCatchesUpAfterRestart: the root update that waits for its
// interval is in the outbox, so a restart in between does not lose it.
func TestRootMessageCatchesUpAfterRestart(t *testing.T) {
	slack := fakeslack.New(t, testToken)
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	clock := &testClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	paced := func(c *Config) {
		c.Now = clock.Now
		c.RootInterval = 3 * time.Second
	}
	h := newHarness(t, slack, db, paced)
	root := h.drive.Start(alice, "Herstart binnen het interval")
	h.drive.Answer(alice, root)
	h.drive.OpenPrompt(root)
	if r := h.drive.Root(root); !strings.Contains(text(r), "Stap 1 van") {
		t.Fatalf("the root message moved on before its interval: %s", text(r))
	}
	h.stop()

	clock.Add(3 * time.Second)
	h2 := newHarness(t, slack, db, paced)
	h2.slack.WaitFor(t, 5*time.Second, "the root message to catch up after the restart", func() bool {
		return strings.Contains(text(h2.drive.Root(root)), "Stap 2 van")
	})
	h2.slack.WaitFor(t, 5*time.Second, "the outbox to empty", func() bool { return h2.store.OutboxLen() == 0 })
}
