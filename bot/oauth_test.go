package bot

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/tokenbox"
)

const (
	teamA = "T0AAAAAA1"
	teamB = "T0BBBBBB2"
)

// newDistributedHarness is a bot serving every workspace that installs it
// through OAuth, with no token of its own; its database file is returned.
func newDistributedHarness(t *testing.T, mods ...func(*Config)) (*harness, *tokenbox.Box, string) {
	t.Helper()
	box, err := tokenbox.New(bytes.Repeat([]byte{7}, tokenbox.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	h := newHarness(t, nil, path, append([]func(*Config){func(c *Config) {
		c.BotToken = ""
		c.Distributed = &Distributed{ClientID: fakeslack.ClientID, ClientSecret: fakeslack.ClientSecret,
			PublicURL: "https://maatwerk.example.nl", Box: box, Scopes: []string{"commands", "chat:write"}}
	}}, mods...)...)
	return h, box, path
}

func getPage(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

var stateRE = regexp.MustCompile(`state=([A-Za-z0-9_.-]+)`)

// installState opens the install page and returns the state of its link.
func installState(t *testing.T, h *harness) string {
	t.Helper()
	code, page := getPage(t, h.srv.URL+"/slack/install")
	if code != http.StatusOK || !strings.Contains(page, "https://slack.com/oauth/v2/authorize?") ||
		!strings.Contains(page, "client_id="+url.QueryEscape(fakeslack.ClientID)) ||
		!strings.Contains(page, "redirect_uri="+url.QueryEscape("https://maatwerk.example.nl/slack/oauth_redirect")) ||
		!strings.Contains(page, "scope=commands%2Cchat%3Awrite") {
		t.Fatalf("install page (%d):\n%s", code, page)
	}
	m := stateRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no state in the install page:\n%s", page)
	}
	return m[1]
}

func redirect(t *testing.T, h *harness, code, state string) (int, string) {
	t.Helper()
	return getPage(t, h.srv.URL+"/slack/oauth_redirect?"+url.Values{"code": {code}, "state": {state}}.Encode())
}

// install adds the app to team through the fake's oauth.v2.access.
func install(t *testing.T, h *harness, team string, rotation bool) {
	t.Helper()
	code, page := redirect(t, h, h.slack.InstallCode(team, "Gemeente "+team, "UADMIN"+team, rotation), installState(t, h))
	if code != http.StatusOK || !strings.Contains(page, "Gemeente "+team) || !strings.Contains(page, "app_redirect?app=") {
		t.Fatalf("install of %s (%d):\n%s", team, code, page)
	}
}

func TestInstallFlow(t *testing.T) {
	h, box, path := newDistributedHarness(t)
	install(t, h, teamA, false)
	in, err := h.store.Installation(t.Context(), box, "", teamA)
	if err != nil {
		t.Fatal(err)
	}
	tokens := h.slack.Tokens(teamA)
	if len(tokens) != 1 || in.BotToken != tokens[0] || in.BotUserID != fakeslack.BotUserOf(teamA) || in.InstalledBy != "UADMIN"+teamA {
		t.Errorf("installation = %+v, fake's tokens %v", in, tokens)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(in.BotToken)) {
		t.Error("the bot token is in the database file in the clear")
	}
	if strings.Contains(h.logs.String(), in.BotToken) {
		t.Error("the bot token reached the log")
	}

	t.Run("state used twice", func(t *testing.T) {
		state := installState(t, h)
		if code, _ := redirect(t, h, h.slack.InstallCode(teamB, "B", "U1", false), state); code != http.StatusOK {
			t.Fatalf("first use: %d", code)
		}
		h.store.DeleteInstallation(t.Context(), "", teamB)
		code, page := redirect(t, h, h.slack.InstallCode(teamB, "B", "U1", false), state)
		if code != http.StatusBadRequest || !strings.Contains(page, "verlopen of ongeldig") {
			t.Errorf("reused state: %d\n%s", code, page)
		}
		if _, err := h.store.Installation(t.Context(), box, "", teamB); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("reused state stored an installation: %v", err)
		}
	})
	t.Run("forged state", func(t *testing.T) {
		for _, state := range []string{"", "x.y", installState(t, h) + "A", strings.Replace(installState(t, h), "A", "B", 1)} {
			if code, _ := redirect(t, h, h.slack.InstallCode(teamB, "B", "U1", false), state); code != http.StatusBadRequest {
				t.Errorf("state %q: %d", state, code)
			}
		}
		if _, err := h.store.Installation(t.Context(), box, "", teamB); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("forged state stored an installation: %v", err)
		}
	})
	t.Run("access denied", func(t *testing.T) {
		code, page := getPage(t, h.srv.URL+"/slack/oauth_redirect?error=access_denied&state="+installState(t, h))
		if code != http.StatusOK || !strings.Contains(page, "Installatie geannuleerd") || !strings.Contains(page, "Installation cancelled") {
			t.Errorf("access_denied: %d\n%s", code, page)
		}
	})
	t.Run("team name is escaped", func(t *testing.T) {
		code, page := redirect(t, h, h.slack.InstallCode("T0EVIL", "<script>x</script>", "U1", false), installState(t, h))
		if code != http.StatusOK || strings.Contains(page, "<script>") {
			t.Errorf("page (%d) shows the team name unescaped:\n%s", code, page)
		}
	})
}

func TestOAuthStateExpires(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s := newStateSigner("secret", func() time.Time { return now })
	state, err := s.issue()
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(stateFor + time.Second)
	if err := s.take(t.Context(), state); !errors.Is(err, errBadState) {
		t.Errorf("expired state taken: %v", err)
	}
	other := newStateSigner("another secret", func() time.Time { return now })
	state, _ = other.issue()
	if err := s.take(t.Context(), state); !errors.Is(err, errBadState) {
		t.Errorf("state of another key taken: %v", err)
	}
}

// A state is taken once across replicas: one replica issued it, another
// took it at the redirect, and a replay to any replica is refused, because
// the nonce is recorded in the database they share.
func TestOAuthStateOnceAcrossReplicas(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "maatwerk.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	replica := func() *stateSigner {
		s := newStateSigner("secret", clock)
		s.seen = func(ctx context.Context, key string) (bool, error) {
			first, _, err := st.AcceptEvent(ctx, key, now, nil)
			return first, err
		}
		return s
	}
	a, b := replica(), replica()
	state, err := a.issue()
	if err != nil {
		t.Fatal(err)
	}
	if err := b.take(t.Context(), state); err != nil {
		t.Fatalf("the state a issued, taken at b: %v", err)
	}
	for name, r := range map[string]*stateSigner{"a": a, "b": b} {
		if err := r.take(t.Context(), state); !errors.Is(err, errBadState) {
			t.Errorf("replayed to %s: %v", name, err)
		}
	}
}

// TestTwoWorkspacesInstalled: two workspaces install the app through
// oauth.v2.access; each one's cases are served with its own token only,
// and none of its lookups shows the other's case. Uninstalling one leaves
// the other working.
func TestTwoWorkspacesInstalled(t *testing.T) {
	h, box, _ := newDistributedHarness(t)
	install(t, h, teamA, false)
	install(t, h, teamB, false)
	const chA, chB = "C0AAAAAA1", "C0BBBBBB2"
	start := func(team, ch, title string) {
		h.send.Team = team
		d := &bottest.Driver{T: t, Slack: h.slack, Send: h.send, Channel: ch}
		d.Start(alice, title)
		h.bot.Wait()
	}
	start(teamA, chA, "Verhuiskosten van werkplaats A")
	start(teamB, chB, "Verhuiskosten van werkplaats B")

	for _, c := range h.slack.Calls() {
		if c.Method == "response_url" || c.Method == "upload_url" || c.Method == "oauth.v2.access" {
			continue
		}
		ch := c.Params["channel"]
		switch {
		case c.Team != teamA && c.Team != teamB:
			t.Errorf("%s went with no installed workspace's token (%q)", c.Method, c.Team)
		case ch == chA && c.Team != teamA, ch == chB && c.Team != teamB:
			t.Errorf("%s in %s went with %s's token", c.Method, ch, c.Team)
		}
	}

	for _, tc := range []struct{ team, ch, want, not string }{
		{teamA, chA, "werkplaats A", "werkplaats B"},
		{teamB, chB, "werkplaats B", "werkplaats A"},
	} {
		h.send.Team = tc.team
		for _, cmd := range []string{"zoek verhuiskosten", "lijst alle"} {
			_, later := commandAnswer(t, h, alice, tc.ch, cmd)
			if !strings.Contains(later, tc.want) || strings.Contains(later, tc.not) {
				t.Errorf("%s from %s: %q", cmd, tc.team, later)
			}
		}
		// The same channel asked from the other workspace shows nothing of this one.
		_, later := commandAnswer(t, h, alice, map[string]string{chA: chB, chB: chA}[tc.ch], "lijst alle")
		if strings.Contains(later, tc.want) {
			t.Errorf("list from %s shows another workspace's case: %q", tc.team, later)
		}
		// The team lead's export of the channel holds this workspace's
		// case only, and reaches the lead with this workspace's token.
		files := len(h.slack.Files())
		if _, later := commandAnswer(t, h, lead, tc.ch, "export csv"); !strings.Contains(later, "1 casus") {
			t.Errorf("export from %s: %q", tc.team, later)
		}
		f := waitFile(t, h, files+1)
		if !strings.Contains(string(f.Content), tc.want) || strings.Contains(string(f.Content), tc.not) {
			t.Errorf("export from %s:\n%s", tc.team, f.Content)
		}
		for _, c := range h.slack.Calls() {
			if strings.HasPrefix(c.Method, "files.") && c.Team != "" && c.Team != teamA && c.Team != teamB {
				t.Errorf("%s with an unknown workspace's token %q", c.Method, c.Team)
			}
		}
		if up := h.slack.CallsTo("files.completeUploadExternal"); len(up) == 0 || up[len(up)-1].Team != tc.team {
			t.Errorf("the export of %s was shared with another workspace's token: %+v", tc.team, up)
		}
		home := openHome(t, h, alice, "EvHOME"+tc.team)
		if !strings.Contains(home, tc.want) || strings.Contains(home, tc.not) {
			t.Errorf("Home in %s:\n%s", tc.team, home)
		}
		for _, c := range h.slack.CallsTo("views.publish") {
			if c.Team == "" {
				t.Errorf("views.publish without a workspace's token")
			}
		}
		week := time.Now().AddDate(1, 0, 0)
		cases, err := h.store.DigestCases(t.Context(), tc.ch, tc.team, week.AddDate(-2, 0, 0), week)
		if err != nil || len(cases) != 1 || !strings.Contains(cases[0].Title, tc.want) {
			t.Errorf("digest cases of %s: %v %v", tc.team, cases, err)
		}
		if team, err := h.bot.sched.channelTeam(t.Context(), tc.ch); err != nil || team.ID != tc.team {
			t.Errorf("the scheduled digest of %s is for %q (%v)", tc.ch, team, err)
		}
	}

	// app_uninstalled in A: A's installation goes, B goes on.
	h.slack.Uninstall(teamA)
	h.send.Team = teamA
	h.drive.OK(h.send.Event("EvUNINSTALL", map[string]any{"type": "app_uninstalled", "event_ts": "1700000000.000002"}, 0))
	h.bot.Wait()
	if _, err := h.store.Installation(t.Context(), box, "", teamA); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("A's installation after app_uninstalled: %v", err)
	}
	if _, err := h.store.Installation(t.Context(), box, "", teamB); err != nil {
		t.Errorf("B's installation after A's uninstall: %v", err)
	}
	if ready, why := h.bot.Ready(t.Context()); !ready {
		t.Errorf("not ready after one workspace uninstalled: %s", why)
	}
	start(teamB, chB, "Nog een casus in werkplaats B")
}

// TestTokenRotation: a rotating token close to its expiry is refreshed
// with grant_type=refresh_token before it is used, and the new one stored.
func TestTokenRotation(t *testing.T) {
	var now atomic.Pointer[time.Time]
	start := time.Now()
	now.Store(&start)
	clock := func() time.Time { return *now.Load() }
	h, box, _ := newDistributedHarness(t, func(c *Config) { c.Now = clock })
	install(t, h, teamA, true)
	first, err := h.store.Installation(t.Context(), box, "", teamA)
	if err != nil || first.RefreshToken == "" || first.ExpiresAt.IsZero() {
		t.Fatalf("rotating installation = %+v, %v", first, err)
	}
	late := first.ExpiresAt.Add(-tenant.RefreshBefore + time.Second)
	now.Store(&late)
	h.send.Team = teamA
	d := &bottest.Driver{T: t, Slack: h.slack, Send: h.send, Channel: "C0AAAAAA1"}
	d.Start(alice, "Casus na verversen")
	h.bot.Wait()
	next, err := h.store.Installation(t.Context(), box, "", teamA)
	if err != nil {
		t.Fatal(err)
	}
	if next.BotToken == first.BotToken || next.RefreshToken == first.RefreshToken || !next.ExpiresAt.After(first.ExpiresAt) {
		t.Errorf("not refreshed: %+v", next)
	}
	if tokens := h.slack.Tokens(teamA); len(tokens) != 1 || tokens[0] != next.BotToken {
		t.Errorf("stored token %q, the fake's %v", next.BotToken, tokens)
	}
	for _, c := range h.slack.Calls() {
		if c.Error == "invalid_auth" {
			t.Errorf("%s refused with the old token", c.Method)
		}
	}
}

// With MAATWERK_ON_UNINSTALL=erase, app_uninstalled in one workspace erases
// that workspace's cases and installation; the other's stay, and it goes
// on working.
func TestUninstallEraseOneWorkspace(t *testing.T) {
	h, box, _ := newDistributedHarness(t, func(c *Config) { c.OnUninstall = OnUninstallErase })
	install(t, h, teamA, false)
	install(t, h, teamB, false)
	const chA, chB = "C0AAAAAA1", "C0BBBBBB2"
	for _, w := range []struct{ team, ch, title string }{
		{teamA, chA, "Casus in werkplaats A"}, {teamA, chA, "Nog een in A"}, {teamB, chB, "Casus in werkplaats B"},
	} {
		h.send.Team = w.team
		(&bottest.Driver{T: t, Slack: h.slack, Send: h.send, Channel: w.ch}).Start(alice, w.title)
		h.bot.Wait()
	}
	h.slack.Uninstall(teamA)
	h.send.Team = teamA
	h.drive.OK(h.send.Event("EvUNINSTALLA", map[string]any{"type": "app_uninstalled", "event_ts": "1700000000.000003"}, 0))
	h.bot.Wait()

	for ch, want := range map[string]int{chA: 0, chB: 1} {
		left, err := h.store.ListCases(t.Context(), ch, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != want {
			t.Errorf("after A's uninstall with erase, %d cases left in %s, want %d", len(left), ch, want)
		}
	}
	if _, err := h.store.Installation(t.Context(), box, "", teamA); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("A's installation: %v", err)
	}
	h.send.Team = teamB
	(&bottest.Driver{T: t, Slack: h.slack, Send: h.send, Channel: chB}).Start(alice, "B gaat door")
}
