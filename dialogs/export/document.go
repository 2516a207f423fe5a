package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// A case as a document for the dossier: its particulars, the decision and
// its motivering first, then every answer under its phase with a short
// label, who gave it and when, and an appendix with every changed answer
// in all its versions. The Markdown copy is written from it; a PDF can be
// drawn from the same values.

// Document is one case as a record.
type Document struct {
	Title string // "Verslag van casus MW-0042"
	// Key is the case id (MW-0042); Zaaknummer the organisation's own
	// reference, when given. Both head every page of a printed copy.
	Key, Zaaknummer string
	// ZaaknummerLabel is the word for a zaaknummer in the case's language.
	ZaaknummerLabel string
	// Facts are the case's particulars: label and value.
	Facts []DocFact
	// Decision is the decision with its motivering, when taken, under the
	// heading DecisionTitle.
	Decision      []DocFact
	DecisionTitle string
	Sections      []DocSection
	// History lists each changed answer with all its versions.
	History []DocChange
	Footer  string
	// ChangedMark and HistoryTitle are the words for a changed answer and
	// the appendix, in the case's language.
	ChangedMark, HistoryTitle string
	// PageF numbers the pages of a printed copy: "Pagina %d van %d".
	PageF string
	// Lang is the case's language.
	Lang cards.Lang
}

// DocFact is a label and its value.
type DocFact struct{ Label, Value string }

// DocSection is a phase of the conversation, or the arguments.
type DocSection struct {
	Title   string
	Entries []DocEntry
}

// DocEntry is one answer (or argument): a short label, the answer, who gave it
// and when, and whether it was changed.
type DocEntry struct {
	Label, Answer, By, At string
	Changed               bool
}

// DocChange is a question whose answer was changed, with every version.
type DocChange struct {
	Label    string
	Versions []DocEntry
}

// NewDocument makes the document of c. Times are in loc; name gives a
// person's name for a user id (or returns the id).
func NewDocument(e *dialogs.Engine, c *record.Case, loc *time.Location, name func(string) string) Document {
	if loc == nil {
		loc = time.UTC
	}
	t := dialogs.TextsFor(c.Lang)
	s := e.Summarize(c)
	at := func(tm time.Time) string { return dialogs.FormatDateTime(tm, loc, c.Lang) }
	d := Document{Title: fmt.Sprintf(t.DocTitleF, s.Key), Key: s.Key, Zaaknummer: s.Zaaknummer, ZaaknummerLabel: t.Zaaknummer,
		ChangedMark: t.DocChanged, HistoryTitle: t.DocHistory, DecisionTitle: t.DocDecision, PageF: t.DocPageF, Lang: c.Lang}
	d.Facts = append(d.Facts, DocFact{t.DocCase, s.Title})
	if s.Zaaknummer != "" {
		d.Facts = append(d.Facts, DocFact{t.Zaaknummer, s.Zaaknummer})
	}
	if s.Scheme != "" {
		d.Facts = append(d.Facts, DocFact{t.Scheme, s.Scheme})
	}
	if dialogs.ValidSource(c.Source) {
		d.Facts = append(d.Facts, DocFact{t.SourceLabel, c.Source})
	}
	d.Facts = append(d.Facts, DocFact{t.StatusLabel, s.Status},
		DocFact{"", fmt.Sprintf(t.DocStartedF, name(s.StartedBy), at(s.StartedAt))})
	if dec := s.Decision; dec != nil {
		d.Decision = []DocFact{
			{t.Decision, dec.Option},
			{t.Rationale, dec.Rationale},
			{"", fmt.Sprintf(t.DecidedByF, name(dec.By), at(dec.At))},
		}
		if len(dec.Warnings) > 0 {
			d.Decision = append(d.Decision, DocFact{t.WarnedLabel, strings.Join(dec.Warnings, "; ")})
		}
	}
	// The record's order (as the summary's, Summary.Record): the weighing
	// with the arguments for and against, then the phases before it (the
	// signals, each group with who and when), the variant and the tension,
	// and the phases after it. The decision is at the top; its versions,
	// as every changed answer's, are in the appendix.
	weighing, apart, _ := s.Record()
	inWeighing, isApart := map[string]bool{}, map[string]bool{}
	for _, en := range weighing.Entries {
		inWeighing[en.Step] = true
	}
	for _, en := range apart {
		isApart[en.Step] = true
	}
	var before, after []DocSection
	weigh := DocSection{Title: weighing.Title}
	apartSec := DocSection{Title: t.VariantLabel}
	seenWeighing := false
	for i := range e.Total() {
		p, _ := e.PromptAt(c, i)
		a, ok := c.AnswerTo(p.StepID)
		if !ok {
			continue
		}
		hist := c.History(p.StepID)
		if len(hist) > 1 {
			ch := DocChange{Label: fmt.Sprintf("%d. %s", p.Number, p.Label)}
			for _, v := range hist {
				ch.Versions = append(ch.Versions, DocEntry{Answer: e.AnswerText(c, v), By: name(v.By), At: at(v.At)})
			}
			d.History = append(d.History, ch)
		}
		en := DocEntry{Label: p.Label, Answer: e.AnswerText(c, a), By: name(a.By), At: at(a.At), Changed: len(hist) > 1}
		switch {
		case p.Kind == cards.KindDecision && s.Decision != nil:
			// At the top already.
		case p.Kind == cards.KindArguments && len(s.Pro)+len(s.Contra) > 0:
			// Listed one by one below the weighing.
		case isApart[p.StepID]:
			apartSec.Entries = append(apartSec.Entries, en)
		case inWeighing[p.StepID] || p.Kind == cards.KindDecision:
			seenWeighing = true
			weigh.Entries = append(weigh.Entries, en)
		default:
			list := &before
			if seenWeighing {
				list = &after
			}
			if n := len(*list); n == 0 || (*list)[n-1].Title != p.Phase {
				*list = append(*list, DocSection{Title: p.Phase})
			}
			(*list)[len(*list)-1].Entries = append((*list)[len(*list)-1].Entries, en)
		}
	}
	if len(weigh.Entries) > 0 {
		d.Sections = append(d.Sections, weigh)
	}
	for _, args := range []struct {
		title string
		list  []dialogs.SummaryArgument
	}{{t.ArgsPro, s.Pro}, {t.ArgsContra, s.Contra}} {
		if len(args.list) == 0 {
			continue
		}
		sec := DocSection{Title: args.title}
		for _, a := range args.list {
			sec.Entries = append(sec.Entries, DocEntry{Answer: a.Text, By: name(a.By)})
		}
		d.Sections = append(d.Sections, sec)
	}
	d.Sections = append(d.Sections, before...)
	if len(apartSec.Entries) > 0 {
		d.Sections = append(d.Sections, apartSec)
	}
	d.Sections = append(d.Sections, after...)
	d.Footer = fmt.Sprintf(t.DocFooterF, c.CardsVersion, dialogs.FormatPeriod(s.StartedAt, s.UpdatedAt, loc, c.Lang))
	return d
}

// ReportFileName is the file name of c's document made on day in format
// (PDF or Markdown): "MW-0042-verslag-2026-12-05.pdf". Only the case id
// and the date: nothing a person typed goes into a file name.
func ReportFileName(c *record.Case, day time.Time, format string) string {
	return fmt.Sprintf("%s-verslag-%s.%s", c.Key(), day.Format("2006-01-02"), format)
}

// WriteMarkdown writes d as Markdown. Everything a person typed is data:
// Markdown's marks in it are escaped, so it can neither format nor link.
func WriteMarkdown(w io.Writer, d Document) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", md(d.Title))
	facts := func(fs []DocFact) {
		for _, f := range fs {
			if f.Label == "" {
				fmt.Fprintf(&b, "%s  \n", md(f.Value))
				continue
			}
			fmt.Fprintf(&b, "**%s:** %s  \n", md(f.Label), md(f.Value))
		}
		b.WriteString("\n")
	}
	facts(d.Facts)
	if len(d.Decision) > 0 {
		fmt.Fprintf(&b, "## %s\n\n", md(d.DecisionTitle))
		facts(d.Decision)
	}
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "## %s\n\n", md(s.Title))
		for _, e := range s.Entries {
			b.WriteString("- ")
			if e.Label != "" {
				fmt.Fprintf(&b, "**%s%s** ", md(e.Label), dialogs.LabelColon(e.Label))
			}
			b.WriteString(md(e.Answer))
			who := e.By
			if e.At != "" {
				who += ", " + e.At
			}
			fmt.Fprintf(&b, " _(%s)_", md(who))
			if e.Changed {
				b.WriteString(" — *" + md(d.ChangedMark) + "*")
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	if len(d.History) > 0 {
		fmt.Fprintf(&b, "## %s\n\n", md(d.HistoryTitle))
		for _, h := range d.History {
			fmt.Fprintf(&b, "### %s\n\n", md(h.Label))
			for i, v := range h.Versions {
				fmt.Fprintf(&b, "%d. %s _(%s, %s)_\n", i+1, md(v.Answer), md(v.By), md(v.At))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "---\n\n%s\n", md(d.Footer))
	_, err := io.WriteString(w, b.String())
	return err
}

// md escapes Markdown's marks in s and keeps it on one line: what
// formats (* _ ~ `), what links or embeds ([ ] < >), tables (|), and a #
// that would start a heading.
func md(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~", r) || (i == 0 && r == '#') {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
