package fakeslack

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// filesGetUploadURLExternal announces a file and answers with an upload URL on this server.
func (s *Server) filesGetUploadURLExternal(req *request) (map[string]any, *slackError) {
	st := s.st
	name := req.params["filename"]
	length, err := strconv.Atoi(req.params["length"])
	switch {
	case name == "":
		return nil, errorf("invalid_arguments", "[ERROR] missing required field: filename")
	case err != nil || length <= 0:
		return nil, errorf("invalid_arguments", "[ERROR] length must be a positive number")
	}
	f := &File{ID: fmt.Sprintf("F%08d", st.next()), Name: name, Length: length}
	st.files[f.ID] = f
	st.fileOrder = append(st.fileOrder, f.ID)
	return map[string]any{"file_id": f.ID, "upload_url": s.srv.URL + "/upload/v1/" + f.ID}, nil
}

// filesCompleteUploadExternal completes uploaded files and shares them in a channel or thread. It posts no
// message: see Files for what was shared where.
func (s *Server) filesCompleteUploadExternal(req *request) (map[string]any, *slackError) {
	st := s.st
	var summaries []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(req.params["files"]), &summaries); err != nil || len(summaries) == 0 {
		return nil, errorf("invalid_arguments", "[ERROR] files must be a non-empty JSON array")
	}
	channel := req.params["channel_id"]
	if channel == "" {
		channel, _, _ = strings.Cut(req.params["channels"], ",")
	}
	if channel != "" {
		if serr := st.checkChannel(channelFor(channel)); serr != nil {
			return nil, serr
		}
	}
	if _, serr := messageBlocks(req.params); serr != nil {
		return nil, serr
	}
	for _, sum := range summaries {
		if f, ok := st.files[sum.ID]; !ok || !f.Uploaded {
			return nil, errorf("file_not_found")
		}
	}
	var files []map[string]any
	for _, sum := range summaries {
		f := st.files[sum.ID]
		f.Completed = true
		f.Title = sum.Title
		if f.Title == "" {
			f.Title = f.Name
		}
		f.Channel = channelFor(channel)
		f.ThreadTS = req.params["thread_ts"]
		f.InitialComment = req.params["initial_comment"]
		files = append(files, map[string]any{"id": f.ID, "title": f.Title, "name": f.Name, "size": len(f.Content)})
	}
	return map[string]any{"files": files}, nil
}
