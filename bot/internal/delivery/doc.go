// Package delivery brings Slack in line with the stored cases. It owns:
//
//   - the outbox worker: every case change that Slack must follow is
//     stored with a job in the same bbolt transaction, and Run delivers
//     the jobs per channel in order, honouring 429 Retry-After, retrying
//     5xx and network errors with backoff, and giving up only on errors
//     Slack will repeat (logged, and shown on the case's root message);
//   - syncing one case (SyncCase): the root message, the open question,
//     answered questions, the team leads' DMs, the look-back and the
//     summary. A job is done when the case's messages are in line, so a job
//     retried or redone after a restart does no harm;
//   - the rate-limit holds: Slack limits each Web API method per app and
//     workspace by tier (chat.update and chat.postMessage about one call a
//     second per channel with bursts; users.info and views.publish higher).
//     After a 429 every call of that method waits out Retry-After, and
//     one call at a time probes until a minute passes without one;
//   - the root pacer, which folds a burst of changes into one update of
//     the case's root message;
//   - every post to a response_url (Respond): Slack accepts five within 30
//     minutes of the click, only to hooks.slack.com, and answers with ok or
//     an error code, which Respond reads;
//   - the Web API transport, which counts each call by method and result
//     for the metrics and notices when Slack refuses the bot token.
//
// It may import slack-go, the store, the engine (dialogs), the domain
// types, the renderer and the metrics; never package bot or the HTTP
// transport.
package delivery
