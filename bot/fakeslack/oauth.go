package fakeslack

import (
	"fmt"
)

// Installing through OAuth v2: the fake plays Slack's side of oauth.v2.access for a distributed app. A
// test gets a code for a workspace (InstallCode), the bot trades it for that workspace's bot token, and every
// later call made with the token is that workspace's: auth.test names it and Call.Team records it. With
// token rotation the token expires (the fake does not enforce the time) and grant_type=refresh_token trades
// the refresh token for a new pair; the old token stops working at once.

// Credentials of the app that the fake's oauth.v2.access accepts.
const (
	ClientID     = "1111.2222"
	ClientSecret = "fake-client-secret"
)

// TokenLifetime is the expires_in of a rotating token, in seconds (Slack's: 12 hours).
const TokenLifetime = 43200

// oauthState is what the fake knows of installs; guarded by Server.mu.
type oauthState struct {
	codes   map[string]grant  // code → what it grants; a code is used once
	tokens  map[string]string // bot token → team
	refresh map[string]string // refresh token → team
	seq     int
}

// grant is one workspace's consent.
type grant struct {
	team, name, user string
	rotation         bool
}

func (s *Server) oauthLocked() *oauthState {
	if s.oauth == nil {
		s.oauth = &oauthState{codes: map[string]grant{}, tokens: map[string]string{}, refresh: map[string]string{}}
	}
	return s.oauth
}

// InstallCode returns a code that oauth.v2.access trades once for a bot token of workspace team (named name,
// installed by user), as Slack's redirect after consent gives; rotation turns token rotation on.
func (s *Server) InstallCode(team, name, user string, rotation bool) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.oauthLocked()
	o.seq++
	code := fmt.Sprintf("code-%s-%d", team, o.seq)
	o.codes[code] = grant{team: team, name: name, user: user, rotation: rotation}
	return code
}

// BotUserOf is the bot's user id in workspace team, as oauth.v2.access and auth.test give it.
func BotUserOf(team string) string { return "UBOT" + team }

// Tokens returns the bot tokens that work now for team (tests check that none is stored in the clear).
func (s *Server) Tokens(team string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for tok, t := range s.oauthLocked().tokens {
		if t == team {
			out = append(out, tok)
		}
	}
	return out
}

// Uninstall makes every token of team stop working (invalid_auth), as Slack does when the app is removed.
func (s *Server) Uninstall(team string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.oauthLocked()
	for tok, t := range o.tokens {
		if t == team {
			delete(o.tokens, tok)
		}
	}
	for tok, t := range o.refresh {
		if t == team {
			delete(o.refresh, tok)
		}
	}
}

// teamOfLocked returns the workspace a bot token belongs to: TeamID for the token the fake was started with.
func (s *Server) teamOfLocked(token string) (string, bool) {
	if token == s.token {
		return TeamID, true
	}
	if s.oauth == nil {
		return "", false
	}
	team, ok := s.oauth.tokens[token]
	return team, ok
}

// oauthAccess answers oauth.v2.access: a code (once), or with grant_type=refresh_token a refresh token.
func (s *Server) oauthAccess(params map[string]string) (map[string]any, *slackError) {
	if params["client_id"] != ClientID || params["client_secret"] != ClientSecret {
		return nil, errorf("invalid_client_id")
	}
	o := s.oauthLocked()
	o.seq++
	if params["grant_type"] == "refresh_token" {
		team, ok := o.refresh[params["refresh_token"]]
		if !ok {
			return nil, errorf("invalid_refresh_token")
		}
		delete(o.refresh, params["refresh_token"])
		for tok, t := range o.tokens {
			if t == team {
				delete(o.tokens, tok) // the old token stops working
			}
		}
		bot := fmt.Sprintf("xoxe.xoxb-%s-%d", team, o.seq)
		ref := fmt.Sprintf("xoxe-1-%s-%d", team, o.seq)
		o.tokens[bot], o.refresh[ref] = team, team
		return map[string]any{"access_token": bot, "token_type": "bot", "refresh_token": ref, "expires_in": TokenLifetime,
			"team": map[string]any{"id": team}, "bot_user_id": BotUserOf(team), "app_id": AppID}, nil
	}
	g, ok := o.codes[params["code"]]
	if !ok || params["redirect_uri"] == "" {
		return nil, errorf("invalid_code")
	}
	delete(o.codes, params["code"])
	bot := fmt.Sprintf("xoxb-%s-%d", g.team, o.seq)
	o.tokens[bot] = g.team
	ans := map[string]any{
		"access_token": bot, "token_type": "bot", "scope": "commands,chat:write", "bot_user_id": BotUserOf(g.team),
		"app_id": AppID, "team": map[string]any{"id": g.team, "name": g.name}, "enterprise": nil,
		"is_enterprise_install": false, "authed_user": map[string]any{"id": g.user},
	}
	if g.rotation {
		ref := fmt.Sprintf("xoxe-1-%s-%d", g.team, o.seq)
		o.refresh[ref] = g.team
		ans["access_token"] = "xoxe." + bot
		delete(o.tokens, bot)
		o.tokens["xoxe."+bot] = g.team
		ans["refresh_token"], ans["expires_in"] = ref, TokenLifetime
	}
	return ans, nil
}
