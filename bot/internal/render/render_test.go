package render

import (
	"flag"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render/rendertest"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCase walks a case over the real content up to step stop (or to the
// end when stop < 0), answering like a caseworker would.
func goldenCase(t *testing.T, e *dialogs.Engine, lang cards.Lang, stop int, closeEarly bool) *record.Case {
	t.Helper()
	return dialogstest.Case(t, e, lang, stop, closeEarly)
}

func goldenRenderer(t *testing.T) (Renderer, *dialogs.Engine) {
	e := dialogstest.Engine(t)
	return Renderer{Engine: e, Loc: time.UTC}, e
}

// checkGolden compares v as indented JSON with testdata/golden/name.json.
func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	rendertest.Golden(t, *update, name, v)
}

// message is a rendered message as the golden files keep it.
type message struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

// TestGoldenOutputRespectsBlockKitLimits checks every golden file of this
// package against Slack's limits.
func TestGoldenOutputRespectsBlockKitLimits(t *testing.T) {
	rendertest.GoldenFiles(t, 100)
}
