package directory

import (
	"fmt"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

func TestLangCacheExpires(t *testing.T) {
	var lc langCache
	now := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	lc.put("U1", langEntry{lang: cards.EN, expires: now.Add(langTTL)}, now)
	if l, ok := lc.get("U1", now.Add(langTTL-1)); !ok || l.lang != cards.EN {
		t.Errorf("before expiry: %v %v", l, ok)
	}
	if _, ok := lc.get("U1", now.Add(langTTL)); ok {
		t.Errorf("the entry outlived its TTL")
	}
	for i := range langCacheMax + 10 {
		lc.put(fmt.Sprintf("U%d", i), langEntry{lang: cards.NL, expires: now.Add(langTTL)}, now)
	}
	if n := len(lc.m); n > langCacheMax {
		t.Errorf("cache holds %d users, max %d", n, langCacheMax)
	}
}

// BenchmarkLangCacheHit is the cost of a user's language once known.
func BenchmarkLangCacheHit(b *testing.B) {
	var lc langCache
	now := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	for i := range 1000 {
		lc.put(fmt.Sprintf("U%d", i), langEntry{lang: cards.EN, expires: now.Add(langTTL)}, now)
	}
	for b.Loop() {
		if _, ok := lc.get("U500", now); !ok {
			b.Fatal("miss")
		}
	}
}
