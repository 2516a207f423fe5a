package main

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportBinary runs "maatwerkbot export" as an operator would: the
// channel list, then one channel's cases as CSV on standard output.
func TestExportBinary(t *testing.T) {
	db, _ := exportDB(t)
	env := append(os.Environ(), "MAATWERK_DB="+db, "MAATWERK_CARDS_DIR=", "MAATWERK_LANG=nl")

	cmd := exec.Command(binary, "export")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "C0EEN\t2 cases") {
		t.Errorf("export without --channel: %v\n%s", err, out)
	}

	cmd = exec.Command(binary, "export", "--channel", "C0EEN")
	cmd.Env = env
	cmd.Stderr = os.Stderr
	out, err = cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(out))).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][0] != "id" {
		t.Fatalf("csv: %v\n%s", err, out)
	}

	file := filepath.Join(t.TempDir(), "twee.json")
	cmd = exec.Command(binary, "export", "--channel", "C0TWEE", "--format", "json", file)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), "Casus van een ander team") || strings.Contains(string(data), "Verhuiskosten") {
		t.Errorf("json file: %v\n%s", err, data)
	}
}
