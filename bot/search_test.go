package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

const otherChannel = "C0ANDERS02"

// seedCase stores a case walked over the real content up to step stop (to
// the end when stop < 0) in channel, with a thread, and returns it.
func seedSearchCase(t *testing.T, h *harness, channel, title, by string, stop int, closeEarly bool) *record.Case {
	t.Helper()
	e := h.bot.engine
	c := goldenCase(t, e, cards.NL, stop, closeEarly)
	c.Channel, c.Title, c.StartedBy, c.Team = channel, title, by, fakeslack.TeamID
	c.Thread = fmt.Sprintf("17000%05d.000100", len(h.slack.Calls())+int(time.Now().UnixNano()%100000))
	if err := h.store.CreateCase(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// commandAnswer sends a slash command and returns the immediate reply's
// text and, when the bot answers later through the response_url, that
// answer's text plus blocks as JSON.
func commandAnswer(t *testing.T, h *harness, user, channel, text string) (immediate, later string) {
	t.Helper()
	before := len(h.slack.CallsTo("response_url"))
	r := h.drive.OK(h.send.Command("/maatwerk", user, channel, text))
	if len(r.Body) > 0 {
		var rep reply
		if err := json.Unmarshal(r.Body, &rep); err == nil {
			immediate = rep.Text
		}
	}
	if immediate != "" {
		return immediate, ""
	}
	h.slack.WaitFor(t, 5*time.Second, "an answer through the response_url", func() bool {
		return len(h.slack.CallsTo("response_url")) > before
	})
	h.bot.Wait()
	calls := h.slack.CallsTo("response_url")
	call := calls[before]
	if call.Error != "" {
		t.Fatalf("response_url answered %s: %s", call.Error, call.Body)
	}
	if call.Params["response_type"] != "ephemeral" {
		t.Errorf("answer is %q, want ephemeral", call.Params["response_type"])
	}
	return "", call.Params["text"] + "\n" + call.Params["blocks"]
}

func TestSearchCommand(t *testing.T) {
	h := newHarness(t, nil, "")
	evict := seedSearchCase(t, h, channel, "Verhuiskosten na huisuitzetting", alice, -1, false)
	open := seedSearchCase(t, h, channel, "Eigen bijdrage Wmo bij mantelzorg", bob, 3, false)
	elsewhere := seedSearchCase(t, h, otherChannel, "Verhuiskosten in een ander team", alice, -1, false)
	early := seedSearchCase(t, h, channel, "Boete na te laat melden", alice, -1, true)

	tests := []struct {
		name      string
		channel   string
		query     string
		want      []*record.Case
		notWant   []*record.Case
		wantTexts []string
	}{
		{"title word", channel, "verhuiskosten", []*record.Case{evict}, []*record.Case{elsewhere, open},
			[]string{"Besluit:", "Onderbouwing:", "onevenredig zijn, ondanks het risico op precedent", "Signalen:"}},
		{"other channel sees only its own", otherChannel, "verhuiskosten", []*record.Case{elsewhere}, []*record.Case{evict}, nil},
		{"accents and case folded", channel, "VERHUISKOSTEN HUISUITZETTING", []*record.Case{evict}, nil, nil},
		{"signal by the card's words (nl)", channel, "haaks", []*record.Case{evict, open, early}, nil, nil},
		{"signal by the card's words (en)", channel, "purpose of the rule", []*record.Case{evict, open, early}, nil, nil},
		{"open case without decision", channel, "mantelzorg", []*record.Case{open}, nil, []string{"nog geen besluit"}},
		{"closed early", channel, "boete", []*record.Case{early}, nil, []string{"Vroeg afgesloten:"}},
		{"no hits gives tips", channel, "xylofoon", nil, []*record.Case{evict, open, elsewhere, early},
			[]string{"Geen casus in dit kanaal past bij", "Tips:", "/maatwerk lijst alle"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now, later := commandAnswer(t, h, alice, tt.channel, "zoek "+tt.query)
			if now != "" {
				t.Fatalf("immediate answer %q, want the results later", now)
			}
			for _, c := range tt.want {
				if !strings.Contains(later, c.Key()) {
					t.Errorf("%s (%s) missing from:\n%s", c.Key(), c.Title, later)
				}
				link := "archives/" + c.Channel + "/p" + strings.ReplaceAll(c.Thread, ".", "")
				if !strings.Contains(later, link) {
					t.Errorf("no link %s to the thread of %s", link, c.Key())
				}
			}
			for _, c := range tt.notWant {
				if strings.Contains(later, c.Key()+" ") {
					t.Errorf("%s (%s) should not be found:\n%s", c.Key(), c.Title, later)
				}
			}
			for _, s := range tt.wantTexts {
				if !strings.Contains(later, s) {
					t.Errorf("answer lacks %q:\n%s", s, later)
				}
			}
		})
	}

	t.Run("best match first", func(t *testing.T) {
		// "verhuiskosten" in a title beats the word in an argument only.
		arg := seedSearchCase(t, h, channel, "Studiekosten", bob, -1, false)
		if _, err := h.store.UpdateCase(context.Background(), arg.ID, func(c *record.Case) error {
			c.Arguments = append(c.Arguments, record.Argument{N: 9, Pro: true, Text: "Net als bij verhuiskosten", By: bob})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		_, later := commandAnswer(t, h, bob, channel, "search verhuiskosten")
		i, j := strings.Index(later, evict.Key()), strings.Index(later, arg.Key())
		if i < 0 || j < 0 || i > j {
			t.Errorf("want %s (title) before %s (argument):\n%s", evict.Key(), arg.Key(), later)
		}
	})

	t.Run("no words: usage at once", func(t *testing.T) {
		now, _ := commandAnswer(t, h, alice, channel, "zoek")
		if !strings.Contains(now, "/maatwerk zoek <woorden") {
			t.Errorf("usage = %q", now)
		}
	})
}

func TestListCommand(t *testing.T) {
	h := newHarness(t, nil, "")
	open := seedSearchCase(t, h, channel, "Open casus", alice, 2, false)
	done := seedSearchCase(t, h, channel, "Afgeronde casus", alice, -1, false)
	other := seedSearchCase(t, h, otherChannel, "Casus elders", alice, 2, false)

	_, later := commandAnswer(t, h, bob, channel, "lijst")
	for _, want := range []string{open.Key(), "Open casus", "archives/" + channel, "laatste activiteit", "Stap 3 van"} {
		if !strings.Contains(later, want) {
			t.Errorf("lijst lacks %q:\n%s", want, later)
		}
	}
	for _, c := range []*record.Case{done, other} {
		if strings.Contains(later, c.Key()+" ") {
			t.Errorf("lijst shows %s:\n%s", c.Key(), later)
		}
	}
	_, later = commandAnswer(t, h, bob, channel, "list all")
	if !strings.Contains(later, open.Key()) || !strings.Contains(later, done.Key()) || strings.Contains(later, other.Key()+" ") {
		t.Errorf("lijst alle:\n%s", later)
	}
	_, later = commandAnswer(t, h, bob, "C0LEEG0003", "lijst")
	if !strings.Contains(later, "Geen open casussen in dit kanaal") {
		t.Errorf("empty channel:\n%s", later)
	}
}

func TestSearchQueryLabels(t *testing.T) {
	h := newHarness(t, nil, "")
	q := h.bot.look.searchQuery("onevenredig zwaar") // words of one label: one term
	if len(q.Terms) != 1 {
		t.Fatalf("terms %+v", q.Terms)
	}
	if w := q.Terms[0].Codes["signalen/uitkomst:onevenredig"]; w != weightSignalLabel {
		t.Errorf("onevenredig → signalen/uitkomst:onevenredig weight %d, want %d (codes %v)", w, weightSignalLabel, q.Terms[0].Codes)
	}
	for code := range q.Terms[0].Codes {
		if strings.Contains(code, "ja") && strings.HasSuffix(code, ":ja") {
			t.Errorf("yes/no answers must not be matched by label: %s", code)
		}
	}
	generic := h.bot.look.searchQuery("regel").Terms[0].Codes
	if len(generic) <= maxLabelCodes {
		t.Fatalf("regel names %d options; the test wants a word common in the cards", len(generic))
	}
	for c, w := range generic {
		if w != weightGenericLabel {
			t.Errorf("regel → %s weight %d, want %d (too common to weigh more)", c, w, weightGenericLabel)
		}
	}
	phrase := h.bot.look.searchQuery("purpose of the rule")
	if len(phrase.Terms) != 1 || phrase.Terms[0].Word != "purpose of the rule" ||
		phrase.Terms[0].Codes["signalen/uitkomst:strijdig-met-doel"] != weightSignalLabel {
		t.Errorf("a label phrase: %+v", phrase.Terms)
	}
	if got := len(h.bot.look.searchQuery("verhuiskosten huisuitzetting").Terms); got != 2 {
		t.Errorf("two words that are no label: %d terms, want 2", got)
	}
	if got := len(h.bot.look.searchQuery("  ").Terms); got != 0 {
		t.Errorf("blank query has %d terms", got)
	}
	var decision string
	for _, st := range h.bot.engine.Cards().Steps() {
		if st.Item.Kind == cards.KindDecision {
			decision = st.ID + ":" + st.Options[0].ID
			label := store.Words(st.Options[0].Text.In(cards.EN))[0]
			if w := h.bot.look.searchQuery(label).Terms[0].Codes[decision]; w != weightDecisionLabel {
				t.Errorf("%q → %s weight %d, want %d", label, decision, w, weightDecisionLabel)
			}
		}
	}
	if decision == "" {
		t.Fatal("the cards have no decision step")
	}
}

// fileRows parses an uploaded CSV export.
func waitFile(t *testing.T, h *harness, n int) fakeslack.File {
	t.Helper()
	h.slack.WaitFor(t, 5*time.Second, "an uploaded file", func() bool {
		fs := h.slack.Files()
		return len(fs) >= n && fs[n-1].Completed
	})
	return h.slack.Files()[n-1]
}
