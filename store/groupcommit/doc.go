// Package groupcommit shares read-write transactions between
// concurrent writers: one goroutine commits, and every write that arrives
// while a commit (and its fsync) is under way goes into the next
// transaction together. Unlike bbolt's DB.Batch there is no timer: a lone
// write starts at once, and under load the batches grow with the time a
// commit takes instead of forming a convoy of small ones.
//
// A Writer is generic over the transaction type: the store uses it with
// its engine's kv.Tx, the load test's floor with a *bolt.Tx.
//
// It imports only the standard library (its tests import bbolt).
package groupcommit
