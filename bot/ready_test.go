package bot

import (
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// When Slack refuses the bot token on any call (token_revoked,
// invalid_auth, account_inactive), /readyz turns 503 and says why. On main
// it stayed 200 while every delivery failed.
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
}
