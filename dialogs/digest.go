package dialogs

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// Pattern defaults: a signal, scheme or value that recurs in PatternMin or
// more cases within PatternWeeks weeks is named as a candidate for policy.
const (
	DefaultPatternMin   = 3
	DefaultPatternWeeks = 4
	// IdleAfter is how long an open case may go without any change before
	// the digest names it as stuck.
	IdleAfter = 7 * 24 * time.Hour
)

// DigestParams says which digest to compute.
type DigestParams struct {
	Channel string
	Week    Week
	// Loc is the time zone the week is counted in.
	Loc  *time.Location
	Lang cards.Lang
	// Now is the moment the digest is made; idle cases are counted up to
	// the end of the week or Now, whichever is earlier.
	Now time.Time
	// PatternMin and PatternWeeks tune the pattern flags; zero means the
	// defaults.
	PatternMin, PatternWeeks int
}

// Window returns the range of last-change times a digest needs cases from:
// every case changed at or after since (the week and the pattern window),
// plus the open cases last changed before idleBefore.
func (p DigestParams) Window() (since, idleBefore time.Time) {
	p = p.withDefaults()
	since = p.Week.Start(p.Loc)
	if pf := p.patternFrom(); pf.Before(since) {
		since = pf
	}
	return since, p.asOf().Add(-IdleAfter)
}

func (p DigestParams) withDefaults() DigestParams {
	if p.PatternMin <= 0 {
		p.PatternMin = DefaultPatternMin
	}
	if p.PatternWeeks <= 0 {
		p.PatternWeeks = DefaultPatternWeeks
	}
	if p.Loc == nil {
		p.Loc = time.UTC
	}
	if p.Lang != cards.EN {
		p.Lang = cards.NL
	}
	return p
}

func (p DigestParams) patternFrom() time.Time {
	w := p.Week
	for range p.PatternWeeks - 1 {
		w = w.Prev()
	}
	return w.Start(p.Loc)
}

func (p DigestParams) asOf() time.Time {
	end := p.Week.End(p.Loc)
	if !p.Now.IsZero() && p.Now.Before(end) {
		return p.Now
	}
	return end
}

// Digest is what happened in one channel in one week, ready to render.
type Digest struct {
	Channel  string
	Week     Week
	Lang     cards.Lang
	From, To time.Time
	// Started are the cases started in the week.
	Started []DigestCase
	// Decisions are the decisions taken in the week, by kind.
	Decisions []DigestGroup
	// ClosedAfterSignals are the cases closed in the week at the weighing
	// of the signals ("geen maatwerk nodig"), with the reason as Note.
	ClosedAfterSignals []DigestCase
	// Idle are open cases without any change for over IdleAfter; Note says
	// how long.
	Idle []DigestCase
	// Waiting are the cases on hold for more information before the
	// decision; Note says what is missing and since when.
	Waiting []DigestCase
	// PolicySignals are the answers to the policy-signal question given in
	// the week, by option; the cases are listed (with the note given) for
	// the options that ask for a note, counted for the others ("none").
	PolicySignals []DigestGroup
	// Signals are the signals ticked in the week, most frequent first.
	Signals []DigestCount
	// Schemes are the schemes of the cases active in the week.
	Schemes []DigestCount
	// Patterns are signals, schemes and argument values that recurred in
	// PatternMin or more cases within PatternWeeks weeks.
	Patterns []DigestPattern
	// Hardship groups cases placed under the hardship clause in the pattern
	// window that share signals.
	Hardship     []DigestHardship
	PatternMin   int
	PatternWeeks int
	PatternFrom  time.Time
}

// DigestCase is a case as the digest lists it.
type DigestCase struct {
	ID     int64
	Key    string
	Title  string
	Thread string
	Note   string
}

// DigestGroup is a labelled list of cases.
type DigestGroup struct {
	ID    string
	Label string
	Cases []DigestCase
}

// DigestCount is how many cases share something.
type DigestCount struct {
	ID    string
	Label string
	Count int
}

// Pattern kinds. Persisted nowhere; shown in the digest.
const (
	PatternSignal = "signal"
	PatternScheme = "scheme"
	PatternValue  = "value"
)

// DigestPattern is something that recurred often enough to bring to policy.
type DigestPattern struct {
	Kind  string
	ID    string
	Label string
	Cases []DigestCase
}

// DigestHardship is a group of hardship-clause cases sharing signals.
type DigestHardship struct {
	Signals []string
	Cases   []DigestCase
}

// maxTop is how many signals and schemes the digest lists.
const maxTop = 5

// Digest computes the digest of p.Channel's week from cases, which must
// hold at least the channel's cases the window of p selects (see
// DigestParams.Window); cases of other channels are ignored.
func (e *Engine) Digest(cases []*Case, p DigestParams) Digest {
	p = p.withDefaults()
	from, to := p.Week.Start(p.Loc), p.Week.End(p.Loc)
	pFrom := p.patternFrom()
	d := Digest{
		Channel: p.Channel, Week: p.Week, Lang: p.Lang, From: from, To: to,
		PatternMin: p.PatternMin, PatternWeeks: p.PatternWeeks, PatternFrom: pFrom,
	}
	in := func(t time.Time, a, b time.Time) bool { return !t.Before(a) && t.Before(b) }
	inWeek := func(t time.Time) bool { return in(t, from, to) }
	inWindow := func(t time.Time) bool { return in(t, pFrom, to) }
	lang := p.Lang
	asOf := p.asOf()
	t := DigestTextsFor(lang)

	// Stable order: oldest case first.
	cases = slices.Clone(cases)
	slices.SortFunc(cases, func(a, b *Case) int {
		return cmp.Or(a.StartedAt.Compare(b.StartedAt), cmp.Compare(a.ID, b.ID))
	})
	signalSteps := e.signalSteps()
	hardSteps, hardOpt := e.hardshipChoice()
	decisions := map[string]*DigestGroup{}
	signalCount := map[string]int{}
	schemeCount := map[string]int{}
	schemeLabel := map[string]string{}
	pattern := map[[2]string]*DigestPattern{}
	addPattern := func(kind, id, label string, c *Case) {
		k := [2]string{kind, id}
		pt := pattern[k]
		if pt == nil {
			pt = &DigestPattern{Kind: kind, ID: id, Label: label}
			pattern[k] = pt
		}
		if !slices.ContainsFunc(pt.Cases, func(dc DigestCase) bool { return dc.ID == c.ID }) {
			pt.Cases = append(pt.Cases, digestCase(c, ""))
		}
	}
	var hardship []*Case
	policyStep, hasPolicy := e.stepWithRole(cards.RolePolicySignal)
	policy := map[string]*DigestGroup{}
	for _, c := range cases {
		if c.Channel != p.Channel || c.StartedAt.After(to) {
			continue
		}
		if inWeek(c.StartedAt) {
			d.Started = append(d.Started, digestCase(c, ""))
		}
		addDecision := func(option string) {
			g := decisions[option]
			if g == nil {
				g = &DigestGroup{ID: option, Label: e.optionLabel(e.decisionStep(), option, lang)}
				decisions[option] = g
			}
			if n := len(g.Cases); n == 0 || g.Cases[n-1].ID != c.ID {
				g.Cases = append(g.Cases, digestCase(c, ""))
			}
		}
		// Putting a case to the team lead is a decision of its own kind;
		// the lead's decision is counted when it is taken.
		for _, esc := range c.Escalations {
			if inWeek(esc.At) {
				addDecision(esc.Option)
			}
		}
		if dec := c.Decision; dec != nil && inWeek(dec.At) {
			addDecision(dec.Option)
		}
		if cl := c.Closure; cl != nil && cl.Option != "" && inWeek(cl.At) && e.closesAtSignals(cl.Option) {
			note := e.signalOptionLabel(cl.Option, lang)
			if cl.Reason != "" {
				note += " — " + cl.Reason
			}
			d.ClosedAfterSignals = append(d.ClosedAfterSignals, digestCase(c, note))
		}
		if ev, ok := c.Waiting(); ok && c.StartedAt.Before(to) {
			days := int(asOf.Sub(ev.At) / (24 * time.Hour))
			d.Waiting = append(d.Waiting, digestCase(c, fmt.Sprintf(t.WaitingF, ev.Reason, days)))
		}
		if hasPolicy {
			if a, ok := c.AnswerTo(policyStep.ID); ok && inWeek(a.At) && len(a.Choices) == 1 {
				id := a.Choices[0]
				g := policy[id]
				if g == nil {
					g = &DigestGroup{ID: id, Label: e.optionLabel(policyStep.ID, id, lang)}
					policy[id] = g
				}
				g.Cases = append(g.Cases, digestCase(c, a.Text))
			}
		}
		if c.Status == StatusOpen && c.UpdatedAt.Before(asOf.Add(-IdleAfter)) && c.StartedAt.Before(to) {
			days := int(asOf.Sub(c.UpdatedAt) / (24 * time.Hour))
			d.Idle = append(d.Idle, digestCase(c, fmt.Sprintf(t.IdleDaysF, days)))
		}
		for _, a := range c.Answers {
			if !signalSteps[a.Step] {
				continue
			}
			for _, id := range a.Choices {
				if inWeek(a.At) {
					signalCount[id]++
				}
				if inWindow(a.At) {
					addPattern(PatternSignal, id, e.signalOptionLabel(id, lang), c)
				}
			}
		}
		if s := normScheme(c.Scheme); s != "" {
			if _, ok := schemeLabel[s]; !ok {
				schemeLabel[s] = strings.TrimSpace(c.Scheme)
			}
			if e.activeIn(c, from, to) {
				schemeCount[s]++
			}
			if inWindow(c.StartedAt) {
				addPattern(PatternScheme, s, schemeLabel[s], c)
			}
		}
		for _, a := range c.Arguments {
			if !a.Withdrawn && a.Value != "" && inWindow(a.At) {
				addPattern(PatternValue, a.Value, e.ValueText(a.Value, lang), c)
			}
		}
		if hardOpt != "" && slices.ContainsFunc(c.Answers, func(a Answer) bool {
			return hardSteps[a.Step] && inWindow(a.At) && slices.Contains(a.Choices, hardOpt)
		}) {
			hardship = append(hardship, c)
		}
	}
	for _, g := range decisions {
		d.Decisions = append(d.Decisions, *g)
	}
	slices.SortFunc(d.Decisions, func(a, b DigestGroup) int {
		return cmp.Or(cmp.Compare(len(b.Cases), len(a.Cases)), cmp.Compare(e.decisionOrder(a.ID), e.decisionOrder(b.ID)))
	})
	if hasPolicy {
		for _, o := range policyStep.Options { // in the card's order
			if g := policy[o.ID]; g != nil {
				if o.Reason.IsZero() {
					g.ID = "" // no signal: counted, not listed
				}
				d.PolicySignals = append(d.PolicySignals, *g)
			}
		}
	}
	d.Signals = top(signalCount, func(id string) string { return e.signalOptionLabel(id, lang) })
	d.Schemes = top(schemeCount, func(id string) string { return schemeLabel[id] })
	for _, pt := range pattern {
		if len(pt.Cases) >= p.PatternMin {
			d.Patterns = append(d.Patterns, *pt)
		}
	}
	kindOrder := map[string]int{PatternSignal: 0, PatternScheme: 1, PatternValue: 2}
	slices.SortFunc(d.Patterns, func(a, b DigestPattern) int {
		return cmp.Or(cmp.Compare(len(b.Cases), len(a.Cases)), cmp.Compare(kindOrder[a.Kind], kindOrder[b.Kind]),
			strings.Compare(a.Label, b.Label))
	})
	d.Hardship = e.hardshipGroups(hardship, signalSteps, lang)
	return d
}

// Empty reports whether nothing happened in the week and nothing is stuck
// or recurring.
func (d Digest) Empty() bool {
	return len(d.Started)+len(d.Decisions)+len(d.ClosedAfterSignals)+len(d.Idle)+len(d.Signals)+
		len(d.Schemes)+len(d.Patterns)+len(d.Hardship)+len(d.Waiting)+len(d.PolicySignals) == 0
}
