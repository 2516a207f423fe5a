package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export/exporttest/pdftext"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// exportDB makes a database with two cases in C0EEN and one in C0TWEE.
func exportDB(t *testing.T) (string, *dialogs.Engine) {
	t.Helper()
	set, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	e := dialogs.New(set, nil)
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	st, err := store.Open(t.Context(), path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []dialogs.Start{
		{Channel: "C0EEN", Title: "Verhuiskosten", Scheme: "Participatiewet", By: "UALICE001", Lang: cards.NL},
		{Channel: "C0EEN", Title: "Eigen bijdrage", By: "UBOB00002", Lang: cards.NL},
		{Channel: "C0TWEE", Title: "Casus van een ander team", By: "UALICE001", Lang: cards.NL},
	} {
		c, err := e.NewCase(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.CreateCase(t.Context(), c); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path, e
}

func TestRunExport(t *testing.T) {
	path, e := exportDB(t)
	ctx := t.Context()

	t.Run("one case as a Markdown document", func(t *testing.T) {
		var out bytes.Buffer
		if err := runExport(ctx, []string{"--case", "MW-0001", "--format", "md"}, path, e, docEnv{Loc: time.UTC}, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), "# Verslag van casus MW-0001") && !strings.HasPrefix(out.String(), "# Record of case MW-0001") {
			t.Errorf("not the case's document:\n%s", out.String())
		}
		file := filepath.Join(t.TempDir(), "mw-0001.md")
		out.Reset()
		if err := runExport(ctx, []string{"--case", "1", "--format", "md", file}, path, e, docEnv{Loc: time.UTC}, &out); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("document file: %v, %v; want mode 0600", st, err)
		}
		for _, bad := range [][]string{{"--case", "MW-0001", "--format", "csv"}, {"--case", "zes", "--format", "md"}, {"--case", "MW-0999", "--format", "md"}} {
			if err := runExport(ctx, bad, path, e, docEnv{Loc: time.UTC}, &out); err == nil {
				t.Errorf("%v accepted", bad)
			}
		}
	})

	t.Run("one case as a PDF", func(t *testing.T) {
		day := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
		env := docEnv{Loc: time.UTC, Org: "Gemeente Zuidbroek", Now: func() time.Time { return day }}
		file := filepath.Join(t.TempDir(), "verslag.pdf")
		var out bytes.Buffer
		if err := runExport(ctx, []string{"--case", "MW-0001", "--format", "pdf", "-o", file}, path, e, env, &out); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		txt, err := pdftext.Extract(b)
		if err != nil {
			t.Fatal(err)
		}
		if flat := strings.Join(strings.Fields(txt), " "); !strings.Contains(flat, "MW-0001") || !strings.Contains(flat, "Gemeente Zuidbroek") {
			t.Errorf("not the case's PDF:\n%s", txt)
		}
		// Without -o (and pdf being the default with --case): a file named
		// after the case in the current folder, never the bytes on stdout.
		t.Chdir(t.TempDir())
		out.Reset()
		if err := runExport(ctx, []string{"--case", "MW-0001"}, path, e, env, &out); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat("MW-0001-verslag-2026-12-05.pdf"); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("default PDF file: %v, %v; want MW-0001-verslag-2026-12-05.pdf, mode 0600", st, err)
		}
		if bytes.Contains(out.Bytes(), []byte("%PDF")) || !strings.Contains(out.String(), "MW-0001-verslag-2026-12-05.pdf") {
			t.Errorf("stdout: %q", out.String())
		}
		if err := runExport(ctx, []string{"--case", "MW-0001", "-o", file, "other.pdf"}, path, e, env, &out); err == nil {
			t.Error("both -o and a FILE accepted")
		}
	})

	t.Run("csv to stdout, one channel", func(t *testing.T) {
		var out bytes.Buffer
		if err := runExport(ctx, []string{"--channel", "C0EEN"}, path, e, docEnv{Loc: time.UTC}, &out); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&out).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(export.Columns(), ",") {
			t.Fatalf("rows: %q", rows)
		}
		for _, r := range rows[1:] {
			if r[1] == "Casus van een ander team" {
				t.Errorf("a case of another channel in the export")
			}
		}
	})

	t.Run("json to a file with mode 0600", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "export.json")
		var out bytes.Buffer
		if err := runExport(ctx, []string{"--channel=C0TWEE", "--format", "json", file}, path, e, docEnv{Loc: time.UTC}, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "1 cases of C0TWEE written to") {
			t.Errorf("stdout: %q", out.String())
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var got []export.Case
		if err := json.Unmarshal(data, &got); err != nil || len(got) != 1 || got[0].Title != "Casus van een ander team" {
			t.Errorf("json: %v, %+v", err, got)
		}
		if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", info.Mode().Perm())
		}
	})

	t.Run("without a channel lists the channels", func(t *testing.T) {
		err := runExport(ctx, nil, path, e, docEnv{Loc: time.UTC}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "C0EEN\t2 cases") || !strings.Contains(err.Error(), "C0TWEE\t1 cases") {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("bad arguments", func(t *testing.T) {
		for _, args := range [][]string{{"--format", "xlsx", "--channel", "C0EEN"}, {"--channel", "C0EEN", "a", "b"}, {"--bogus"}} {
			if err := runExport(ctx, args, path, e, docEnv{Loc: time.UTC}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "usage:") {
				t.Errorf("%q: %v", args, err)
			}
		}
		if err := runExport(ctx, []string{"--channel", "C0EEN"}, filepath.Join(t.TempDir(), "none.db"), e, docEnv{Loc: time.UTC}, &bytes.Buffer{}); err == nil {
			t.Error("a missing database was accepted")
		}
	})

	t.Run("while the bot holds the file", func(t *testing.T) {
		st, err := store.Open(ctx, path, store.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		// Without the bot's backup socket there is no way in.
		err = runExport(ctx, []string{"--channel", "C0EEN"}, path, e, docEnv{Loc: time.UTC}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "stop it first") {
			t.Errorf("err = %v", err)
		}
		// The running bot serves a copy: the export reads that.
		sctx, cancel := context.WithCancel(ctx)
		served := make(chan error, 1)
		go func() { served <- st.ServeBackups(sctx, slog.New(slog.DiscardHandler)) }()
		defer func() { cancel(); <-served }()
		var out bytes.Buffer
		var lastErr error
		for range 100 { // until the socket is up
			out.Reset()
			if lastErr = runExport(ctx, []string{"--channel", "C0EEN"}, path, e, docEnv{Loc: time.UTC}, &out); lastErr == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		if lastErr != nil || !strings.Contains(out.String(), "MW-") {
			t.Errorf("export while the bot runs: %v\n%s", lastErr, out.String())
		}
	})
}
