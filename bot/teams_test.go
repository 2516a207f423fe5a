package bot

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestWorkspacesNeverMix: one installation in an Enterprise Grid
// organisation serves several workspaces, and a channel may be shared
// between them. A case belongs to the workspace it was started from, and
// search, list, export, the digest, the Home tab and the record answer a
// request only with cases of the requester's workspace.
func TestWorkspacesNeverMix(t *testing.T) {
	const teamB = "T0OTHER02"
	h := newHarness(t, nil, "")
	ours := seedSearchCase(t, h, channel, "Verhuiskosten van werkplaats A", alice, -1, false)
	theirs := seedSearchCase(t, h, channel, "Verhuiskosten van werkplaats B", alice, -1, false)
	if _, err := h.store.UpdateCase(t.Context(), theirs.ID, func(c *record.Case) error { c.Team = teamB; return nil }); err != nil {
		t.Fatal(err)
	}
	as := func(team string) { h.send.Team = team }
	defer as("")

	for _, tc := range []struct {
		team       string
		want, not  *record.Case
		wantTitles string
	}{
		{fakeslack.TeamID, ours, theirs, "werkplaats A"},
		{teamB, theirs, ours, "werkplaats B"},
	} {
		t.Run(tc.team, func(t *testing.T) {
			as(tc.team)
			for _, cmd := range []string{"zoek verhuiskosten", "lijst alle"} {
				_, later := commandAnswer(t, h, alice, channel, cmd)
				if !strings.Contains(later, tc.want.Key()) || strings.Contains(later, tc.not.Key()) {
					t.Errorf("%s from %s: %q", cmd, tc.team, later)
				}
			}
			files := len(h.slack.Files())
			commandAnswer(t, h, lead, channel, "export csv")
			f := waitFile(t, h, files+1)
			rows, err := csv.NewReader(bytes.NewReader(f.Content)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 2 || rows[1][0] != tc.want.Key() {
				t.Errorf("export from %s: %q", tc.team, rows)
			}
			home := openHome(t, h, alice, "EvHOME"+tc.team)
			if !strings.Contains(home, tc.wantTitles) || strings.Contains(home, tc.not.Title) {
				t.Errorf("Home in %s shows the other workspace's case:\n%s", tc.team, home)
			}
			if _, later := commandAnswer(t, h, alice, channel, "verslag "+tc.not.Key()); !strings.Contains(later, "ken ik niet") {
				t.Errorf("the record of another workspace's case from %s: %q", tc.team, later)
			}
		})
	}

	// The scheduled digest holds the installation's own workspace only.
	since, idle := ours.StartedAt.AddDate(0, 0, -30), ours.StartedAt.AddDate(1, 0, 0)
	for team, want := range map[string]int64{fakeslack.TeamID: ours.ID, teamB: theirs.ID} {
		cases, err := h.store.DigestCases(t.Context(), channel, team, since, idle)
		if err != nil {
			t.Fatal(err)
		}
		if len(cases) != 1 || cases[0].ID != want {
			t.Errorf("digest cases of %s: %d cases", team, len(cases))
		}
	}
	if got := h.bot.sched.team(); got != fakeslack.TeamID {
		t.Errorf("the scheduled digests are for workspace %q, want the installation's %q", got, fakeslack.TeamID)
	}
}

// TestConnectAdoptsEarlierCases: a database from before cases recorded
// their workspace is the installation's: on connecting, its cases get the
// workspace auth.test names, and the lookups find them.
func TestConnectAdoptsEarlierCases(t *testing.T) {
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	st, err := store.Open(t.Context(), path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	c := goldenCase(t, dialogstest.Engine(t), cards.NL, -1, false)
	c.Channel, c.Thread, c.Team = channel, "1700000000.000100", ""
	if err := st.CreateCase(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	st.Close()
	h := newHarness(t, nil, path)
	got, err := h.store.Case(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Team != fakeslack.TeamID {
		t.Errorf("after connecting the case's workspace is %q, want %q", got.Team, fakeslack.TeamID)
	}
	if _, later := commandAnswer(t, h, alice, channel, "lijst alle"); !strings.Contains(later, c.Key()) {
		t.Errorf("the earlier case is not listed: %q", later)
	}
}
