package bot

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestEraseCase: only a team lead may erase a case, after confirming; the
// case is then gone from the database file, the bot's messages about it
// leave the channel and the thread says who erased it.
func TestEraseCase(t *testing.T) {
	db := t.TempDir() + "/m.db"
	h := newHarness(t, nil, db)
	root := h.drive.Start(alice, "Zeldzaamwoord schuldhulp te verwijderen")
	for range 3 {
		h.drive.Answer(alice, root)
	}
	other := h.drive.Start(alice, "Casus die blijft")
	h.bot.Wait()
	c, err := h.store.CaseByThread(context.Background(), channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}

	// A caseworker is refused; a case id of another channel is unknown.
	if rep := commandReply(t, h, alice, "verwijder "+c.Key()); !strings.Contains(rep.Text, "Alleen een teamleider") {
		t.Errorf("non-lead: %q", rep.Text)
	}
	r := h.drive.OK(h.send.Command("/maatwerk", lead, "C0ELSEWHERE", "verwijder "+c.Key()))
	if !strings.Contains(string(r.Body), "Ik ken geen casus "+c.Key()) {
		t.Errorf("from another channel: %s", r.Body)
	}
	if rep := commandReply(t, h, lead, "verwijder"); !strings.Contains(rep.Text, "Welke casus?") {
		t.Errorf("without id: %q", rep.Text)
	}

	// The lead is asked first; cancelling erases nothing.
	ask := commandReply(t, h, lead, "verwijder "+strings.ToLower(c.Key()))
	acts := fakeslack.Actions(ask.Blocks)
	if len(acts) != 2 || acts[0].ActionID != actEraseConfirm || acts[1].ActionID != actEraseCancel {
		t.Fatalf("confirmation buttons: %+v (%s)", acts, ask.Text)
	}
	msg := fakeslack.Message{Channel: channel, TS: "1700000000.000009", User: lead, Blocks: ask.Blocks, Text: ask.Text}
	h.drive.OK(h.send.Click(lead, msg, acts[1], "", nil))
	h.bot.Wait()
	if _, err := h.store.Case(context.Background(), c.ID); err != nil {
		t.Fatalf("cancel erased the case: %v", err)
	}
	// A colleague clicking the lead's button (a forwarded payload) is refused.
	h.drive.OK(h.send.Click(bob, msg, acts[0], "", nil))
	h.bot.Wait()
	if _, err := h.store.Case(context.Background(), c.ID); err != nil {
		t.Fatalf("a non-lead's click erased the case: %v", err)
	}

	h.drive.OK(h.send.Click(lead, msg, acts[0], "", nil))
	h.bot.Wait()
	if _, err := h.store.Case(context.Background(), c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("case after erasing: %v", err)
	}
	if _, err := h.store.CaseByThread(context.Background(), channel, other.TS); err != nil {
		t.Errorf("the other case suffered: %v", err)
	}
	h.slack.WaitFor(t, 5*time.Second, "the thread notice", func() bool {
		for _, m := range h.slack.Thread(channel, root.TS) {
			if m.User == fakeslack.BotUserID && !m.Deleted && strings.Contains(m.Text, "is verwijderd door <@"+lead+">") {
				return true
			}
		}
		return false
	})
	for _, m := range h.slack.Thread(channel, root.TS) {
		if m.User == fakeslack.BotUserID && !m.Deleted && strings.Contains(string(m.Blocks), "Zeldzaamwoord") {
			t.Errorf("a bot message still shows the erased case: %s", m.Blocks)
		}
	}
	if got := h.drive.Root(root); strings.Contains(string(got.Blocks), "Zeldzaamwoord") {
		t.Errorf("root message still shows the title: %s", got.Blocks)
	}
	h.stop()
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("Zeldzaamwoord")) {
		t.Error("the erased case's title is still in the database file")
	}
}
