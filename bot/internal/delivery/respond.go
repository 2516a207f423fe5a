package delivery

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/slack-go/slack"
)

// EphemeralBlocks shows blocks to one user: through the response_url when
// there is one, else with chat.postEphemeral.
func (dl *Deliverer) EphemeralBlocks(ctx context.Context, responseURL, channel, user string, blocks []slack.Block, text string) error {
	return dl.RespondBlocks(ctx, responseURL, channel, user, false, blocks, text)
}

// Respond posts a message body to a response_url: the one way the bot
// posts to one (ephemeral answers, answers with blocks, replacing or
// deleting the message clicked). Its errors do not name the URL, which is a
// credential for 30 minutes, so they may be logged as they are. An answer
// of Slack's that refuses the post (used_url, expired_url, no_text…) is an
// error too, whatever its HTTP status.
func (dl *Deliverer) Respond(ctx context.Context, responseURL string, msg map[string]any) error {
	if !dl.slackURL(responseURL) {
		return errNotSlackURL
	}
	body, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("response_url: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("response_url: %w", withoutURL(err))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := dl.http.Do(req)
	if err != nil {
		return fmt.Errorf("response_url: %w", withoutURL(err))
	}
	answer, rerr := io.ReadAll(io.LimitReader(resp.Body, maxResponseAnswer))
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("response_url: status %d", resp.StatusCode)
	}
	if rerr != nil {
		return fmt.Errorf("response_url: read answer: %w", withoutURL(rerr))
	}
	if ok, code, known := APIResult(answer); known && !ok {
		return fmt.Errorf("response_url: %s", errorLabel(code))
	}
	return nil
}

// maxResponseAnswer is as much of a response_url's answer as respond reads:
// Slack answers {"ok":true} or an error code.
const maxResponseAnswer = 4 << 10

// Ephemeral tells one user something only they see: through the
// response_url when there is one, else with chat.postEphemeral.
func (dl *Deliverer) Ephemeral(ctx context.Context, responseURL, channel, user, text string) {
	dl.EphemeralIn(ctx, responseURL, channel, "", user, text)
}

func (dl *Deliverer) EphemeralIn(ctx context.Context, responseURL, channel, thread, user, text string) {
	if responseURL != "" {
		err := dl.Respond(ctx, responseURL, map[string]any{"response_type": "ephemeral", "replace_original": false, "text": text})
		if err == nil {
			return
		}
		dl.log.Warn("response_url failed; trying chat.postEphemeral", "err", err)
	}
	if channel == "" || user == "" {
		return
	}
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	if _, err := dl.api.PostEphemeralContext(ctx, channel, user, opts...); err != nil {
		dl.log.Warn("chat.postEphemeral failed", "err", err)
	}
}

// respond answers a command or a click with blocks only the user sees:
// through the response_url (replacing the original message if asked), else
// with chat.postEphemeral.
func (dl *Deliverer) RespondBlocks(ctx context.Context, responseURL, channel, user string, replace bool, blocks []slack.Block, text string) error {
	if responseURL != "" {
		err := dl.Respond(ctx, responseURL, map[string]any{
			"response_type": "ephemeral", "replace_original": replace, "text": text, "blocks": blocks,
		})
		if err == nil {
			return nil
		}
		dl.log.Warn("response_url failed; trying chat.postEphemeral", "err", err)
	}
	if channel == "" || user == "" {
		return fmt.Errorf("no way to reach the user")
	}
	if _, err := dl.api.PostEphemeralContext(ctx, channel, user,
		slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false)); err != nil {
		return fmt.Errorf("chat.postEphemeral: %w", err)
	}
	return nil
}
