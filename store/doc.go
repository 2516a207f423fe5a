// Package store keeps maatwerk cases: the cases themselves, an index from
// (channel, thread) to case, a time index per channel, the event ids
// already handled, and the schema version with its migrations.
//
// The logic is written once against a small key-value interface
// (internal/kv) with two engines under it: a bbolt file (internal/boltkv,
// the default, made by Open) and PostgreSQL, shared by several replicas.
// The features only a bbolt file has — hot backups over the socket,
// bbolt's check, compaction, the disk-free check — return an error
// wrapping ErrNotBolt on another engine; Copy moves a database from one
// engine to the other.
//
// It imports bbolt, the domain types (dialogs/record) and its own group
// commit; never the engine, the texts or slack-go. The bucket and key names
// are in store.go, and those of the digest in digest.go.
package store
