package main

import (
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/bot"
	"github.com/maatwerkbot/maatwerkbot/deploy"
	"net/url"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/store/tokenbox"
)

// checkDistributed checks what serving every workspace that installs the
// app through OAuth needs (SLACK_CLIENT_ID set), one problem per line,
// never showing a secret.
func (c *config) checkDistributed(add func(format string, args ...any)) {
	if c.ClientSecret == "" {
		add("SLACK_CLIENT_ID is set but SLACK_CLIENT_SECRET is not: give the app's client secret (Basic Information page)")
	}
	key, err := tokenbox.ParseKey(c.TokenKey)
	if err != nil {
		add("%s", err.Error())
	}
	c.tokenKey = key
	c.PublicURL = strings.TrimRight(strings.TrimSpace(c.PublicURL), "/")
	if u, err := url.Parse(c.PublicURL); c.PublicURL == "" {
		add("SLACK_CLIENT_ID is set but MAATWERK_PUBLIC_URL is not: give the bot's public https address (e.g. https://maatwerk.example.nl)")
	} else if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		add("MAATWERK_PUBLIC_URL=%q: give an https address without query, e.g. https://maatwerk.example.nl", c.PublicURL)
	}
	if c.BotToken != "" {
		add("SLACK_CLIENT_ID and SLACK_BOT_TOKEN are both set: with SLACK_CLIENT_ID every workspace uses the token it installed with; remove SLACK_BOT_TOKEN")
	}
	if c.TeamLeadGroup != "" {
		add("MAATWERK_TEAM_LEAD_GROUP is set with SLACK_CLIENT_ID: a user group belongs to one workspace; give the team leads in MAATWERK_TEAM_LEADS")
	}
	if c.Mode == "socket" || (c.Mode == "" && c.AppToken != "") {
		add("SLACK_CLIENT_ID needs MAATWERK_MODE=http: installing through OAuth needs the redirect over HTTP (unset SLACK_APP_TOKEN)")
	}
}

// distributedConfig is the bot's setup for installing through OAuth, or
// nil when the bot serves the one workspace of SLACK_BOT_TOKEN. The scopes
// asked at install are the manifest's (deploy.Scopes).
func distributedConfig(c *config) (*bot.Distributed, error) {
	if !c.distributed() {
		return nil, nil
	}
	box, err := tokenbox.New(c.tokenKey)
	if err != nil {
		return nil, fmt.Errorf("MAATWERK_TOKEN_KEY: %w", err)
	}
	return &bot.Distributed{ClientID: strings.TrimSpace(c.ClientID), ClientSecret: c.ClientSecret, PublicURL: c.PublicURL,
		Box: box, Scopes: deploy.Scopes()}, nil
}
