package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"github.com/slack-go/slack"
)

// maxLinks bounds the permalink cache; when full it starts afresh.
const maxLinks = 5000

// linkCache remembers the permalinks of case threads: a message's
// permalink never changes. The zero value is an empty cache.
type linkCache struct {
	mu    sync.Mutex
	links map[[2]string]string
}

// permalink returns the link to a case's thread (its root message), or ""
// when the case has no thread yet or Slack does not answer: lists and
// search results then show the case without a link.
func (b *Bot) permalink(ctx context.Context, channel, ts string) string {
	if channel == "" || ts == "" {
		return ""
	}
	key := [2]string{channel, ts}
	b.links.mu.Lock()
	link, ok := b.links.links[key]
	b.links.mu.Unlock()
	if ok {
		return link
	}
	link, err := b.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: channel, Ts: ts})
	if err != nil {
		b.log.Warn("chat.getPermalink failed", "channel", channel, "err", err)
		return ""
	}
	b.links.mu.Lock()
	if b.links.links == nil || len(b.links.links) >= maxLinks {
		b.links.links = map[[2]string]string{}
	}
	b.links.links[key] = link
	b.links.mu.Unlock()
	return link
}

// ephemeralBlocks shows blocks to one user only: through the slash
// command's response_url, else with chat.postEphemeral.
func (b *Bot) ephemeralBlocks(ctx context.Context, responseURL, channel, user string, blocks []slack.Block, fallback string) error {
	if responseURL != "" {
		body, err := json.Marshal(map[string]any{"response_type": "ephemeral", "replace_original": false,
			"text": fallback, "blocks": blocks})
		if err != nil {
			return fmt.Errorf("encode answer: %w", err)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
			var resp *http.Response
			resp, err = b.http.Do(req)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode < 300 {
					return nil
				}
				err = fmt.Errorf("status %d", resp.StatusCode)
			}
		}
		b.log.Warn("response_url failed; trying chat.postEphemeral", "err", err)
	}
	_, err := b.api.PostEphemeralContext(ctx, channel, user, slack.MsgOptionText(fallback, false), slack.MsgOptionBlocks(blocks...))
	if err != nil {
		return fmt.Errorf("chat.postEphemeral: %w", err)
	}
	return nil
}
