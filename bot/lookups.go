package bot

import (
	"context"
	"log/slog"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/directory"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// lookups answer the questions about earlier cases that a person asks
// outside a case: search, the channel's list, the Home tab and the export
// (the commands and what they read). They read the store's indexes and briefs, never every case.
type lookups struct {
	cfg    Config
	api    *slack.Client
	store  *store.Store
	engine *dialogs.Engine
	render render.Renderer
	dir    *directory.Directory
	log    *slog.Logger
	out    *delivery.Deliverer
	// spawn runs work after the acknowledgement; userMessage turns an
	// error into what the user reads (see Bot).
	spawn       func(from context.Context, name string, fn func(ctx context.Context) error)
	userMessage func(err error, lang cards.Lang) string
}
