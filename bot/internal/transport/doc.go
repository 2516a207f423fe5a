// Package transport receives Slack's requests and hands them to the bot's
// handlers. It owns:
//
//   - HTTP mode: POST /slack/commands, /slack/interactivity and
//     /slack/events. Every request is signed by Slack (v0: HMAC-SHA256 of
//     "v0:<timestamp>:<body>" with the signing secret, in
//     X-Slack-Signature). The timestamp and the signature's shape are
//     checked before the body is read; the body (at most 1 MiB, by a
//     bounded number of requests at once) is then checked with slack-go's
//     SecretsVerifier. A request older or newer than 5 minutes, or signed
//     wrongly, gets 401 and nothing else.
//   - Socket Mode: the same requests over a WebSocket; every envelope is
//     acknowledged by its envelope_id, with at most 20 KB of payload.
//   - Slack's deadline: a command or an interaction is acknowledged within
//     3 seconds, so the handlers get a context of 2.5 s; Slack retries an
//     event that is not acknowledged, so an event is acknowledged only once
//     it is taken in.
//   - the operations endpoints GET /healthz, /readyz and /metrics, and one
//     log line per request (request id, route, status, duration, case).
//
// It may import slack-go, jsoncut and the metrics; never the store, the engine or
// package bot (the handlers come in as functions, see Handlers).
package transport
