// Package metrics owns what the bot shows on GET /metrics: its own counters,
// histogram and gauges, registered with prometheus/client_golang next to the
// library's go_* and process_* collectors, in a registry per bot (no global
// state, so tests can run many bots in one process).
//
// It imports client_golang and the standard library only.
package metrics
