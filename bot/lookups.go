package bot

import (
	"log/slog"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/directory"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// lookups answer the questions about earlier cases that a person asks
// outside a case: search, the channel's list, the Home tab's lists and the
// export. They read the store's indexes and briefs, never every case.
type lookups struct {
	cfg    Config
	api    *slack.Client
	store  *store.Store
	engine *dialogs.Engine
	render render.Renderer
	dir    *directory.Directory
	log    *slog.Logger
}
