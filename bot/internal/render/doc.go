// Package render turns domain values — a case (dialogs/record), a prompt,
// a card view, a digest, the App Home's lists — into Slack Block Kit
// messages, modals and Home tabs, in the case's or the reader's language.
// It is pure: it calls no API, reads no database and keeps no state, so
// its output can be checked against golden files.
//
// It owns the ids that tie Slack's callbacks back to a case (action,
// block and callback ids, and their parsers), the escaping of everything a
// user typed (UserText: data, never markup), and Block Kit's size limits:
// at most 50 blocks a message and 100 on a Home tab, 3,000 characters in a
// section, 150 in a header, 75 on a button or option. Slack refuses larger
// payloads with invalid_blocks or msg_blocks_too_long, so long lists are
// clipped or split into several messages (SplitBlocks).
//
// It may import slack-go, cards, dialogs and dialogs/record; never the
// store, the transport or package bot (a test in cmd/maatwerkbot checks).
package render
