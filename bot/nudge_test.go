package bot

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// nudgeHarness is a bot that nudges after 5 working days, on clock, with
// working days counted in Europe/Amsterdam.
func nudgeHarness(t *testing.T, fs *fakeslack.Server, dbPath string, clock *testClock) *harness {
	t.Helper()
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	return newHarness(t, fs, dbPath, func(c *Config) {
		c.Now, c.Sleep, c.Location, c.Lang, c.NudgeDays = clock.Now, clock.Sleep, ams, cards.NL, 5
	})
}

// dms returns the bot's messages in the DM with user.
func dms(fs *fakeslack.Server, user string) []fakeslack.Message {
	var out []fakeslack.Message
	for _, m := range fs.Messages("D" + user) {
		if m.User == fakeslack.BotUserID && !m.Deleted {
			out = append(out, m)
		}
	}
	return out
}

// tickOn sets clock to 10:00 Amsterdam time on day and runs the nudges.
func tickOn(t *testing.T, h *harness, clock *testClock, day string) {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, day, h.bot.cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	clock.Set(d.Add(10 * time.Hour))
	h.bot.sched.nudgeTick(context.Background())
	h.bot.Wait()
}

// A case quiet since Tuesday 22 December 2026 counts its working days over
// Christmas: 23, 24, 28, 29 and 30 December. Its starter is nudged once, on
// Thursday 31 December, not before (not on Christmas Day); the team lead
// once more, after five more working days (New Year's Day does not count):
// on Friday 8 January. A new bot on the same database nudges nobody again.
func TestNudgeOnceAfterFiveWorkingDaysNotOnAHoliday(t *testing.T) {
	clock := &testClock{}
	clock.Set(time.Date(2026, 12, 22, 10, 0, 0, 0, time.UTC))
	dbPath := filepath.Join(t.TempDir(), "maatwerk.db")
	h := nudgeHarness(t, nil, dbPath, clock)
	root := h.drive.Start(alice, "Bijzondere bijstand voor een wasmachine")
	c := h.caseOf(root)

	for _, day := range []string{"2026-12-23", "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-28", "2026-12-29", "2026-12-30"} {
		tickOn(t, h, clock, day)
		if n := len(dms(h.slack, alice)); n != 0 {
			t.Fatalf("on %s the starter has %d nudges, want none yet", day, n)
		}
	}
	tickOn(t, h, clock, "2026-12-31")
	got := dms(h.slack, alice)
	if len(got) != 1 {
		t.Fatalf("on 31 December the starter has %d nudges, want 1", len(got))
	}
	nudge := got[0]
	for _, want := range []string{c.Key(), "5 werkdagen", "22 december 2026", "Open vraag", "mw.nudge.go", "mw.nudge.pause", "mw.nudge.close"} {
		if !strings.Contains(text(nudge), want) {
			t.Errorf("the nudge lacks %q: %s", want, nudge.Blocks)
		}
	}
	if len(dms(h.slack, lead)) != 0 {
		t.Error("the team lead was nudged with the starter")
	}
	// Once: later ticks the same day and the days after send nothing new.
	for _, day := range []string{"2026-12-31", "2027-01-01", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07"} {
		tickOn(t, h, clock, day)
		if n := len(dms(h.slack, alice)); n != 1 {
			t.Fatalf("on %s the starter has %d nudges, want 1", day, n)
		}
		if n := len(dms(h.slack, lead)); n != 0 {
			t.Fatalf("on %s the team lead has %d nudges, want none yet", day, n)
		}
	}
	tickOn(t, h, clock, "2027-01-08")
	leadDMs := dms(h.slack, lead)
	if len(leadDMs) != 1 {
		t.Fatalf("on 8 January the team lead has %d nudges, want 1", len(leadDMs))
	}
	if s := text(leadDMs[0]); !strings.Contains(s, "<@"+alice+">") || !strings.Contains(s, "10 werkdagen") || !strings.Contains(s, "mw.nudge.open") {
		t.Errorf("the team lead's nudge: %s", leadDMs[0].Blocks)
	}
	c = h.caseOf(root)
	if len(c.Nudges) != 2 || !c.UpdatedAt.Equal(c.Nudges[0].Quiet) {
		t.Errorf("nudges %+v on a case updated %v: a nudge is no activity", c.Nudges, c.UpdatedAt)
	}

	// Restart: a new bot on the same database sends nothing again.
	h.stop()
	h2 := nudgeHarness(t, h.slack, dbPath, clock)
	tickOn(t, h2, clock, "2027-01-08")
	tickOn(t, h2, clock, "2027-01-11")
	if a, l := len(dms(h.slack, alice)), len(dms(h.slack, lead)); a != 1 || l != 1 {
		t.Errorf("after a restart the starter has %d nudges and the lead %d, want 1 each", a, l)
	}
}

// Activity ends the quiet: a case answered before its nudge was due is not
// nudged then, but five working days after that answer.
func TestNudgeCountsFromTheLastActivity(t *testing.T) {
	clock := &testClock{}
	clock.Set(time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)) // a Monday
	h := nudgeHarness(t, nil, "", clock)
	root := h.drive.Start(alice, "Kwijtschelding na faillissement")
	tickOn(t, h, clock, "2026-11-06")
	h.drive.Answer(alice, root) // Friday 6 November, 10:00
	for _, day := range []string{"2026-11-09", "2026-11-10", "2026-11-13"} {
		tickOn(t, h, clock, day)
		if n := len(dms(h.slack, alice)); n != 0 {
			t.Fatalf("on %s the starter has %d nudges, want none: the case was answered on the 6th", day, n)
		}
	}
	tickOn(t, h, clock, "2026-11-16")
	if n := len(dms(h.slack, alice)); n != 1 {
		t.Fatalf("on 16 November the starter has %d nudges, want 1", n)
	}
}

// The nudge's buttons: a colleague is refused politely; the starter pauses
// the case until a date with Pauzeer tot…, the thread is told, the nudge
// loses its buttons, and on that day the case wakes up, says so in the
// thread and asks its open question again. Sluit closes the case with a
// reason and posts its summary.
func TestNudgeButtonsPauseUntilAndClose(t *testing.T) {
	clock := &testClock{}
	clock.Set(time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC))
	h := nudgeHarness(t, nil, "", clock)
	root := h.drive.Start(alice, "Maatwerk bij de energietoeslag")
	tickOn(t, h, clock, "2026-11-10")
	got := dms(h.slack, alice)
	if len(got) != 1 {
		t.Fatalf("%d nudges, want 1", len(got))
	}
	nudge := got[0]
	pause, ok := bottest.Find(nudge, "mw.nudge.pause")
	if !ok {
		t.Fatalf("no pause button: %s", nudge.Blocks)
	}

	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(bob, nudge, pause, "", nil))
	h.bot.Wait()
	if len(h.slack.Views()) != views {
		t.Error("a colleague opened the pause form of someone else's case")
	}
	if !lastContains(h.responses(), "Alleen wie de casus startte") {
		t.Errorf("the colleague was not told why: %q", h.responses())
	}

	h.drive.OK(h.send.Click(alice, nudge, pause, "", nil))
	h.drive.OK(h.send.Submit(alice, h.drive.LastView(views), map[string]map[string]string{
		"until": {"input": "date:2026-11-17"}, "text": {"input": "Ik wacht op het advies van de jurist."}}))
	h.bot.Wait()
	c := h.caseOf(root)
	until, ok := c.PausedUntil()
	if c.Status != record.StatusPaused || !ok || until.Format(time.DateOnly) != "2026-11-17" {
		t.Fatalf("status %s, paused until %v (%v)", c.Status, until, ok)
	}
	if !threadHas(h, root, "op pauze tot 17 november 2026") || !threadHas(h, root, "advies van de jurist") {
		t.Error("the thread was not told about the pause and its reason")
	}
	h.slack.WaitFor(t, 5*time.Second, "the nudge to lose its buttons", func() bool {
		m, _ := h.slack.Message(nudge.Channel, nudge.TS)
		return len(bottest.Controls(m.Blocks)) == 0 && strings.Contains(text(m), "pauzeerde de casus tot 17 november 2026")
	})

	// A paused case is not nudged; on the day it wakes up.
	tickOn(t, h, clock, "2026-11-16")
	if c := h.caseOf(root); c.Status != record.StatusPaused {
		t.Fatalf("woken the day before: %s", c.Status)
	}
	prompts := len(h.slack.Thread(channel, root.TS))
	// Not in the night: from the start of the working day.
	early, _ := time.ParseInLocation(time.DateTime, "2026-11-17 07:30:00", h.bot.cfg.Location)
	clock.Set(early)
	h.bot.sched.nudgeTick(context.Background())
	h.bot.Wait()
	if c := h.caseOf(root); c.Status != record.StatusPaused {
		t.Fatalf("woken at 07:30: %s", c.Status)
	}
	tickOn(t, h, clock, "2026-11-17")
	if c := h.caseOf(root); c.Status != record.StatusOpen {
		t.Fatalf("not woken on the day: %s", c.Status)
	}
	if !threadHas(h, root, "De pauze tot 17 november 2026 is voorbij") {
		t.Error("the thread was not told the case woke up")
	}
	h.drive.OpenPrompt(root)
	if len(h.slack.Thread(channel, root.TS)) < prompts+2 {
		t.Error("the open question was not asked again below the notice")
	}
	tickOn(t, h, clock, "2026-11-18")
	if n := strings.Count(threadText(h, root), "is voorbij"); n != 1 {
		t.Errorf("the wake-up was told %d times", n)
	}

	// Five working days after waking: a new nudge, and Sluit closes.
	tickOn(t, h, clock, "2026-11-25")
	got = dms(h.slack, alice)
	if len(got) != 2 {
		t.Fatalf("%d nudges after the wake-up, want 2", len(got))
	}
	closeBtn, _ := bottest.Find(got[1], "mw.nudge.close")
	views = len(h.slack.Views())
	h.drive.OK(h.send.Click(alice, got[1], closeBtn, "", nil))
	h.drive.OK(h.send.Submit(alice, h.drive.LastView(views), map[string]map[string]string{
		"text": {"input": "De inwoner verhuisde naar een andere gemeente."}}))
	h.bot.Wait()
	c = h.caseOf(root)
	if c.Status != record.StatusClosed || c.Closure == nil || !c.Closure.Early || c.Closure.By != alice {
		t.Fatalf("status %s, closure %+v", c.Status, c.Closure)
	}
	h.slack.WaitFor(t, 5*time.Second, "the summary", func() bool { _, ok := h.drive.Summary(root); return ok })
}

// threadText is the text of every message in root's thread.
func threadText(h *harness, root fakeslack.Message) string {
	var b strings.Builder
	for _, m := range h.slack.Thread(channel, root.TS) {
		b.WriteString(m.Text + "\n" + text(m) + "\n")
	}
	return b.String()
}

func threadHas(h *harness, root fakeslack.Message, want string) bool {
	return strings.Contains(threadText(h, root), want)
}

// Nudges are off with NudgeDays 0, but a pause until a date still ends.
func TestNoNudgesWhenSwitchedOff(t *testing.T) {
	clock := &testClock{}
	clock.Set(time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC))
	h := newHarness(t, nil, "", func(c *Config) { c.Now, c.Sleep, c.NudgeDays = clock.Now, clock.Sleep, 0 })
	h.drive.Start(alice, "Schuldhulp zonder inkomen")
	for d := 1; d <= 30; d++ {
		clock.Set(time.Date(2026, 11, 2+d, 10, 0, 0, 0, time.UTC))
		h.bot.sched.nudgeTick(context.Background())
	}
	h.bot.Wait()
	if n := len(dms(h.slack, alice)); n != 0 {
		t.Errorf("%d nudges with nudges off", n)
	}
}

// A bot killed between posting a nudge and recording it does not send it
// again after the restart: the nudge was marked as being sent before the
// post, and Slack may have it.
func TestNudgeNotSentTwiceAfterAKillDuringThePost(t *testing.T) {
	clock := &testClock{}
	clock.Set(time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC))
	dbPath := filepath.Join(t.TempDir(), "maatwerk.db")
	h := nudgeHarness(t, nil, dbPath, clock)
	root := h.drive.Start(alice, "Huurschuld na scheiding")
	h.bot.sched.digest.afterPost = func() error { return errors.New("killed") }
	tickOn(t, h, clock, "2026-11-10")
	if n := len(dms(h.slack, alice)); n != 1 {
		t.Fatalf("%d nudges posted, want 1", n)
	}
	c := h.caseOf(root)
	if got := c.Post(record.NudgePostKey(1, alice)); got != record.NudgeSending {
		t.Fatalf("the nudge is recorded as %q, want it marked as being sent", got)
	}
	h.stop()
	h2 := nudgeHarness(t, h.slack, dbPath, clock)
	tickOn(t, h2, clock, "2026-11-10")
	tickOn(t, h2, clock, "2026-11-11")
	if n := len(dms(h.slack, alice)); n != 1 {
		t.Errorf("after the restart the starter has %d nudges, want 1", n)
	}
}
