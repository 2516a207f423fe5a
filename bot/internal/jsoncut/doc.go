// Package jsoncut cuts a field out of JSON text before it is decoded, in
// one pass over the bytes and without decoding anything. Slack sends more
// than the bot reads: the clicked message comes along with every
// block_actions payload, a submitted view carries its blocks, and
// chat.postMessage and chat.update echo the message back. slack-go would
// decode all those blocks (the dearest part of handling a click).
//
// It imports the standard library only.
package jsoncut
