package dialogs

import (
	"fmt"
	"strings"
)

// DigestSection is one titled part of a digest as lines of text, shared by
// the plain-text and the Block Kit rendering so both say the same.
type DigestSection struct {
	Title string
	Lines []string
	// Notes are explanatory lines under the section (the essay's reasoning,
	// the pointer to the policy card).
	Notes []string
}

// DefaultMaxLines caps a section; the rest is summed up in one line.
const DefaultMaxLines = 15

// DigestFormat says how to write a digest's parts.
type DigestFormat struct {
	// Command is the slash command, for the pointer to the policy card.
	Command string
	// Ref renders a case reference (e.g. a link to its thread); nil
	// renders the key.
	Ref func(DigestCase) string
	// Escape escapes text (titles, reasons, schemes, card labels) for the
	// target markup; nil leaves it as it is.
	Escape func(string) string
	// MaxLines caps each list; 0 means DefaultMaxLines.
	MaxLines int
	// MaxTitle shortens case titles to this many characters; 0 keeps them.
	MaxTitle int
}

// DigestSections lays out d as sections.
func DigestSections(d Digest, f DigestFormat) []DigestSection {
	t := DigestTextsFor(d.Lang)
	ref, esc, maxLines, command := f.Ref, f.Escape, f.MaxLines, f.Command
	if ref == nil {
		ref = func(c DigestCase) string { return c.Key }
	}
	if esc == nil {
		esc = func(s string) string { return s }
	}
	if maxLines <= 1 {
		maxLines = DefaultMaxLines
	}
	item := func(c DigestCase) string {
		title := c.Title
		if f.MaxTitle > 0 {
			title = clipText(title, f.MaxTitle)
		}
		s := ref(c) + " " + esc(title)
		if c.Note != "" {
			s += " — " + esc(c.Note)
		}
		return s
	}
	refs := func(cs []DigestCase) string {
		var parts []string
		for i, c := range cs {
			if i == maxLines {
				parts = append(parts, fmt.Sprintf(t.MoreF, len(cs)-maxLines))
				break
			}
			parts = append(parts, ref(c))
		}
		return strings.Join(parts, ", ")
	}
	capped := func(lines []string) []string {
		if len(lines) > maxLines {
			n := len(lines) - (maxLines - 1)
			lines = append(lines[:maxLines-1:maxLines-1], fmt.Sprintf(t.MoreF, n))
		}
		return lines
	}
	cases := func(title string, cs []DigestCase) *DigestSection {
		if len(cs) == 0 {
			return nil
		}
		var lines []string
		for _, c := range cs {
			lines = append(lines, item(c))
		}
		return &DigestSection{Title: fmt.Sprintf(t.CountF, title, len(cs)), Lines: capped(lines)}
	}
	var out []DigestSection
	add := func(s *DigestSection) {
		if s != nil {
			out = append(out, *s)
		}
	}
	add(cases(t.Started, d.Started))
	if len(d.Decisions) > 0 {
		s := DigestSection{Title: t.Decisions}
		for _, g := range d.Decisions {
			s.Lines = append(s.Lines, fmt.Sprintf(t.CountF, esc(g.Label), len(g.Cases))+": "+refs(g.Cases))
		}
		add(&s)
	}
	add(cases(t.ClosedAtSignals, d.ClosedAfterSignals))
	add(cases(t.Waiting, d.Waiting))
	add(cases(t.Idle, d.Idle))
	if len(d.PolicySignals) > 0 {
		s := DigestSection{Title: t.PolicySignals}
		for _, g := range d.PolicySignals {
			if g.ID == "" {
				s.Lines = append(s.Lines, fmt.Sprintf(t.CountF, esc(g.Label), len(g.Cases)))
				continue
			}
			s.Lines = append(s.Lines, fmt.Sprintf(t.CountF, esc(g.Label), len(g.Cases))+":")
			for _, c := range g.Cases {
				s.Lines = append(s.Lines, "  "+item(c))
			}
		}
		s.Lines = capped(s.Lines)
		s.Notes = []string{fmt.Sprintf(t.PolicyCardF, command)}
		add(&s)
	}
	counts := func(title string, cs []DigestCount) {
		if len(cs) == 0 {
			return
		}
		s := DigestSection{Title: title}
		for _, c := range cs {
			s.Lines = append(s.Lines, fmt.Sprintf(t.CountF, esc(c.Label), c.Count))
		}
		add(&s)
	}
	counts(t.Signals, d.Signals)
	counts(t.Schemes, d.Schemes)
	if len(d.Patterns) > 0 {
		s := DigestSection{Title: t.Patterns}
		for _, p := range d.Patterns {
			s.Lines = append(s.Lines, esc(t.Pattern(t.PatternKind[p.Kind], p.Label, len(p.Cases), d.PatternWeeks))+
				" "+refs(p.Cases))
		}
		s.Lines = capped(s.Lines)
		s.Notes = []string{esc(t.PatternWhy), fmt.Sprintf(t.PolicyCardF, command)}
		add(&s)
	}
	if len(d.Hardship) > 0 {
		s := DigestSection{Title: t.Hardship}
		for _, h := range d.Hardship {
			s.Lines = append(s.Lines, fmt.Sprintf(t.HardshipF, refs(h.Cases), esc(strings.Join(h.Signals, "; "))))
		}
		s.Lines = capped(s.Lines)
		s.Notes = []string{esc(t.HardshipWhy), fmt.Sprintf(t.PolicyCardF, command)}
		add(&s)
	}
	return out
}

// DigestHeading is the digest's title and its period, e.g.
// "Weekoverzicht maatwerk 2026-W47" and "16 tot en met 22 november 2026",
// in the digest's language and time zone (that of its week's start).
func DigestHeading(d Digest) (title, period string) {
	t := DigestTextsFor(d.Lang)
	loc := d.From.Location()
	last := d.To.In(loc).AddDate(0, 0, -1)
	return fmt.Sprintf(t.TitleF, d.Week), FormatPeriod(d.From, last, loc, d.Lang)
}

// PlainDigest renders a digest as plain text: for the console, for tests
// and as the notification text of a Slack message.
func PlainDigest(d Digest, f DigestFormat) string {
	var b strings.Builder
	title, period := DigestHeading(d)
	fmt.Fprintf(&b, "%s (%s)\n", title, period)
	secs := DigestSections(d, f)
	if len(secs) == 0 {
		fmt.Fprintf(&b, "\n%s\n", DigestTextsFor(d.Lang).Nothing)
	}
	for _, s := range secs {
		fmt.Fprintf(&b, "\n%s\n", s.Title)
		for _, l := range s.Lines {
			fmt.Fprintf(&b, "  • %s\n", l)
		}
		for _, n := range s.Notes {
			fmt.Fprintf(&b, "  %s\n", n)
		}
	}
	return b.String()
}
