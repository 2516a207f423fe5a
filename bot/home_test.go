package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// openHome sends app_home_opened for user and returns the published view
// as JSON.
func openHome(t *testing.T, h *harness, user, eventID string) string {
	t.Helper()
	before := len(h.slack.CallsTo("views.publish"))
	h.drive.OK(h.send.Event(eventID, map[string]any{
		"type": "app_home_opened", "user": user, "channel": "D" + user, "tab": "home",
		"event_ts": "1700000000.000001",
	}, 0))
	h.slack.WaitFor(t, 5*time.Second, "views.publish", func() bool {
		return len(h.slack.CallsTo("views.publish")) > before
	})
	h.bot.Wait()
	call := h.slack.CallsTo("views.publish")[before]
	if call.Error != "" {
		t.Fatalf("views.publish: %s\n%s", call.Error, call.Body)
	}
	if call.Params["user_id"] != user {
		t.Errorf("published for %s, want %s", call.Params["user_id"], user)
	}
	var view struct {
		Type   string            `json:"type"`
		Blocks []json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(call.Params["view"]), &view); err != nil {
		t.Fatal(err)
	}
	if view.Type != "home" || len(view.Blocks) > render.MaxHomeBlocks {
		t.Errorf("view type %s with %d blocks", view.Type, len(view.Blocks))
	}
	return call.Params["view"]
}

// section of the Home between two headers.
func homeSection(view, header string) string {
	i := strings.Index(view, header)
	if i < 0 {
		return ""
	}
	rest := view[i+len(header):]
	if j := strings.Index(rest, `"type":"header"`); j >= 0 {
		return rest[:j]
	}
	return rest
}

func TestAppHome(t *testing.T) {
	h := newHarness(t, nil, "")
	decisionStep := -1
	for _, st := range h.bot.engine.Cards().Steps() {
		if st.Item.Kind == cards.KindDecision {
			decisionStep = st.Index
		}
	}
	aliceOpen := seedSearchCase(t, h, channel, "Alice open", alice, 2, false)
	aliceAtDecision := seedSearchCase(t, h, channel, "Alice bij besluit", alice, decisionStep, false)
	bobDecided := seedSearchCase(t, h, channel, "Bob besloten", bob, -1, false) // alice answered its steps: she took part
	bobAtDecision := seedSearchCase(t, h, otherChannel, "Bob bij besluit", bob, decisionStep, false)
	quiet := seedSearchCase(t, h, "C0STIL0004", "Elders besloten", "UANDER005", -1, false)
	for _, c := range []*record.Case{bobAtDecision, quiet} {
		// Nobody else took part in these.
		if _, err := h.store.UpdateCase(t.Context(), c.ID, func(c *record.Case) error {
			for i := range c.Answers {
				c.Answers[i].By = c.StartedBy
			}
			c.Arguments = nil
			if c.Decision != nil {
				c.Decision.By = c.StartedBy
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("caseworker", func(t *testing.T) {
		view := openHome(t, h, alice, "EvHOME0001")
		mine := homeSection(view, "Mijn open casussen")
		for _, c := range []*record.Case{aliceOpen, aliceAtDecision} {
			if !strings.Contains(mine, c.Key()) {
				t.Errorf("my open cases lack %s: %s", c.Key(), mine)
			}
		}
		if strings.Contains(mine, bobDecided.Key()) {
			t.Errorf("a closed case among my open ones: %s", mine)
		}
		waiting := homeSection(view, "Wachten op mijn besluit")
		if !strings.Contains(waiting, aliceAtDecision.Key()) || strings.Contains(waiting, aliceOpen.Key()) ||
			strings.Contains(waiting, bobAtDecision.Key()) {
			t.Errorf("waiting for my decision: %s", waiting)
		}
		decisions := homeSection(view, "Recente besluiten in mijn kanalen")
		if !strings.Contains(decisions, bobDecided.Key()) || !strings.Contains(decisions, "Maatwerk toepassen") ||
			strings.Contains(decisions, quiet.Key()) {
			t.Errorf("recent decisions: %s", decisions)
		}
		if !strings.Contains(view, "archives/"+channel+"/p") {
			t.Error("no links to the threads")
		}
		cardsPart := homeSection(view, "De kaarten")
		for _, want := range []string{"Signalenkaart", "/maatwerk kaart signalen", "/maatwerk kaart argumenten"} {
			if !strings.Contains(cardsPart, want) {
				t.Errorf("cards section lacks %q", want)
			}
		}
	})

	t.Run("team lead sees every case at the decision step in their channels", func(t *testing.T) {
		// The lead took part in alice's cases (golden cases give lead an argument).
		view := openHome(t, h, lead, "EvHOME0002")
		waiting := homeSection(view, "Wachten op mijn besluit")
		if !strings.Contains(waiting, aliceAtDecision.Key()) {
			t.Errorf("lead's waiting list lacks %s: %s", aliceAtDecision.Key(), waiting)
		}
		if strings.Contains(waiting, bobAtDecision.Key()) {
			t.Errorf("lead's waiting list has %s from a channel they took no part in: %s", bobAtDecision.Key(), waiting)
		}
	})

	t.Run("a newcomer", func(t *testing.T) {
		view := openHome(t, h, "UNIEUW006", "EvHOME0003")
		for _, want := range []string{"Je hebt geen open casussen.", "Er wacht geen casus op jouw besluit.", "Nog geen besluiten"} {
			if !strings.Contains(view, want) {
				t.Errorf("newcomer's Home lacks %q", want)
			}
		}
	})

	t.Run("messages tab publishes nothing", func(t *testing.T) {
		before := len(h.slack.CallsTo("views.publish"))
		h.drive.OK(h.send.Event("EvHOME0004", map[string]any{"type": "app_home_opened", "user": alice, "tab": "messages"}, 0))
		h.bot.Wait()
		if n := len(h.slack.CallsTo("views.publish")); n != before {
			t.Errorf("views.publish called for the messages tab")
		}
	})
}

// TestHomeShowsEscalatedCaseToTheLead: a case put to the team leads is on
// each lead's Home under "waiting for my decision", also for a lead who
// never took part in that channel.
func TestHomeShowsEscalatedCaseToTheLead(t *testing.T) {
	const lead2 = "ULEAD0004"
	h := newHarness(t, nil, "", func(c *Config) { c.TeamLeads = []string{lead, lead2} })
	root := h.drive.Start(alice, "Voorgelegd aan twee teamleiders")
	p := h.answerUntil(alice, root, "mw.choose.voorleggen")
	before := homeSection(openHome(t, h, lead2, "EvHOME1"), "Wachten op mijn besluit")
	if strings.Contains(before, "Voorgelegd aan twee teamleiders") {
		t.Fatalf("the case waits for lead2 before it was put to them: %s", before)
	}
	escalate(t, h, alice, p, "Dit gaat mijn mandaat te boven.")
	h.bot.Wait()
	for i, l := range []string{lead, lead2} {
		waiting := homeSection(openHome(t, h, l, fmt.Sprintf("EvHOME%d", i+2)), "Wachten op mijn besluit")
		if !strings.Contains(waiting, "Voorgelegd aan twee teamleiders") {
			t.Errorf("%s's Home does not list the escalated case as waiting: %s", l, waiting)
		}
	}
}
