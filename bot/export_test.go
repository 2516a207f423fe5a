package bot

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/directory"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export"
)

func TestExportCommand(t *testing.T) {
	h := newHarness(t, nil, "")
	done := seedSearchCase(t, h, channel, "Verhuiskosten na huisuitzetting", alice, -1, false)
	open := seedSearchCase(t, h, channel, "=HYPERLINK(\"x\") als titel", bob, 3, false)
	elsewhere := seedSearchCase(t, h, otherChannel, "Casus van een ander team", alice, -1, false)

	t.Run("refused for a caseworker", func(t *testing.T) {
		_, later := commandAnswer(t, h, alice, channel, "export")
		if !strings.Contains(later, "Alleen teamleiders kunnen casussen exporteren") {
			t.Errorf("refusal = %q", later)
		}
		if n := len(h.slack.Files()); n != 0 {
			t.Fatalf("%d files uploaded for a caseworker", n)
		}
	})

	t.Run("csv to the lead's DM, this channel only", func(t *testing.T) {
		_, later := commandAnswer(t, h, lead, channel, "export csv")
		if !strings.Contains(later, "2 casussen") || !strings.Contains(later, "privéberichten") {
			t.Errorf("confirmation = %q", later)
		}
		f := waitFile(t, h, 1)
		if f.Channel != "D"+lead {
			t.Errorf("file shared in %q, want the lead's DM D%s", f.Channel, lead)
		}
		if !strings.HasSuffix(f.Name, ".csv") || !strings.Contains(f.InitialComment, "<#"+channel+">") {
			t.Errorf("file %q, comment %q", f.Name, f.InitialComment)
		}
		rows, err := csv.NewReader(bytes.NewReader(f.Content)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], export.Columns()) {
			t.Errorf("header %q", rows[0])
		}
		if len(rows) != 3 {
			t.Fatalf("%d rows, want header + 2:\n%s", len(rows), f.Content)
		}
		byID := map[string][]string{}
		for _, r := range rows[1:] {
			byID[r[0]] = r
		}
		if _, ok := byID[elsewhere.Key()]; ok {
			t.Errorf("the export holds %s of another channel", elsewhere.Key())
		}
		d := byID[done.Key()]
		if d == nil {
			t.Fatalf("no row for %s", done.Key())
		}
		col := func(row []string, name string) string { return row[slices.Index(export.Columns(), name)] }
		if col(d, "decision") != "Maatwerk toepassen" || col(d, "decided_by") != alice || col(d, "status") != "closed" ||
			col(d, "pro count") != "1" || col(d, "contra count") != "1" || col(d, "variant") == "" ||
			!strings.Contains(col(d, "signals present"), "; ") || !strings.Contains(col(d, "participants"), lead) {
			t.Errorf("row of %s: %q", done.Key(), d)
		}
		o := byID[open.Key()]
		if o == nil || col(o, "title") != "'"+open.Title || col(o, "decision") != "" || col(o, "status") != "open" {
			t.Errorf("row of %s (a formula-like title is defused): %q", open.Key(), o)
		}
	})

	t.Run("json", func(t *testing.T) {
		_, later := commandAnswer(t, h, lead, otherChannel, "export json")
		if !strings.Contains(later, "1 casus ") {
			t.Errorf("confirmation = %q", later)
		}
		f := waitFile(t, h, 2)
		var got []export.Case
		if err := json.Unmarshal(f.Content, &got); err != nil {
			t.Fatalf("%v:\n%s", err, f.Content)
		}
		if len(got) != 1 || got[0].ID != elsewhere.Key() || got[0].Channel != otherChannel || got[0].Decision == nil ||
			len(got[0].Phases) == 0 || len(got[0].Pro) != 1 {
			t.Errorf("json export: %+v", got)
		}
	})

	t.Run("empty channel and bad format", func(t *testing.T) {
		_, later := commandAnswer(t, h, lead, "C0LEEG0003", "export")
		if !strings.Contains(later, "geen casussen om te exporteren") {
			t.Errorf("empty: %q", later)
		}
		now, _ := commandAnswer(t, h, lead, channel, "export xlsx")
		if !strings.Contains(now, "export csv") {
			t.Errorf("bad format: %q", now)
		}
		if n := len(h.slack.Files()); n != 2 {
			t.Errorf("%d files, want 2", n)
		}
	})

	t.Run("a member of the lead group", func(t *testing.T) {
		h.bot.dir.SetLeads([]string{lead}, "S0LEADS01")
		h.slack.SetUserGroup("S0LEADS01", bob)
		_, later := commandAnswer(t, h, bob, channel, "export")
		if !strings.Contains(later, "2 casussen") {
			t.Errorf("group member: %q", later)
		}
		if f := waitFile(t, h, 3); f.Channel != "D"+bob {
			t.Errorf("file in %s", f.Channel)
		}
		_, later = commandAnswer(t, h, alice, channel, "export")
		if !strings.Contains(later, "Alleen teamleiders") {
			t.Errorf("non-member: %q", later)
		}
	})
}

func TestIsLeadCtx(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	h := newHarness(t, nil, "", func(c *Config) {
		c.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	})
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	ctx := context.Background()
	check := func(user string, want bool) {
		t.Helper()
		got, err := h.bot.dir.IsLeadCtx(ctx, user)
		if err != nil || got != want {
			t.Errorf("isLeadCtx(%s) = %v, %v; want %v", user, got, err, want)
		}
	}
	calls := func() int { return len(h.slack.CallsTo("usergroups.users.list")) }

	check(lead, true) // from MAATWERK_TEAM_LEADS
	check(bob, false) // no group configured
	if calls() != 0 {
		t.Fatalf("asked Slack without a group")
	}

	h.bot.dir.SetLeads([]string{lead}, "S0LEADS01")
	h.slack.SetUserGroup("S0LEADS01", bob)
	check(bob, true)
	check(alice, false)
	check(lead, true)
	if calls() != 1 {
		t.Errorf("%d usergroups.users.list calls, want 1 (cached)", calls())
	}
	h.slack.SetUserGroup("S0LEADS01", alice)
	advance(directory.LeadGroupTTL - time.Second)
	check(bob, true) // still cached
	advance(time.Second)
	check(bob, false)
	check(alice, true)
	if calls() != 2 {
		t.Errorf("%d usergroups.users.list calls, want 2", calls())
	}

	advance(directory.LeadGroupTTL)
	h.slack.FailNext("usergroups.users.list", 1, fakeslack.Fault{Error: "missing_scope"})
	if ok, err := h.bot.dir.IsLeadCtx(ctx, alice); ok || err == nil {
		t.Errorf("on a Slack error: %v, %v; want false and the error", ok, err)
	}
	check(alice, true) // asked again next time
	if ok, err := h.bot.dir.IsLeadCtx(ctx, ""); ok || err != nil {
		t.Errorf("empty user: %v, %v", ok, err)
	}
}

// TestLeadGroupMemberDecides: a member of MAATWERK_TEAM_LEAD_GROUP may
// record the decision of someone else's case, through the real handlers;
// a colleague outside the group may not.
func TestLeadGroupMemberDecides(t *testing.T) {
	h := newHarness(t, nil, "", func(c *Config) { c.TeamLeadGroup = "S0LEADS01" })
	h.slack.SetUserGroup("S0LEADS01", bob)
	const carol = "UCAROL004"
	root := h.drive.Start(alice, "Terugvordering na erfenis")
	for _, st := range h.bot.engine.Cards().Steps() {
		if st.Item.Kind == cards.KindDecision {
			break
		}
		h.drive.Answer(alice, root)
	}
	p := h.drive.OpenPrompt(root)
	if !strings.Contains(string(p.Blocks), "mw.choose.") {
		t.Fatalf("the open question is not the decision: %s", p.Blocks)
	}
	// Carol (no lead) is refused.
	act, _ := bottest.Find(p, "mw.choose.")
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(carol, p, act, "", nil))
	h.slack.WaitFor(t, 5*time.Second, "a modal or a refusal", func() bool {
		return len(h.slack.Views()) > views || len(h.slack.CallsTo("response_url")) > 0
	})
	if len(h.slack.Views()) > views {
		h.drive.OK(h.send.Submit(carol, h.drive.LastView(views), map[string]map[string]string{
			"text": {"input": "Ik vind dat hier maatwerk past, gezien de omstandigheden."},
		}))
	}
	h.bot.Wait()
	if m, _ := h.slack.Message(channel, p.TS); len(bottest.Controls(m.Blocks)) == 0 {
		t.Fatal("a colleague outside the lead group recorded the decision")
	}
	// Bob (group member) decides.
	h.drive.Answer(bob, root)
	c, err := h.store.CaseByThread(context.Background(), channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}
	if c.Decision == nil || c.Decision.By != bob {
		t.Errorf("decision = %+v, want one by %s", c.Decision, bob)
	}
	if n := len(h.slack.CallsTo("usergroups.users.list")); n != 1 {
		t.Errorf("%d usergroups.users.list calls, want 1 (cached)", n)
	}
}
