package bot

import (
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// TestChangeAnAnswerInSlack: the Wijzig button on an answered question
// opens a form for the one who answered it, and the changed answer is
// recorded with the earlier one kept as history, and shown on the
// question; a colleague who did not give the answer is told, politely and
// only for them, that they may not change it, and no form opens; on a
// closed case nobody can change an answer.
func TestChangeAnAnswerInSlack(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Wijzigen in Slack")
	ts := h.drive.Answer(alice, root) // the signals of the outcome, ticked
	step := h.caseOf(root).Answers[0].Step
	answered, _ := h.slack.Message(channel, ts)
	change, ok := bottest.Find(answered, render.ActChange)
	if !ok {
		t.Fatalf("the answered question has no Wijzig button: %s", answered.Blocks)
	}

	// A colleague who did not answer: refused, and no form.
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(bob, answered, change, "", nil))
	h.bot.Wait()
	if len(h.slack.Views()) != views {
		t.Errorf("a form opened for a colleague who did not give the answer")
	}
	if !lastContains(h.responses(), "Een antwoord wijzigt wie het gaf, wie de casus startte of een teamleider.") {
		t.Errorf("bob was not told why: %q", h.responses())
	}

	// The one who answered: a form with the options, set to her answer.
	h.drive.OK(h.send.Click(alice, answered, change, "", nil))
	h.bot.Wait()
	if len(h.slack.Views()) != views+1 {
		t.Fatalf("no form opened for the one who answered")
	}
	view := h.drive.LastView(views)
	cur, _ := h.caseOf(root).AnswerTo(step)
	h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
		render.BlkChoice: {render.ActInput: "+" + cur.Choices[len(cur.Choices)-1]},
	}))
	h.bot.Wait()
	c := h.caseOf(root)
	hist := c.History(step)
	if len(hist) != 2 || !hist[1].Corrects || len(hist[1].Choices) != 1 || hist[1].By != alice {
		t.Fatalf("history of %s: %+v", step, hist)
	}
	if m, _ := h.slack.Message(channel, ts); strings.Count(text(m), ",") >= strings.Count(text(answered), ",") {
		t.Errorf("the question does not show the changed answer:\nbefore %s\nafter  %s", text(answered), text(m))
	}
	if !lastContains(h.responses(), "is gewijzigd") && !strings.Contains(strings.Join(ephemeralTexts(h), "\n"), "is gewijzigd") {
		t.Errorf("alice was not told the answer changed")
	}

	// A closed case: refused for everyone.
	h.drive.RunToSummary(alice, root, 40)
	if c := h.caseOf(root); c.Status != record.StatusClosed {
		t.Fatalf("status %s", c.Status)
	}
	views = len(h.slack.Views())
	h.drive.OK(h.send.Click(alice, answered, change, "", nil))
	h.bot.Wait()
	if len(h.slack.Views()) != views || !lastContains(h.responses(), "afgesloten") {
		t.Errorf("an answer of a closed case could be changed (views %d → %d, responses %q)", views, len(h.slack.Views()), h.responses())
	}
}

// ephemeralTexts are the texts of every ephemeral message in the channel.
func ephemeralTexts(h *harness) []string {
	var out []string
	for _, e := range h.slack.Ephemerals(channel) {
		out = append(out, e.Text)
	}
	return out
}

// TestNoVoorleggenWithoutTeamLeads: without MAATWERK_TEAM_LEADS (or a lead
// group) the decision question does not offer to put the decision to a
// team lead, who could not receive it. Before, it was offered and refused.
func TestNoVoorleggenWithoutTeamLeads(t *testing.T) {
	h := newHarness(t, nil, "", func(c *Config) { c.TeamLeads = nil })
	root := h.drive.Start(alice, "Zonder teamleider")
	p := h.answerUntil(alice, root, "mw.choose.maatwerk")
	if _, ok := bottest.Find(p, "mw.choose.voorleggen"); ok {
		t.Errorf("the decision offers Voorleggen without a team lead: %s", p.Blocks)
	}
	if _, ok := bottest.Find(p, "mw.choose.regel"); !ok {
		t.Errorf("the other options are gone too: %s", p.Blocks)
	}
}

// TestReservedWordIsNoAnswerInTheThread: "help" (or "wijzig") replied at an
// open free-text question is not stored as its answer, nor as a remark;
// the author is told how to answer, only for them. Before, "help" became
// the answer ("Doel van de regel / help").
func TestReservedWordIsNoAnswerInTheThread(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Een stuurwoord als antwoord")
	for {
		p := h.drive.OpenPrompt(root)
		if bottest.Kind(p) == "text" {
			break
		}
		h.drive.Answer(alice, root)
	}
	before := h.caseOf(root)
	for _, word := range []string{"help", "Wijzig 3", "?"} {
		h.reply(alice, root, word)
	}
	h.bot.Wait()
	after := h.caseOf(root)
	if len(after.Answers) != len(before.Answers) || after.Step != before.Step || len(after.Discussion) != len(before.Discussion) {
		t.Fatalf("a reserved word was stored: answers %d → %d, step %d → %d, remarks %d → %d",
			len(before.Answers), len(after.Answers), before.Step, after.Step, len(before.Discussion), len(after.Discussion))
	}
	if !strings.Contains(strings.Join(ephemeralTexts(h), "\n"), "neem ik niet als antwoord") {
		t.Errorf("alice was not told: %q", ephemeralTexts(h))
	}
}

// TestLeadGroupMemberChangesAnAnswer: a member of MAATWERK_TEAM_LEAD_GROUP
// may change someone else's answer to any question, not only the decision
// (the group is asked for every correction). Before this was mended, only
// MAATWERK_TEAM_LEADS counted outside the decision.
func TestLeadGroupMemberChangesAnAnswer(t *testing.T) {
	h := newHarness(t, nil, "")
	h.bot.dir.SetLeads(nil, "S0LEADS01")
	h.slack.SetUserGroup("S0LEADS01", bob)
	root := h.drive.Start(alice, "Wijzigen door een teamleider uit de groep")
	ts := h.drive.Answer(alice, root)
	answered, _ := h.slack.Message(channel, ts)
	change, _ := bottest.Find(answered, render.ActChange)
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(bob, answered, change, "", nil))
	h.bot.Wait()
	if len(h.slack.Views()) != views+1 {
		t.Fatalf("no form for a team lead of the lead group (responses %q)", h.responses())
	}
}
