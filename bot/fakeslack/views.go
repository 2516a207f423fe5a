package fakeslack

import (
	"encoding/json"
	"fmt"
)

// maxViewBytes is the largest view Slack accepts.
const maxViewBytes = 250_000

func (s *Server) viewsOpen(req *request) (map[string]any, *slackError) {
	return s.openView(req)
}

func (s *Server) viewsPush(req *request) (map[string]any, *slackError) {
	return s.openView(req)
}

// openView answers views.open and views.push: both take a trigger_id and a modal and make a new view.
func (s *Server) openView(req *request) (map[string]any, *slackError) {
	st := s.st
	fields, serr := parseView(req.params["view"], "modal")
	if serr != nil {
		return nil, serr
	}
	ext := jsonParam(fields["external_id"])
	if _, dup := st.viewsByExt[ext]; dup && ext != "" {
		return nil, errorf("duplicate_external_id")
	}
	if serr := st.useTrigger(req.params["trigger_id"]); serr != nil {
		return nil, serr
	}
	v := &view{id: st.newViewID(), externalID: ext}
	v.rootID = v.id
	if ext != "" {
		st.viewsByExt[ext] = v.id
	}
	st.views[v.id] = v
	return st.storeView(v, fields)
}

func (s *Server) viewsUpdate(req *request) (map[string]any, *slackError) {
	st := s.st
	id := req.params["view_id"]
	if id == "" {
		id = st.viewsByExt[req.params["external_id"]]
	}
	v, ok := st.views[id]
	if !ok {
		return nil, errorf("not_found")
	}
	fields, serr := parseView(req.params["view"], "")
	if serr != nil {
		return nil, serr
	}
	if hash := req.params["hash"]; hash != "" && hash != v.hash {
		return nil, errorf("hash_conflict")
	}
	return st.storeView(v, fields)
}

// viewsPublish sets a user's Home tab, which keeps one view id per user.
func (s *Server) viewsPublish(req *request) (map[string]any, *slackError) {
	st := s.st
	userID := req.params["user_id"]
	if userID == "" {
		return nil, errorf("invalid_arguments", "[ERROR] missing required field: user_id")
	}
	fields, serr := parseView(req.params["view"], "home")
	if serr != nil {
		return nil, serr
	}
	v, ok := st.views[st.homeViews[userID]]
	if !ok {
		v = &view{id: st.newViewID(), userID: userID}
		v.rootID = v.id
		st.views[v.id] = v
		st.homeViews[userID] = v.id
	}
	if hash := req.params["hash"]; hash != "" && hash != v.hash {
		return nil, errorf("hash_conflict")
	}
	return st.storeView(v, fields)
}

func (st *state) newViewID() string {
	return fmt.Sprintf("V%08d", st.next())
}

// storeView gives v the posted fields and a new hash, logs it and returns the answer {"view": …}.
func (st *state) storeView(v *view, fields map[string]json.RawMessage) (map[string]any, *slackError) {
	v.fields = fields
	v.hash = fmt.Sprintf("%d.fake%06d", firstTS, st.next())
	answer := map[string]any{}
	for k, raw := range fields {
		answer[k] = raw
	}
	answer["id"] = v.id
	answer["team_id"] = TeamID
	answer["app_id"] = AppID
	answer["bot_id"] = BotID
	answer["app_installed_team_id"] = TeamID
	answer["hash"] = v.hash
	answer["root_view_id"] = v.rootID
	answer["previous_view_id"] = nil
	answer["state"] = map[string]any{"values": map[string]any{}}
	encoded, err := json.Marshal(answer)
	if err != nil {
		return nil, errorf("internal_error", "[ERROR] "+err.Error())
	}
	st.viewLog = append(st.viewLog, encoded)
	return map[string]any{"view": json.RawMessage(encoded)}, nil
}

// parseView decodes and checks the view argument; wantType is "modal", "home" or "" for either.
func parseView(raw, wantType string) (map[string]json.RawMessage, *slackError) {
	if raw == "" {
		return nil, errorf("invalid_arguments", "[ERROR] missing required field: view")
	}
	if len(raw) > maxViewBytes {
		return nil, errorf("view_too_large")
	}
	var fields map[string]json.RawMessage
	var generic map[string]any
	if json.Unmarshal([]byte(raw), &fields) != nil || json.Unmarshal([]byte(raw), &generic) != nil {
		return nil, errorf("invalid_arguments", "[ERROR] must be an object [json-pointer:/view]")
	}
	c := &checker{}
	c.checkView(generic, wantType)
	if len(c.messages) > 0 {
		return nil, errorf("invalid_arguments", c.messages...)
	}
	return fields, nil
}
