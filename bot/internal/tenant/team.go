package tenant

import "context"

// Team names a workspace: its team id and, in an Enterprise Grid
// organisation, the enterprise id.
type Team struct {
	Enterprise string
	ID         string
}

type teamKey struct{}

// With returns ctx carrying team: the Web API calls made with it use that
// workspace's token. An empty team leaves ctx as it is.
func With(ctx context.Context, team Team) context.Context {
	if team == (Team{}) {
		return ctx
	}
	return context.WithValue(ctx, teamKey{}, team)
}

// From returns the workspace ctx carries.
func From(ctx context.Context) (Team, bool) {
	t, ok := ctx.Value(teamKey{}).(Team)
	return t, ok
}

// Carry returns into carrying the workspace from carries, if any: for
// background work that outlives the request it was started by.
func Carry(into, from context.Context) context.Context {
	if t, ok := From(from); ok {
		return With(into, t)
	}
	return into
}
