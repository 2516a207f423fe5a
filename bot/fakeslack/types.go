package fakeslack

import (
	"encoding/json"
	"time"
)

// The records a test reads back or queues: calls, messages, files and faults.

// Call is one HTTP request the fake received.
type Call struct {
	// Method is the Web API method ("chat.postMessage", …), "response_url" for a post to a ResponseURL, or
	// "upload_url" for the upload of a file's content.
	Method string
	// ID is the id given to ResponseURL for "response_url", the file id for "upload_url", and "" otherwise.
	ID string
	// Params holds the form fields and query parameters, or for a JSON body each top-level field: strings
	// unquoted, other values as compact JSON text. The token is left out. For "upload_url" it holds only the
	// "filename" of the uploaded part.
	Params map[string]string
	// Body is the raw request body.
	Body []byte
	// Team is the workspace of the bot token the Web API call came with ("" for none, or one the fake does not
	// know): TeamID for the fake's own token, the installed workspace for a token from oauth.v2.access.
	Team string
	// At is when the request arrived.
	At time.Time
	// Status is the HTTP status of the answer, and Error the Slack error it carried ("" when ok). Both are zero
	// while the call is still being answered.
	Status int
	Error  string
}

// Message is the fake's current state of a message (after updates, deletes and reactions).
type Message struct {
	Channel, TS string
	// ThreadTS is the ts of the thread's root for a reply, "" for a root message.
	ThreadTS string
	Text     string
	// User is BotUserID for the bot's messages, the author for messages added with AddUserMessage, and the
	// recipient for ephemeral messages.
	User string
	// Blocks is as last posted or updated, as compact JSON (nil when the message has no blocks).
	Blocks json.RawMessage
	// Broadcast is reply_broadcast: a thread reply also sent to the channel.
	Broadcast bool
	// Updated counts the chat.update calls applied.
	Updated int
	Deleted bool
	// Reactions are the bot's reactions, in the order they were added.
	Reactions []string
	// Metadata is the message metadata posted with it ({"event_type":…,
	// "event_payload":…}), nil for none; conversations.history and
	// conversations.replies return it with include_all_metadata.
	Metadata json.RawMessage
}

// File is a file uploaded with files.getUploadURLExternal, the upload URL and files.completeUploadExternal.
type File struct {
	ID, Name string
	// Length is the size announced to files.getUploadURLExternal.
	Length int
	// Content is what was posted to the upload URL; Uploaded tells whether that happened.
	Content  []byte
	Uploaded bool
	// Completed tells whether files.completeUploadExternal completed the upload, with Title, Channel, ThreadTS
	// and InitialComment as given there.
	Completed                                bool
	Title, Channel, ThreadTS, InitialComment string
}

// Fault is a failure the fake answers instead of handling a call, queued with FailNext.
type Fault struct {
	// Status is the HTTP status, e.g. 429, 500, 503; 0 answers 200 with ok:false.
	Status int
	// RetryAfter is the number of seconds put in the Retry-After header of a 429.
	RetryAfter int
	// Error is the Slack error string, e.g. "not_in_channel" or "channel_not_found". When empty it is
	// "ratelimited" for 429, "internal_error" for ok:false, and derived from the status text otherwise.
	Error string
	// Delay holds the answer back this long (a slow Slack). A fault with only a Delay then answers as
	// usual; with a Status or Error it answers that after the delay.
	Delay time.Duration
	// Drop closes the connection without an answer: the caller sees a network error (for a Go client a
	// *url.Error, which names the URL). The call log notes Error "connection_dropped" and Status 0.
	Drop bool
}
