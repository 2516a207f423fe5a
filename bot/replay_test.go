package bot

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// The same signed slash command sent three times (a replay within the
// signing window) starts one case; three commands a person types alike
// (each with its own trigger_id) start three. On main the replay started
// three cases.
func TestReplayedCommandStartsOneCase(t *testing.T) {
	h := newHarness(t, nil, "")
	form := url.Values{
		"team_id": {fakeslack.TeamID}, "channel_id": {channel}, "user_id": {alice}, "command": {"/maatwerk"},
		"text": {"Dezelfde casus"}, "response_url": {h.slack.ResponseURL("replay")}, "trigger_id": {h.slack.NewTriggerID()},
	}
	body := []byte(form.Encode())
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	for range 3 {
		req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/slack/commands", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", fakeslack.Sign(testSecret, ts, body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%v %v", err, resp)
		}
		resp.Body.Close()
	}
	h.bot.Wait()
	h.slack.WaitFor(t, 5*time.Second, "the case's root message", func() bool { return len(h.drive.RootsForTest()) >= 1 })
	h.bot.Wait()
	if n := len(h.drive.RootsForTest()); n != 1 {
		t.Fatalf("%d cases from one replayed command, want 1", n)
	}
	for range 2 {
		h.drive.Start(alice, "Dezelfde casus")
	}
	if n := len(h.drive.RootsForTest()); n != 3 {
		t.Errorf("%d cases from three typed commands, want 3", n)
	}
}
