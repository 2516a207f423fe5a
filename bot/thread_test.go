package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// botMention is how a person mentions the bot in a message.
const botMention = "<@" + fakeslack.BotUserID + "> "

// caseOf reads the case of a root message from the store, after the bot's
// background work.
func (h *harness) caseOf(root fakeslack.Message) *record.Case {
	h.t.Helper()
	h.bot.Wait()
	c, err := h.store.CaseByThread(context.Background(), root.Channel, root.TS)
	if err != nil {
		h.t.Fatalf("case of %s: %v", bottest.Describe(root), err)
	}
	return c
}

// reply posts text in the thread of root as user and waits for the bot.
func (h *harness) reply(user string, root fakeslack.Message, text string) string {
	h.t.Helper()
	ts, err := h.send.Reply(user, root.Channel, root.TS, text)
	if err != nil {
		h.t.Fatal(err)
	}
	h.bot.Wait()
	return ts
}

// ephemeralsFor returns the texts only user was shown in channel: through
// chat.postEphemeral and through response_urls, in order.
func (h *harness) ephemeralsFor(channel, user string) []string {
	var out []string
	for _, m := range h.slack.Ephemerals(channel) {
		if m.User == user {
			out = append(out, m.Text)
		}
	}
	return out
}

// responses returns the texts posted to response_urls.
func (h *harness) responses() []string {
	var out []string
	for _, c := range h.slack.CallsTo("response_url") {
		out = append(out, c.Params["text"])
	}
	return out
}

func lastContains(texts []string, want string) bool {
	return len(texts) > 0 && strings.Contains(texts[len(texts)-1], want)
}

// answerUntil answers the open questions as user until the open question
// has an action whose id starts with prefix, and returns it.
func (h *harness) answerUntil(user string, root fakeslack.Message, prefix string) fakeslack.Message {
	h.t.Helper()
	for i := 0; i < 20; i++ {
		p := h.drive.OpenPrompt(root)
		if _, ok := bottest.Find(p, prefix); ok {
			return p
		}
		h.drive.Answer(user, root)
	}
	h.t.Fatalf("no question with %s", prefix)
	return fakeslack.Message{}
}

// untilText answers as user until the open question asks for free text.
func (h *harness) untilText(user string, root fakeslack.Message) fakeslack.Message {
	h.t.Helper()
	for i := 0; i < 20; i++ {
		p := h.drive.OpenPrompt(root)
		if bottest.Kind(p) == "text" {
			return p
		}
		h.drive.Answer(user, root)
	}
	h.t.Fatal("no free-text question")
	return fakeslack.Message{}
}

func TestRepliesAreKeptAndTraceable(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Bijzondere bijstand na brand")
	remark := h.reply(bob, root, "Ik had vorig jaar een vergelijkbare casus.")
	arg := h.reply(bob, root, "  VOOR: de burger kon hier niets aan doen")
	p := h.untilText(alice, root)
	answer := h.reply(bob, root, "De regel wil bestaanszekerheid bieden.")

	c := h.caseOf(root)
	if len(c.Discussion) != 1 || c.Discussion[0].Ref != remark || c.Discussion[0].By != bob || c.Discussion[0].At.IsZero() {
		t.Errorf("remark not kept with its ts, author and time: %+v", c.Discussion)
	}
	if len(c.Arguments) != 1 || c.Arguments[0].Ref != arg || !c.Arguments[0].Pro || c.Arguments[0].Text != "de burger kon hier niets aan doen" {
		t.Errorf("argument: %+v", c.Arguments)
	}
	a := c.Answers[len(c.Answers)-1]
	if a.Ref != answer || a.By != bob || a.Text != "De regel wil bestaanszekerheid bieden." {
		t.Errorf("the answer by reply is not traceable by its ts: %+v", a)
	}
	// The answer is confirmed: a reaction, and the question shows who answered.
	m, _ := h.slack.Message(channel, answer)
	q, _ := h.slack.Message(channel, p.TS)
	if len(m.Reactions) == 0 || !strings.Contains(text(q), "<@"+bob+"> antwoordde") || len(bottest.Controls(q.Blocks)) != 0 {
		t.Errorf("answer by reply not confirmed: reactions %v, question %s", m.Reactions, q.Blocks)
	}

	// Edits are followed.
	if err := h.send.Edit(channel, remark, "Ik had vorig jaar twee van zulke casussen."); err != nil {
		t.Fatal(err)
	}
	if err := h.send.Edit(channel, answer, "De regel wil bestaanszekerheid bieden, ook na een ramp."); err != nil {
		t.Fatal(err)
	}
	h.bot.Wait()
	c = h.caseOf(root)
	if c.Discussion[0].Text != "Ik had vorig jaar twee van zulke casussen." {
		t.Errorf("edited remark: %+v", c.Discussion)
	}
	a, _ = c.AnswerTo(c.Answers[len(c.Answers)-1].Step)
	if a.Text != "De regel wil bestaanszekerheid bieden, ook na een ramp." || !a.Edited {
		t.Errorf("edited latest answer: %+v", a)
	}
	q, _ = h.slack.Message(channel, p.TS)
	if !strings.Contains(text(q), "ook na een ramp. (bewerkt)") {
		t.Errorf("the answered question does not show the edit: %s", q.Blocks)
	}

	// Once the conversation moved on, an edit of the answer is discussion.
	h.drive.Answer(alice, root)
	if err := h.send.Edit(channel, answer, "Eigenlijk: de regel wil armoede voorkomen."); err != nil {
		t.Fatal(err)
	}
	c = h.caseOf(root)
	a, _ = c.AnswerTo(a.Step)
	last := c.Discussion[len(c.Discussion)-1]
	if a.Text != "De regel wil bestaanszekerheid bieden, ook na een ramp." || last.Ref != answer || !last.Edited ||
		last.Text != "Eigenlijk: de regel wil armoede voorkomen." {
		t.Errorf("late edit of an answer: answer %+v, last remark %+v", a, last)
	}

	// Deleting: the remark goes, the answer stays marked.
	if err := h.send.Delete(channel, remark); err != nil {
		t.Fatal(err)
	}
	if err := h.send.Delete(channel, answer); err != nil {
		t.Fatal(err)
	}
	c = h.caseOf(root)
	for _, r := range c.Discussion {
		if r.Ref == remark {
			t.Errorf("deleted remark kept: %+v", r)
		}
	}
	if a, _ := c.AnswerTo(a.Step); !a.Deleted || a.Text == "" {
		t.Errorf("deleted answer: %+v", a)
	}
}

func TestEditedAndDeletedArguments(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Argumenten bewerken")
	p := h.answerUntil(alice, root, "mw.argsdone")
	one := h.reply(bob, root, "voor: de gevolgen zijn onevenredig")
	two := h.reply(bob, root, "tegen: dit schept een precedent")
	three := h.reply(alice, root, "pro: de fout lag bij de gemeente")

	// Edited: the argument's text changes and the tally follows.
	if err := h.send.Edit(channel, one, "voor: de gevolgen zijn ernstig onevenredig"); err != nil {
		t.Fatal(err)
	}
	h.bot.Wait()
	tally, _ := h.slack.Message(channel, p.TS)
	if !strings.Contains(text(tally), "#1 de gevolgen zijn ernstig onevenredig") {
		t.Errorf("tally after the edit: %s", tally.Blocks)
	}
	// Edited to personal data: removed, and the author is told.
	if err := h.send.Edit(channel, two, "tegen: bel haar op 06-12345678"); err != nil {
		t.Fatal(err)
	}
	h.bot.Wait()
	c := h.caseOf(root)
	if !c.Arguments[1].Withdrawn || c.Arguments[1].Text != "" {
		t.Errorf("argument with personal data after edit: %+v", c.Arguments[1])
	}
	if eph := h.ephemeralsFor(channel, bob); !lastContains(eph, "telefoonnummer") || !lastContains(eph, "uit de casus gehaald") {
		t.Errorf("bob was not told: %q", eph)
	}
	if m, _ := h.slack.Message(channel, two); len(m.Reactions) != 0 {
		t.Errorf("the removed argument keeps its confirmation: %v", m.Reactions)
	}
	// Deleted: withdrawn.
	if err := h.send.Delete(channel, three); err != nil {
		t.Fatal(err)
	}
	h.bot.Wait()
	tally, _ = h.slack.Message(channel, p.TS)
	if strings.Contains(text(tally), "fout lag bij de gemeente") || strings.Contains(text(tally), "precedent") ||
		!strings.Contains(text(tally), "Voor: 1 · Tegen: 0") {
		t.Errorf("tally after removal and deletion: %s", tally.Blocks)
	}
}

func TestWithdrawByMention(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Intrekken")
	p := h.answerUntil(alice, root, "mw.argsdone")
	h.reply(bob, root, "voor: de burger handelde te goeder trouw")
	h.reply(alice, root, botMention+"trek in 1")
	if eph := h.ephemeralsFor(channel, alice); !lastContains(eph, "Argument 1 is door een ander ingebracht") {
		t.Errorf("alice was not refused politely: %q", eph)
	}
	if c := h.caseOf(root); c.Arguments[0].Withdrawn {
		t.Fatal("alice withdrew bob's argument")
	}
	h.reply(bob, root, botMention+"trek in #1")
	if c := h.caseOf(root); !c.Arguments[0].Withdrawn {
		t.Fatal("bob could not withdraw his argument")
	}
	if eph := h.ephemeralsFor(channel, bob); !lastContains(eph, "Argument 1 is ingetrokken") {
		t.Errorf("bob was not told: %q", eph)
	}
	tally, _ := h.slack.Message(channel, p.TS)
	if strings.Contains(text(tally), "goeder trouw") {
		t.Errorf("withdrawn argument still in the tally: %s", tally.Blocks)
	}
	h.reply(bob, root, botMention+"help")
	if eph := h.ephemeralsFor(channel, bob); !lastContains(eph, "trek in 2") || !lastContains(eph, "pauze") {
		t.Errorf("the thread help does not explain withdrawing and pausing: %q", eph)
	}
}

func TestPauseResumeCloseReopen(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Pauzeren en heropenen")
	h.drive.Answer(alice, root)
	p := h.drive.OpenPrompt(root)

	h.reply(bob, root, botMention+"pauze")
	if eph := h.ephemeralsFor(channel, bob); !lastContains(eph, "Alleen wie de casus startte") {
		t.Errorf("bob paused someone else's case: %q", eph)
	}
	h.reply(alice, root, botMention+"pauze")
	if c := h.caseOf(root); c.Status != record.StatusPaused {
		t.Fatalf("status %s after pauze", c.Status)
	}
	if r := h.drive.Root(root); !strings.Contains(text(r), "gepauzeerd") {
		t.Errorf("root does not show the pause: %s", r.Blocks)
	}
	checks, _ := bottest.Find(p, "mw.checks")
	confirm, _ := bottest.Find(p, "mw.confirm")
	h.drive.OK(h.send.Click(bob, p, confirm, "", map[string][]string{checks.ActionID: checks.Options[:1]}))
	h.bot.Wait()
	if !lastContains(h.responses(), "staat op pauze") {
		t.Errorf("a click on a paused case is not told: %q", h.responses())
	}
	if c := h.caseOf(root); len(c.Answers) != 1 {
		t.Fatalf("a paused case took an answer")
	}

	h.reply(alice, root, botMention+"hervat")
	q := h.drive.OpenPrompt(root)
	if q.TS == p.TS || !strings.Contains(text(q), "Stap 2 van") && !strings.Contains(text(q), "stap 2 van") {
		t.Errorf("the open question was not asked again: %s", q.Blocks)
	}
	thread := h.slack.Thread(channel, root.TS)
	if notice := thread[len(thread)-2]; !strings.Contains(notice.Text, "hervatte de casus") {
		t.Errorf("no resume notice before the question: %q", notice.Text)
	}
	// The earlier copy of the question points down and has no buttons.
	h.bot.Wait()
	if old, _ := h.slack.Message(channel, p.TS); len(fakeslack.Actions(old.Blocks)) != 0 || !strings.Contains(text(old), "hieronder opnieuw") {
		t.Errorf("the earlier copy of the question after resuming: %s", old.Blocks)
	}
	if c := h.caseOf(root); len(c.Posts) == 0 || c.Post(delivery.RetiredPrefix+p.TS) != "" {
		t.Errorf("the retired question is still remembered: %v", c.Posts)
	}

	h.reply(alice, root, botMention+"sluit")
	if eph := h.ephemeralsFor(channel, alice); !lastContains(eph, "Geef een reden") {
		t.Errorf("close without reason: %q", eph)
	}
	h.reply(alice, root, botMention+"sluit de burger heeft het bezwaar ingetrokken")
	summary, ok := h.drive.Summary(root)
	if !ok || !strings.Contains(text(summary), "het bezwaar ingetrokken") || !strings.Contains(text(summary), "<@"+alice+"> sloot de casus") {
		t.Fatalf("no summary with the reason: %s", summary.Blocks)
	}
	if r := h.drive.Root(root); !strings.Contains(text(r), "afgesloten") || !strings.Contains(text(r), "het bezwaar ingetrokken") {
		t.Errorf("root after closing: %s", r.Blocks)
	}

	// A late argument changes the summary in place.
	h.reply(bob, root, "tegen: we hadden eerder moeten bellen")
	summary, _ = h.slack.Message(channel, summary.TS)
	if !strings.Contains(text(summary), "eerder moeten bellen") {
		t.Errorf("the late argument is not in the summary: %s", summary.Blocks)
	}

	h.reply(alice, root, botMention+"heropen")
	c := h.caseOf(root)
	if c.Status != record.StatusOpen || c.Step != 1 {
		t.Fatalf("after heropen: status %s step %d", c.Status, c.Step)
	}
	h.drive.Answer(alice, root)
	h.reply(alice, root, botMention+"sluit toch geen maatwerk nodig")
	h.bot.Wait()
	var summaries []fakeslack.Message
	for _, m := range h.slack.Thread(channel, root.TS) {
		if m.Broadcast {
			summaries = append(summaries, m)
		}
	}
	if len(summaries) != 1 || summaries[0].Updated < 2 || !strings.Contains(text(summaries[0]), "toch geen maatwerk nodig") {
		t.Errorf("re-closing posted %d summaries (want 1, updated): %+v", len(summaries), summaries)
	}
}

func TestConcurrentAnswersOneWins(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Tegelijk antwoorden")
	p := h.untilText(alice, root)
	before := len(h.caseOf(root).Answers)
	// Both reply before either reply is handled (both messages exist in
	// the thread before the next question can be asked); the events then
	// arrive at once.
	var ts [2]string
	users := []string{alice, bob}
	for i, u := range users {
		ts[i] = h.slack.AddUserMessage(channel, root.TS, u, "Het doel is bestaanszekerheid, zegt "+u+".")
	}
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.drive.OK(h.send.Event("EvSAME"+u, map[string]any{"type": "message", "channel": channel, "user": u,
				"text": "Het doel is bestaanszekerheid, zegt " + u + ".", "ts": ts[i], "thread_ts": root.TS,
				"channel_type": "channel"}, 0))
		}()
	}
	wg.Wait()
	c := h.caseOf(root)
	if len(c.Answers) != before+1 {
		t.Fatalf("%d answers after two simultaneous replies, want %d", len(c.Answers), before+1)
	}
	winner := c.Answers[len(c.Answers)-1].By
	loser := alice
	if winner == alice {
		loser = bob
	}
	if eph := h.ephemeralsFor(channel, loser); !lastContains(eph, "Iemand anders beantwoordde deze vraag net") {
		t.Errorf("the loser (%s) was not told: %q", loser, eph)
	}
	if len(c.Discussion) != 1 || c.Discussion[0].By != loser {
		t.Errorf("the losing reply is not kept as discussion: %+v", c.Discussion)
	}
	if q, _ := h.slack.Message(channel, p.TS); !strings.Contains(text(q), "<@"+winner+"> antwoordde") {
		t.Errorf("the question does not show the winner: %s", q.Blocks)
	}
}

func TestCasesInPrivateChannelsDMsAndSideBySide(t *testing.T) {
	h := newHarness(t, nil, "")
	for _, ch := range []string{"G0PRIVATE1", "D0ALICE01"} {
		t.Run(ch, func(t *testing.T) {
			d := &bottest.Driver{T: t, Slack: h.slack, Send: h.send, Channel: ch}
			root := d.Start(alice, "Casus in "+ch)
			h.reply(alice, root, "Een opmerking in "+fakeslack.ChannelType(ch))
			p := d.OpenPrompt(root)
			for bottest.Kind(p) != "text" {
				d.Answer(alice, root)
				p = d.OpenPrompt(root)
			}
			h.reply(alice, root, "De regel wil bestaanszekerheid bieden.")
			c := h.caseOf(root)
			if c.Channel != ch || len(c.Discussion) != 1 || c.Answers[len(c.Answers)-1].Text != "De regel wil bestaanszekerheid bieden." {
				t.Errorf("case in %s: channel %s, discussion %+v", ch, c.Channel, c.Discussion)
			}
			// A mention in a DM comes as a message event only.
			n := len(h.slack.Thread(ch, root.TS))
			h.reply(alice, root, botMention+"samenvatting")
			got := h.slack.Thread(ch, root.TS)
			if len(got) != n+2 || !strings.Contains(text(got[len(got)-1]), "Samenvatting van "+c.Key()) {
				t.Errorf("samenvatting in %s: %d new messages", ch, len(got)-n)
			}
		})
	}
	// Two cases side by side in one channel keep their own threads.
	one := h.drive.Start(alice, "Eerste casus")
	two := h.drive.Start(bob, "Tweede casus")
	h.reply(bob, one, "voor: argument bij de eerste")
	h.reply(alice, two, "tegen: argument bij de tweede")
	c1, c2 := h.caseOf(one), h.caseOf(two)
	if c1.ID == c2.ID || len(c1.Arguments) != 1 || len(c2.Arguments) != 1 || c1.Arguments[0].By != bob || c2.Arguments[0].By != alice {
		t.Errorf("side by side: %+v / %+v", c1.Arguments, c2.Arguments)
	}
}

func TestIgnoredEditsAndUnknownThreads(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Negeren van bewerkingen")
	stray := h.slack.AddUserMessage(channel, "1690000000.000100", bob, "voor: ergens anders")
	events := []map[string]any{
		// A reply in a thread that is no case.
		{"type": "message", "channel": channel, "user": bob, "text": "voor: geen casus", "ts": "1.1", "thread_ts": "1690000000.000100", "channel_type": "channel"},
		// Its edit and deletion.
		{"type": "message", "subtype": "message_changed", "channel": channel, "ts": "1.2",
			"message":          map[string]any{"type": "message", "user": bob, "text": "voor: nog steeds geen casus", "ts": stray, "thread_ts": "1690000000.000100"},
			"previous_message": map[string]any{"type": "message", "user": bob, "text": "voor: ergens anders", "ts": stray, "thread_ts": "1690000000.000100"}},
		{"type": "message", "subtype": "message_deleted", "channel": channel, "ts": "1.3", "deleted_ts": stray,
			"previous_message": map[string]any{"type": "message", "user": bob, "text": "voor: ergens anders", "ts": stray, "thread_ts": "1690000000.000100"}},
		// The bot's own message edited (chat.update) in the case thread.
		{"type": "message", "subtype": "message_changed", "channel": channel, "ts": "1.4",
			"message":          map[string]any{"type": "message", "user": fakeslack.BotUserID, "bot_id": fakeslack.BotID, "text": "voor: bot", "ts": "1.5", "thread_ts": root.TS},
			"previous_message": map[string]any{"type": "message", "user": fakeslack.BotUserID, "bot_id": fakeslack.BotID, "text": "x", "ts": "1.5", "thread_ts": root.TS}},
		// The root gets a reply count (Slack sends message_changed for the root).
		{"type": "message", "subtype": "message_changed", "channel": channel, "ts": "1.6",
			"message":          map[string]any{"type": "message", "user": alice, "text": "voor: root", "ts": root.TS, "thread_ts": root.TS},
			"previous_message": map[string]any{"type": "message", "user": alice, "text": "root", "ts": root.TS, "thread_ts": root.TS}},
		// Joining and bot_message are no speech.
		{"type": "message", "subtype": "channel_join", "channel": channel, "user": bob, "text": "voor: join", "ts": "1.7", "thread_ts": root.TS},
		{"type": "message", "subtype": "bot_message", "channel": channel, "bot_id": "B999", "text": "voor: andere bot", "ts": "1.8", "thread_ts": root.TS},
		// An unfurl: message_changed with the same text.
		{"type": "message", "subtype": "message_changed", "channel": channel, "ts": "1.9",
			"message":          map[string]any{"type": "message", "user": bob, "text": "zelfde", "ts": "2.0", "thread_ts": root.TS},
			"previous_message": map[string]any{"type": "message", "user": bob, "text": "zelfde", "ts": "2.0", "thread_ts": root.TS}},
	}
	for i, ev := range events {
		h.drive.OK(h.send.Event(fmt.Sprintf("EvIGN%03d", i), ev, 0))
	}
	c := h.caseOf(root)
	if len(c.Arguments)+len(c.Discussion)+len(c.Answers) != 0 {
		t.Errorf("ignored events changed the case: %+v %+v %+v", c.Arguments, c.Discussion, c.Answers)
	}
	if n := len(h.slack.CallsTo("chat.postEphemeral")); n != 0 {
		t.Errorf("ignored events got %d ephemeral answers", n)
	}
	// A reply refused for personal data, then fixed by an edit, counts.
	ts := h.reply(bob, root, "voor: zij belde van 06-12345678")
	if err := h.send.Edit(channel, ts, "voor: zij belde zelf op"); err != nil {
		t.Fatal(err)
	}
	if c := h.caseOf(root); len(c.Arguments) != 1 || c.Arguments[0].Text != "zij belde zelf op" || c.Arguments[0].Ref != ts {
		t.Errorf("the fixed reply: %+v", c.Arguments)
	}
}

func TestDecisionOnlyByStarterOrLead(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Wie besluit")
	p := h.answerUntil(alice, root, "mw.choose.voorleggen")
	act, _ := bottest.Find(p, "mw.choose.maatwerk")
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(bob, p, act, "", nil))
	h.bot.Wait()
	if !lastContains(h.responses(), "degene vast die de casus startte, of een teamleider") {
		t.Errorf("bob was not told who decides: %q", h.responses())
	}
	if len(h.slack.Views()) != views {
		t.Errorf("a modal opened for someone who may not decide")
	}
	// Told in their own language, when Slack knows it. (Slack did not know
	// bob: the bot keeps the default for him a while, see LangFor.)
	const carol = "UCAROL004"
	h.slack.AddUser(carol, "Carol", "en-GB")
	h.drive.OK(h.send.Click(carol, p, act, "", nil))
	h.bot.Wait()
	if !lastContains(h.responses(), "The decision is recorded by whoever started the case, or by a team lead.") {
		t.Errorf("carol was not told in English: %q", h.responses())
	}
	// With no team lead configured, escalating is refused.
	h.bot.dir.SetLeads(nil, "")
	esc, _ := bottest.Find(p, "mw.choose.voorleggen")
	h.drive.OK(h.send.Click(alice, p, esc, "", nil))
	h.bot.Wait()
	if !lastContains(h.responses(), "geen teamleider ingesteld") {
		t.Errorf("escalating without leads: %q", h.responses())
	}
}

func TestLeadSendsBackWithQuestion(t *testing.T) {
	const lead2 = "ULEAD0004"
	h := newHarness(t, nil, "", func(c *Config) { c.TeamLeads = []string{lead, lead2} })
	root := h.drive.Start(alice, "Terug met vraag")
	p := h.answerUntil(alice, root, "mw.choose.voorleggen")
	escalate(t, h, alice, p, "Dit gaat mijn mandaat te boven.")
	// A second submission of the same form (a retry) sends nothing twice.
	r := h.drive.OK(h.send.Submit(alice, h.slack.Views()[len(h.slack.Views())-1], map[string]map[string]string{"text": {"input": "Nogmaals."}}))
	h.bot.Wait()
	// The same view submitted again is recognised (view id and hash) and
	// closes without doing anything.
	if body := strings.TrimSpace(string(r.Body)); body != "" && !strings.Contains(body, "al beantwoord") {
		t.Errorf("the retried submission got %s", r.Body)
	}
	for _, l := range []string{lead, lead2} {
		if n := len(h.slack.Messages("D" + l)); n != 1 {
			t.Errorf("lead %s got %d DMs, want 1", l, n)
		}
	}
	dm := h.slack.Messages("D" + lead2)[0]
	// Someone who is no lead cannot use the lead's buttons.
	back, _ := bottest.Find(dm, "mw.leadback")
	h.drive.OK(h.send.Click(bob, dm, back, "", nil))
	h.bot.Wait()
	if !lastContains(h.responses(), "Alleen een teamleider") {
		t.Errorf("bob used a lead's button: %q", h.responses())
	}
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(lead2, dm, back, "", nil))
	view := h.drive.LastView(views)
	h.drive.OK(h.send.Submit(lead2, view, map[string]map[string]string{"text": {"input": "Is de huurschuld al bij de verhuurder gemeld?"}}))
	h.bot.Wait()
	c := h.caseOf(root)
	if _, pending := c.PendingEscalation(); pending || c.Decision != nil {
		t.Fatalf("after the question back: pending %v, decision %+v", pending, c.Decision)
	}
	thread := h.slack.Thread(channel, root.TS)
	q := thread[len(thread)-2]
	if !strings.Contains(text(q), "Is de huurschuld al bij de verhuurder gemeld?") || !strings.Contains(text(q), "<@"+lead2+">") {
		t.Errorf("the question is not in the thread: %s", q.Blocks)
	}
	open := h.drive.OpenPrompt(root)
	if open.TS != thread[len(thread)-1].TS || !has(open, "mw.choose.voorleggen") {
		t.Errorf("the decision is not asked again below the question: %s", open.Blocks)
	}
	for _, l := range []string{lead, lead2} {
		m := h.slack.Messages("D" + l)[0]
		if len(fakeslack.Actions(m.Blocks)) != 0 || !strings.Contains(text(m), "<@"+lead2+"> stuurt de casus terug met een vraag") {
			t.Errorf("lead %s's DM still asks: %s", l, m.Blocks)
		}
	}
	// The old buttons in the DM are stale now.
	dec, _ := bottest.Find(dm, "mw.lead.maatwerk")
	h.drive.OK(h.send.Click(lead, dm, dec, "", nil))
	h.bot.Wait()
	if !lastContains(h.responses(), "al beantwoord") {
		t.Errorf("a stale lead click: %q", h.responses())
	}
}

func has(m fakeslack.Message, prefix string) bool { _, ok := bottest.Find(m, prefix); return ok }

// escalate has user choose "voorleggen" on the decision prompt p and
// submit the rationale, and waits for the team leads' DMs.
func escalate(t *testing.T, h *harness, user string, p fakeslack.Message, note string) {
	t.Helper()
	act, ok := bottest.Find(p, "mw.choose.voorleggen")
	if !ok {
		t.Fatalf("no voorleggen button: %s", p.Blocks)
	}
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(user, p, act, "", nil))
	view := h.drive.LastView(views)
	h.drive.OK(h.send.Submit(user, view, map[string]map[string]string{"text": {"input": note}}))
	h.bot.Wait()
}

// transcript renders what people saw, in order, as plain text: it is kept
// by the test as it goes.
type transcript struct {
	h     *harness
	names map[string]string
	calls int
	lines []string
	// shown is each message's text as last shown, by ts, so an update
	// shows only what changed.
	shown map[string]string
	root  string
	posts int
	texts int
}

func (tr *transcript) name(u string) string {
	if n, ok := tr.names[u]; ok {
		return n
	}
	return u
}

func (tr *transcript) people(s string) string {
	for id, n := range tr.names {
		s = strings.ReplaceAll(s, "<@"+id+">", "@"+n)
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// human notes what a person did.
func (tr *transcript) human(user, format string, args ...any) {
	tr.flush()
	tr.lines = append(tr.lines, tr.name(user)+": "+tr.people(fmt.Sprintf(format, args...)))
}

// flush adds what the bot did since the last flush.
func (tr *transcript) flush() {
	tr.h.bot.Wait()
	calls := tr.h.slack.Calls()
	for _, c := range calls[tr.calls:] {
		if c.Error != "" {
			continue
		}
		where := "#kanaal"
		ch := c.Params["channel"]
		if strings.HasPrefix(ch, "D") || strings.HasPrefix(ch, "U") {
			where = "DM aan " + tr.name(strings.TrimPrefix(ch, "D"))
		} else if c.Params["thread_ts"] != "" {
			where = "thread"
		}
		body := blocksText(c.Params["blocks"])
		if body == "" {
			body = c.Params["text"]
		}
		body = tr.people(body)
		switch c.Method {
		case "chat.postMessage":
			if c.Params["reply_broadcast"] == "true" {
				where += " + #kanaal"
			}
			ts := tr.postedTS(tr.posts)
			tr.posts++
			if tr.root == "" && where == "#kanaal" {
				tr.root = ts
			}
			tr.shown[ts] = body
			tr.lines = append(tr.lines, "maatwerkbot ["+where+"]:\n"+indent(body))
		case "chat.update":
			ts := c.Params["ts"]
			var changed []string
			for _, l := range strings.Split(body, "\n") {
				if !strings.Contains(tr.shown[ts], l) {
					changed = append(changed, l)
				}
			}
			tr.shown[ts] = body
			if len(changed) == 0 {
				continue
			}
			what := "een bericht in de thread"
			switch {
			case ts == tr.root:
				what = "het rootbericht"
			case strings.HasPrefix(ch, "D"):
				what = "de DM aan " + tr.name(strings.TrimPrefix(ch, "D"))
			}
			tr.lines = append(tr.lines, "maatwerkbot werkt "+what+" bij:\n"+indent(strings.Join(changed, "\n")))
		case "chat.postEphemeral":
			tr.lines = append(tr.lines, "maatwerkbot (alleen voor "+tr.name(c.Params["user"])+"): "+tr.people(c.Params["text"]))
		case "response_url":
			tr.lines = append(tr.lines, "maatwerkbot (alleen voor wie klikte): "+tr.people(c.Params["text"]))
		case "reactions.add":
			tr.lines = append(tr.lines, "maatwerkbot reageert met :"+c.Params["name"]+":")
		case "reactions.remove":
			tr.lines = append(tr.lines, "maatwerkbot haalt :"+c.Params["name"]+": weg")
		case "views.open":
			var v struct {
				Title struct{ Text string } `json:"title"`
			}
			json.Unmarshal([]byte(c.Params["view"]), &v)
			tr.lines = append(tr.lines, "maatwerkbot opent het venster \""+v.Title.Text+"\": "+tr.people(blocksTextOf(c.Params["view"])))
		}
	}
	tr.calls = len(calls)
}

// freeText are the thread replies that answer the free-text questions of
// the three-person case, in order.
var freeText = []string{
	"De regel wil bestaanszekerheid bieden: wie huurtoeslag krijgt, moet de huur kunnen betalen.",
	"De bedoeling was bestaanszekerheid; met uitstel dienen we die beter dan met uitzetting.",
	"We geven u drie maanden uitstel, omdat de achterstand door een fout van ons ontstond.",
	"Ja, maar ik zou eerder de teamleider bellen in plaats van een bericht te sturen.",
	"Ja: te late huurtoeslag leidt vaker tot achterstand; een vaste uitstelregeling zou helpen.",
}

// step answers the open question as user and notes what they did: a
// thread reply to a free-text question, else what the driver does.
func (tr *transcript) step(user string, root fakeslack.Message) {
	tr.h.t.Helper()
	p := tr.h.drive.OpenPrompt(root)
	switch bottest.Kind(p) {
	case "text":
		text := freeText[tr.texts%len(freeText)]
		tr.texts++
		tr.human(user, "reageert in de thread: %s", text)
		tr.h.reply(user, root, text)
		tr.h.slack.WaitFor(tr.h.t, 5*time.Second, "the answer", func() bool {
			m, _ := tr.h.slack.Message(root.Channel, p.TS)
			return len(bottest.Controls(m.Blocks)) == 0
		})
		return
	case "multi":
		tr.human(user, "vinkt de eerste twee aan en klikt [Bevestigen]")
	default:
		tr.human(user, "kiest de eerste mogelijkheid")
	}
	tr.h.drive.Answer(user, root)
	tr.h.bot.Wait()
}

func (tr *transcript) String() string {
	tr.flush()
	return strings.Join(tr.lines, "\n\n") + "\n"
}

// postedTS returns the ts of the n-th message the bot posted (0-based), in
// the case channel or a DM: the fake hands out ts in posting order.
func (tr *transcript) postedTS(n int) string {
	var all []fakeslack.Message
	for _, ch := range []string{channel, "D" + lead} {
		for _, m := range tr.h.slack.Messages(ch) {
			if m.User == fakeslack.BotUserID {
				all = append(all, m)
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return tsBefore(all[i].TS, all[j].TS) })
	if n < len(all) {
		return all[n].TS
	}
	return ""
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
}

// blocksText renders Block Kit JSON as plain text: texts, fields, buttons
// as [label] and options as ( ) label.
func blocksText(raw string) string {
	if raw == "" {
		return ""
	}
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return ""
	}
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			typ, _ := x["type"].(string)
			switch typ {
			case "plain_text", "mrkdwn":
				s, _ := x["text"].(string)
				b.WriteString(s + "\n")
				return
			case "button":
				t, _ := x["text"].(map[string]any)
				s, _ := t["text"].(string)
				b.WriteString("[" + s + "] ")
				return
			case "checkboxes":
				for _, o := range x["options"].([]any) {
					t, _ := o.(map[string]any)["text"].(map[string]any)
					s, _ := t["text"].(string)
					b.WriteString("☐ " + s + "\n")
				}
				return
			case "actions":
				walk(x["elements"])
				b.WriteString("\n")
				return
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool { return order(keys[i]) < order(keys[j]) })
			for _, k := range keys {
				if k == "placeholder" || k == "hint" || k == "private_metadata" {
					continue
				}
				walk(x[k])
			}
		}
	}
	walk(v)
	return strings.TrimSpace(b.String())
}

func order(k string) string {
	switch k {
	case "text":
		return "0"
	case "fields":
		return "1"
	case "label":
		return "2"
	}
	return "3" + k
}

// blocksTextOf renders the blocks of a view.
func blocksTextOf(view string) string {
	var v struct {
		Blocks json.RawMessage `json:"blocks"`
	}
	json.Unmarshal([]byte(view), &v)
	return strings.ReplaceAll(blocksText(string(v.Blocks)), "\n", " / ")
}

// TestThreePersonCase runs a case end to end with a starter (alice), a
// colleague (bob) and a team lead: signals from both, arguments from both,
// the decision put to the lead, the lead deciding in a DM, the reflection,
// and a summary that names all three. With MAATWERK_TRANSCRIPT set it writes
// what they saw, as plain text, to that file.
func TestThreePersonCase(t *testing.T) {
	h := newHarness(t, nil, "")
	tr := &transcript{h: h, shown: map[string]string{},
		names: map[string]string{alice: "Anna", bob: "Bram", lead: "Lotte", fakeslack.BotUserID: "maatwerkbot"}}

	tr.human(alice, "/maatwerk Huurachterstand door te late huurtoeslag")
	root := h.drive.Start(alice, "Huurachterstand door te late huurtoeslag")

	// Signals: Anna and Bram tick boxes.
	for i, who := range []string{alice, bob, alice, bob} {
		p := h.drive.OpenPrompt(root)
		if bottest.Kind(p) != "multi" {
			t.Fatalf("signal question %d is %s", i+1, bottest.Kind(p))
		}
		checks, _ := bottest.Find(p, "mw.checks")
		tr.human(who, "vinkt %d signalen aan en klikt [Bevestigen]", min(2, len(checks.Options)))
		h.drive.Answer(who, root)
	}
	tr.human(bob, "reageert in de thread: Ik had vorig jaar een vergelijkbare casus; toen is uitstel gegeven.")
	h.reply(bob, root, "Ik had vorig jaar een vergelijkbare casus; toen is uitstel gegeven.")
	for {
		p := h.drive.OpenPrompt(root)
		if bottest.Kind(p) == "arguments" {
			break
		}
		tr.step(alice, root)
	}
	// Arguments from Anna and Bram.
	p := h.drive.OpenPrompt(root)
	for _, a := range []struct{ who, text string }{
		{bob, "voor: de achterstand komt door een fout van de gemeente zelf"},
		{alice, "tegen: andere huurders met een achterstand krijgen dit ook niet"},
		{bob, "Pro: uitzetting kost de samenleving meer dan uitstel"},
	} {
		tr.human(a.who, "reageert in de thread: %s", a.text)
		h.reply(a.who, root, a.text)
	}
	add, _ := bottest.Find(p, "mw.argadd")
	tr.human(alice, "klikt [Argument toevoegen]")
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(alice, p, add, "", nil))
	view := h.drive.LastView(views)
	tr.human(alice, "kiest 'Voor maatwerk', waarde 'Menselijke maat' en schrijft: het gezin heeft jonge kinderen en nergens anders om heen te gaan")
	h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
		"procon": {"input": "=pro"}, "text": {"input": "het gezin heeft jonge kinderen en nergens anders om heen te gaan"},
		"value": {"input": "=" + firstValue(t, view)},
	}))
	h.bot.Wait()
	p, _ = h.slack.Message(channel, p.TS)
	done, _ := bottest.Find(p, "mw.argsdone")
	tr.human(alice, "klikt [Klaar met argumenten]")
	h.drive.OK(h.send.Click(alice, p, done, "", nil))
	h.bot.Wait()

	// On to the decision.
	for {
		p = h.drive.OpenPrompt(root)
		if has(p, "mw.choose.voorleggen") {
			break
		}
		tr.step(alice, root)
	}
	// Bram may not decide; Anna puts it to the team lead.
	mw, _ := bottest.Find(p, "mw.choose.maatwerk")
	tr.human(bob, "klikt [Maatwerk toepassen]")
	h.drive.OK(h.send.Click(bob, p, mw, "", nil))
	tr.human(alice, "klikt [Voorleggen aan teamleider of juridische zaken] en schrijft: Uitstel van de huur valt buiten mijn mandaat.")
	escalate(t, h, alice, p, "Uitstel van de huur valt buiten mijn mandaat.")
	dms := h.slack.Messages("D" + lead)
	if len(dms) != 1 {
		t.Fatalf("the lead got %d DMs, want 1", len(dms))
	}
	dm := dms[0]
	for _, want := range []string{"<@" + alice + "> legt casus MW-0001", "buiten mijn mandaat", "fout van de gemeente", "andere huurders",
		"Besluit: Maatwerk toepassen", "Besluit: De regel toepassen", "Terug met vraag"} {
		if !strings.Contains(text(dm), want) {
			t.Errorf("the lead's DM lacks %q", want)
		}
	}
	if has(dm, "mw.lead.voorleggen") || has(dm, "mw.lead.meer-informatie") {
		t.Errorf("the lead can escalate or ask for more information by button: %s", dm.Blocks)
	}
	if r := h.drive.Root(root); !strings.Contains(text(r), "Voorgelegd aan de teamleider") {
		t.Errorf("root does not show the escalation: %s", r.Blocks)
	}

	// The lead decides in the DM.
	dec, _ := bottest.Find(dm, "mw.lead.maatwerk")
	tr.human(lead, "klikt in haar DM [Besluit: Maatwerk toepassen]")
	views = len(h.slack.Views())
	h.drive.OK(h.send.Click(lead, dm, dec, "", nil))
	view = h.drive.LastView(views)
	tr.human(lead, "schrijft als motivering: Ik geef drie maanden uitstel, omdat de achterstand door ons komt, ondanks het risico op precedent.")
	h.drive.OK(h.send.Submit(lead, view, map[string]map[string]string{
		"text": {"input": "Ik geef drie maanden uitstel, omdat de achterstand door ons komt, ondanks het risico op precedent."},
	}))
	h.bot.Wait()
	c := h.caseOf(root)
	if c.Decision == nil || c.Decision.By != lead || c.Decision.Option != "maatwerk" || c.Decision.At.IsZero() {
		t.Fatalf("decision %+v", c.Decision)
	}
	if r := h.drive.Root(root); !strings.Contains(text(r), "Besluit:* Maatwerk toepassen") {
		t.Errorf("root does not show the decision: %s", r.Blocks)
	}
	found := false
	for _, m := range h.slack.Thread(channel, root.TS) {
		if strings.Contains(text(m), "<@"+lead+"> besloot als teamleider: Maatwerk toepassen") {
			found = true
		}
	}
	if !found {
		t.Errorf("the lead's decision did not come back to the thread")
	}
	if m, _ := h.slack.Message(dm.Channel, dm.TS); len(fakeslack.Actions(m.Blocks)) != 0 {
		t.Errorf("the lead's DM still has buttons: %s", m.Blocks)
	}

	// Variant and reflection: Bram answers a reflection question by reply.
	for i := 0; i < 20; i++ {
		if _, ok := h.drive.Summary(root); ok {
			break
		}
		p = h.drive.OpenPrompt(root)
		who := alice
		if bottest.Kind(p) == "text" && i%2 == 1 {
			who = bob
		}
		tr.step(who, root)
	}
	summary, ok := h.drive.Summary(root)
	if !ok {
		t.Fatal("no summary")
	}
	s := text(summary)
	for _, want := range []string{"<@" + alice + ">", "<@" + bob + ">", "<@" + lead + ">", "fout van de gemeente zelf — <@" + bob + ">",
		"andere huurders met een achterstand krijgen dit ook niet — <@" + alice + ">", "jonge kinderen", "Maatwerk toepassen",
		"besloten door <@" + lead + ">", "Voorgelegd aan de teamleider door <@" + alice + ">; besloten door teamleider <@" + lead + ">"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	c = h.caseOf(root)
	if got := c.Participants(); len(got) != 3 || got[0] != alice {
		t.Errorf("participants %v", got)
	}
	out := tr.String()
	counts := map[string]int{}
	for _, c := range h.slack.Calls() {
		counts[c.Method]++
	}
	t.Logf("Web API calls for the whole case: %v", counts)
	if !strings.Contains(out, "Lotte: klikt in haar DM") || !strings.Contains(out, "DM aan Lotte") {
		t.Errorf("the transcript misses the lead's part")
	}
	if path := os.Getenv("MAATWERK_TRANSCRIPT"); path != "" {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// firstValue returns the first option of the value select in a view.
func firstValue(t *testing.T, view json.RawMessage) string {
	t.Helper()
	var v struct {
		Blocks []struct {
			BlockID string `json:"block_id"`
			Element struct {
				Options []struct {
					Value string `json:"value"`
				} `json:"options"`
			} `json:"element"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(view, &v); err != nil {
		t.Fatal(err)
	}
	for _, b := range v.Blocks {
		if b.BlockID == "value" && len(b.Element.Options) > 0 {
			return b.Element.Options[0].Value
		}
	}
	t.Fatal("the argument modal has no values")
	return ""
}

// TestGoldenThreadMessages fixes the messages of the team's table: the
// decision waiting for a lead, the lead's DM before and after, the question
// modal, a paused root and a case closed by command.
func TestGoldenThreadMessages(t *testing.T) {
	r, e := goldenRenderer(t)
	for _, lang := range []cards.Lang{cards.NL, cards.EN} {
		decision := 0
		for i, st := range e.Cards().Steps() {
			if st.Item.Kind == cards.KindDecision {
				decision = i
			}
		}
		c := goldenCase(t, e, lang, decision, false)
		p, _ := e.Prompt(c)
		if _, err := e.Answer(c, dialogs.Input{Seq: p.Seq, Step: p.StepID, Choices: []string{"voorleggen"},
			Text: "Dit valt buiten mijn mandaat.", By: alice, Lead: false}); err != nil {
			t.Fatal(err)
		}
		esc, ok := c.PendingEscalation()
		if !ok {
			t.Fatal("not escalated")
		}
		p, _ = e.Prompt(c)
		blocks, text := r.Prompt(c, p)
		checkGolden(t, fmt.Sprintf("%s/prompt-escalated", lang), message{text, blocks})
		if len(fakeslack.Actions(mustJSON(t, blocks))) != 0 {
			t.Errorf("the escalated decision still has buttons")
		}
		blocks, text = r.Root(c)
		checkGolden(t, fmt.Sprintf("%s/root-escalated", lang), message{text, blocks})
		blocks, text = r.LeadAsk(c, esc, "https://fake.slack.test/archives/C0GOLDEN/p1700000000000100")
		checkGolden(t, fmt.Sprintf("%s/lead-ask", lang), message{text, blocks})
		m := render.Meta{CaseID: 42, Seq: c.Seq, Step: p.StepID, Lang: string(lang)}
		checkGolden(t, fmt.Sprintf("%s/modal-lead-question", lang), r.LeadQuestionModal(c, m))
		if _, err := e.Answer(c, dialogs.Input{Seq: c.Seq, Step: p.StepID, Choices: []string{"maatwerk"},
			Text: "Ik geef uitstel, omdat de fout bij ons lag, ondanks het precedent.", By: lead, Lead: true}); err != nil {
			t.Fatal(err)
		}
		blocks, text = r.LeadDone(c, &c.Escalations[0])
		checkGolden(t, fmt.Sprintf("%s/lead-done", lang), message{text, blocks})

		paused := goldenCase(t, e, lang, 3, false)
		if err := e.Pause(paused, alice, false); err != nil {
			t.Fatal(err)
		}
		blocks, text = r.Root(paused)
		checkGolden(t, fmt.Sprintf("%s/root-paused", lang), message{text, blocks})
		if err := e.CloseEarly(paused, alice, false, "De burger heeft het bezwaar ingetrokken."); err != nil {
			t.Fatal(err)
		}
		blocks, text = r.Summary(paused, "")
		checkGolden(t, fmt.Sprintf("%s/summary-closed-by-command", lang), message{text, blocks})
	}
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestClosingWhileEscalatedRetiresLeadDMs: a case closed while a team lead
// still has to decide takes the buttons out of the lead's DM.
func TestClosingWhileEscalatedRetiresLeadDMs(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Gesloten tijdens voorleggen")
	p := h.answerUntil(alice, root, "mw.choose.voorleggen")
	escalate(t, h, alice, p, "Dit gaat mijn mandaat te boven.")
	h.bot.Wait()
	dms := h.slack.Messages("D" + lead)
	if len(dms) != 1 || len(fakeslack.Actions(dms[0].Blocks)) == 0 {
		t.Fatalf("the lead's DM before closing: %+v", dms)
	}
	h.reply(alice, root, botMention+"sluit de burger trok de aanvraag in")
	h.bot.Wait()
	dm, _ := h.slack.Message("D"+lead, dms[0].TS)
	if len(fakeslack.Actions(dm.Blocks)) != 0 || !strings.Contains(text(dm), "afgesloten voordat er een besluit was") {
		t.Errorf("the lead's DM after closing: %s", dm.Blocks)
	}
}
