// Package export writes cases for use outside Slack: a CSV table or a JSON
// array of the cases' summaries, for team leads (through the bot) and for
// operators (maatwerkbot export, also while the bot runs).
//
// It imports the engine (for the summary), the domain types and the
// standard library; no chat platform and no database.
package export
