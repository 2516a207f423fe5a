package directory

import (
	"context"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/cards"
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

// langCache remembers each user's language, so one slash command costs at
// most one users.info call and most cost none. The zero value is ready.
type langCache struct {
	mu sync.Mutex
	m  map[string]langEntry
}

type langEntry struct {
	lang    cards.Lang
	expires time.Time
}

func (lc *langCache) get(user string, now time.Time) (cards.Lang, bool) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	e, ok := lc.m[user]
	if !ok || !now.Before(e.expires) {
		return "", false
	}
	return e.lang, true
}

func (lc *langCache) put(user string, lang cards.Lang, expires, now time.Time) {
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
	lc.m[user] = langEntry{lang: lang, expires: expires}
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
	now := d.cfg.Now()
	if lang, ok := d.langs.get(user, now); ok {
		return lang
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
		if _, limited := delivery.RateLimited(err); !limited {
			// A rate limit passes soon; anything else may last.
			d.langs.put(user, d.cfg.Lang, now.Add(langFailTTL), now)
		}
		return d.cfg.Lang
	}
	lang, ok := cards.ParseLang(u.Locale)
	if !ok {
		lang = d.cfg.Lang
	}
	d.langs.put(user, lang, now.Add(langTTL), now)
	return lang
}
