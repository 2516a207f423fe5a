package bot

import (
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/directory"
)

// With the team leads in a user group and usergroups.users.list slow (6 s),
// /maatwerk instellingen is answered while that call is still out: the
// lookup gets a second, and then the members known before stand, so a team
// lead still gets the settings form. On main the command waited the full
// 6 s and Slack's 3-second deadline had long passed.
func TestSlowUserGroupDoesNotHoldTheAck(t *testing.T) {
	clock := &testClock{}
	clock.Set(time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC))
	fs := fakeslack.New(t, testToken)
	fs.SetUserGroup("S0LEADS01", bob)
	h := newHarness(t, fs, "", func(c *Config) {
		c.Now, c.TeamLeads, c.TeamLeadGroup = clock.Now, nil, "S0LEADS01"
	})
	// Known once, while Slack is quick.
	views := len(h.slack.Views())
	h.drive.OK(h.send.Command("/maatwerk", bob, channel, "instellingen"))
	h.drive.LastView(views)

	// Later the cache is stale and Slack is slow.
	clock.Set(clock.Now().Add(directory.LeadGroupTTL + time.Minute))
	h.slack.FailNext("usergroups.users.list", 1, fakeslack.Fault{Delay: 6 * time.Second})
	views = len(h.slack.Views())
	h.drive.OK(h.send.Command("/maatwerk", bob, channel, "instellingen"))
	var slow fakeslack.Call
	for _, c := range h.slack.CallsTo("usergroups.users.list") {
		slow = c
	}
	if slow.Status != 0 {
		t.Fatalf("the command was answered only after Slack's slow answer (status %d)", slow.Status)
	}
	h.drive.LastView(views) // the team lead still gets the form
}

// users.info on the acknowledgement path (the language of a refusal) gets
// its own deadline: with Slack taking 6 s, a click by someone who may not
// decide is refused while the call is still out, in the case's language.
func TestSlowUsersInfoDoesNotHoldTheAck(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Trage Slack bij een weigering")
	p := h.answerUntil(alice, root, "mw.choose.voorleggen")
	act, _ := bottest.Find(p, "mw.choose.maatwerk")
	h.slack.FailNext("users.info", 1, fakeslack.Fault{Delay: 6 * time.Second})
	h.drive.OK(h.send.Click(bob, p, act, "", nil))
	var slow fakeslack.Call
	for _, c := range h.slack.CallsTo("users.info") {
		slow = c
	}
	if slow.Method == "" || slow.Status != 0 {
		t.Fatalf("the click was answered only after users.info (status %d)", slow.Status)
	}
	h.bot.Wait()
	if !lastContains(h.responses(), "degene vast die de casus startte") {
		t.Errorf("bob was not told in the case's language: %q", h.responses())
	}
}
