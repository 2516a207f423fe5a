package bot

import (
	"context"
	"sync"

	"github.com/slack-go/slack"
)

// maxCachedLinks bounds the permalink cache; when full it starts afresh.
const maxCachedLinks = 5000

// linkCache remembers the permalinks of case threads: a message's
// permalink never changes. The zero value is an empty cache.
type linkCache struct {
	mu    sync.Mutex
	links map[[2]string]string
}

// permalink returns the link to a case's thread (its root message), or ""
// when the case has no thread yet or Slack does not answer: lists and
// search results then show the case without a link.
func (b *directory) permalink(ctx context.Context, channel, ts string) string {
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
	if b.links.links == nil || len(b.links.links) >= maxCachedLinks {
		b.links.links = map[[2]string]string{}
	}
	b.links.links[key] = link
	b.links.mu.Unlock()
	return link
}
