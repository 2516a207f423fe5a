package export

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// A decision recorded despite warnings says so in the dossier document,
// right with the decision, and in the JSON export; one without says
// nothing about warnings.
func TestDecisionWarningsInTheRecord(t *testing.T) {
	e := dialogstest.Engine(t)
	name := func(id string) string { return id }
	for _, tc := range []struct {
		lang     cards.Lang
		warnings []record.WarningKind
		want     string
	}{
		{cards.NL, []record.WarningKind{record.WarnShortRationale, record.WarnOutsideMandate},
			"**Vastgelegd ondanks waarschuwing:** motivering korter dan een zin; buiten het mandaat dat bij Mandaat is gekozen  \n"},
		{cards.EN, []record.WarningKind{record.WarnOutsideMandate}, "**Recorded despite a warning:** outside the mandate chosen under Mandate  \n"},
		{cards.NL, nil, ""},
	} {
		c := dialogstest.Case(t, e, tc.lang, -1, false)
		if c.Decision == nil {
			t.Fatal("the fixture case has no decision")
		}
		c.Decision.Warnings = tc.warnings
		doc := NewDocument(e, c, nil, name)
		var md bytes.Buffer
		if err := WriteMarkdown(&md, doc); err != nil {
			t.Fatal(err)
		}
		label := "ondanks waarschuwing"
		if tc.lang == cards.EN {
			label = "despite a warning"
		}
		switch {
		case tc.want == "" && strings.Contains(md.String(), label):
			t.Errorf("%s: a decision without warnings shows them:\n%s", tc.lang, md.String())
		case tc.want != "" && !strings.Contains(md.String(), tc.want):
			t.Errorf("%s: the document lacks %q:\n%s", tc.lang, tc.want, md.String())
		}
		if tc.want != "" {
			_, section, _ := strings.Cut(md.String(), "## "+dialogs.TextsFor(tc.lang).DocDecision+"\n")
			section, _, _ = strings.Cut(section, "\n## ")
			if !strings.Contains(section, tc.want) {
				t.Errorf("%s: the warning is not with the decision:\n%s", tc.lang, md.String())
			}
		}
		var js bytes.Buffer
		if err := Write(&js, JSON, e, []*record.Case{c}, nil); err != nil {
			t.Fatal(err)
		}
		var got []Case
		if err := json.Unmarshal(js.Bytes(), &got); err != nil || len(got) != 1 || got[0].Decision == nil {
			t.Fatalf("JSON export: %v, %s", err, js.String())
		}
		var kinds []record.WarningKind
		for _, w := range got[0].Decision.Warnings {
			kinds = append(kinds, record.WarningKind(w))
		}
		if !slices.Equal(kinds, tc.warnings) {
			t.Errorf("%s: JSON warnings %q, want %q", tc.lang, kinds, tc.warnings)
		}
	}
}
