package tenant

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Transport puts the bot token of the workspace a request's context
// carries (With) on every Web API call: the Authorization header, and the
// "token" field when the call also sends one in its form or query. Calls
// to other URLs (response_url posts, file uploads to a pre-signed URL) go
// out as they are. A Web API call without a workspace, or for one without
// an installation, fails with ErrNoTeam or ErrNotInstalled and never
// reaches Slack.
type Transport struct {
	Base   http.RoundTripper
	Source *Source
	// APIURL is the Web API base URL the token is for.
	APIURL string
}

// ErrNotSent marks the errors of a Web API call that never left this
// process (no workspace, no installation, no token to be had): Slack did
// not see the call, so whatever it would have posted was not posted.
var ErrNotSent = errors.New("tenant: not sent to Slack")

// RoundTrip sends req with its workspace's token.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasPrefix(req.URL.String(), t.APIURL) || strings.HasSuffix(req.URL.Path, "/oauth.v2.access") {
		return t.Base.RoundTrip(req)
	}
	closeBody := func() {
		if req.Body != nil {
			req.Body.Close()
		}
	}
	team, ok := From(req.Context())
	if !ok {
		closeBody()
		return nil, fmt.Errorf("%w: %w", ErrNotSent, ErrNoTeam)
	}
	in, err := t.Source.Installation(req.Context(), team)
	if err != nil {
		closeBody()
		return nil, fmt.Errorf("%w: %w", ErrNotSent, err)
	}
	out := req.Clone(req.Context())
	out.Header.Set("Authorization", "Bearer "+in.BotToken)
	if q := out.URL.Query(); q.Has("token") {
		q.Set("token", in.BotToken)
		out.URL.RawQuery = q.Encode()
	}
	if req.Body != nil && strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		raw, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		if form, err := url.ParseQuery(string(raw)); err == nil && form.Has("token") {
			form.Set("token", in.BotToken)
			raw = []byte(form.Encode())
		}
		out.Body = io.NopCloser(bytes.NewReader(raw))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(raw)), nil }
		out.ContentLength = int64(len(raw))
		out.Header.Set("Content-Length", strconv.Itoa(len(raw)))
	}
	return t.Base.RoundTrip(out)
}
