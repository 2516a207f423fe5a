package tokenbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length of a key in bytes (AES-256).
const KeySize = 32

// version heads every sealed value, so that a later key or cipher can be
// told apart.
const version byte = 1

// ErrOpen is returned when a sealed value does not open with this key and
// owner: another key, another owner, or a changed value.
var ErrOpen = errors.New("tokenbox: the sealed token does not open with this key (wrong key, or changed)")

// Box seals and opens tokens with one key. It is safe for concurrent use.
type Box struct {
	aead cipher.AEAD
}

// ParseKey reads a key as the operator gives it: standard or URL base64 of
// exactly KeySize bytes (`openssl rand -base64 32`). The error says in one
// line what is wrong, without the key.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("MAATWERK_TOKEN_KEY is not set: give 32 random bytes in base64 (openssl rand -base64 32)")
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if key, err := enc.DecodeString(s); err == nil {
			if len(key) != KeySize {
				return nil, fmt.Errorf("MAATWERK_TOKEN_KEY holds %d bytes, want %d: give 32 random bytes in base64 (openssl rand -base64 32)", len(key), KeySize)
			}
			return key, nil
		}
	}
	return nil, errors.New("MAATWERK_TOKEN_KEY is not base64: give 32 random bytes in base64 (openssl rand -base64 32)")
}

// New returns a Box for key (KeySize bytes).
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("tokenbox: key of %d bytes, want %d", len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("tokenbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("tokenbox: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal returns token sealed for owner: the version byte, a random nonce
// and the ciphertext with its tag. The empty token seals to nil.
func (b *Box) Seal(token, owner string) ([]byte, error) {
	if token == "" {
		return nil, nil
	}
	out := make([]byte, 1+b.aead.NonceSize(), 1+b.aead.NonceSize()+len(token)+b.aead.Overhead())
	out[0] = version
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, fmt.Errorf("tokenbox: nonce: %w", err)
	}
	return b.aead.Seal(out, out[1:], []byte(token), []byte(owner)), nil
}

// Open returns the token sealed for owner, or ErrOpen. Nil opens to "".
func (b *Box) Open(sealed []byte, owner string) (string, error) {
	if len(sealed) == 0 {
		return "", nil
	}
	n := b.aead.NonceSize()
	if len(sealed) < 1+n+b.aead.Overhead() || sealed[0] != version {
		return "", ErrOpen
	}
	plain, err := b.aead.Open(nil, sealed[1:1+n], sealed[1+n:], []byte(owner))
	if err != nil {
		return "", ErrOpen
	}
	return string(plain), nil
}
