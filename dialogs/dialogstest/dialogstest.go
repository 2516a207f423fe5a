package dialogstest

import (
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// The people of a golden case: Slack-style user ids.
const (
	Alice = "UALICE001" // caseworker, starts and answers the case
	Bob   = "UBOB00002" // colleague, gives an argument for
	Lead  = "ULEAD0003" // team lead, gives an argument against
)

// Time is the clock of a golden case.
var Time = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// Engine returns an engine over the embedded content whose clock stands
// at Time.
func Engine(tb testing.TB) *dialogs.Engine {
	tb.Helper()
	set, err := cards.LoadEmbedded()
	if err != nil {
		tb.Fatalf("embedded cards: %v", err)
	}
	return dialogs.New(set, func() time.Time { return Time })
}

// Case walks a case over the real content up to step stop (or to the end
// when stop < 0), answering like a caseworker would: the first two options
// of a multiple choice, a text with characters that need escaping, one
// argument for and one against, and at a single choice the first option
// that closes the case (closeEarly) or that does not.
func Case(tb testing.TB, e *dialogs.Engine, lang cards.Lang, stop int, closeEarly bool) *record.Case {
	tb.Helper()
	c, err := e.NewCase(dialogs.Start{Channel: "C0GOLDEN", Title: "Terugvordering na te laat gemelde erfenis",
		Scheme: "Participatiewet", Urgency: "hoog", By: Alice, Lang: lang})
	if err != nil {
		tb.Fatal(err)
	}
	c.ID, c.Thread = 42, "1700000000.000100"
	for c.Status == record.StatusOpen && (stop < 0 || c.Step < stop) {
		p, ok := e.Prompt(c)
		if !ok {
			break
		}
		in := dialogs.Input{Seq: p.Seq, Step: p.StepID, By: Alice}
		switch p.Kind {
		case cards.KindMulti:
			for i, o := range p.Options {
				if i < 2 {
					in.Choices = append(in.Choices, o.ID)
				}
			}
		case cards.KindText:
			in.Text = "De regel wil bestaanszekerheid bieden & voorkomen dat mensen <te veel> krijgen."
		case cards.KindArguments:
			e.AddArgument(c, dialogs.ArgumentInput{Pro: true, Text: "De schuld ontstond door een fout van de gemeente zelf.", By: Bob})
			e.AddArgument(c, dialogs.ArgumentInput{Pro: false, Text: "Andere huishoudens krijgen deze ruimte ook niet.", Value: p.Values[1].ID, By: Lead})
		default:
			choice := p.Options[0]
			for _, o := range p.Options {
				if o.Closes == closeEarly {
					choice = o
					break
				}
			}
			in.Choices = []string{choice.ID}
			if p.NeedsText(choice.ID) {
				in.Text = "Ik doe dit omdat de gevolgen onevenredig zijn, ondanks het risico op precedent."
			}
		}
		if _, err := e.Answer(c, in); err != nil {
			tb.Fatalf("step %s: %v", p.StepID, err)
		}
	}
	return c
}
