package dialogs

import (
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// TestErrorFormatEscapesOnlyWhatWasTyped: Format passes the Quoted
// arguments (a reason someone typed) through the transport's escape and
// leaves the product's own text alone; In shows the message as it is.
func TestErrorFormatEscapesOnlyWhatWasTyped(t *testing.T) {
	upper := func(s string) string { return "[" + strings.ToUpper(s) + "]" }
	paused := userError(CodePaused, "", func(t *Texts) string { return t.CaseWaitingF }, Quoted("<!here> bel terug"))
	tooLong := userError(CodeTooLong, "title", func(t *Texts) string { return t.TooLongF }, 200, 150)
	privacy := privacyError("text", []PersonalData{BSN})
	tests := []struct {
		name string
		err  *Error
		lang cards.Lang
		want []string
		not  []string
	}{
		{"quoted, nl", paused, cards.NL, []string{"[<!HERE> BEL TERUG]", "`@maatwerkbot hervat`"}, []string{"<!here>"}},
		{"quoted, en", paused, cards.EN, []string{"[<!HERE> BEL TERUG]", "`@maatwerkbot resume`"}, nil},
		{"no quoted args", tooLong, cards.NL, []string{tooLong.In(cards.NL)}, nil},
		{"made otherwise", privacy, cards.EN, []string{privacy.In(cards.EN)}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.err.Format(tc.lang, upper)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Format = %q, want it to hold %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("Format = %q holds %q", got, n)
				}
			}
		})
	}
	if got := paused.In(cards.NL); !strings.Contains(got, "<!here> bel terug") {
		t.Errorf("In = %q; want the reason as typed", got)
	}
}
