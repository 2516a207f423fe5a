// Package dialogs is the flow engine of maatwerkbot: a case's state plus an
// answer gives a new state and the next prompt. It knows the card content
// (package cards) but no chat platform and no database: package bot turns
// its prompts into Slack messages, package store persists its cases, and
// the console adapter in this package renders prompts as plain text. It also
// holds the privacy guard (FindPersonalData, CleanText) and the interface
// texts, filled from one catalog (dialogs/catalog) in Dutch and English.
//
// It imports cards, dialogs/record, dialogs/catalog and golang.org/x/text;
// never slack-go, bbolt or package store.
package dialogs
