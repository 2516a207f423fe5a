package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestClosedChannelHoldsDeliveriesWithoutLosingTheCase (issue 17.7): when a
// case's channel is archived or the bot is removed from it (announced by
// Slack's event, or learnt from a refused post), the answer given since
// waits in the outbox, no problem is recorded, the case stays readable and
// findable, the log says so once; when the channel opens again the answer
// is shown.
func TestClosedChannelHoldsDeliveriesWithoutLosingTheCase(t *testing.T) {
	tests := []struct {
		name string
		// close closes the channel to the bot; reopen opens it again.
		close, reopen func(t *testing.T, h *harness)
		// tries is how many posts the outbox may try after close.
		tries int
	}{
		{"archived", func(t *testing.T, h *harness) {
			h.slack.SetArchived(channel, true)
			sendEvent(t, h, "EvArchive", map[string]any{"type": "channel_archive", "channel": channel, "user": lead})
		}, func(t *testing.T, h *harness) {
			h.slack.SetArchived(channel, false)
			sendEvent(t, h, "EvUnarchive", map[string]any{"type": "channel_unarchive", "channel": channel, "user": lead})
		}, 0},
		{"private channel archived", func(t *testing.T, h *harness) {
			h.slack.SetArchived(channel, true)
			sendEvent(t, h, "EvGArchive", map[string]any{"type": "group_archive", "channel": channel})
		}, func(t *testing.T, h *harness) {
			h.slack.SetArchived(channel, false)
			sendEvent(t, h, "EvGUnarchive", map[string]any{"type": "group_unarchive", "channel": channel})
		}, 0},
		{"bot removed", func(t *testing.T, h *harness) {
			h.slack.SetNotInChannel(channel)
			sendEvent(t, h, "EvLeft", map[string]any{"type": "member_left_channel", "user": fakeslack.BotUserID,
				"channel": channel, "channel_type": "C"})
		}, func(t *testing.T, h *harness) {
			h.slack.SetInChannel(channel)
			sendEvent(t, h, "EvJoined", map[string]any{"type": "member_joined_channel", "user": fakeslack.BotUserID,
				"channel": channel, "channel_type": "C", "inviter": lead})
		}, 0},
		{"archived, learnt from the post", func(t *testing.T, h *harness) {
			h.slack.SetArchived(channel, true)
		}, func(t *testing.T, h *harness) {
			h.slack.SetArchived(channel, false)
			sendEvent(t, h, "EvUnarchive2", map[string]any{"type": "channel_unarchive", "channel": channel, "user": lead})
		}, 1},
		{"bot removed, learnt from the post; back unannounced", func(t *testing.T, h *harness) {
			h.slack.SetNotInChannel(channel)
		}, func(t *testing.T, h *harness) {
			// Slack's member_joined_channel got lost: a new case's root
			// message, posted all the same, shows the way is open.
			h.slack.SetInChannel(channel)
			h.drive.Start(bob, "Nieuwe casus na terugkeer")
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil, "")
			root := h.drive.Start(alice, "Zeldzaamwoord kanaalleven")
			// Another member leaving changes nothing.
			sendEvent(t, h, "EvAliceLeft", map[string]any{"type": "member_left_channel", "user": alice,
				"channel": channel, "channel_type": "C"})
			if _, held := h.bot.out.Held(t.Context(), channel); held {
				t.Fatalf("held after a person left the channel")
			}
			before := len(h.slack.Calls())
			tt.close(t, h)
			p := clickAnswer(t, h, alice, root)
			h.bot.out.FlushOutbox(t.Context())
			h.bot.out.FlushOutbox(t.Context())

			if hold, held := h.bot.out.Held(t.Context(), channel); !held {
				t.Errorf("the channel is not held")
			} else if hold.Why == "" || hold.Since.IsZero() {
				t.Errorf("hold = %+v, want why and since", hold)
			}
			if h.store.OutboxLen() == 0 {
				t.Errorf("the answer's delivery was dropped")
			}
			if n := callsSince(h.slack, before, "chat.postMessage", "chat.update"); n > tt.tries {
				t.Errorf("%d posts tried in the closed channel, want at most %d", n, tt.tries)
			}
			c, err := h.store.CaseByThread(t.Context(), channel, root.TS)
			if err != nil {
				t.Fatalf("the case is gone: %v", err)
			}
			if len(c.Problems) != 0 {
				t.Errorf("problems recorded: %+v", c.Problems)
			}
			if _, later := commandAnswer(t, h, lead, channel, "zoek zeldzaamwoord"); !strings.Contains(later, c.Key()) {
				t.Errorf("search does not find the case of the closed channel: %s", later)
			}
			if n := strings.Count(h.logs.String(), "closed to the bot"); n != 1 {
				t.Errorf("%d log lines about the closed channel, want 1:\n%s", n, h.logs)
			}

			tt.reopen(t, h)
			h.slack.WaitFor(t, 5*time.Second, "the held answer shown", func() bool { return answered(h, p) })
			if _, held := h.bot.out.Held(t.Context(), channel); held {
				t.Errorf("still held after the channel opened")
			}
			if !strings.Contains(h.logs.String(), "open to the bot again") {
				t.Errorf("no log line about the channel opening again")
			}
		})
	}
}

// TestNewCaseInHeldChannelTellsTheStarter: a case started in a channel the
// bot was removed from is not held silently: its root message is tried,
// and the starter is told to invite the bot.
func TestNewCaseInHeldChannelTellsTheStarter(t *testing.T) {
	h := newHarness(t, nil, "")
	h.slack.SetNotInChannel(channel)
	sendEvent(t, h, "EvLeft", map[string]any{"type": "member_left_channel", "user": fakeslack.BotUserID, "channel": channel})
	h.drive.OK(h.send.Command("/maatwerk", alice, channel, "Casus in een kanaal zonder bot"))
	h.bot.Wait()
	h.slack.WaitFor(t, 5*time.Second, "the starter told", func() bool {
		for _, c := range h.slack.CallsTo("response_url") {
			if strings.Contains(c.Params["text"], "/invite") || strings.Contains(c.Params["text"], "uitnodig") {
				return true
			}
		}
		return false
	})
	if n, _ := h.store.CountCases(t.Context()); n != 0 {
		t.Errorf("%d cases kept that never got a thread", n)
	}
}

// TestHeldChannelDigestGoesToTheLeads (issue 17.7): the weekly digest of a
// channel closed to the bot goes to the team leads by DM, with a note why;
// also when the bot learns it from the refused post of the digest itself.
func TestHeldChannelDigestGoesToTheLeads(t *testing.T) {
	tests := []struct {
		name  string
		close func(t *testing.T, h *harness)
		ticks int
	}{
		{"archived", func(t *testing.T, h *harness) {
			sendEvent(t, h, "EvArchive", map[string]any{"type": "channel_archive", "channel": chanA, "user": lead})
		}, 1},
		{"archived, learnt from the post", func(*testing.T, *harness) {}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := amsterdam(t)
			path, _ := seedFile(t, loc)
			fs := fakeslack.New(t, testToken)
			fs.SetArchived(chanA, true)
			clock := &testClock{}
			clock.Set(novemberDigest(loc))
			h := digestHarness(t, fs, path, clock, loc, cards.NL)
			tt.close(t, h)
			for i := range tt.ticks + 2 {
				clock.Set(novemberDigest(loc).Add(time.Duration(i) * schedulerRetry))
				h.bot.sched.digestTick(context.Background())
			}
			if m := botMessages(fs, chanA); len(m) != 0 {
				t.Errorf("%d digests in the archived channel", len(m))
			}
			dm := botMessages(fs, "D"+lead)
			if len(dm) != 1 {
				t.Fatalf("the team lead got %d DMs, want the digest once", len(dm))
			}
			if !strings.Contains(dm[0].Text, "2026-W48") || !strings.Contains(string(dm[0].Blocks), "als privébericht") {
				t.Errorf("the DM is not the digest with the note: %s\n%s", dm[0].Text, dm[0].Blocks)
			}
			if hold, held := h.bot.out.Held(t.Context(), chanA); !held || hold.Why != store.HoldArchived {
				t.Errorf("hold = %+v, %v; want archived", hold, held)
			}
		})
	}
}
