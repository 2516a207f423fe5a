package bot

import (
	"log/slog"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// directoryConfig is what the directory needs to know of the bot's setup.
type directoryConfig struct {
	// Lang is the language of whoever Slack tells nothing about.
	Lang cards.Lang
	// TeamLeads and TeamLeadGroup name the team leads (see Config).
	TeamLeads     []string
	TeamLeadGroup string
	// Now is the clock.
	Now func() time.Time
}

// directory knows the people of the workspace as far as the bot needs to:
// the language to answer each in, who the team leads are, and the
// permalinks of case threads. It asks Slack (users.info,
// usergroups.users.list, chat.getPermalink) within the rate-limit holds
// and caches the answers.
type directory struct {
	cfg    directoryConfig
	api    *slack.Client
	out    *delivery.Deliverer
	engine *dialogs.Engine
	log    *slog.Logger

	langs     langCache // users' languages (locale.go)
	leadGroup leadGroup // members of cfg.TeamLeadGroup (leads.go)
	links     linkCache // permalinks of case threads (search_links.go)
}

// newDirectory returns a directory that asks Slack through api, within
// out's rate-limit holds.
func newDirectory(cfg directoryConfig, api *slack.Client, out *delivery.Deliverer, engine *dialogs.Engine, log *slog.Logger) *directory {
	return &directory{cfg: cfg, api: api, out: out, engine: engine, log: log}
}

// setLeads changes who the team leads are: the ids and the user group
// (tests; a served bot takes them from its configuration).
func (b *directory) setLeads(ids []string, group string) {
	b.cfg.TeamLeads, b.cfg.TeamLeadGroup = ids, group
	b.leadGroup = leadGroup{}
}
