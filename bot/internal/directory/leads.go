package directory

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"sync"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// LeadGroupTTL is how long the members of the team leads' user group are
// trusted before usergroups.users.list is asked again.
const LeadGroupTTL = 5 * time.Minute

// leadLookupTimeout bounds the usergroups.users.list call, which can sit on
// the path of an answer Slack waits 3 s for; leadRetryAfter is how soon a
// failed refresh is tried again.
const (
	leadLookupTimeout = time.Second
	leadRetryAfter    = 30 * time.Second
)

// leadGroup caches the members of Config.TeamLeadGroup. The zero value is
// an empty cache.
type leadGroup struct {
	mu      sync.Mutex
	members map[string]bool
	fetched time.Time
}

// IsLeadCtx reports whether user is a team lead: listed in
// MAATWERK_TEAM_LEADS, or a member of the user group
// MAATWERK_TEAM_LEAD_GROUP (asked of Slack at most every leadGroupTTL).
// When Slack cannot be asked it returns the error and false: rights are not
// granted on a guess.
func (d *Directory) IsLeadCtx(ctx context.Context, user string) (bool, error) {
	if user == "" {
		return false, nil
	}
	if d.isLead(user) {
		return true, nil
	}
	if d.cfg.TeamLeadGroup == "" {
		return false, nil
	}
	g := &d.leadGroup
	g.mu.Lock()
	defer g.mu.Unlock()
	now := d.cfg.Now()
	if g.members == nil || now.Sub(g.fetched) >= LeadGroupTTL || now.Before(g.fetched) {
		// This runs while Slack waits for an answer (3 s): Slack gets a
		// second at most. When it does not answer in time (or the network
		// fails), the last known members stand (a team lead stays one);
		// with none known yet, or when Slack refuses, no rights are granted
		// on a guess.
		cctx, cancel := context.WithTimeout(ctx, leadLookupTimeout)
		ids, err := d.api.GetUserGroupMembersContext(cctx, d.cfg.TeamLeadGroup)
		cancel()
		var netErr net.Error
		if err != nil && g.members != nil && (errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr)) {
			d.log.Warn("team lead group not refreshed; using the members known before", "err", err)
			g.fetched = now.Add(-LeadGroupTTL + leadRetryAfter) // ask again soon, not at every request
			return g.members[user], nil
		}
		if err != nil {
			return false, fmt.Errorf("usergroups.users.list %s: %w", d.cfg.TeamLeadGroup, err)
		}
		g.members = make(map[string]bool, len(ids))
		for _, id := range ids {
			g.members[id] = true
		}
		g.fetched = now
	}
	return g.members[user], nil
}

// Lead is IsLeadCtx for a permission check: a failed check is logged and
// counts as no.
func (d *Directory) Lead(ctx context.Context, user string) bool {
	ok, err := d.IsLeadCtx(ctx, user)
	if err != nil {
		d.log.Warn("team lead check failed; treated as no team lead", "err", err)
	}
	return ok
}

// HasLeads reports whether any team lead is configured.
func (d *Directory) HasLeads() bool { return len(d.cfg.TeamLeads) > 0 || d.cfg.TeamLeadGroup != "" }

// LeadIDs are the team leads to write to: MAATWERK_TEAM_LEADS and the
// members of MAATWERK_TEAM_LEAD_GROUP (when Slack can be asked).
func (d *Directory) LeadIDs(ctx context.Context) []string {
	out := slices.Clone(d.cfg.TeamLeads)
	if d.cfg.TeamLeadGroup == "" {
		return out
	}
	if _, err := d.IsLeadCtx(ctx, "\x00refresh"); err != nil {
		d.log.Warn("team lead group unavailable; writing to the listed leads only", "err", err)
		return out
	}
	g := &d.leadGroup
	g.mu.Lock()
	defer g.mu.Unlock()
	for id := range g.members {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out[len(d.cfg.TeamLeads):])
	return out
}

// DecisionLeads is Input.Leads: the team leads a decision step may be put
// to; nil for other steps (no user group is asked then).
func (d *Directory) DecisionLeads(ctx context.Context, step string) []string {
	st, ok := d.engine.Cards().Step(step)
	if !ok || st.Item.Kind != cards.KindDecision {
		return nil
	}
	return d.LeadIDs(ctx)
}

// LeadFor is Input.Lead for an answer by user to step: whether user may
// record any case's decision. The user group is asked only for a decision
// step (the only step where it matters), and a failed check counts as no.
func (d *Directory) LeadFor(ctx context.Context, step, user string) bool {
	if d.isLead(user) {
		return true
	}
	st, ok := d.engine.Cards().Step(step)
	if !ok || st.Item.Kind != cards.KindDecision {
		return false
	}
	lead, err := d.IsLeadCtx(ctx, user)
	if err != nil {
		d.log.Warn("team lead check failed; answered as a caseworker", "err", err)
	}
	return lead
}

func (d *Directory) isLead(user string) bool { return slices.Contains(d.cfg.TeamLeads, user) }
