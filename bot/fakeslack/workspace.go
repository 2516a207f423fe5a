package fakeslack

import (
	"strings"
)

// The time zone every user of the fake workspace has.
const (
	userTZ       = "Europe/Amsterdam"
	userTZLabel  = "Central European Time"
	userTZOffset = 3600
)

func (s *Server) authTest(req *request) (map[string]any, *slackError) {
	if req.team != "" && req.team != TeamID {
		return map[string]any{"url": permalinkBase, "team": req.team, "team_id": req.team,
			"user": "maatwerkbot", "user_id": BotUserOf(req.team), "bot_id": "B" + req.team}, nil
	}
	return map[string]any{
		"url": permalinkBase, "team": "Fake", "team_id": TeamID,
		"user": "maatwerkbot", "user_id": BotUserID, "bot_id": BotID,
	}, nil
}

// usersInfo answers for one user, or for a comma-separated list in "users" as slack-go's GetUsersInfo asks.
func (s *Server) usersInfo(req *request) (map[string]any, *slackError) {
	withLocale := isTrue(req.params["include_locale"])
	if list := req.params["users"]; list != "" && req.params["user"] == "" {
		var users []map[string]any
		for _, id := range strings.Split(list, ",") {
			u, ok := s.st.users[strings.TrimSpace(id)]
			if !ok {
				return nil, errorf("user_not_found")
			}
			users = append(users, u.wire(withLocale))
		}
		return map[string]any{"users": users}, nil
	}
	u, ok := s.st.users[req.params["user"]]
	if !ok {
		return nil, errorf("user_not_found")
	}
	return map[string]any{"user": u.wire(withLocale)}, nil
}

// wire returns the user object of users.info; Slack includes the locale only when asked to.
func (u user) wire(withLocale bool) map[string]any {
	w := map[string]any{
		"id": u.id, "team_id": TeamID, "name": u.name, "real_name": u.name, "deleted": false, "is_bot": u.isBot,
		"tz": userTZ, "tz_label": userTZLabel, "tz_offset": userTZOffset,
		"profile": map[string]any{"real_name": u.name, "display_name": u.name, "team": TeamID},
	}
	if withLocale {
		w["locale"] = u.locale
	}
	return w
}

func (s *Server) conversationsInfo(req *request) (map[string]any, *slackError) {
	channel := req.params["channel"]
	if channel == "" {
		return nil, errorf("channel_not_found")
	}
	return map[string]any{"channel": s.st.channelObject(channel)}, nil
}

// channelObject describes a channel: ids starting with D are DMs (with the user after the D, as the fake
// names them), G private channels, anything else public channels named "kanaal-<id>".
func (st *state) channelObject(id string) map[string]any {
	c := map[string]any{"id": id, "is_member": !st.notInChannel[id], "is_archived": st.archived[id]}
	switch {
	case strings.HasPrefix(id, "D"):
		c["is_im"] = true
		c["user"] = strings.TrimPrefix(id, "D")
	case strings.HasPrefix(id, "G"):
		c["name"] = "kanaal-" + id
		c["is_channel"] = true
		c["is_private"] = true
	default:
		c["name"] = "kanaal-" + id
		c["is_channel"] = true
	}
	return c
}

// conversationsOpen opens the DM with one user (channel "D" + user id) or resumes the given channel.
func (s *Server) conversationsOpen(req *request) (map[string]any, *slackError) {
	st := s.st
	channel, users := req.params["channel"], req.params["users"]
	if channel == "" {
		if users == "" || strings.Contains(users, ",") {
			return nil, errorf("invalid_arguments", "[ERROR] the fake opens DMs with one user only")
		}
		channel = channelFor(users)
	}
	already := st.openedDMs[channel]
	st.openedDMs[channel] = true
	c := map[string]any{"id": channel}
	if isTrue(req.params["return_im"]) {
		c = st.channelObject(channel)
	}
	return map[string]any{"channel": c, "already_open": already, "no_op": already}, nil
}

func (s *Server) usergroupsUsersList(req *request) (map[string]any, *slackError) {
	users, ok := s.st.userGroups[req.params["usergroup"]]
	if !ok {
		return nil, errorf("no_such_subteam")
	}
	if users == nil {
		users = []string{}
	}
	return map[string]any{"users": users}, nil
}

// appsConnectionsOpen refuses: the fake has no Socket Mode, and it holds only a bot token.
func (s *Server) appsConnectionsOpen(*request) (map[string]any, *slackError) {
	return nil, errorf("not_allowed_token_type")
}
