package fakeslack

// The Web API methods the fake knows, and the handler of each.

// handler answers one Web API method. It is called with s.mu held and returns the fields of an ok answer.
type handler func(req *request) (map[string]any, *slackError)

// methodHandler returns the handler of a Web API method, or nil when the fake does not know the method.
func (s *Server) methodHandler(method string) handler {
	switch method {
	case "auth.test":
		return s.authTest
	case "chat.postMessage":
		return s.chatPostMessage
	case "chat.update":
		return s.chatUpdate
	case "chat.postEphemeral":
		return s.chatPostEphemeral
	case "chat.delete":
		return s.chatDelete
	case "chat.getPermalink":
		return s.chatGetPermalink
	case "reactions.add":
		return s.reactionsAdd
	case "reactions.remove":
		return s.reactionsRemove
	case "views.open":
		return s.viewsOpen
	case "views.push":
		return s.viewsPush
	case "views.update":
		return s.viewsUpdate
	case "views.publish":
		return s.viewsPublish
	case "users.info":
		return s.usersInfo
	case "conversations.info":
		return s.conversationsInfo
	case "conversations.history":
		return s.conversationsHistory
	case "conversations.replies":
		return s.conversationsReplies
	case "conversations.open":
		return s.conversationsOpen
	case "usergroups.users.list":
		return s.usergroupsUsersList
	case "files.getUploadURLExternal":
		return s.filesGetUploadURLExternal
	case "files.completeUploadExternal":
		return s.filesCompleteUploadExternal
	case "apps.connections.open":
		return s.appsConnectionsOpen
	case "functions.completeSuccess":
		return s.functionsCompleteSuccess
	case "functions.completeError":
		return s.functionsCompleteError
	}
	return nil
}
