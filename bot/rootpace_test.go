package bot

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

func TestRootPacerDecide(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	const every = 3 * time.Second
	tests := []struct {
		name   string
		prior  *delivery.RootSent // nil: nothing known (a new case, or after a restart)
		status record.Status
		hash   uint64
		now    time.Time
		due    bool
		want   delivery.RootAction
		at     time.Time
	}{
		{name: "unknown case", status: record.StatusOpen, hash: 1, now: t0, want: delivery.RootSend},
		{name: "same rendering", prior: &delivery.RootSent{At: t0, Status: record.StatusOpen, Hash: 1},
			status: record.StatusOpen, hash: 1, now: t0.Add(time.Hour), want: delivery.RootSame},
		{name: "same rendering, job due", prior: &delivery.RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusOpen, hash: 1, now: t0.Add(every), due: true, want: delivery.RootSame},
		{name: "change within the interval", prior: &delivery.RootSent{At: t0, Status: record.StatusOpen, Hash: 1},
			status: record.StatusOpen, hash: 2, now: t0.Add(time.Second), want: delivery.RootDefer, at: t0.Add(every)},
		{name: "change within the interval, job owed", prior: &delivery.RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusOpen, hash: 3, now: t0.Add(2 * time.Second), want: delivery.RootOwed},
		{name: "change after the interval", prior: &delivery.RootSent{At: t0, Status: record.StatusOpen, Hash: 1},
			status: record.StatusOpen, hash: 2, now: t0.Add(every), want: delivery.RootSend},
		{name: "status change within the interval", prior: &delivery.RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusPaused, hash: 2, now: t0.Add(time.Second), want: delivery.RootSend},
		{name: "owed job due", prior: &delivery.RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusOpen, hash: 2, now: t0.Add(every), due: true, want: delivery.RootSend},
		{name: "owed job due early (clock skew)", prior: &delivery.RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusOpen, hash: 2, now: t0.Add(time.Second), due: true, want: delivery.RootSend},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := delivery.NewRootPacer(every)
			if tt.prior != nil {
				p.Last[7] = *tt.prior
			}
			got, at := p.Decide(7, tt.status, tt.hash, tt.now, tt.due)
			if got != tt.want || !at.Equal(tt.at) {
				t.Errorf("decide = %d, %v; want %d, %v", got, at, tt.want, tt.at)
			}
		})
	}

	t.Run("no interval", func(t *testing.T) {
		p := delivery.NewRootPacer(0)
		p.Sent(7, record.StatusOpen, 1, t0)
		if got, _ := p.Decide(7, record.StatusOpen, 2, t0, false); got != delivery.RootSend {
			t.Errorf("a change with interval 0: %d, want rootSend", got)
		}
		if got, _ := p.Decide(7, record.StatusOpen, 1, t0, false); got != delivery.RootSame {
			t.Errorf("no change with interval 0: %d, want rootSame", got)
		}
	})

	t.Run("bounded", func(t *testing.T) {
		p := delivery.NewRootPacer(every)
		for i := range 3 * delivery.MaxRootPaced {
			p.Sent(int64(i), record.StatusOpen, 1, t0.Add(time.Duration(i)*time.Millisecond))
		}
		if n := len(p.Last); n > delivery.MaxRootPaced {
			t.Errorf("%d entries kept, want at most %d", n, delivery.MaxRootPaced)
		}
	})
}

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

func TestRootPacerOwes(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	p := delivery.NewRootPacer(3 * time.Second)
	p.Sent(7, record.StatusOpen, 1, t0)
	if p.Owes(7, record.StatusOpen, t0.Add(time.Second)) {
		t.Error("owes before a job was owed")
	}
	p.Owe(7)
	for _, tt := range []struct {
		status record.Status
		at     time.Duration
		want   bool
	}{
		{record.StatusOpen, time.Second, true},
		{record.StatusPaused, time.Second, false}, // a status change shows at once
		{record.StatusOpen, 3 * time.Second, false},
	} {
		if got := p.Owes(7, tt.status, t0.Add(tt.at)); got != tt.want {
			t.Errorf("owes(%s, +%v) = %v, want %v", tt.status, tt.at, got, tt.want)
		}
	}
	if p.Owes(8, record.StatusOpen, t0) {
		t.Error("owes for an unknown case")
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
