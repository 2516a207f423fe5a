package export

import (
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// TestDocumentNamesTheSource: a case started from a message has the
// message's permalink among the document's facts; a source that is no
// Slack permalink (as a damaged record might hold) is left out.
func TestDocumentNamesTheSource(t *testing.T) {
	const link = "https://gemeente.slack.com/archives/C0CASES01/p1700000000000100"
	for _, tt := range []struct{ source, want string }{
		{link, link},
		{"https://evil.example/archives/C0CASES01/p1", ""},
	} {
		e, c, ams, name := correctedCase(t, cards.NL, "Het doel is bestaanszekerheid, ook bij een erfenis.")
		c.Source = tt.source
		got := ""
		for _, f := range NewDocument(e, c, ams, name).Facts {
			if f.Label == dialogs.TextsFor(cards.NL).SourceLabel {
				got = f.Value
			}
		}
		if got != tt.want {
			t.Errorf("source %q: fact %q, want %q", tt.source, got, tt.want)
		}
	}
}
