package dialogs

import (
	"fmt"
	"strings"
	"time"
)

// The summary as plain text: the console, and the notification text of a
// Slack message.

// PlainSummary renders a summary as plain text, for the console and as the
// notification text of a Slack message, in the order of the record: the
// case, the decision with its motivering, the weighing with the arguments
// and who gave them, the signals, the variant and the tension, the
// reflection, and a footer with the participants, the content version and
// the period. name turns a user id into a name; times are in loc.
func PlainSummary(s Summary, name func(string) string, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	t := TextsFor(s.Lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n", fmt.Sprintf(t.SummaryF, s.Key), s.Title)
	if s.Zaaknummer != "" {
		fmt.Fprintf(&b, "%s: %s\n", t.Zaaknummer, s.Zaaknummer)
	}
	if s.Scheme != "" {
		fmt.Fprintf(&b, "%s: %s\n", t.Scheme, s.Scheme)
	}
	fmt.Fprintf(&b, "%s: %s\n", t.StatusLabel, s.Status)
	if s.ClosedEarly != "" {
		fmt.Fprintf(&b, "\n"+t.ClosedEarlyF+"\n", s.ClosedEarly)
	}
	if s.CloseReason != "" {
		fmt.Fprintf(&b, "\n"+t.ClosedByF+"\n", name(s.CloseBy), s.CloseReason)
	}
	// The decision and its motivering first: that is what the record is
	// read for.
	if d := s.Decision; d != nil {
		fmt.Fprintf(&b, "\n%s: %s (%s)\n", t.Decision, d.Option,
			fmt.Sprintf(t.DecidedByF, name(d.By), FormatDateTime(d.At, loc, s.Lang)))
		if len(d.Warnings) > 0 {
			fmt.Fprintf(&b, "%s: %s\n", t.WarnedLabel, strings.Join(d.Warnings, "; "))
		}
		fmt.Fprintf(&b, "%s: %s\n", t.Rationale, d.Rationale)
	}
	for _, l := range s.EscalationLines(name) {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	if w := s.Waiting; w != nil {
		fmt.Fprintf(&b, "\n%s (%s): %s\n", t.WaitingLabel, fmt.Sprintf(t.LookBackByF, name(w.By), FormatDate(w.At, loc, s.Lang)), w.Reason)
	}
	entry := func(en SummaryEntry) {
		fmt.Fprintf(&b, "  • %s%s %s — %s\n", en.Label, LabelColon(en.Label), en.Answer, name(en.By))
	}
	weighing, apart, rest := s.Record()
	if len(weighing.Entries) > 0 {
		fmt.Fprintf(&b, "\n%s:\n", weighing.Title)
		for _, en := range weighing.Entries {
			if !en.Arguments || len(s.Pro)+len(s.Contra) == 0 {
				entry(en)
				continue
			}
			for _, args := range []struct {
				title string
				list  []SummaryArgument
			}{{t.ArgsPro, s.Pro}, {t.ArgsContra, s.Contra}} {
				if len(args.list) == 0 {
					continue
				}
				fmt.Fprintf(&b, "  %s:\n", args.title)
				for _, a := range args.list {
					v := ""
					if a.Value != "" {
						v = " [" + a.Value + "]"
					}
					fmt.Fprintf(&b, "    • %s%s — %s\n", a.Text, v, name(a.By))
				}
			}
		}
	}
	if len(s.Signals) > 0 {
		fmt.Fprintf(&b, "\n%s:\n", t.SignalsFound)
		for _, sig := range s.Signals {
			fmt.Fprintf(&b, "  • %s\n", sig)
		}
	}
	if s.Reading != "" {
		fmt.Fprintf(&b, "%s: %s\n", t.ReadingLabel, s.Reading)
	}
	if len(apart) > 0 {
		fmt.Fprintf(&b, "\n%s:\n", t.VariantLabel)
		for _, en := range apart {
			entry(en)
		}
	}
	for _, ph := range rest {
		fmt.Fprintf(&b, "\n%s:\n", ph.Title)
		for _, en := range ph.Entries {
			entry(en)
		}
	}
	if lb := s.LookBack; lb != nil {
		fmt.Fprintf(&b, "\n%s:\n  %s — %s\n", t.LookBackLabel, lb.Text, fmt.Sprintf(t.LookBackByF, name(lb.By), FormatDate(lb.At, loc, s.Lang)))
	}
	var names []string
	for _, p := range s.Participants {
		names = append(names, name(p))
	}
	fmt.Fprintf(&b, "\n%s: %s\n", t.Participants, strings.Join(names, ", "))
	if s.CardsVersion != "" {
		fmt.Fprintf(&b, "%s: %s\n", t.ContentVersion, s.CardsVersion)
	}
	fmt.Fprintf(&b, "%s: %s\n", t.Period, FormatPeriod(s.StartedAt, s.UpdatedAt, loc, s.Lang))
	return b.String()
}

// EscalationLines describes the escalations, one line each, with name
// turning a user id into a name (or a mention).
func (s Summary) EscalationLines(name func(string) string) []string {
	t := TextsFor(s.Lang)
	var out []string
	for _, e := range s.Escalations {
		l := fmt.Sprintf(t.SummaryEscalatedF, name(e.By))
		switch {
		case e.DecidedBy != "":
			l += "; " + fmt.Sprintf(t.SummaryLeadDecidedF, name(e.DecidedBy))
		case e.ReturnedBy != "":
			l += "; " + fmt.Sprintf(t.ReturnedByF, name(e.ReturnedBy), e.Question)
		}
		out = append(out, l)
	}
	return out
}
