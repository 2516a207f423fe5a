package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestMarkdownDocumentGolden: the Markdown copy of a decided case in which
// one answer was changed: the decision and its motivering first, every
// answer with a short label, who and when (in Amsterdam time), the changed
// answer marked and both versions in the appendix, the content version in
// the footer; a person's *, [link](…) and # are data.
func TestMarkdownDocumentGolden(t *testing.T) {
	for _, lang := range cards.Langs() {
		e, c, ams, name := correctedCase(t, lang, "Het doel is bestaanszekerheid, ook bij een erfenis.")
		c.Title = "Terugvordering *na* [erfenis](https://evil.example) # kop"
		var buf bytes.Buffer
		if err := WriteMarkdown(&buf, NewDocument(e, c, ams, name)); err != nil {
			t.Fatal(err)
		}
		got := buf.String()
		path := filepath.Join("testdata", "case-"+string(lang)+".md")
		if *update {
			os.MkdirAll("testdata", 0o755)
			os.WriteFile(path, buf.Bytes(), 0o644)
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs; if intended, run with -update\n%s", path, got)
		}
		// What the record must hold, whatever the golden file says.
		for _, w := range []string{"MW-0042", "Anna de Vries (UALICE001)", "Bram Bakker (UBOB00002)", "10:30",
			"Het doel is bestaanszekerheid, ook bij een erfenis.", c.CardsVersion[:7]} {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the document lacks %q", lang, w)
			}
		}
		if strings.Contains(got, "[erfenis](") || strings.Contains(got, "*na*") {
			t.Errorf("%s: the title's markup is live", lang)
		}
		if strings.Index(got, dialogs.TextsFor(lang).Decision) > strings.Index(got, dialogs.TextsFor(lang).ArgsPro) {
			t.Errorf("%s: the decision is not first", lang)
		}
	}
}

// correctedCase is the golden case (dialogstest.Case) in lang, decided, with
// a zaaknummer and its first text answer changed to answer, so that the
// appendix has two versions; with the Amsterdam time zone and the names of
// the test's people.
func correctedCase(t testing.TB, lang cards.Lang, answer string) (*dialogs.Engine, *record.Case, *time.Location, func(string) string) {
	t.Helper()
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data")
	}
	names := map[string]string{dialogstest.Alice: "Anna de Vries", dialogstest.Bob: "Bram Bakker", dialogstest.Lead: "Lotte Leider"}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n + " (" + id + ")"
		}
		return id
	}
	e := dialogstest.Engine(t)
	c := dialogstest.Case(t, e, lang, -1, false)
	c.Zaaknummer = "Z-2026-00123"
	var step string
	for _, st := range e.Cards().Steps() {
		if st.Item.Kind == cards.KindText {
			step = st.ID
			break
		}
	}
	c.Status = record.StatusOpen // a correction needs an open case; the record is the same
	if _, err := e.Correct(c, step, dialogs.Input{Text: answer, By: dialogstest.Alice}); err != nil {
		t.Fatal(err)
	}
	c.Status = record.StatusClosed
	return e, c, ams, name
}
