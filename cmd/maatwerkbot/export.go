package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

const exportUsage = `usage: maatwerkbot export --channel C [--format csv|json] [-o FILE]
       maatwerkbot export --case MW-0042 [--format pdf|md] [-o FILE]

Writes one channel's cases (CSV or JSON, as /maatwerk export does in Slack) to FILE
(mode 0600: it holds case data), or to standard output. Without --channel it lists
the channels that have cases. With --case it writes that one case as a document for
the dossier (pdf, the default, or md: Markdown): the decision first, every answer
with who and when, and every changed answer with its earlier versions; MAATWERK_ORG
heads its pages. A PDF without -o goes to MW-0042-verslag-<date>.pdf in the current
folder. People are named by their Slack user ids: the names are in Slack (the
Verslag button and /maatwerk verslag give them).

While the bot runs, the export reads a consistent copy that the running bot makes
(as "maatwerkbot backup" does); the copy is removed afterwards.`

// exportCmd is "maatwerkbot export": the operator's export of one channel's
// cases from the database file.
func exportCmd(ctx context.Context, args []string, stdout io.Writer) error {
	cfg, set, err := localConfig()
	if err != nil {
		return err
	}
	return runExport(ctx, args, cfg.DB, dialogs.New(set, nil), docEnv{Loc: cfg.loc, Org: cfg.Org, Now: time.Now}, stdout)
}

// docEnv is what a case's document takes from the configuration: the time
// zone of its dates, the organisation heading its pages, and the clock that
// dates it.
type docEnv struct {
	Loc *time.Location
	Org string
	Now func() time.Time
}

// writeDocument writes c's document in format (export.PDF or
// export.Markdown) to w.
func (env docEnv) writeDocument(w io.Writer, engine *dialogs.Engine, c *record.Case, format string) error {
	doc := export.NewDocument(engine, c, env.Loc, func(u string) string { return u })
	if format == export.Markdown {
		return export.WriteMarkdown(w, doc)
	}
	now := time.Now
	if env.Now != nil {
		now = env.Now
	}
	return export.WritePDF(w, doc, export.PDFOptions{Org: env.Org, Created: now()})
}

// runExport does the export from the database at db.
func runExport(ctx context.Context, args []string, db string, engine *dialogs.Engine, env docEnv, stdout io.Writer) error {
	loc := env.Loc
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	channel := fs.String("channel", "", "the channel id (C…) whose cases to export")
	format := fs.String("format", "", "csv or json; pdf or md with --case")
	caseKey := fs.String("case", "", "one case (MW-0042) as a document")
	outFile := fs.String("o", "", "the file to write (default: standard output)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w\n%s", err, exportUsage)
	}
	one := *caseKey != ""
	switch {
	case *format != "":
	case one:
		*format = export.PDF
	default:
		*format = export.CSV
	}
	file := *outFile
	if fs.NArg() == 1 && file == "" {
		file = fs.Arg(0)
	}
	if fs.NArg() > 1 || (fs.NArg() == 1 && *outFile != "") || (!one && *format != export.CSV && *format != export.JSON) ||
		(one && *format != export.Markdown && *format != export.PDF) {
		return errors.New(strings.TrimSpace(exportUsage))
	}
	if !store.IsPostgres(db) {
		if _, err := os.Stat(db); err != nil {
			return fmt.Errorf("MAATWERK_DB=%s: %w", db, err)
		}
	}
	st, err := store.OpenReadOnly(ctx, db, store.Options{LockTimeout: time.Second})
	if errors.Is(err, store.ErrLocked) {
		// The running bot holds the file: export from a hot backup of it,
		// made through the bot's backup socket, and remove that after.
		var dir string
		st, dir, err = openSnapshot(ctx, db)
		defer os.RemoveAll(dir)
	}
	if err != nil {
		return err
	}
	defer st.Close()

	if one {
		id, ok := record.ParseKey(*caseKey)
		if !ok {
			return fmt.Errorf("--case %q: give a case id such as MW-0042", *caseKey)
		}
		c, err := st.Case(ctx, id)
		if err != nil {
			return fmt.Errorf("case %s: %w", record.FormatKey(id), err)
		}
		if file == "" && *format == export.PDF {
			// Not a PDF's bytes on a terminal: a file named after the case.
			now := time.Now
			if env.Now != nil {
				now = env.Now
			}
			file = export.ReportFileName(c, now().In(loc), export.PDF)
		}
		return writeFile(file, stdout, func(w io.Writer) error { return env.writeDocument(w, engine, c, *format) },
			fmt.Sprintf("case %s written to %%s (%s)", c.Key(), *format))
	}
	if *channel == "" {
		chans, err := st.ChannelCounts(ctx)
		if err != nil {
			return err
		}
		var b strings.Builder
		b.WriteString("choose a channel with --channel; channels with cases:\n")
		for _, c := range chans {
			fmt.Fprintf(&b, "  %s\t%d cases\n", c.Channel, c.Cases)
		}
		if len(chans) == 0 {
			b.WriteString("  (none)\n")
		}
		return errors.New(strings.TrimRight(b.String(), "\n"))
	}
	cases, err := st.ListCases(ctx, *channel, store.Filter{})
	if err != nil {
		return err
	}
	return writeFile(file, stdout, func(w io.Writer) error { return export.Write(w, *format, engine, cases, loc) },
		fmt.Sprintf("%d cases of %s written to %%s (%s)", len(cases), *channel, *format))
}

// writeFile writes with write to file, or to stdout when file is "" or
// "-". A file is written whole or not at all (a temporary file renamed),
// with mode 0600: it holds case data. done says what was written, with %s
// for the file.
func writeFile(file string, stdout io.Writer, write func(io.Writer) error, done string) error {
	if file == "" || file == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".maatwerk-export-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, done+"\n", file)
	return nil
}

// openSnapshot opens a hot backup of the database at db, taken from the
// running bot, in a private temporary folder (returned, to be removed).
func openSnapshot(ctx context.Context, db string) (*store.Store, string, error) {
	dir, err := os.MkdirTemp("", "maatwerkbot-export-")
	if err != nil {
		return nil, "", err
	}
	copyPath := filepath.Join(dir, "snapshot.db")
	if _, err := store.Backup(ctx, db, copyPath); err != nil {
		return nil, dir, fmt.Errorf("%s is in use by the running maatwerkbot and no copy could be made (%w); stop it first, or let a team lead use /maatwerk export in Slack", db, err)
	}
	st, err := store.OpenReadOnly(ctx, copyPath, store.Options{LockTimeout: time.Second})
	return st, dir, err
}
