package dialogs

import (
	"fmt"
	"strings"
)

// PlainCardList renders the list of cards as plain text, one line a card.
// command is how the user asks for a card ("/maatwerk" in Slack, "" at the
// console).
func PlainCardList(list []CardSummary, t *CardTexts, command string) string {
	var b strings.Builder
	fmt.Fprintln(&b, t.ListTitle)
	for _, g := range SourceGroups(list, t) {
		fmt.Fprintf(&b, "%s\n", g.Heading)
		for _, c := range g.Cards {
			fmt.Fprintf(&b, "  • %s (%s): %s\n", c.Title, c.ID, c.Line)
		}
	}
	fmt.Fprintln(&b, plainMarks(t.Attribution))
	if command != "" {
		fmt.Fprintln(&b, plainMarks(fmt.Sprintf(t.ListHintF, command)))
	}
	return strings.TrimRight(b.String(), "\n")
}

// PlainCard renders a card as plain text: title, purpose, and each item with
// its options and its one line of help; for the variants card the 2×2 and
// the dilemmas.
func PlainCard(v CardView, t *CardTexts, see string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s ==\n%s\n", v.Title, plainMarks(v.Purpose))
	if v.Grid != nil {
		writePlainGrid(&b, v, t)
		return strings.TrimRight(b.String(), "\n")
	}
	for _, it := range v.Items {
		b.WriteString("\n")
		if it.Title != "" && !strings.Contains(it.Text, it.Title) && !strings.HasPrefix(it.Text, "*") {
			fmt.Fprintf(&b, "%s\n", it.Title)
		}
		fmt.Fprintf(&b, "%s\n", plainMarks(it.Text))
		for _, o := range it.Options {
			if o.Help != "" {
				fmt.Fprintf(&b, "  • %s — %s\n", o.Text, o.Help)
			} else {
				fmt.Fprintf(&b, "  • %s\n", o.Text)
			}
		}
		if it.Help != "" {
			fmt.Fprintf(&b, "  (%s)\n", plainMarks(it.Help))
		}
		for _, s := range it.See {
			fmt.Fprintf(&b, "  %s: %s\n", see, s)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func writePlainGrid(b *strings.Builder, v CardView, t *CardTexts) {
	g := v.Grid
	if g.Intro != "" {
		fmt.Fprintf(b, "\n%s\n", plainMarks(g.Intro))
	}
	fmt.Fprintf(b, "\n%s\n", t.Variants)
	for _, v := range g.Order {
		fmt.Fprintf(b, "  [%s]\n", t.Place(v))
		fmt.Fprintf(b, "    %s — %s\n", v.Title, v.Line)
		fmt.Fprintf(b, "    %s\n", plainMarks(v.Text))
	}
	if len(v.Dilemmas) > 0 {
		fmt.Fprintf(b, "\n%s\n", v.DilemmasTitle)
		for _, d := range v.Dilemmas {
			fmt.Fprintf(b, "  • %s — %s\n", d.Text, d.Help)
		}
	}
}

// plainMarks drops the mrkdwn emphasis markers the card content uses.
func plainMarks(s string) string {
	return strings.NewReplacer("*", "", "`", "'").Replace(s)
}
