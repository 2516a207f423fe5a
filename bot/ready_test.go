package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// When Slack refuses the bot token on any call (token_revoked,
// invalid_auth, account_inactive), /readyz turns 503 and says why. On main
// it stayed 200 while every delivery failed. The case waits in the outbox
// instead of being dropped, and a restart with a token that works (Connect's
// auth.test passes) delivers it.
func TestReadyWhenSlackRefusesTheToken(t *testing.T) {
	h := newHarness(t, nil, "")
	if ok, why := h.bot.Ready(t.Context()); !ok {
		t.Fatalf("not ready at start: %s", why)
	}
	h.slack.FailNext("chat.postMessage", 1, fakeslack.Fault{Error: "token_revoked"})
	h.drive.OK(h.send.Command("/maatwerk", alice, channel, "Casus na het intrekken"))
	h.bot.Wait()
	ok, why := h.bot.Ready(t.Context())
	if ok || !strings.Contains(why, "token_revoked") {
		t.Errorf("Ready = %v, %q; want 503 naming token_revoked", ok, why)
	}
	if n, err := h.store.CountCases(t.Context()); err != nil || n != 1 {
		t.Errorf("%d cases (%v): the case whose root was refused must wait, not go", n, err)
	}
	if h.store.OutboxLen() == 0 {
		t.Errorf("the refused root message is no longer owed")
	}
	if err := h.bot.Connect(t.Context()); err != nil {
		t.Fatal(err)
	}
	h.slack.WaitFor(t, 5*time.Second, "the root message after auth.test passed", func() bool {
		return len(botMessages(h.slack, channel)) == 1
	})
	if ok, why := h.bot.Ready(t.Context()); !ok {
		t.Errorf("not ready after auth.test passed: %s", why)
	}
}
