// Package enginebench compares the store's two engines, bbolt and
// PostgreSQL, on the work that decides how fast the bot answers: its tests
// are benchmarks only (go test -bench . ./store/internal/enginebench).
package enginebench
