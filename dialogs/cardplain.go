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
	for _, c := range list {
		fmt.Fprintf(&b, "  • %s (%s): %s\n", c.Title, c.ID, c.Line)
	}
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
	for row := range 2 {
		for col := range 2 {
			cell := g.Cells[row][col]
			if cell == nil {
				continue
			}
			fmt.Fprintf(b, "  [%s · %s]\n", t.GridRow(row), t.GridCol(col))
			fmt.Fprintf(b, "    %s — %s\n", cell.Title, cell.Line)
			fmt.Fprintf(b, "    %s\n", plainMarks(cell.Text))
		}
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
