package dialogs

import (
	"slices"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// TestConsoleWarnsWhenTheDecisionIsCorrected: a decision recorded with a
// good motivering and then changed ('wijzig 8', or 'terug' from the
// question after it) to one shorter than a sentence is warned about as at
// the decision: "ja" records the change with the warning, a new motivering
// is checked again, stop leaves the decision as it was.
func TestConsoleWarnsWhenTheDecisionIsCorrected(t *testing.T) {
	// mandaat: ikzelf; besluit: maatwerk with a good motivering.
	decided := append(slices.Clone(wholeConversation[:11]), "1", "1", goodRationale)
	const (
		warning = "! Je motivering is korter dan een zin (minder dan 6 woorden)."
		goOn    = "Toch vastleggen? Typ ja. De waarschuwing komt dan bij het besluit te staan."
		changed = "Gewijzigd: stap 8"
		better  = "De regel past hier toch, want de gevolgen zijn klein."
	)
	for _, tc := range []struct {
		name      string
		typed     []string // at the question after the decision
		warned    int      // how often the warning shows
		option    string
		rationale string
		warnings  []record.WarningKind
	}{
		{"wijzig, ja records it with the warning", []string{"wijzig 8", "1", "ok", "ja", "stop"}, 1, "maatwerk", "ok", []record.WarningKind{record.WarnShortRationale}},
		{"terug, ja records it with the warning", []string{"terug", "2", "zie gesprek", "ja", "stop"}, 1, "regel", "zie gesprek", []record.WarningKind{record.WarnShortRationale}},
		{"a new short motivering is warned again", []string{"wijzig 8", "1", "ok", "nog steeds kort", "ja", "stop"}, 2, "maatwerk", "nog steeds kort", []record.WarningKind{record.WarnShortRationale}},
		{"a sentence records it without a warning", []string{"wijzig 8", "2", "ok", better, "stop"}, 1, "regel", better, nil},
		{"Enter asks again", []string{"wijzig 8", "1", "ok", "", "ja", "stop"}, 2, "maatwerk", "ok", []record.WarningKind{record.WarnShortRationale}},
		{"stop keeps the decision as it was", []string{"wijzig 8", "1", "ok", "stop"}, 1, "maatwerk", goodRationale, nil},
		{"Ctrl-D keeps the decision as it was", []string{"wijzig 8", "1", "ok"}, 1, "maatwerk", goodRationale, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newFakeStore()
			out, err := runConsole(t, store, cards.NL, append(slices.Clone(decided), tc.typed...)...)
			if err != nil {
				t.Fatalf("Run: %v\n%s", err, out)
			}
			if n := strings.Count(out, warning); n != tc.warned {
				t.Errorf("the warning shows %d times, want %d:\n%s", n, tc.warned, out)
			}
			if !strings.Contains(out, goOn) {
				t.Errorf("no question whether to go on:\n%s", out)
			}
			// The decision is offered again as at the question: without
			// Voorleggen, which no team lead could receive here.
			if i := strings.LastIndex(out, "Wat besluit je?"); i < 0 || strings.Contains(out[i:], "Voorleggen") {
				t.Errorf("the decision to change offers Voorleggen in the console:\n%s", out)
			}
			c := store.get(t, 1)
			d := c.Decision
			if d == nil || d.Option != tc.option || d.Rationale != tc.rationale || !slices.Equal(d.Warnings, tc.warnings) {
				t.Fatalf("decision %+v, want %s: %q with warnings %q", d, tc.option, tc.rationale, tc.warnings)
			}
			corrected := tc.rationale != goodRationale
			if got := strings.Contains(out, changed); got != corrected {
				t.Errorf("output says %q: %v, want %v:\n%s", changed, got, corrected, out)
			}
			if h := c.History(stepBesluit); (len(h) == 2) != corrected {
				t.Errorf("history of the decision: %+v", h)
			}
		})
	}
}
