// Package tokenbox seals Slack tokens for storage: AES-256-GCM from the
// standard library, with a random nonce per seal and the owner of the
// token (an installation's enterprise and team) as additional data, so
// that a sealed token copied onto another installation does not open.
// The key comes from the operator (MAATWERK_TOKEN_KEY, base64 of 32 random
// bytes); without it no token is written to disk.
package tokenbox
