package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A damaged database file stops the binary with one clear line — what is
// wrong and how to restore from a backup — and no panic or goroutine
// trace; an empty file is refused unless MAATWERK_DB_CREATE says to start
// anew; `maatwerkbot check` says whether a file is sound. On main a
// truncated file ended in a fault and a goroutine trace.
func TestDamagedDatabaseStopsWithOneLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	runConsole(t, good, 6, "Een casus", "")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	// Cut after the two meta pages and a bit: the pages the meta pages
	// point to are gone, wherever bbolt happened to write them (half the
	// file kept them all when the last write went to a low page).
	half := filepath.Join(dir, "half.db")
	os.WriteFile(half, data[:min(len(data)-1, 2*4096+1024)], 0o600)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)

	run := func(db string, extra []string, args ...string) (string, error) {
		cmd := exec.Command(binary, args...)
		cmd.Env = append(append(baseEnv(db), "SLACK_BOT_TOKEN=xoxb-unused", "SLACK_SIGNING_SECRET=unused", "MAATWERK_MODE=http",
			"MAATWERK_LISTEN_ADDR="+freeAddr(t)), extra...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	for _, tc := range []struct {
		name, db string
		args     []string
		want     string
	}{
		{"serve on a truncated file", half, nil, "restore the last backup"},
		{"check a truncated file", half, []string{"check"}, "restore the last backup"},
		{"serve on an empty file", empty, nil, "MAATWERK_DB_CREATE"},
	} {
		out, err := run(tc.db, nil, tc.args...)
		if err == nil {
			t.Errorf("%s: exit 0:\n%s", tc.name, out)
		}
		if !strings.Contains(out, tc.want) || strings.Contains(out, "goroutine ") || strings.Contains(out, "panic:") ||
			strings.Count(strings.TrimSpace(out), "\n") > 1 {
			t.Errorf("%s: want one clear line with %q, got:\n%s", tc.name, tc.want, out)
		}
	}
	if out, err := run(good, nil, "check"); err != nil || !strings.Contains(out, "in orde") {
		t.Errorf("check of a sound file: %v\n%s", err, out)
	}
	if out, err := run(empty, []string{"MAATWERK_DB_CREATE=true"}, "check"); err != nil {
		t.Errorf("an empty file with MAATWERK_DB_CREATE=true: %v\n%s", err, out)
	}
}
