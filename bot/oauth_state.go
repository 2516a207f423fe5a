package bot

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// stateFor is how long the state of an install link is valid: Slack's
// consent page is answered in a minute or two.
const stateFor = 10 * time.Minute

// errBadState is a state the bot did not sign, or signed too long ago, or
// that was used already.
var errBadState = errors.New("bot: oauth state is forged, expired or used")

// stateSigner issues and checks the state of OAuth install links against
// cross-site request forgery: a random nonce and the issue time, signed
// with HMAC-SHA256 under a key derived from the client secret. Each state
// is taken once; the nonces used are remembered for stateFor, and, when
// seen is set, in the store too, so that a state taken by one replica is
// refused by the others.
type stateSigner struct {
	key []byte
	now func() time.Time
	// seen records key as used and reports whether this was the first
	// time (store.AcceptEvent with no payload: the seen ids, pruned after
	// days); nil keeps the record in this process only.
	seen func(ctx context.Context, key string) (first bool, err error)

	mu   sync.Mutex
	used map[string]time.Time // nonce → when it may be forgotten
}

func newStateSigner(secret string, now func() time.Time) *stateSigner {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("maatwerkbot oauth state v1"))
	return &stateSigner{key: mac.Sum(nil), now: now, used: map[string]time.Time{}}
}

func (s *stateSigner) sign(payload []byte) []byte {
	mac := hmac.New(sha256.New, s.key)
	mac.Write(payload)
	return mac.Sum(nil)
}

// issue returns a new state.
func (s *stateSigner) issue() (string, error) {
	payload := make([]byte, 16+8)
	if _, err := rand.Read(payload[:16]); err != nil {
		return "", err
	}
	binary.BigEndian.PutUint64(payload[16:], uint64(s.now().Unix()))
	enc := base64.RawURLEncoding
	return enc.EncodeToString(payload) + "." + enc.EncodeToString(s.sign(payload)), nil
}

// take checks state and uses it up; errBadState when it does not hold.
func (s *stateSigner) take(ctx context.Context, state string) error {
	enc := base64.RawURLEncoding
	p, m, ok := strings.Cut(state, ".")
	if !ok {
		return errBadState
	}
	payload, err1 := enc.DecodeString(p)
	mac, err2 := enc.DecodeString(m)
	if err1 != nil || err2 != nil || len(payload) != 24 || !hmac.Equal(mac, s.sign(payload)) {
		return errBadState
	}
	issued := time.Unix(int64(binary.BigEndian.Uint64(payload[16:])), 0)
	now := s.now()
	if now.Sub(issued) > stateFor || issued.Sub(now) > time.Minute {
		return errBadState
	}
	nonce := string(payload[:16])
	s.mu.Lock()
	defer s.mu.Unlock()
	for n, until := range s.used {
		if now.After(until) {
			delete(s.used, n)
		}
	}
	if _, seen := s.used[nonce]; seen {
		return errBadState
	}
	s.used[nonce] = issued.Add(stateFor + time.Minute)
	if s.seen != nil {
		first, err := s.seen(ctx, "oauth-state:"+base64.RawURLEncoding.EncodeToString(payload[:16]))
		if err != nil {
			return fmt.Errorf("bot: oauth state: %w", err)
		}
		if !first {
			return errBadState // taken by another replica
		}
	}
	return nil
}
