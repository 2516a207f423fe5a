package render

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

func TestGoldenHome(t *testing.T) {
	r, e := goldenRenderer(t)
	for _, lang := range cards.Langs() {
		open := goldenCase(t, e, lang, 2, false)
		open.Title = "Eigen bijdrage Wmo bij mantelzorg"
		decided := goldenCase(t, e, lang, -1, false)
		decided.ID = 41
		d := HomeData{
			Lang: lang, Command: "/maatwerk",
			Mine:      []HomeItem{{Case: open, Link: "https://fake.slack.test/archives/C0GOLDEN/p1700000000000100"}},
			MoreMine:  3,
			Decisions: []HomeItem{{Case: decided, Link: ""}},
			Cards:     e.Cards().Cards,
		}
		checkGolden(t, string(lang)+"/home", r.Home(d))
	}
}

func TestHomeStaysWithinLimits(t *testing.T) {
	r, e := goldenRenderer(t)
	c := goldenCase(t, e, cards.NL, -1, false)
	c.Title = strings.Repeat("lange titel ", 40)
	var many []HomeItem
	for range 40 {
		many = append(many, HomeItem{Case: c, Link: "https://fake.slack.test/archives/C/p1"})
	}
	v := r.Home(HomeData{Lang: cards.NL, Command: "/maatwerk", Mine: many, Waiting: many, Decisions: many, Cards: e.Cards().Cards})
	if n := len(v.Blocks.BlockSet); n > MaxHomeBlocks {
		t.Errorf("%d blocks, Slack allows %d", n, MaxHomeBlocks)
	}
	raw, _ := json.Marshal(v)
	if len(raw) > 250_000 {
		t.Errorf("view of %d bytes", len(raw))
	}
}
