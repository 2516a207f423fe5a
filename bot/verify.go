package bot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

// maxBody caps the size of a request from Slack.
const maxBody = 1 << 20

// maxSkew is how far a request's timestamp may be from now, both ways.
const maxSkew = 5 * time.Minute

// Verifier checks Slack's v0 request signatures.
type Verifier struct {
	Secret string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Errors of Verify. None of them carries the body or the secret.
var (
	ErrNoSignature  = errors.New("bot: request is not signed")
	ErrStale        = errors.New("bot: request timestamp outside the 5-minute window")
	ErrBadSignature = errors.New("bot: request signature does not match")
)

// Verify checks the signature of body sent with header.
func (v Verifier) Verify(header http.Header, body []byte) error {
	ts := header.Get("X-Slack-Request-Timestamp")
	sig := header.Get("X-Slack-Signature")
	if ts == "" || sig == "" || v.Secret == "" {
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
	want := Sign(v.Secret, ts, body)
	if !hmac.Equal([]byte(want), []byte(sig)) {
		return ErrBadSignature
	}
	return nil
}

// Sign returns the v0 signature of body at timestamp ts: "v0=" + hex of
// HMAC-SHA256(secret, "v0:" + ts + ":" + body).
func Sign(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	io.WriteString(mac, "v0:"+ts+":")
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// verified reads the body (at most maxBody) and checks its signature. A
// request that fails gets 401 (or 413) and nothing else; its body is not
// logged.
func (v Verifier) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
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
