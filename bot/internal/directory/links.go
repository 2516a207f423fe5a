package directory

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

// Permalink returns the link to a case's thread (its root message), or ""
// when the case has no thread yet or Slack does not answer: lists and
// search results then show the case without a link.
func (d *Directory) Permalink(ctx context.Context, channel, ts string) string {
	if channel == "" || ts == "" {
		return ""
	}
	key := [2]string{channel, ts}
	d.links.mu.Lock()
	link, ok := d.links.links[key]
	d.links.mu.Unlock()
	if ok {
		return link
	}
	link, err := d.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: channel, Ts: ts})
	if err != nil {
		d.log.Warn("chat.getPermalink failed", "channel", channel, "err", err)
		return ""
	}
	d.links.mu.Lock()
	if d.links.links == nil || len(d.links.links) >= maxCachedLinks {
		d.links.links = map[[2]string]string{}
	}
	d.links.links[key] = link
	d.links.mu.Unlock()
	return link
}
