// Package bottest drives maatwerkbot the way people in Slack do: it types
// the slash command, clicks the buttons of the open question, fills in the
// modals and replies in the thread, through a fakeslack.Sender, and reads
// what the bot posted from the fakeslack.Server. The unit tests of package
// bot and the end-to-end test of the binary share it.
//
// It knows the bot's action ids as plain strings and must not import
// package bot.
package bottest
