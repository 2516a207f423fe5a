package dialogs

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// The sections of the digest: how each is gathered from the cases.

// digestCase lists c with a note.
func digestCase(c *Case, note string) DigestCase {
	return DigestCase{ID: c.ID, Key: c.Key(), Title: c.Title, Thread: c.Thread, Note: note}
}

// activeIn reports whether anything happened to c in [from, to).
func (e *Engine) activeIn(c *Case, from, to time.Time) bool {
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
func (e *Engine) hardshipGroups(cases []*Case, signalSteps map[string]bool, lang cards.Lang) []DigestHardship {
	bySignal := map[string][]*Case{}
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
