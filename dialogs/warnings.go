package dialogs

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Warnings before a decision is recorded. A warning does not refuse the
// decision: it says what the record shows and what to do about it, and the
// one deciding may go on. Answer refuses a decision with a warning not yet
// seen (CodeWarning); answered again with the warnings in Input.Despite,
// the decision is recorded with them (record.Decision.Warnings). Correct
// does the same when the decision is changed afterwards, so a correction
// cannot leave a record that shows no warning.
//
// The rules, for a decision option (not Voorleggen, not "more information
// first"):
//
//   - short-rationale: the motivering has fewer than MinRationaleWords
//     words. A word is a run of characters between spaces with at least one
//     letter or digit in it, so "ok", "zie boven" and "- -" fall short and
//     "Ik doe X, omdat Y, ondanks Z." does not.
//   - outside-mandate: the answer to the mandate question (the item with
//     role: mandate) is an option whose content says mandate: lead or
//     mandate: elsewhere, and the one recording the decision is not a team
//     lead. A team lead counts only where team leads are configured: the
//     console treats its user as a lead for everything else, but knows no
//     team leads, so there the warning is given. A lead deciding a case put
//     to the leads (Voorleggen) is a lead deciding: no warning.

// MinRationaleWords is the fewest words a motivering has before it counts
// as a sentence. Six words hold the shortest sentence that says what and
// why ("Ik pas de regel toe, omdat …"); "ok" or "zie gesprek" do not.
const MinRationaleWords = 6

// Warning is one warning about a decision about to be recorded.
type Warning struct {
	Kind record.WarningKind
	// Text says, in the case's language, what the record shows and what to
	// do about it.
	Text string
}

// Warnings returns the warnings about recording in as the answer to the
// open question of c: none unless the question is the decision and in
// chooses an option that takes it. It changes nothing.
func (e *Engine) Warnings(c *record.Case, in Input) []Warning {
	p, ok := e.Prompt(c)
	choices := dedupe(in.Choices)
	if !ok || p.Kind != cards.KindDecision || len(choices) != 1 {
		return nil
	}
	ch, ok := p.Choice(choices[0])
	if !ok {
		return nil
	}
	return e.warnings(c, in, p, ch, CleanText(in.Text), c.Lang)
}

// warnings returns the warnings about deciding ch at decision prompt p with
// motivering text, in lang.
func (e *Engine) warnings(c *record.Case, in Input, p Prompt, ch Choice, text string, lang cards.Lang) []Warning {
	if p.Kind != cards.KindDecision || ch.Escalates || ch.MoreInfo {
		return nil
	}
	t := TextsFor(lang)
	var out []Warning
	if p.NeedsText(ch.ID) && countWords(text) < MinRationaleWords {
		out = append(out, Warning{Kind: record.WarnShortRationale, Text: fmt.Sprintf(t.WarnShortRationaleF, MinRationaleWords)})
	}
	if m, who := e.mandate(c); (m == cards.MandateLead || m == cards.MandateElsewhere) && !(in.Lead && !in.NoLeads) {
		out = append(out, Warning{Kind: record.WarnOutsideMandate, Text: fmt.Sprintf(t.WarnOutsideMandateF, who)})
	}
	return out
}

// checkWarnings returns the CodeWarning error when ws has a warning that
// despite does not name, and otherwise the kinds to record.
func (e *Engine) checkWarnings(c *record.Case, in Input, p Prompt, ch Choice, text string) ([]record.WarningKind, error) {
	ws := e.warnings(c, in, p, ch, text, c.Lang)
	var kinds []record.WarningKind
	unseen := false
	for _, w := range ws {
		kinds = append(kinds, w.Kind)
		unseen = unseen || !slices.Contains(in.Despite, w.Kind)
	}
	if !unseen {
		return kinds, nil
	}
	join := func(lang cards.Lang) string {
		var parts []string
		for _, w := range e.warnings(c, in, p, ch, text, lang) {
			parts = append(parts, w.Text)
		}
		return strings.Join(parts, "\n")
	}
	return nil, &Error{Code: CodeWarning, Field: "text", Warnings: ws, nl: join(cards.NL), en: join(cards.EN)}
}

// countWords counts the words of a motivering: the runs between spaces
// that hold a letter or a digit.
func countWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// WarningNames returns the names of warning kinds ws in lang, for the
// record of a decision that went on despite them.
func WarningNames(ws []record.WarningKind, lang cards.Lang) []string {
	t := TextsFor(lang)
	var out []string
	for _, w := range ws {
		switch w {
		case record.WarnShortRationale:
			out = append(out, t.WarnShortRationale)
		case record.WarnOutsideMandate:
			out = append(out, t.WarnOutsideMandate)
		default:
			out = append(out, string(w))
		}
	}
	return out
}
