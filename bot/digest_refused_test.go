package bot

import (
	"fmt"
	"io"
	"net/url"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
)

// A digest whose call never left the process (a distributed app without
// the workspace's token) was not posted: it may be sent again. A lost
// connection leaves that unknown.
func TestRefusedCountsCallsNeverSent(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{&url.Error{Op: "Post", URL: "https://slack.com/api/chat.postMessage", Err: fmt.Errorf("%w: %w", tenant.ErrNotSent, tenant.ErrNotInstalled)}, true},
		{&url.Error{Op: "Post", URL: "https://slack.com/api/chat.postMessage", Err: fmt.Errorf("%w: %w", tenant.ErrNotSent, tenant.ErrNoTeam)}, true},
		{&url.Error{Op: "Post", URL: "https://slack.com/api/chat.postMessage", Err: io.ErrUnexpectedEOF}, false},
	} {
		if got := refused(tt.err); got != tt.want {
			t.Errorf("refused(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
