package transport

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// MaxBody caps the size of a request from Slack.
const MaxBody = 1 << 20

// maxSkew is how far a request's timestamp may be from now, both ways.
const maxSkew = 5 * time.Minute

// Verifier checks Slack's v0 request signatures.
type Verifier struct {
	Secret string
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	// slots, when set, bounds the bodies read at once (see verified).
	slots *readSlots
}

// Errors of Verify. None of them carries the body or the secret.
var (
	ErrNoSignature  = errors.New("bot: request is not signed")
	ErrStale        = errors.New("bot: request timestamp outside the 5-minute window")
	ErrBadSignature = errors.New("bot: request signature does not match")
)

// Verify checks the signature of body sent with header.
func (v Verifier) Verify(header http.Header, body []byte) error {
	if err := v.checkHeaders(header); err != nil {
		return err
	}
	// slack-go computes and compares the HMAC. It also checks the
	// timestamp against the real clock, which checkHeaders has done with
	// the injected one.
	sv, err := slack.NewSecretsVerifier(header, v.Secret)
	if err != nil {
		return ErrStale
	}
	sv.Write(body)
	if sv.Ensure() != nil {
		return ErrBadSignature
	}
	return nil
}

// checkHeaders checks what can be checked before the body is read: a
// signature and a timestamp are there, and the timestamp is within the
// window.
func (v Verifier) checkHeaders(header http.Header) error {
	ts := header.Get("X-Slack-Request-Timestamp")
	sig := header.Get("X-Slack-Signature")
	if ts == "" || sig == "" || v.Secret == "" || len(sig) != len("v0=")+sha256.Size*2 {
		return ErrNoSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrNoSignature
	}
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	if d := now().Sub(time.Unix(sec, 0)); d > maxSkew || d < -maxSkew {
		return ErrStale
	}
	return nil
}

// Reading bodies: a request's body is read only after its headers passed
// checkHeaders, by at most maxReading requests at once, each within
// bodyReadTime. So strangers cannot make the bot hold many large bodies in
// memory before the signature is checked: unsigned or stale requests are
// refused unread, and slow or many signed-looking ones wait for a slot or
// get 503.
const (
	maxReading   = 16
	slotWait     = 2 * time.Second
	bodyReadTime = 5 * time.Second
)

// readSlots bounds the bodies read at once: n slots (maxReading when 0), a
// request waiting at most wait (slotWait when 0) for one.
type readSlots struct {
	n    int
	wait time.Duration
	once sync.Once
	ch   chan struct{}
}

func (s *readSlots) get() chan struct{} {
	s.once.Do(func() { s.ch = make(chan struct{}, cmp.Or(s.n, maxReading)) })
	return s.ch
}

// verified checks the headers, then reads the body (at most MaxBody) and
// checks its signature. A request that fails gets 401 (or 413, or 503 when
// too many bodies are being read) and nothing else; its body is not logged.
func (v Verifier) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if err := v.checkHeaders(r.Header); err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	if r.ContentLength > MaxBody {
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	if v.slots != nil {
		slots := v.slots.get()
		timer := time.NewTimer(cmp.Or(v.slots.wait, slotWait))
		select {
		case slots <- struct{}{}:
			timer.Stop()
			defer func() { <-slots }()
		case <-timer.C:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return nil, false
		case <-r.Context().Done():
			timer.Stop()
			return nil, false
		}
		// A body comes from Slack in one go: one that trickles is not
		// Slack's, and holds its slot no longer than this.
		http.NewResponseController(w).SetReadDeadline(time.Now().Add(bodyReadTime))
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return nil, false
		}
		http.Error(w, "bad request", http.StatusBadRequest)
		return nil, false
	}
	if err := v.Verify(r.Header, body); err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}
