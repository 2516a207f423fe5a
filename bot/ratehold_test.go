package bot

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// TestAnsweredThroughResponseURL: a question answered with a click shows
// its answer through the click's response_url (which Slack does not count
// against chat.update's tier), not with chat.update.
func TestAnsweredThroughResponseURL(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Casus met een klik")
	p := h.drive.OpenPrompt(root)
	ts := h.drive.Answer(alice, root) // the first question is a click
	h.bot.Wait()
	for _, c := range h.slack.CallsTo("chat.update") {
		if c.Params["ts"] == ts {
			t.Errorf("the answered question was updated with chat.update: %+v", c.Params)
		}
	}
	if n := len(h.slack.CallsTo("response_url")); n == 0 {
		t.Fatal("no post to the click's response_url")
	}
	m, _ := h.slack.Message(channel, p.TS)
	if len(bottest.Controls(m.Blocks)) != 0 || !strings.Contains(string(m.Blocks), alice) {
		t.Errorf("the answered question does not show who answered: %s", m.Blocks)
	}
}

// TestResponseURLRefusedFallsBackToUpdate: when Slack refuses the
// response_url (used five times, expired), chat.update does the work.
func TestResponseURLRefusedFallsBackToUpdate(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Casus met verlopen url")
	h.slack.FailNext("response_url", 1, fakeslack.Fault{Status: http.StatusNotFound, Error: "expired_url"})
	ts := h.drive.Answer(alice, root)
	h.bot.Wait()
	updated := false
	for _, c := range h.slack.CallsTo("chat.update") {
		updated = updated || c.Params["ts"] == ts
	}
	if !updated {
		t.Error("the answered question was not updated after the response_url was refused")
	}
	if strings.Contains(h.logs.String(), "/response/") {
		t.Error("the response_url reached the log")
	}
}

// TestRateLimitedUpdatesDoNotHoldBackTheNextQuestion: while Slack refuses
// chat.update (429), the next question is posted at once; the answered
// question and the root message catch up after Retry-After, and the bot
// asks chat.update once, not once per message, until then.
func TestRateLimitedUpdatesDoNotHoldBackTheNextQuestion(t *testing.T) {
	clk := &testClock{t: time.Now()}
	h := newHarness(t, nil, "", func(c *Config) { c.Now = clk.Now })
	root := h.drive.Start(alice, "Casus bij drukte")
	p := h.untilText(alice, root)
	h.slack.FailNext("chat.update", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 30})
	updatesBefore := len(h.slack.CallsTo("chat.update"))
	// A reply in the thread answers a text question: no response_url.
	if _, err := h.send.Reply(alice, channel, root.TS, "De regel wil bestaanszekerheid bieden."); err != nil {
		t.Fatal(err)
	}
	h.slack.WaitFor(t, 5*time.Second, "the next question", func() bool {
		next, ok := h.drive.CurrentPrompt(root)
		return ok && next.TS != p.TS
	})
	h.bot.out.FlushOutbox(t.Context())
	if n := len(h.slack.CallsTo("chat.update")) - updatesBefore; n != 1 {
		t.Errorf("%d chat.update calls while Slack said wait; want 1 (the 429)", n)
	}
	if m, _ := h.slack.Message(channel, p.TS); len(bottest.Controls(m.Blocks)) == 0 {
		t.Fatal("the answered question was updated before Retry-After")
	}
	jobs, _ := h.store.Jobs(t.Context(), 0)
	if len(jobs) != 1 || !delivery.OptsOf(jobs[0].Payload).CatchUp || jobs[0].NotBefore.Sub(clk.Now()) < 29*time.Second {
		t.Fatalf("owed after the 429: %+v; want one catch-up job due in 30 s", jobs)
	}

	clk.Add(31 * time.Second)
	h.bot.out.FlushOutbox(t.Context())
	if m, _ := h.slack.Message(channel, p.TS); len(bottest.Controls(m.Blocks)) != 0 {
		t.Errorf("after Retry-After the answered question still asks: %s", m.Blocks)
	}
	c := h.caseOf(root)
	if got := h.drive.Root(root); !strings.Contains(string(got.Blocks), c.Key()) || h.store.OutboxLen() != 0 {
		t.Errorf("after Retry-After: root %s, %d jobs owed", got.Blocks, h.store.OutboxLen())
	}
	if c.Status != record.StatusOpen {
		t.Errorf("status %v", c.Status)
	}
}

// TestModalRateLimited: Slack's 429 on views.open is waited out while the
// click's trigger is good; when the form still does not open, the user is
// told to click again, and nothing changed.
func TestModalRateLimited(t *testing.T) {
	for _, tt := range []struct {
		name   string
		faults int
		opened bool
	}{
		{"one 429: opened after Retry-After", 1, true},
		{"two 429s: opened 2 s after the click", 2, true},
		{"three 429s: the trigger would expire, the user is told", 3, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clk := &testClock{t: time.Now()}
			h := newHarness(t, nil, "", func(c *Config) { c.Now, c.Sleep = clk.Now, clk.Sleep })
			root := h.drive.Start(alice, "Casus met venster")
			p := h.answerUntil(alice, root, "mw.argadd")
			add, _ := bottest.Find(p, "mw.argadd")
			views := len(h.slack.Views())
			h.slack.FailNext("views.open", tt.faults, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 1})
			h.drive.OK(h.send.Click(alice, p, add, "", nil))
			h.bot.Wait()
			if opened := len(h.slack.Views()) > views; opened != tt.opened {
				t.Fatalf("form opened: %v; want %v", opened, tt.opened)
			}
			// The form was for an argument: a reply in the thread gives one too.
			told := lastContains(h.responses(), "klik zo nog eens") && lastContains(h.responses(), "`voor: …`")
			if told == tt.opened {
				t.Errorf("user told to click again or reply: %v (responses %q)", told, h.responses())
			}
		})
	}
}

// TestRateLimitedTallyDoesNotHoldBackTheChannel: two cases share a channel;
// while Slack refuses chat.update, an argument given by reply in one case
// waits to show in its tally, and the other case's next question is posted
// at once. After Retry-After the tally catches up.
func TestRateLimitedTallyDoesNotHoldBackTheChannel(t *testing.T) {
	clk := &testClock{t: time.Now()}
	h := newHarness(t, nil, "", func(c *Config) { c.Now = clk.Now })
	a := h.drive.Start(alice, "Casus met argumenten")
	tally := h.answerUntil(alice, a, "mw.argadd")
	b := h.drive.Start(bob, "Casus ernaast")
	first := h.drive.OpenPrompt(b)
	h.bot.out.FlushOutbox(t.Context())

	h.slack.FailNext("chat.update", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 30})
	if _, err := h.send.Reply(alice, channel, a.TS, "voor: de schuld is ontstaan door een fout van de overheid zelf"); err != nil {
		t.Fatal(err)
	}
	h.bot.Wait()
	h.bot.out.FlushOutbox(t.Context())
	t.Cleanup(func() {
		if t.Failed() { // what was owed, and why
			jobs, _ := h.store.Jobs(context.Background(), 0)
			t.Logf("jobs owed: %+v\nbot log:\n%s", jobs, h.logs.String())
		}
	})
	h.drive.Answer(bob, b) // a click: its question shows the answer through the response_url
	h.bot.out.FlushOutbox(t.Context())
	if next, ok := h.drive.CurrentPrompt(b); !ok || next.TS == first.TS {
		t.Fatal("the other case's next question waited for the rate-limited tally")
	}
	if m, _ := h.slack.Message(channel, tally.TS); strings.Contains(string(m.Blocks), "fout van de overheid") {
		t.Fatal("the tally was updated while Slack said wait")
	}
	clk.Add(31 * time.Second)
	h.bot.out.FlushOutbox(t.Context())
	if m, _ := h.slack.Message(channel, tally.TS); !strings.Contains(string(m.Blocks), "fout van de overheid") {
		t.Errorf("after Retry-After the tally still lacks the argument: %s", m.Blocks)
	}
	if n := h.store.OutboxLen(); n != 0 {
		t.Errorf("%d jobs still owed", n)
	}
}

// TestUsersInfoRateLimited: a 429 on users.info answers in the default
// language for the moment, without keeping that for ten minutes: once
// Retry-After has passed the user's own language is looked up.
func TestUsersInfoRateLimited(t *testing.T) {
	clk := &testClock{t: time.Now()}
	h := newHarness(t, nil, "", func(c *Config) { c.Now = clk.Now })
	h.slack.AddUser(alice, "Alice", "en-GB")
	h.slack.FailNext("users.info", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 2})
	if got := headers(commandReply(t, h, alice, "kaart").Blocks); len(got) != 1 || got[0] != "De kaarten" {
		t.Fatalf("while rate-limited: headers %q; want the default (Dutch)", got)
	}
	if got := headers(commandReply(t, h, alice, "kaart").Blocks); len(got) != 1 || got[0] != "De kaarten" {
		t.Fatalf("before Retry-After: headers %q; want the default (Dutch)", got)
	}
	if n := len(h.slack.CallsTo("users.info")); n != 1 {
		t.Fatalf("%d users.info calls before Retry-After passed; want 1", n)
	}
	clk.Add(3 * time.Second)
	if got := headers(commandReply(t, h, alice, "kaart").Blocks); len(got) != 1 || got[0] != "The cards" {
		t.Errorf("after Retry-After: headers %q; want English", got)
	}
}

// TestReactionsRateLimited: the receipt reaction on a reply is left out
// while Slack rate-limits reactions.add, and the reply still counts.
func TestReactionsRateLimited(t *testing.T) {
	clk := &testClock{t: time.Now()}
	h := newHarness(t, nil, "", func(c *Config) { c.Now = clk.Now })
	root := h.drive.Start(alice, "Casus met reacties")
	h.answerUntil(alice, root, "mw.argadd")
	h.slack.FailNext("reactions.add", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 30})
	before := len(h.slack.CallsTo("reactions.add"))
	for _, arg := range []string{"voor: de eerste reden", "tegen: de tweede reden", "voor: de derde reden"} {
		h.reply(bob, root, arg)
		h.bot.Wait()
	}
	if n := len(h.slack.CallsTo("reactions.add")) - before; n != 1 {
		t.Errorf("%d reactions.add calls while Slack said wait; want 1 (the 429)", n)
	}
	if c := h.caseOf(root); len(c.Arguments) != 3 {
		t.Errorf("%d arguments stored; want 3", len(c.Arguments))
	}
	clk.Add(31 * time.Second)
	h.reply(bob, root, "tegen: de vierde reden")
	h.bot.Wait()
	if n := len(h.slack.CallsTo("reactions.add")) - before; n != 2 {
		t.Errorf("%d reactions.add calls after Retry-After; want 2", n)
	}
}

// TestHomeRateLimited: a Home tab Slack rate-limits is published once
// Retry-After has passed, while its user looks at it.
func TestHomeRateLimited(t *testing.T) {
	// The wait is on the bot's clock, which the test moves: no real second
	// passes.
	clk := &testClock{t: time.Now()}
	h := newHarness(t, nil, "", func(c *Config) { c.Now, c.Sleep = clk.Now, clk.Sleep })
	start := clk.Now()
	h.slack.FailNext("views.publish", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 1})
	h.drive.OK(h.send.Event("EvHOMELIMIT1", map[string]any{
		"type": "app_home_opened", "user": alice, "channel": "D" + alice, "tab": "home", "event_ts": "1700000000.000001",
	}, 0))
	h.bot.Wait()
	calls := h.slack.CallsTo("views.publish")
	if len(calls) != 2 || calls[0].Status != http.StatusTooManyRequests || calls[1].Error != "" {
		t.Fatalf("views.publish calls: %+v; want a 429, then the Home published", calls)
	}
	if waited := clk.Now().Sub(start); waited < time.Second {
		t.Errorf("published again %v after the 429; want after Retry-After (1 s)", waited)
	}
}

// TestResponseURLStaysOutOfTheLog: a response_url that cannot be reached
// (a network error names the URL) is logged without it, and the message
// still arrives another way. The URL is the fake Slack's own, so the bot
// really posts to it (it posts to no other host) and the fake drops the
// connection.
func TestResponseURLStaysOutOfTheLog(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Casus met onbereikbare url")
	unreachable := h.slack.ResponseURL("GEHEIM-PAD")
	h.slack.FailNext("response_url", 2, fakeslack.Fault{Drop: true})
	h.bot.out.EphemeralIn(t.Context(), unreachable, channel, "", alice, "alleen voor jou")
	if got := h.slack.Ephemerals(channel); len(got) != 1 || got[0].Text != "alleen voor jou" {
		t.Errorf("ephemerals after the unreachable response_url: %+v; want it through chat.postEphemeral", got)
	}
	if err := h.bot.out.UpdateVia(t.Context(), channel, root.TS, unreachable, nil, "bijgewerkt"); err != nil {
		t.Fatal(err)
	}
	if m, _ := h.slack.Message(channel, root.TS); m.Text != "bijgewerkt" {
		t.Errorf("the message after the unreachable response_url: %q; want it updated with chat.update", m.Text)
	}
	if n := dropped(h); n != 2 {
		t.Errorf("%d posts to the response_url dropped; want 2: the test did not reach it", n)
	}
	if logs := h.logs.String(); strings.Contains(logs, "GEHEIM-PAD") || !strings.Contains(logs, "response_url") {
		t.Errorf("the log names the response_url, or says nothing of it:\n%s", logs)
	}
}

// TestResponseURLStaysOutOfTheLogOnEveryPath: every way the bot posts to a
// response_url — an ephemeral answer, search, list, the digest on demand
// and its post button, a card too large for the immediate answer, sharing
// that card (deleting the private copy), an answered question updated
// through the click's response_url, the erase confirmation — keeps the URL
// out of the log when the post fails with a network error, and the user
// still gets the answer another way. Each path is driven through the real
// handlers with signed requests; the fake Slack drops every connection to
// a response_url. On main before the change an answered question went
// through slack-go, whose network error kept the URL; and a response_url
// that Slack answered with ok:false (used_url) counted as delivered.
func TestResponseURLStaysOutOfTheLogOnEveryPath(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Huurachterstand door te late toeslag")
	h.bot.Wait()
	h.slack.FailNext("response_url", 1000, fakeslack.Fault{Drop: true})
	ephemerals := func() int { return len(h.slack.Ephemerals(channel)) }

	steps := []struct {
		name string
		do   func(t *testing.T)
	}{
		{"ephemeral answer (export refused)", func(t *testing.T) {
			before := ephemerals()
			h.drive.OK(h.send.Command("/maatwerk", alice, channel, "export"))
			h.bot.Wait()
			if ephemerals() == before {
				t.Error("the refusal reached the user neither way")
			}
		}},
		{"search, list, digest, large card", func(t *testing.T) {
			for _, text := range []string{"zoek huur", "lijst", "overzicht", "kaart argumenten"} {
				before := ephemerals()
				r := h.drive.OK(h.send.Command("/maatwerk", alice, channel, text))
				h.bot.Wait()
				if len(r.Body) == 0 && ephemerals() == before {
					t.Errorf("%s: the answer reached the user neither directly nor through chat.postEphemeral", text)
				}
			}
		}},
		{"digest post button", func(t *testing.T) {
			var post fakeslack.Action
			var from fakeslack.Message
			for _, m := range h.slack.Ephemerals(channel) {
				for _, a := range fakeslack.Actions(m.Blocks) {
					if a.ActionID == render.ActDigestPost {
						post, from = a, m
					}
				}
			}
			if post.ActionID == "" {
				t.Fatal("the digest on demand has no post button")
			}
			before := ephemerals()
			h.drive.OK(h.send.Click(alice, from, post, "", nil))
			h.bot.Wait()
			if ephemerals() == before {
				t.Error("the clicker was not told the digest was posted")
			}
		}},
		{"share a card", func(t *testing.T) {
			rep := commandReply(t, h, alice, "kaart signalen")
			private := fakeslack.Message{Channel: channel, TS: "1700000000.000001", User: alice, Blocks: rep.Blocks, Text: rep.Text}
			share, ok := bottest.Find(private, render.ActCardShare)
			if !ok {
				t.Fatal("no share button")
			}
			before := len(h.slack.Messages(channel))
			h.drive.OK(h.send.Click(bob, private, share, "", nil))
			h.bot.Wait()
			if len(h.slack.Messages(channel)) == before {
				t.Error("the card was not shared")
			}
		}},
		{"answered question", func(t *testing.T) {
			ts := h.drive.Answer(alice, root)
			if m, _ := h.slack.Message(channel, ts); m.Updated == 0 {
				t.Error("the answered question was not updated with chat.update")
			}
		}},
		{"erase confirmation", func(t *testing.T) {
			other := h.drive.Start(alice, "Casus om te wissen")
			h.bot.Wait()
			c := h.caseOf(other)
			ask := commandReply(t, h, lead, "verwijder "+c.Key())
			msg := fakeslack.Message{Channel: channel, TS: "1700000000.000009", User: lead, Blocks: ask.Blocks, Text: ask.Text}
			confirm, ok := bottest.Find(msg, actEraseConfirm)
			if !ok {
				t.Fatalf("no confirm button: %s", ask.Text)
			}
			h.drive.OK(h.send.Click(lead, msg, confirm, "", nil))
			h.bot.Wait()
		}},
	}
	for _, st := range steps {
		before := dropped(h)
		t.Run(st.name, st.do)
		if dropped(h) == before {
			t.Errorf("%s: nothing was posted to a response_url; the test does not reach the path", st.name)
		}
	}
	if logs := h.logs.String(); strings.Contains(logs, "/response/") || !strings.Contains(logs, "response_url") {
		t.Errorf("the log names a response_url, or says nothing of them:\n%s", logs)
	}
}

// dropped counts the posts to a response_url whose connection the fake
// Slack dropped.
func dropped(h *harness) int {
	n := 0
	for _, c := range h.slack.CallsTo("response_url") {
		if c.Error == "connection_dropped" {
			n++
		}
	}
	return n
}

// TestRespondReadsSlacksAnswer: a response_url Slack refuses with ok:false
// and HTTP 200 (here used_url, after five uses) is an error, so the answer
// goes through chat.postEphemeral instead of being lost. On main before
// the change respond took any 2xx as delivered.
func TestRespondReadsSlacksAnswer(t *testing.T) {
	h := newHarness(t, nil, "")
	u := h.slack.ResponseURL("five-uses")
	for i := range fakeslack.ResponseURLUses + 1 {
		h.bot.out.EphemeralIn(t.Context(), u, channel, "", alice, "antwoord "+strconv.Itoa(i))
	}
	got := h.slack.Ephemerals(channel)
	if len(got) != 1 || got[0].Text != "antwoord "+strconv.Itoa(fakeslack.ResponseURLUses) {
		t.Errorf("ephemerals: %+v; want the sixth answer through chat.postEphemeral", got)
	}
	if err := h.bot.out.Respond(t.Context(), u, map[string]any{"text": "nog een"}); err == nil || !strings.Contains(err.Error(), "used_url") {
		t.Errorf("respond to a used response_url: %v; want used_url", err)
	}
}
