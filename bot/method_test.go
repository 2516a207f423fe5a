package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// chooseWithReason clicks option id on prompt p as user and fills in the
// form it opens with text.
func chooseWithReason(t *testing.T, h *harness, user string, p fakeslack.Message, id, text string) {
	t.Helper()
	act, ok := bottest.Find(p, "mw.choose."+id)
	if !ok {
		t.Fatalf("no %s button on %s", id, p.Blocks)
	}
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(user, p, act, "", nil))
	h.drive.OK(h.send.Submit(user, h.drive.LastView(views), map[string]map[string]string{"text": {"input": text}}))
	h.bot.Wait()
}

// "Eerst meer informatie" puts the case on hold at the decision: the
// question shows what is missing and loses its buttons, the root says the
// case waits, and on resuming the decision is asked again — never the
// variant or the conversation with the inwoner.
func TestMoreInformationPausesTheCaseInSlack(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Bijstand: kostendelersnorm bij inwonende zoon")
	p := h.answerUntil(alice, root, "mw.choose.meer-informatie")
	chooseWithReason(t, h, alice, p, "meer-informatie", "Of de zoon zelf inkomen heeft; ik vraag het op, uiterlijk vrijdag.")

	c := h.caseOf(root)
	if _, ok := c.Waiting(); !ok || c.Decision != nil {
		t.Fatalf("status %s, decision %+v: want waiting, no decision", c.Status, c.Decision)
	}
	h.slack.WaitFor(t, 5*time.Second, "the decision question to show the wait", func() bool {
		m, _ := h.slack.Message(channel, p.TS)
		return len(bottest.Controls(m.Blocks)) == 0 && strings.Contains(text(m), "zoon zelf inkomen")
	})
	if _, open := h.drive.CurrentPrompt(root); open {
		t.Error("a waiting case has a question with buttons")
	}
	h.slack.WaitFor(t, 5*time.Second, "the root to show the wait", func() bool {
		return strings.Contains(text(h.drive.Root(root)), "wacht op informatie")
	})

	h.reply(alice, root, botMention+"hervat")
	q := h.drive.OpenPrompt(root)
	if _, ok := bottest.Find(q, "mw.choose.maatwerk"); !ok {
		t.Fatalf("after resuming the open question is not the decision: %s", q.Blocks)
	}
	for _, m := range h.slack.Thread(channel, root.TS) {
		if s := text(m); strings.Contains(s, "variant") || strings.Contains(s, "Bereid het gesprek") {
			t.Errorf("a case without a decision was asked beyond it: %s", s)
		}
	}
}

// A caseworker who said the mandate lies with her team lead cannot record
// the decision herself: the bot says why and Voorleggen goes to the lead.
func TestDecisionOutsideMandateGoesToVoorleggenInSlack(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Wmo: maatwerkvoorziening boven de norm")
	// The mandate question has more options than fit as buttons: a select.
	var p fakeslack.Message
	for i := 0; ; i++ {
		p = h.drive.OpenPrompt(root)
		if sel, ok := bottest.Find(p, "mw.select"); ok && slices.Contains(sel.Options, "teamleider") {
			h.drive.OK(h.send.Click(alice, p, sel, "teamleider", nil))
			h.slack.WaitFor(t, 5*time.Second, "the mandate to show its answer", func() bool {
				m, _ := h.slack.Message(channel, p.TS)
				return len(bottest.Controls(m.Blocks)) == 0
			})
			break
		}
		if i == 20 {
			t.Fatal("no mandate question")
		}
		h.drive.Answer(alice, root)
	}
	d := h.answerUntil(alice, root, "mw.choose.maatwerk")
	if !strings.Contains(text(d), "teamleider") {
		t.Errorf("the decision does not say where the mandate lies: %s", d.Blocks)
	}
	views, told := len(h.slack.Views()), len(h.responses())
	maatwerk, _ := bottest.Find(d, "mw.choose.maatwerk")
	h.drive.OK(h.send.Click(alice, d, maatwerk, "", nil))
	h.bot.Wait()
	if got := h.responses()[told:]; !slices.ContainsFunc(got, func(s string) bool {
		return strings.Contains(s, "Mijn teamleider") && strings.Contains(s, "Voorleggen")
	}) {
		t.Errorf("the refusal does not say why and point to Voorleggen: %q", got)
	}
	if len(h.slack.Views()) != views {
		t.Error("a form opened for a decision outside the mandate")
	}
	escalate(t, h, alice, d, "Graag jouw besluit: de hoogte gaat boven de norm.")
	c := h.caseOf(root)
	if esc, ok := c.PendingEscalation(); !ok || esc.By != alice || c.Decision != nil {
		t.Fatalf("escalations %+v, decision %+v", c.Escalations, c.Decision)
	}
}

// A week after the decision the bot asks the caseworker in the thread how
// the conversation with the inwoner went; the answer lands in the case and
// in its summary.
func TestLookBackAWeekAfterTheDecisionInSlack(t *testing.T) {
	clock := &testClock{}
	clock.Set(time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC))
	h := digestHarness(t, nil, "", clock, time.UTC, cards.NL)
	root := h.drive.Start(alice, "Uitstel van terugvordering")
	h.drive.RunToSummary(alice, root, len(mustCards(t).Steps())+2)
	c := h.caseOf(root)
	if c.LookBack == nil || c.Decision == nil {
		t.Fatalf("look back %+v after decision %+v", c.LookBack, c.Decision)
	}
	ctx := context.Background()
	clock.Set(c.Decision.At.Add(dialogs.LookBackAfter - time.Minute))
	if n := h.bot.sched.lookBackTick(ctx); n != 0 {
		t.Fatalf("%d look backs due before the week is over", n)
	}
	clock.Set(c.Decision.At.Add(dialogs.LookBackAfter))
	if n := h.bot.sched.lookBackTick(ctx); n != 1 {
		t.Fatalf("%d look backs due after a week, want 1", n)
	}
	var ask fakeslack.Message
	h.slack.WaitFor(t, 5*time.Second, "the look-back question in the thread", func() bool {
		for _, m := range h.slack.Thread(channel, root.TS) {
			if _, ok := bottest.Find(m, "mw.lookback"); ok {
				ask = m
				return true
			}
		}
		return false
	})
	if !strings.Contains(text(ask), "<@"+alice+">") {
		t.Errorf("the look back does not address the caseworker: %s", ask.Blocks)
	}
	// Asked once: another tick changes nothing.
	h.bot.sched.lookBackTick(ctx)
	h.bot.Wait()
	asks := 0
	for _, m := range h.slack.Thread(channel, root.TS) {
		if strings.Contains(text(m), "Hoe ging het gesprek") || m.TS == ask.TS {
			asks++
		}
	}
	if asks != 1 {
		t.Errorf("the look back was asked %d times", asks)
	}

	// A colleague may not give it; the starter may.
	btn, _ := bottest.Find(ask, "mw.lookback")
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(bob, ask, btn, "", nil))
	h.bot.Wait()
	if len(h.slack.Views()) != views {
		t.Error("a colleague opened the look-back form")
	}
	h.drive.OK(h.send.Click(alice, ask, btn, "", nil))
	h.drive.OK(h.send.Submit(alice, h.drive.LastView(views), map[string]map[string]string{
		"text": {"input": "De inwoner begreep het besluit. Bezwaar maken legde ik twee keer uit; volgende keer op papier."}}))
	h.slack.WaitFor(t, 5*time.Second, "the look-back message to show the answer", func() bool {
		m, _ := h.slack.Message(channel, ask.TS)
		return len(bottest.Controls(m.Blocks)) == 0 && strings.Contains(text(m), "volgende keer op papier")
	})
	c = h.caseOf(root)
	if c.LookBack.Text == "" || c.LookBack.By != alice {
		t.Fatalf("look back %+v", c.LookBack)
	}
	h.slack.WaitFor(t, 5*time.Second, "the summary to show the look back", func() bool {
		s, _ := h.drive.Summary(root)
		s, _ = h.slack.Message(channel, s.TS)
		return strings.Contains(text(s), "volgende keer op papier")
	})
}
