package dialogs

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// The sections of the digest: how each is gathered from the cases.

// digestScope is what every section of one digest reads.
type digestScope struct {
	e *Engine
	p DigestParams
	// from and to bound the week, patternFrom and to the pattern window;
	// asOf is the moment idle and waiting cases are counted up to.
	from, to, patternFrom, asOf time.Time
	t                           *DigestTexts
	// cases are the channel's cases started by the end of the week, oldest
	// first.
	cases       []*record.Case
	signalSteps map[string]bool
	// schemeLabel is the first spelling of each scheme (by normScheme).
	schemeLabel map[string]string
}

// newDigestScope prepares the sections of the digest p (with its
// defaults) asks for.
func (e *Engine) newDigestScope(cases []*record.Case, p DigestParams) *digestScope {
	s := &digestScope{
		e: e, p: p,
		from: p.Week.Start(p.Loc), to: p.Week.End(p.Loc), patternFrom: p.patternFrom(), asOf: p.asOf(),
		t:           DigestTextsFor(p.Lang),
		signalSteps: e.signalSteps(),
		schemeLabel: map[string]string{},
	}
	// Stable order: oldest case first.
	cases = slices.Clone(cases)
	slices.SortFunc(cases, func(a, b *record.Case) int {
		return cmp.Or(a.StartedAt.Compare(b.StartedAt), cmp.Compare(a.ID, b.ID))
	})
	for _, c := range cases {
		if c.Channel != p.Channel || c.StartedAt.After(s.to) {
			continue
		}
		s.cases = append(s.cases, c)
		if n := normScheme(c.Scheme); n != "" {
			if _, ok := s.schemeLabel[n]; !ok {
				s.schemeLabel[n] = strings.TrimSpace(c.Scheme)
			}
		}
	}
	return s
}

// between reports whether t is in [a, b).
func between(t, a, b time.Time) bool { return !t.Before(a) && t.Before(b) }

// inWeek reports whether t is in the digest's week.
func (s *digestScope) inWeek(t time.Time) bool { return between(t, s.from, s.to) }

// inWindow reports whether t is in the pattern window.
func (s *digestScope) inWindow(t time.Time) bool { return between(t, s.patternFrom, s.to) }

// started lists the cases started in the week.
func (s *digestScope) started() []DigestCase {
	var out []DigestCase
	for _, c := range s.cases {
		if s.inWeek(c.StartedAt) {
			out = append(out, digestCase(c, ""))
		}
	}
	return out
}

// decisions groups the decisions taken in the week by option, the most
// taken first.
func (s *digestScope) decisions() []DigestGroup {
	e := s.e
	decisions := map[string]*DigestGroup{}
	for _, c := range s.cases {
		addDecision := func(option string) {
			g := decisions[option]
			if g == nil {
				g = &DigestGroup{ID: option, Label: e.optionLabel(e.decisionStep(), option, s.p.Lang)}
				decisions[option] = g
			}
			if n := len(g.Cases); n == 0 || g.Cases[n-1].ID != c.ID {
				g.Cases = append(g.Cases, digestCase(c, ""))
			}
		}
		// Putting a case to the team lead is a decision of its own kind;
		// the lead's decision is counted when it is taken.
		for _, esc := range c.Escalations {
			if s.inWeek(esc.At) {
				addDecision(esc.Option)
			}
		}
		if dec := c.Decision; dec != nil && s.inWeek(dec.At) {
			addDecision(dec.Option)
		}
	}
	var out []DigestGroup
	for _, g := range decisions {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b DigestGroup) int {
		return cmp.Or(cmp.Compare(len(b.Cases), len(a.Cases)), cmp.Compare(e.decisionOrder(a.ID), e.decisionOrder(b.ID)))
	})
	return out
}

// closedAfterSignals lists the cases closed in the week at the weighing of
// the signals, with the choice and the reason as note.
func (s *digestScope) closedAfterSignals() []DigestCase {
	var out []DigestCase
	for _, c := range s.cases {
		if cl := c.Closure; cl != nil && cl.Option != "" && s.inWeek(cl.At) && s.e.closesAtSignals(cl.Option) {
			note := s.e.signalOptionLabel(cl.Option, s.p.Lang)
			if cl.Reason != "" {
				note += " — " + cl.Reason
			}
			out = append(out, digestCase(c, note))
		}
	}
	return out
}

// idle lists the open cases without any change for over IdleAfter.
func (s *digestScope) idle() []DigestCase {
	var out []DigestCase
	for _, c := range s.cases {
		if c.Status == record.StatusOpen && c.UpdatedAt.Before(s.asOf.Add(-IdleAfter)) && c.StartedAt.Before(s.to) {
			days := int(s.asOf.Sub(c.UpdatedAt) / (24 * time.Hour))
			out = append(out, digestCase(c, s.t.IdleDays(days)))
		}
	}
	return out
}

// waiting lists the cases on hold for more information.
func (s *digestScope) waiting() []DigestCase {
	var out []DigestCase
	for _, c := range s.cases {
		if ev, ok := c.Waiting(); ok && c.StartedAt.Before(s.to) {
			days := int(s.asOf.Sub(ev.At) / (24 * time.Hour))
			out = append(out, digestCase(c, s.t.WaitingDays(ev.Reason, days)))
		}
	}
	return out
}

// policySignals groups the answers to the policy-signal question given in
// the week by option, in the card's order.
func (s *digestScope) policySignals() []DigestGroup {
	policyStep, hasPolicy := s.e.stepWithRole(cards.RolePolicySignal)
	if !hasPolicy {
		return nil
	}
	policy := map[string]*DigestGroup{}
	for _, c := range s.cases {
		if a, ok := c.AnswerTo(policyStep.ID); ok && s.inWeek(a.At) && len(a.Choices) == 1 {
			id := a.Choices[0]
			g := policy[id]
			if g == nil {
				g = &DigestGroup{ID: id, Label: s.e.optionLabel(policyStep.ID, id, s.p.Lang)}
				policy[id] = g
			}
			g.Cases = append(g.Cases, digestCase(c, a.Text))
		}
	}
	var out []DigestGroup
	for _, o := range policyStep.Options { // in the card's order
		if g := policy[o.ID]; g != nil {
			if o.Reason.IsZero() {
				g.ID = "" // no signal: counted, not listed
			}
			out = append(out, *g)
		}
	}
	return out
}

// signals counts the signals ticked in the week.
func (s *digestScope) signals() []DigestCount {
	count := map[string]int{}
	for _, c := range s.cases {
		for _, a := range c.Answers {
			if !s.signalSteps[a.Step] || !s.inWeek(a.At) {
				continue
			}
			for _, id := range a.Choices {
				count[id]++
			}
		}
	}
	return top(count, func(id string) string { return s.e.signalOptionLabel(id, s.p.Lang) })
}

// schemes counts the schemes of the cases active in the week.
func (s *digestScope) schemes() []DigestCount {
	count := map[string]int{}
	for _, c := range s.cases {
		if n := normScheme(c.Scheme); n != "" && s.e.activeIn(c, s.from, s.to) {
			count[n]++
		}
	}
	return top(count, func(id string) string { return s.schemeLabel[id] })
}

// patterns finds the signals, schemes and argument values that recurred in
// PatternMin or more cases within the pattern window.
func (s *digestScope) patterns() []DigestPattern {
	e, lang := s.e, s.p.Lang
	pattern := map[[2]string]*DigestPattern{}
	addPattern := func(kind, id, label string, c *record.Case) {
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
	for _, c := range s.cases {
		for _, a := range c.Answers {
			if !s.signalSteps[a.Step] || !s.inWindow(a.At) {
				continue
			}
			for _, id := range a.Choices {
				addPattern(PatternSignal, id, e.signalOptionLabel(id, lang), c)
			}
		}
		if n := normScheme(c.Scheme); n != "" && s.inWindow(c.StartedAt) {
			addPattern(PatternScheme, n, s.schemeLabel[n], c)
		}
		for _, a := range c.Arguments {
			if !a.Withdrawn && a.Value != "" && s.inWindow(a.At) {
				addPattern(PatternValue, a.Value, e.ValueText(a.Value, lang), c)
			}
		}
	}
	var out []DigestPattern
	for _, pt := range pattern {
		if len(pt.Cases) >= s.p.PatternMin {
			out = append(out, *pt)
		}
	}
	kindOrder := map[string]int{PatternSignal: 0, PatternScheme: 1, PatternValue: 2}
	slices.SortFunc(out, func(a, b DigestPattern) int {
		return cmp.Or(cmp.Compare(len(b.Cases), len(a.Cases)), cmp.Compare(kindOrder[a.Kind], kindOrder[b.Kind]),
			strings.Compare(a.Label, b.Label))
	})
	return out
}

// hardship groups the cases placed under the hardship clause in the
// pattern window by the signals they share.
func (s *digestScope) hardship() []DigestHardship {
	hardSteps, hardOpt := s.e.hardshipChoice()
	var cases []*record.Case
	for _, c := range s.cases {
		if hardOpt != "" && slices.ContainsFunc(c.Answers, func(a record.Answer) bool {
			return hardSteps[a.Step] && s.inWindow(a.At) && slices.Contains(a.Choices, hardOpt)
		}) {
			cases = append(cases, c)
		}
	}
	return s.e.hardshipGroups(cases, s.signalSteps, s.p.Lang)
}

// digestCase lists c with a note.
func digestCase(c *record.Case, note string) DigestCase {
	return DigestCase{ID: c.ID, Key: c.Key(), Title: c.Title, Thread: c.Thread, Note: note}
}

// activeIn reports whether anything happened to c in [from, to).
func (e *Engine) activeIn(c *record.Case, from, to time.Time) bool {
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	if in(c.StartedAt) || (c.Decision != nil && in(c.Decision.At)) || (c.Closure != nil && in(c.Closure.At)) {
		return true
	}
	for _, a := range c.Answers {
		if in(a.At) {
			return true
		}
	}
	for _, a := range c.Arguments {
		if in(a.At) {
			return true
		}
	}
	for _, r := range c.Discussion {
		if in(r.At) {
			return true
		}
	}
	return false
}

// normScheme makes "Participatiewet " and "participatiewet" one scheme.
func normScheme(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// top returns the maxTop most frequent ids with their labels.
func top(count map[string]int, label func(string) string) []DigestCount {
	var out []DigestCount
	for id, n := range count {
		out = append(out, DigestCount{ID: id, Label: label(id), Count: n})
	}
	slices.SortFunc(out, func(a, b DigestCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Label, b.Label))
	})
	if len(out) > maxTop {
		out = out[:maxTop]
	}
	return out
}

// hardshipGroups groups hardship-clause cases by the signals they share: one
// group per set of two or more cases, naming every signal that set shares.
func (e *Engine) hardshipGroups(cases []*record.Case, signalSteps map[string]bool, lang cards.Lang) []DigestHardship {
	bySignal := map[string][]*record.Case{}
	for _, c := range cases {
		seen := map[string]bool{}
		for _, a := range c.Answers {
			if !signalSteps[a.Step] {
				continue
			}
			for _, id := range a.Choices {
				if !seen[id] {
					seen[id] = true
					bySignal[id] = append(bySignal[id], c)
				}
			}
		}
	}
	groups := map[string]*DigestHardship{}
	var keys []string
	for id, cs := range bySignal {
		if len(cs) < 2 {
			continue
		}
		var ks []string
		for _, c := range cs {
			ks = append(ks, c.Key())
		}
		k := strings.Join(ks, ",")
		g := groups[k]
		if g == nil {
			g = &DigestHardship{}
			for _, c := range cs {
				g.Cases = append(g.Cases, digestCase(c, ""))
			}
			groups[k] = g
			keys = append(keys, k)
		}
		g.Signals = append(g.Signals, e.signalOptionLabel(id, lang))
	}
	slices.SortFunc(keys, func(a, b string) int {
		ga, gb := groups[a], groups[b]
		return cmp.Or(cmp.Compare(len(gb.Cases), len(ga.Cases)), cmp.Compare(len(gb.Signals), len(ga.Signals)),
			strings.Compare(a, b))
	})
	var out []DigestHardship
	for _, k := range keys {
		g := groups[k]
		slices.Sort(g.Signals)
		out = append(out, *g)
	}
	return out
}
