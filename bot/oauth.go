package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/metrics"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/tokenbox"
)

// Install from Slack (issue 18.1). A distributed app is added to a
// workspace through Slack's OAuth v2 flow: GET /slack/install shows the
// Add to Slack button, whose link carries a signed, short-lived state;
// Slack sends the person back to GET /slack/oauth_redirect with a code,
// which oauth.v2.access trades for the workspace's bot token. The
// installation is stored with its tokens sealed (store/tokenbox), and from
// then on every Web API call for that workspace uses its own token
// (bot/internal/tenant).

// Distributed is the setup of an app installed through OAuth.
type Distributed struct {
	// ClientID and ClientSecret are the app's (Basic Information page).
	ClientID, ClientSecret string
	// PublicURL is the https base URL Slack reaches the bot at; the
	// redirect URL is PublicURL + "/slack/oauth_redirect".
	PublicURL string
	// Box seals the tokens at rest (MAATWERK_TOKEN_KEY).
	Box *tokenbox.Box
	// Scopes are the bot scopes asked at install: the manifest's.
	Scopes []string
}

// redirectPath is where Slack sends the installer back.
const redirectPath = "/slack/oauth_redirect"

// newTenants returns the token source of a distributed app and the HTTP
// client for Web API calls that puts each workspace's token on its calls.
func newTenants(cfg Config, m *metrics.Metrics, st *store.Store, lease func(context.Context, string) (bool, func(), error), log *slog.Logger) (*tenant.Source, *http.Client) {
	apiURL := cmp.Or(cfg.APIURL, slack.APIURL)
	plain := &http.Client{Timeout: 20 * time.Second, Transport: delivery.NewTransport(m, nil)}
	d := cfg.Distributed
	src := tenant.NewSource(tenant.Config{ClientID: d.ClientID, ClientSecret: d.ClientSecret, APIURL: apiURL, HTTP: plain, Now: cfg.Now, Lease: lease},
		st, d.Box, log)
	hc := &http.Client{Timeout: 20 * time.Second, Transport: &tenant.Transport{Base: plain.Transport, Source: src, APIURL: apiURL}}
	return src, hc
}

// installer serves the install page and Slack's OAuth redirect.
type installer struct {
	d      Distributed
	apiURL string
	now    func() time.Time
	state  *stateSigner
	src    *tenant.Source
	http   *http.Client
	log    *slog.Logger
}

func newInstaller(cfg Config, st *store.Store, src *tenant.Source, hc *http.Client, log *slog.Logger) *installer {
	state := newStateSigner(cfg.Distributed.ClientSecret, cfg.Now)
	state.seen = func(ctx context.Context, key string) (bool, error) {
		first, _, err := st.AcceptEvent(ctx, key, cfg.Now(), nil)
		return first, err
	}
	return &installer{d: *cfg.Distributed, apiURL: cmp.Or(cfg.APIURL, slack.APIURL), now: cfg.Now,
		state: state, src: src, http: hc, log: log}
}

func (i *installer) redirectURI() string {
	return strings.TrimRight(i.d.PublicURL, "/") + redirectPath
}

// authorizeURL is Slack's consent page for a new state.
func (i *installer) authorizeURL(state string) string {
	q := url.Values{
		"client_id":    {i.d.ClientID},
		"scope":        {strings.Join(i.d.Scopes, ",")},
		"redirect_uri": {i.redirectURI()},
		"state":        {state},
	}
	return "https://slack.com/oauth/v2/authorize?" + q.Encode()
}

// serveInstall shows the Add to Slack button.
func (i *installer) serveInstall(w http.ResponseWriter, r *http.Request) {
	state, err := i.state.issue()
	if err != nil {
		i.log.Error("issue oauth state", "err", err)
		writePage(w, i.log, http.StatusInternalServerError, pageFailed)
		return
	}
	writePage(w, i.log, http.StatusOK, pageData{
		Title:   "maatwerkbot aan Slack toevoegen",
		TitleEN: "Add maatwerkbot to Slack",
		Text:    "Met maatwerkbot denkt een team in Slack samen na over casussen die om maatwerk vragen, en legt het een verantwoord besluit vast.",
		TextEN:  "maatwerkbot helps a team think a case through in Slack and record a decision it can defend.",
		Link:    i.authorizeURL(state), AddToSlack: true,
	})
}

// serveRedirect finishes an install: it checks the state, trades the code
// for the workspace's tokens and stores them.
func (i *installer) serveRedirect(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		i.log.Info("installation cancelled in Slack", "slack_error", clipLabel(e))
		writePage(w, i.log, http.StatusOK, pageCancelled)
		return
	}
	if err := i.state.take(r.Context(), q.Get("state")); err != nil || q.Get("code") == "" {
		i.log.Warn("oauth redirect refused: state forged, expired or used, or no code")
		writePage(w, i.log, http.StatusBadRequest, pageBadState)
		return
	}
	in, appID, err := i.exchange(r.Context(), q.Get("code"))
	if err != nil {
		i.log.Error("installation failed", "err", err)
		writePage(w, i.log, http.StatusBadGateway, pageFailed)
		return
	}
	if err := i.src.Put(r.Context(), in); err != nil {
		i.log.Error("store installation", "team", in.TeamID, "err", err)
		writePage(w, i.log, http.StatusInternalServerError, pageFailed)
		return
	}
	i.log.Info("app installed", "team", in.TeamID, "enterprise", in.EnterpriseID, "installed_by", in.InstalledBy,
		"token_rotation", in.RefreshToken != "")
	open := "https://slack.com/app_redirect?" + url.Values{"app": {appID}, "team": {cmp.Or(in.TeamID, in.EnterpriseID)}}.Encode()
	writePage(w, i.log, http.StatusOK, pageData{
		Title:   "maatwerkbot is toegevoegd aan " + cmp.Or(in.TeamName, "uw werkruimte"),
		TitleEN: "maatwerkbot was added to " + cmp.Or(in.TeamName, "your workspace"),
		Text:    "Nodig de bot uit in een teamkanaal (/invite @maatwerkbot) en begin een casus met /maatwerk.",
		TextEN:  "Invite the bot to a team channel (/invite @maatwerkbot) and start a case with /maatwerk.",
		Link:    open, LinkText: "Slack openen / Open Slack",
	})
}

// exchange calls oauth.v2.access for code and returns the installation.
func (i *installer) exchange(ctx context.Context, code string) (store.Installation, string, error) {
	resp, err := slack.GetOAuthV2ResponseContext(ctx, i.http, i.d.ClientID, i.d.ClientSecret, code, i.redirectURI(),
		slack.OAuthOptionAPIURL(i.apiURL))
	if err != nil {
		return store.Installation{}, "", fmt.Errorf("oauth.v2.access: %w", err)
	}
	if resp.AccessToken == "" || resp.BotUserID == "" {
		return store.Installation{}, "", errors.New("oauth.v2.access gave no bot token")
	}
	in := store.Installation{
		EnterpriseID: resp.Enterprise.ID, TeamID: resp.Team.ID, TeamName: resp.Team.Name,
		BotUserID: resp.BotUserID, BotToken: resp.AccessToken, RefreshToken: resp.RefreshToken,
		InstalledBy: resp.AuthedUser.ID, InstalledAt: i.now(),
	}
	if resp.IsEnterpriseInstall {
		in.TeamID, in.TeamName = "", resp.Enterprise.Name
	}
	if resp.ExpiresIn > 0 {
		in.ExpiresAt = i.now().Add(time.Duration(resp.ExpiresIn) * time.Second)
	}
	for _, s := range strings.Split(resp.Scope, ",") {
		if s = strings.TrimSpace(s); s != "" {
			in.Scopes = append(in.Scopes, s)
		}
	}
	return in, resp.AppID, nil
}

// clipLabel keeps what Slack put in a query parameter short and plain for
// a log line.
func clipLabel(s string) string {
	if len(s) > 40 {
		s = s[:40]
	}
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, s)
}
