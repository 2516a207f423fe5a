package render

import (
	"testing"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

func TestGoldenSearchHit(t *testing.T) {
	r, e := goldenRenderer(t)
	for _, lang := range cards.Langs() {
		done := goldenCase(t, e, lang, -1, false)
		early := goldenCase(t, e, lang, -1, true)
		open := goldenCase(t, e, lang, 3, false)
		t.Run(string(lang), func(t *testing.T) {
			lt := dialogs.LookupTextsFor(lang)
			checkGolden(t, string(lang)+"/search-hits", message{
				Text: "3",
				Blocks: []slack.Block{
					r.SearchHit(done, "https://fake.slack.test/archives/C0GOLDEN/p1700000000000100", lt),
					r.SearchHit(early, "", lt),
					r.SearchHit(open, "https://fake.slack.test/archives/C0GOLDEN/p1700000000000100", lt),
				},
			})
		})
	}
}
