// Package store keeps maatwerk cases in a bbolt file: the cases themselves,
// an index from (channel, thread) to case, a time index per channel, the
// event ids already handled, and the schema version with its migrations.
//
// It imports bbolt, the domain types (dialogs/record) and its own group
// commit; never the engine, the texts or slack-go. The bucket and key names
// are in store.go, and those of the digest in digest.go.
package store
