package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kelseyhightower/envconfig"

	"github.com/maatwerkbot/maatwerkbot/bot"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// config is the whole configuration, read from the environment. The names
// are fixed: operators and tests rely on them.
type config struct {
	BotToken      string        `envconfig:"SLACK_BOT_TOKEN" desc:"bot token (xoxb-…); required to serve"`
	AppToken      string        `envconfig:"SLACK_APP_TOKEN" desc:"app-level token (xapp-…) for Socket Mode"`
	SigningSecret string        `envconfig:"SLACK_SIGNING_SECRET" desc:"signing secret; required in http mode"`
	APIURL        string        `envconfig:"SLACK_API_URL" default:"https://slack.com/api/" desc:"Slack Web API base URL"`
	Mode          string        `envconfig:"MAATWERK_MODE" desc:"socket or http; empty: socket if SLACK_APP_TOKEN is set, else http"`
	ListenAddr    string        `envconfig:"MAATWERK_LISTEN_ADDR" default:":3000" desc:"HTTP listen address (http mode; /healthz, /readyz and /metrics in both modes)"`
	DB            string        `envconfig:"MAATWERK_DB" default:"maatwerk.db" desc:"the database: a bbolt file (one process), or a postgres://USER:PASSWORD@HOST/DATABASE URL that several replicas share"`
	DBCreate      bool          `envconfig:"MAATWERK_DB_CREATE" desc:"true: make a new database in an existing empty MAATWERK_DB file (refused otherwise, as a likely failed copy)"`
	Lang          string        `envconfig:"MAATWERK_LANG" default:"nl" desc:"default language: nl or en"`
	Timezone      string        `envconfig:"MAATWERK_TIMEZONE" default:"Europe/Amsterdam" desc:"time zone for schedules and dates"`
	TeamLeads     []string      `envconfig:"MAATWERK_TEAM_LEADS" desc:"comma-separated Slack user ids of team leads"`
	TeamLeadGroup string        `envconfig:"MAATWERK_TEAM_LEAD_GROUP" desc:"Slack user group id (S…) whose members are team leads too (scope usergroups:read)"`
	RetentionDays int           `envconfig:"MAATWERK_RETENTION_DAYS" default:"730" desc:"purge cases older than this many days"`
	CardsDir      string        `envconfig:"MAATWERK_CARDS_DIR" desc:"folder with an organisation's own card files (default: built in)"`
	Command       string        `envconfig:"MAATWERK_COMMAND" default:"/maatwerk" desc:"the slash command's name"`
	NudgeDays     int           `envconfig:"MAATWERK_NUDGE_DAYS" default:"5" desc:"remind a case's starter by DM after this many working days without activity (no weekends, no Dutch public holidays), and the team leads after as many more; 0: no reminders"`
	PatternMin    int           `envconfig:"MAATWERK_PATTERN_MIN" default:"3" desc:"weekly digest: flag a signal, scheme or value found in at least this many cases…"`
	PatternWeeks  int           `envconfig:"MAATWERK_PATTERN_WEEKS" default:"4" desc:"…within this many weeks, as a candidate for policy"`
	Org           string        `envconfig:"MAATWERK_ORG" desc:"the organisation's name, printed at the top of every page of a case's document (PDF)"`
	OnUninstall   string        `envconfig:"MAATWERK_ON_UNINSTALL" default:"keep" desc:"when the app is uninstalled from the workspace: keep the cases (records of public decisions fall under the Archiefwet) or erase them all"`
	User          string        `envconfig:"MAATWERK_USER" desc:"console: the name your answers are signed with (else --user NAME, else the console asks)"`
	ClientID      string        `envconfig:"SLACK_CLIENT_ID" desc:"app's client id: set it to serve every workspace that installs the app through OAuth (GET /slack/install); SLACK_BOT_TOKEN is then not used"`
	ClientSecret  string        `envconfig:"SLACK_CLIENT_SECRET" desc:"app's client secret; required with SLACK_CLIENT_ID"`
	TokenKey      string        `envconfig:"MAATWERK_TOKEN_KEY" desc:"with SLACK_CLIENT_ID: 32 random bytes in base64 (openssl rand -base64 32) that seal the workspaces' tokens in the database"`
	PublicURL     string        `envconfig:"MAATWERK_PUBLIC_URL" desc:"with SLACK_CLIENT_ID: the bot's public https address, e.g. https://maatwerk.example.nl (redirect URL: <address>/slack/oauth_redirect)"`
	OutboxLease   time.Duration `envconfig:"MAATWERK_OUTBOX_LEASE" default:"30s" desc:"several replicas on PostgreSQL: how long a replica's claim on a channel's outbox lasts without renewal, so how long a channel whose replica died waits for another (1s to 10m)"`
	ReplicaCheck  time.Duration `envconfig:"MAATWERK_REPLICA_CHECK" default:"30s" desc:"several replicas on PostgreSQL: how often a replica asks for the scheduler role; its holder takes an event left in the inbox for two such intervals for one a dead replica accepted (1s to 10m)"`
	CPUProfile    string        `envconfig:"MAATWERK_CPU_PROFILE" desc:"performance work: write a Go CPU profile (go tool pprof) to this file while serving"`

	// Derived by check.
	lang cards.Lang
	loc  *time.Location
	// tokenKey is MAATWERK_TOKEN_KEY decoded (distributed only).
	tokenKey []byte
}

// distributed says whether the bot serves every workspace that installs
// it through OAuth (SLACK_CLIENT_ID set) rather than one (SLACK_BOT_TOKEN).
func (c *config) distributed() bool { return strings.TrimSpace(c.ClientID) != "" }

// loadConfig reads the environment. It does not yet check what serving
// needs; see check.
func loadConfig() (*config, error) {
	var c config
	if err := envconfig.Process("", &c); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return &c, nil
}

// usage prints every variable with its meaning and default.
func usage(w io.Writer) error {
	var c config
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	err := envconfig.Usagef("", &c, tw, envconfig.DefaultTableFormat)
	if err != nil {
		return err
	}
	return tw.Flush()
}

// check validates the settings; serving says whether the Slack settings are
// needed. It returns every problem, one per line.
func (c *config) check(serving bool) error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	var ok bool
	if c.lang, ok = cards.ParseLang(c.Lang); !ok {
		add("MAATWERK_LANG=%q: use nl or en", c.Lang)
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		add("MAATWERK_TIMEZONE=%q: unknown time zone (use e.g. Europe/Amsterdam)", c.Timezone)
	}
	c.loc = loc
	if c.RetentionDays < 1 {
		add("MAATWERK_RETENTION_DAYS=%d: must be at least 1", c.RetentionDays)
	}
	if c.NudgeDays < 0 || c.NudgeDays > 100 {
		add("MAATWERK_NUDGE_DAYS=%d: must be 0 (no reminders) to 100", c.NudgeDays)
	}
	if n := len(c.Command); n < 2 || n > 32 || !strings.HasPrefix(c.Command, "/") {
		add("MAATWERK_COMMAND=%q: must start with / and be 2 to 32 characters", c.Command)
	}
	if c.PatternMin < 2 {
		add("MAATWERK_PATTERN_MIN=%d: must be at least 2 (a pattern recurs)", c.PatternMin)
	}
	if c.PatternWeeks < 1 || c.PatternWeeks > 52 {
		add("MAATWERK_PATTERN_WEEKS=%d: must be 1 to 52", c.PatternWeeks)
	}
	switch c.OnUninstall = strings.ToLower(strings.TrimSpace(c.OnUninstall)); c.OnUninstall {
	case "": // set but empty: the default
		c.OnUninstall = bot.OnUninstallKeep
	case bot.OnUninstallKeep, bot.OnUninstallErase:
	default:
		add("MAATWERK_ON_UNINSTALL=%q: use keep (the default: records of public decisions fall under the Archiefwet) or erase", c.OnUninstall)
	}
	if c.OutboxLease < time.Second || c.OutboxLease > 10*time.Minute {
		add("MAATWERK_OUTBOX_LEASE=%v: must be 1s to 10m", c.OutboxLease)
	}
	if c.ReplicaCheck < time.Second || c.ReplicaCheck > 10*time.Minute {
		add("MAATWERK_REPLICA_CHECK=%v: must be 1s to 10m", c.ReplicaCheck)
	}
	if c.DB == "" {
		add("MAATWERK_DB is empty: name the database file or a postgres:// URL")
	}
	for i, u := range c.TeamLeads {
		c.TeamLeads[i] = strings.TrimSpace(u)
	}
	c.TeamLeadGroup = strings.TrimSpace(c.TeamLeadGroup)
	if g := c.TeamLeadGroup; g != "" && (!strings.HasPrefix(g, "S") || strings.ContainsAny(g, " ,@")) {
		add("MAATWERK_TEAM_LEAD_GROUP=%q: give the user group's id (S…, from the group's page or usergroups.list), not its name", g)
	}
	if serving && c.distributed() {
		c.checkDistributed(add)
	}
	if serving {
		switch {
		case c.distributed():
		case c.BotToken == "":
			add("SLACK_BOT_TOKEN is not set: give the bot token (xoxb-…) from the app's OAuth page")
		case !strings.HasPrefix(c.BotToken, "xoxb-"):
			add("SLACK_BOT_TOKEN is not a bot token: it should start with xoxb-")
		}
		if !strings.HasSuffix(c.APIURL, "/") {
			c.APIURL += "/"
		}
		if !strings.HasPrefix(c.APIURL, "http://") && !strings.HasPrefix(c.APIURL, "https://") {
			add("SLACK_API_URL=%q: must be an http(s) URL", c.APIURL)
		}
		if c.Mode == "" {
			c.Mode = "http"
			if c.AppToken != "" {
				c.Mode = "socket"
			}
		}
		switch c.Mode {
		case "socket":
			switch {
			case c.AppToken == "":
				add("MAATWERK_MODE=socket needs SLACK_APP_TOKEN (xapp-…, scope connections:write)")
			case !strings.HasPrefix(c.AppToken, "xapp-"):
				add("SLACK_APP_TOKEN is not an app-level token: it should start with xapp-")
			}
		case "http":
			if c.SigningSecret == "" {
				add("MAATWERK_MODE=http needs SLACK_SIGNING_SECRET (from the app's Basic Information page)")
			}
		default:
			add("MAATWERK_MODE=%q: use socket or http", c.Mode)
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// storeOptions are the options every command opens the database with.
func (c *config) storeOptions() store.Options {
	return store.Options{CreateEmpty: c.DBCreate}
}
