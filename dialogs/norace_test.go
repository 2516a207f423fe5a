//go:build !race

package dialogs

const raceEnabled = false
