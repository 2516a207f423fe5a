package directory

import (
	"log/slog"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// Config is what the directory needs to know of the bot's setup.
type Config struct {
	// Lang is the language of whoever Slack tells nothing about.
	Lang cards.Lang
	// TeamLeads and TeamLeadGroup name the team leads (see Config).
	TeamLeads     []string
	TeamLeadGroup string
	// Now is the clock.
	Now func() time.Time
}

// Directory knows the people of the workspace as far as the bot needs to:
// the language to answer each in, who the team leads are, and the
// permalinks of case threads. It asks Slack (users.info,
// usergroups.users.list, chat.getPermalink) within the rate-limit holds
// and caches the answers.
type Directory struct {
	cfg    Config
	api    *slack.Client
	out    *delivery.Deliverer
	engine *dialogs.Engine
	log    *slog.Logger

	langs     langCache // users' languages (locale.go)
	leadGroup leadGroup // members of cfg.TeamLeadGroup (leads.go)
	links     linkCache // permalinks of case threads (search_links.go)
}

// New returns a directory that asks Slack through api, within
// out's rate-limit holds.
func New(cfg Config, api *slack.Client, out *delivery.Deliverer, engine *dialogs.Engine, log *slog.Logger) *Directory {
	return &Directory{cfg: cfg, api: api, out: out, engine: engine, log: log}
}

// SetLeads changes who the team leads are: the ids and the user group
// (tests; a served bot takes them from its configuration).
func (d *Directory) SetLeads(ids []string, group string) {
	d.cfg.TeamLeads, d.cfg.TeamLeadGroup = ids, group
	d.leadGroup = leadGroup{}
}
