//go:build race

package dialogs

// raceEnabled: the race detector makes sync.Pool drop items, so allocation
// counts mean nothing under -race.
const raceEnabled = true
