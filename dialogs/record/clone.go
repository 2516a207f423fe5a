package record

import (
	"maps"
	"slices"
)

// Clone returns a deep copy of c: changing one never changes the other.
// A new field of a reference type needs a line here (TestCloneIsDeep
// checks).
func (c *Case) Clone() *Case {
	d := *c
	if c.Answers != nil {
		d.Answers = make([]Answer, len(c.Answers))
		for i, a := range c.Answers {
			a.Choices = slices.Clone(a.Choices)
			d.Answers[i] = a
		}
	}
	d.Arguments = slices.Clone(c.Arguments)
	if c.Decision != nil {
		x := *c.Decision
		x.Warnings = slices.Clone(c.Decision.Warnings)
		d.Decision = &x
	}
	d.Discussion = slices.Clone(c.Discussion)
	if c.Closure != nil {
		x := *c.Closure
		d.Closure = &x
	}
	if c.Escalations != nil {
		d.Escalations = make([]Escalation, len(c.Escalations))
		for i, e := range c.Escalations {
			e.Asked = slices.Clone(e.Asked)
			d.Escalations[i] = e
		}
	}
	d.Log = slices.Clone(c.Log)
	if c.LookBack != nil {
		x := *c.LookBack
		d.LookBack = &x
	}
	d.Nudges = slices.Clone(c.Nudges)
	d.Posts = maps.Clone(c.Posts)
	d.Problems = slices.Clone(c.Problems)
	return &d
}
