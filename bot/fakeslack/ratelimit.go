package fakeslack

import (
	"math"
	"time"
)

// Slack limits Web API calls per method, per app, per workspace, in tiers of
// at least 1, 20, 50 or 100 calls a minute "with bursts tolerated";
// chat.postMessage allows about one message a second per channel, short
// bursts allowed. A 429 with Retry-After (seconds) answers a call over the
// limit. The fake models each limit as a token bucket: it refills at the
// tier's rate and holds a few seconds' worth for bursts. Posts to a
// response_url are not limited by tier (only to five uses, see
// ResponseURLUses). Slack also keeps a workspace-wide limit on
// chat.postMessage without publishing its size; the fake leaves it out.
//
// Enforcement is off unless EnforceRateLimits turns it on: tests that are
// not about limits make calls as fast as they like.

// Tier rates, calls a minute.
const (
	tier2 = 20
	tier3 = 50
	tier4 = 100
)

// methodTier is the tier of a method the fake knows, in calls a minute, as
// Slack's method reference lists it; false for a method without a tier here.
// chat.postMessage is special: see limiter.allow.
func methodTier(method string) (int, bool) {
	switch method {
	case "reactions.remove", "usergroups.users.list":
		return tier2, true
	case "chat.update", "chat.delete", "reactions.add", "conversations.info", "conversations.open",
		"functions.completeSuccess", "functions.completeError":
		return tier3, true
	case "auth.test", // "special"; at least tier 4 in practice
		"chat.postEphemeral", "chat.getPermalink", "views.open", "views.push", "views.update", "views.publish",
		"users.info", "files.getUploadURLExternal", "files.completeUploadExternal":
		return tier4, true
	case "apps.connections.open":
		return 1, true
	}
	return 0, false
}

// Burst sizes: how many calls a bucket holds when full.
const (
	// tierBurstSeconds is how many seconds of a tier's rate may be spent at once.
	tierBurstSeconds = 6
	// postBurst is how many chat.postMessage calls one channel may get at once.
	postBurst = 3
)

// bucket is a token bucket: tokens refill at rate a second up to burst.
type bucket struct {
	tokens float64
	last   time.Time
}

// take spends one token at now, or reports how long until one is there.
func (b *bucket) take(now time.Time, rate, burst float64) (time.Duration, bool) {
	if b.last.IsZero() {
		b.tokens = burst
	} else {
		b.tokens = min(burst, b.tokens+now.Sub(b.last).Seconds()*rate)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0, true
	}
	return time.Duration((1 - b.tokens) / rate * float64(time.Second)), false
}

// limiter holds the buckets of a workspace. It is guarded by Server.mu.
type limiter struct {
	methods map[string]*bucket
	posts   map[string]*bucket // by channel
}

func newLimiter() *limiter {
	return &limiter{methods: map[string]*bucket{}, posts: map[string]*bucket{}}
}

// allow spends a call of method (to channel, for chat.postMessage) at now.
// Over the limit it returns the Retry-After Slack would send, in whole
// seconds (at least 1).
func (l *limiter) allow(method, channel string, now time.Time) (int, bool) {
	var (
		b           *bucket
		rate, burst float64
	)
	if method == "chat.postMessage" {
		if b = l.posts[channel]; b == nil {
			b = &bucket{}
			l.posts[channel] = b
		}
		rate, burst = 1, postBurst
	} else {
		perMinute, ok := methodTier(method)
		if !ok {
			return 0, true
		}
		if b = l.methods[method]; b == nil {
			b = &bucket{}
			l.methods[method] = b
		}
		rate = float64(perMinute) / 60
		burst = max(1, math.Floor(rate*tierBurstSeconds))
	}
	wait, ok := b.take(now, rate, burst)
	if ok {
		return 0, true
	}
	return max(1, int(math.Ceil(wait.Seconds()))), false
}

// EnforceRateLimits turns Slack's rate limits on or off (off by default).
// When on, a call over its method's limit is recorded and answered with 429,
// error "ratelimited" and Retry-After, as Slack does, and changes nothing.
func (s *Server) EnforceRateLimits(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		s.limits = newLimiter()
	} else {
		s.limits = nil
	}
}

// overLimit reports whether a call must be refused for the rate limits, and
// the Retry-After to send.
func (s *Server) overLimit(method string, params map[string]string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limits == nil {
		return 0, false
	}
	retry, ok := s.limits.allow(method, channelFor(params["channel"]), time.Now())
	return retry, !ok
}
