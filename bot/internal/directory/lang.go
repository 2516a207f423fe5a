package directory

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// How long a user's language from users.info is trusted, how long a failed
// look-up keeps the default before trying again, how many users the cache
// holds, and how long a look-up may take inside a 3-second request.
const (
	langTTL        = 24 * time.Hour
	langFailTTL    = 10 * time.Minute
	langCacheMax   = 10000
	langLookupWait = 1500 * time.Millisecond
)

// langCache remembers each user's language and name, so one slash command
// costs at most one users.info call and most cost none. The zero value is
// ready.
type langCache struct {
	mu sync.Mutex
	m  map[string]langEntry
}

type langEntry struct {
	lang cards.Lang
	// name is the user's real name (or display name); empty when
	// users.info failed.
	name    string
	expires time.Time
}

func (lc *langCache) get(user string, now time.Time) (langEntry, bool) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	e, ok := lc.m[user]
	if !ok || !now.Before(e.expires) {
		return langEntry{}, false
	}
	return e, true
}

func (lc *langCache) put(user string, e langEntry, now time.Time) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.m == nil {
		lc.m = map[string]langEntry{}
	}
	if len(lc.m) >= langCacheMax {
		for u, e := range lc.m {
			if !now.Before(e.expires) {
				delete(lc.m, u)
			}
		}
		for u := range lc.m { // still full: forget an arbitrary user
			if len(lc.m) < langCacheMax {
				break
			}
			delete(lc.m, u)
		}
	}
	lc.m[user] = e
}

// LangFor is the one rule for the language of a reply to a person: the
// language of their Slack locale (users.info with include_locale) when it
// is one the content has, else the default (MAATWERK_LANG). A failed
// look-up falls back to the default without troubling the user. Every
// reply that only its reader sees — ephemeral answers, modals, the Home
// tab, search, lists, exports, digests on demand, DMs — uses it; what is
// posted in a case's thread for everyone stays in the case's language.
func (d *Directory) LangFor(ctx context.Context, user string) cards.Lang {
	if user == "" {
		return d.cfg.Lang
	}
	return d.lookUp(ctx, user).lang
}

// Name is a user's name as Slack has it (the real name, else the display
// name), from the same cached users.info as LangFor; "" when Slack does not
// say. Only for documents a person reads outside Slack: in Slack a user is
// a mention, which Slack shows as the name the reader knows.
func (d *Directory) Name(ctx context.Context, user string) string {
	if user == "" {
		return ""
	}
	return d.lookUp(ctx, user).name
}

// DocName returns the name of a user id for a case's document: "Anna de
// Vries (U0123ABCD)", with the id beside the name so that the record stays
// exact when a name changes or two people share one; just the id when
// Slack gives no name.
func (d *Directory) DocName(ctx context.Context) func(string) string {
	return func(user string) string {
		if n := d.Name(ctx, user); n != "" {
			return n + " (" + user + ")"
		}
		return user
	}
}

// lookUp returns user's cached entry, or asks users.info (within the
// rate-limit holds) and caches the answer.
func (d *Directory) lookUp(ctx context.Context, user string) langEntry {
	now := d.cfg.Now()
	if e, ok := d.langs.get(user, now); ok {
		return e
	}
	ctx, cancel := context.WithTimeout(ctx, langLookupWait)
	defer cancel()
	var u *slack.User
	err := d.out.CallHeld("users.info", func() (err error) {
		u, err = d.api.GetUserInfoContext(ctx, user, slack.GetUserInfoOptionIncludeLocale(true))
		return err
	})
	if err != nil {
		d.log.Debug("users.info failed; using the default language", "user", user, "err", err)
		e := langEntry{lang: d.cfg.Lang, expires: now.Add(langFailTTL)}
		if _, limited := delivery.RateLimited(err); !limited {
			// A rate limit passes soon; anything else may last.
			d.langs.put(user, e, now)
		}
		return e
	}
	lang, ok := cards.ParseLang(u.Locale)
	if !ok {
		lang = d.cfg.Lang
	}
	name := u.RealName
	if name == "" {
		name = u.Profile.RealName
	}
	if name == "" {
		name = u.Profile.DisplayName
	}
	e := langEntry{lang: lang, name: strings.TrimSpace(dialogs.CleanText(name)), expires: now.Add(langTTL)}
	d.langs.put(user, e, now)
	return e
}
