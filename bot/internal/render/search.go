package render

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// CaseLink is "<link|MW-0042 · title>", or the same in bold without a link.
func CaseLink(c *record.Case, link string) string {
	label := c.Key() + " · " + Clip(c.Title, 120)
	if link == "" {
		return "*" + UserText(label) + "*"
	}
	return "*<" + link + "|" + strings.ReplaceAll(UserText(label), "|", "¦") + ">*"
}

// SearchHit renders one search result: the case linked to its thread, its
// status and scheme, its decision and rationale (or how it closed), and
// the signals present.
func (r Renderer) SearchHit(c *record.Case, link string, t *dialogs.LookupTexts) slack.Block {
	s := r.Engine.Summarize(c)
	meta := []string{UserText(s.Status)}
	if s.Zaaknummer != "" {
		meta = append(meta, UserText(s.Zaaknummer))
	}
	if s.Scheme != "" {
		meta = append(meta, UserText(Clip(s.Scheme, 80)))
	}
	meta = append(meta, r.Day(c.StartedAt, c.Lang), Mention(c.StartedBy))
	lines := []string{CaseLink(c, link), strings.Join(meta, " · ")}
	switch {
	case s.Decision != nil:
		lines = append(lines, "*"+t.Decision+":* "+UserText(s.Decision.Option)+" — "+Mention(s.Decision.By)+" "+r.Day(s.Decision.At, c.Lang))
		if s.Decision.Rationale != "" {
			lines = append(lines, "*"+t.Rationale+":* "+UserText(Clip(s.Decision.Rationale, 400)))
		}
	case s.ClosedEarly != "":
		lines = append(lines, "*"+t.ClosedEarly+":* "+UserText(Clip(s.ClosedEarly, 400)))
	default:
		lines = append(lines, "_"+t.NoDecision+"_")
	}
	if len(s.Signals) > 0 {
		lines = append(lines, "*"+t.Signals+":* "+UserText(Clip(strings.Join(s.Signals, " · "), 600)))
	}
	return Section(strings.Join(lines, "\n"))
}
