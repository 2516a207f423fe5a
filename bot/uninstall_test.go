package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// clickAnswer answers the open question of the case at root with a click,
// without waiting for Slack to show it (the bot may be held). It returns
// the question's message.
func clickAnswer(t *testing.T, h *harness, user string, root fakeslack.Message) fakeslack.Message {
	t.Helper()
	p := h.drive.OpenPrompt(root)
	switch bottest.Kind(p) {
	case "multi":
		checks, _ := bottest.Find(p, "mw.checks")
		confirm, _ := bottest.Find(p, "mw.confirm")
		h.drive.OK(h.send.Click(user, p, confirm, "", map[string][]string{checks.ActionID: checks.Options[:1]}))
	case "choice":
		act, _ := bottest.Find(p, "mw.choose.")
		h.drive.OK(h.send.Click(user, p, act, "", nil))
	default:
		t.Fatalf("first question of kind %q: no click for it here", bottest.Kind(p))
	}
	h.bot.Wait()
	return p
}

// answered reports whether question p shows its answer (has lost its
// buttons).
func answered(h *harness, p fakeslack.Message) bool {
	m, _ := h.slack.Message(p.Channel, p.TS)
	return len(bottest.Controls(m.Blocks)) == 0
}

// sendEvent sends one signed Events API callback and checks the app took
// it.
func sendEvent(t *testing.T, h *harness, id string, inner map[string]any) {
	t.Helper()
	h.drive.OK(h.send.Event(id, inner, 0))
	h.bot.Wait()
}

// callsSince counts the Web API calls to methods made after the first n
// calls.
func callsSince(s *fakeslack.Server, n int, methods ...string) int {
	count := 0
	for _, c := range s.Calls()[n:] {
		for _, m := range methods {
			if c.Method == m {
				count++
			}
		}
	}
	return count
}

// TestTokensRevokedHoldsDeliveriesUntilTheTokenWorks (issue 17.3): after
// tokens_revoked the outbox holds (the job stays queued, no problem on the
// case, no post tried), /readyz is 503 with the reason, the scheduler
// sends nothing and asks auth.test instead; when that passes again, the
// held answer reaches Slack and /readyz is 200.
func TestTokensRevokedHoldsDeliveriesUntilTheTokenWorks(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Casus voor het intrekken")
	h.slack.RevokeToken(true)
	before := len(h.slack.Calls())
	// Another app's bot token: not ours, nothing changes.
	sendEvent(t, h, "EvRevokeOther", map[string]any{"type": "tokens_revoked",
		"tokens": map[string]any{"bot": []string{"UOTHERBOT"}}})
	if ok, why := h.bot.Ready(t.Context()); !ok {
		t.Fatalf("another bot's revoked token made the bot unready: %s", why)
	}
	sendEvent(t, h, "EvRevoke1", map[string]any{"type": "tokens_revoked",
		"tokens": map[string]any{"oauth": []string{}, "bot": []string{fakeslack.BotUserID}}})
	ok, why := h.bot.Ready(t.Context())
	if ok || !strings.Contains(why, "tokens_revoked") || !strings.Contains(why, "SLACK_BOT_TOKEN") {
		t.Errorf("Ready = %v, %q; want 503 naming tokens_revoked and what to do", ok, why)
	}

	p := clickAnswer(t, h, alice, root)
	h.bot.out.FlushOutbox(t.Context())
	if n := h.store.OutboxLen(); n == 0 {
		t.Errorf("the answer's delivery was dropped while the token is revoked")
	}
	if n := callsSince(h.slack, before, "chat.postMessage", "chat.update"); n != 0 {
		t.Errorf("%d posts tried with a revoked token, want none", n)
	}
	c, err := h.store.CaseByThread(t.Context(), channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) != 0 {
		t.Errorf("problems recorded on the case while the token is revoked: %+v", c.Problems)
	}

	// The scheduler runs no digest and no look-back: it asks auth.test
	// and, refused, asks again in five minutes.
	now := time.Now()
	if next := h.bot.scheduleTick(t.Context()); next.Sub(now) < tokenProbeInterval-time.Second {
		t.Errorf("next tick in %v while refused, want about %v", next.Sub(now), tokenProbeInterval)
	}
	if n := callsSince(h.slack, before, "chat.postMessage", "chat.update"); n != 0 {
		t.Errorf("the scheduler posted %d times with a revoked token", n)
	}
	if n := strings.Count(h.logs.String(), "deliveries, digests and look-backs are held"); n != 1 {
		t.Errorf("%d log lines about the hold, want 1:\n%s", n, h.logs)
	}

	// The token works again (in Slack: a re-install with the token set
	// anew): the next probe resumes, and the held answer is shown.
	h.slack.RevokeToken(false)
	h.bot.scheduleTick(t.Context())
	h.slack.WaitFor(t, 5*time.Second, "the held answer shown", func() bool { return answered(h, p) })
	h.bot.Wait()
	if ok, why := h.bot.Ready(t.Context()); !ok {
		t.Errorf("not ready after the token works again: %s", why)
	}
	if !strings.Contains(h.logs.String(), "Slack accepts the bot token again") {
		t.Errorf("no log line about resuming")
	}
}

// TestAppUninstalled (issue 17.3): app_uninstalled stops everything and,
// as MAATWERK_ON_UNINSTALL says, keeps every case or erases every case
// from the database (Slack's messages are not touched: the token is
// gone); /readyz says which, and a tokens_revoked after it does not hide
// that.
func TestAppUninstalled(t *testing.T) {
	tests := []struct {
		mode      string
		wantCases int
		wantWhy   string
		wantLog   string
	}{
		{OnUninstallKeep, 2, "its 2 cases are kept (MAATWERK_ON_UNINSTALL=keep)", "cases kept"},
		{"", 2, "its 2 cases are kept", "cases kept"},
		{OnUninstallErase, 0, "its 2 cases were erased (MAATWERK_ON_UNINSTALL=erase)", "every case erased"},
	}
	for _, tt := range tests {
		t.Run("mode "+tt.mode, func(t *testing.T) {
			h := newHarness(t, nil, "", func(c *Config) { c.OnUninstall = tt.mode })
			h.drive.Start(alice, "Eerste casus voor de deïnstallatie")
			root := h.drive.Start(bob, "Tweede casus voor de deïnstallatie")
			h.bot.Wait()
			h.slack.RevokeToken(true)
			before := len(h.slack.Calls())
			sendEvent(t, h, "EvUninstall", map[string]any{"type": "app_uninstalled"})
			sendEvent(t, h, "EvRevoke", map[string]any{"type": "tokens_revoked",
				"tokens": map[string]any{"bot": []string{fakeslack.BotUserID}}})
			n, err := h.store.CountCases(context.Background())
			if err != nil || n != tt.wantCases {
				t.Errorf("%d cases after the uninstall (%v), want %d", n, err, tt.wantCases)
			}
			ok, why := h.bot.Ready(t.Context())
			if ok || !strings.Contains(why, "app_uninstalled") || !strings.Contains(why, tt.wantWhy) {
				t.Errorf("Ready = %v, %q; want 503 with %q", ok, why, tt.wantWhy)
			}
			if got := strings.Count(h.logs.String(), "Slack app uninstalled"); got != 1 {
				t.Errorf("%d log lines about the uninstall, want 1", got)
			}
			if !strings.Contains(h.logs.String(), tt.wantLog) {
				t.Errorf("the log does not say %q:\n%s", tt.wantLog, h.logs)
			}
			if got := callsSince(h.slack, before, "chat.postMessage", "chat.update", "chat.delete"); got != 0 {
				t.Errorf("%d Slack calls about messages after the uninstall, want none", got)
			}
			if tt.wantCases > 0 {
				clickAnswer(t, h, bob, root)
				h.bot.out.FlushOutbox(t.Context())
				if h.store.OutboxLen() == 0 {
					t.Errorf("a kept case's delivery was dropped after the uninstall")
				}
			}
		})
	}
}
