package store

import (
	"bytes"
	"sync"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// caseCache keeps recently used cases decoded, each with the exact bytes it
// was decoded from, so reading a case that has not changed since costs a
// comparison and a copy instead of decoding its JSON. It needs no
// invalidation: an entry is only used when the file holds the same bytes
// (a rolled-back write, a compaction or a case erased elsewhere simply
// miss). Cases handed out are copies; the cached ones are never changed.
type caseCache struct {
	mu sync.Mutex
	m  map[int64]cachedCase
}

type cachedCase struct {
	raw []byte
	c   *record.Case
}

// maxCachedCases bounds the cache: about 512 × (4 KB of JSON and its
// decoded case) for the cases in play at once.
const maxCachedCases = 512

// decode returns the case stored as raw under id. raw may be bbolt's
// memory: it is copied before it is kept.
func (cc *caseCache) decode(id int64, raw []byte) (*record.Case, error) {
	cc.mu.Lock()
	e, ok := cc.m[id]
	cc.mu.Unlock()
	if ok && bytes.Equal(e.raw, raw) {
		return e.c.Clone(), nil
	}
	c, err := decodeCase(id, raw)
	if err != nil {
		return nil, err
	}
	cc.keep(id, bytes.Clone(raw), c.Clone())
	return c, nil
}

// keep remembers c as the decoding of raw; both must be the cache's own.
func (cc *caseCache) keep(id int64, raw []byte, c *record.Case) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.m == nil {
		cc.m = map[int64]cachedCase{}
	}
	if _, ok := cc.m[id]; !ok && len(cc.m) >= maxCachedCases {
		for k := range cc.m { // an arbitrary one
			delete(cc.m, k)
			break
		}
	}
	cc.m[id] = cachedCase{raw: raw, c: c}
}
