// Package bot is maatwerkbot in Slack: the handlers of slash commands,
// interactions and events, and the wiring of the parts that do the rest.
// It owns what a person does with the bot — start a case, answer, argue,
// decide, escalate to a team lead, correct, search, list, export, erase,
// open the Home tab, change the digest settings — and defines the small
// types that do one job each for those handlers: the event inbox (inbox),
// the read side (lookups) and the timed work (scheduler).
//
// Its parts live under bot/internal, each with one job:
//
//   - transport: HTTP mode, Socket Mode, signature checks, ops endpoints;
//   - delivery: the outbox, syncing a case's messages, rate-limit holds,
//     the root pacer, response_url posts;
//   - render: pure Block Kit from domain values (the golden tests);
//   - directory: people's languages (LangFor), team leads, permalinks;
//   - metrics: /metrics through prometheus/client_golang;
//   - jsoncut: cutting fields out of Slack's JSON before decoding.
//
// It imports those parts, slack-go, the engine (dialogs), the domain types
// (dialogs/record), the exports (dialogs/export) and the store. Only
// cmd/maatwerkbot imports it; the import rules are a test there.
package bot
