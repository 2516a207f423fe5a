package main

import (
	"runtime/debug"
)

// Go's garbage collector by default runs whenever the heap has doubled.
// maatwerkbot keeps a small live heap (about 10 MB) and allocates much per
// Slack request, so under load that means a collection every few
// milliseconds. Unless the operator chose otherwise (GOGC or GOMEMLIMIT in
// the environment), serve lets the heap grow to five times the live data
// (GOGC=400) within a soft limit of 48 MiB, near which Go collects sooner.
// In the load benchmark of 5 December 2026 (200 requests a second) that
// saved 6% of the bot's CPU per request and cost about 19 MB of memory; see
// cmd/maatwerk-load/README.md for the figures and when it should go.
const (
	defaultGCPercent = 400
	defaultMemLimit  = 48 << 20
)

// gcTuning is what serve changes in the collector's settings.
type gcTuning struct {
	percent  int   // 0: leave GOGC as it is
	memLimit int64 // 0: leave GOMEMLIMIT as it is
}

// gcDefaults leaves alone what the environment sets.
func gcDefaults(getenv func(string) string) gcTuning {
	var t gcTuning
	if getenv("GOGC") == "" {
		t.percent = defaultGCPercent
	}
	if getenv("GOMEMLIMIT") == "" {
		t.memLimit = defaultMemLimit
	}
	return t
}

// apply sets what t says and returns the settings in force.
func (t gcTuning) apply() (percent int, memLimit int64) {
	if t.percent > 0 {
		debug.SetGCPercent(t.percent)
	}
	if t.memLimit > 0 {
		debug.SetMemoryLimit(t.memLimit)
	}
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}
