// Package fakeslack is an in-memory Slack Web API for tests: an HTTP server on loopback that answers the
// methods the bot uses the way Slack does, keeps the resulting workspace state (messages, reactions, views,
// files) and records every call it receives.
//
// Point slack-go at it with slack.OptionAPIURL(s.APIURL()). The fake checks requests on the wire, as Slack
// would: the bot token (as "Authorization: Bearer …" or as the token form field), the form or JSON encoding,
// and Block Kit limits, answering with Slack's error strings. Faults (HTTP 429 with Retry-After, 5xx,
// ok:false errors) can be queued per method with FailNext, and EnforceRateLimits makes it refuse calls over
// Slack's rate limits.
//
// The package imports only the standard library: it must not import slack-go or any package of this module,
// so that it checks what the bot really sends rather than what a shared type would produce.
package fakeslack
