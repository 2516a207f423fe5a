package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// migrateUsage is the one line a wrong call gets.
const migrateUsage = "usage: maatwerkbot migrate -from FILE -to postgres://USER@HOST/DATABASE"

// migrateCmd is "maatwerkbot migrate -from FILE -to URL": it copies a bbolt
// database into another database (PostgreSQL) with store.Copy. A second
// run copies only what changed since the first, and finishes a run that
// was interrupted; it refuses a target that holds cases a bot works on.
func migrateCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	from := fs.String("from", "", "the bbolt database file to copy")
	to := fs.String("to", "", "the database to copy into: postgres://…")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *from == "" || *to == "" {
		return errors.New(migrateUsage)
	}
	if *from == *to {
		return errors.New("migrate: -from and -to are the same database")
	}
	src, err := store.OpenReadOnly(ctx, *from, store.Options{})
	if errors.Is(err, store.ErrLocked) {
		return fmt.Errorf("migrate: a running bot holds %s. Stop it first; or copy a backup now "+
			"(maatwerkbot backup copy.db; maatwerkbot migrate -from copy.db -to …) and run migrate once more from %s "+
			"after stopping the bot: that run copies only what changed", *from, *from)
	}
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer src.Close()
	dst, err := store.Open(ctx, *to, store.Options{})
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer dst.Close()

	source, marked, err := dst.CopyMark(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	empty, err := dst.Empty(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if !empty && !marked {
		return fmt.Errorf("migrate: %s already holds cases that a bot works on; a copy would overwrite them. "+
			"Copy into a new, empty database", dst.Path())
	}
	abs, err := filepath.Abs(*from)
	if err != nil {
		abs = *from
	}
	if marked {
		fmt.Fprintf(stdout, "%s holds an earlier copy (of %s); only what changed is copied\n", dst.Path(), source)
	}
	if err := dst.MarkCopy(ctx, abs); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	counts, err := store.Copy(ctx, dst, src, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w (run the same command again to finish the copy)", err)
	}
	fmt.Fprintf(stdout, "copied %s into %s:\n%s", *from, dst.Path(), formatCounts(counts))
	fmt.Fprintf(stdout, "start the bot with MAATWERK_DB set to the PostgreSQL URL; from then on migrate refuses to copy over it\n")
	return nil
}

// countNames are the buckets an operator recognises, in the order shown;
// the others (indexes) follow under their own names.
var countNames = []struct{ bucket, name string }{
	{"cases", "cases"},
	{"outbox", "messages owed to Slack (outbox)"},
	{"inbox", "events not yet handled (inbox)"},
	{"events", "events seen (de-duplication)"},
	{"installations", "workspace installations"},
	{"quarantine", "records set aside"},
}

// formatCounts lists the keys copied per kind, one line each.
func formatCounts(c store.Counts) string {
	var b strings.Builder
	shown := map[string]bool{}
	for _, n := range countNames {
		fmt.Fprintf(&b, "  %-36s %d\n", n.name, c[n.bucket])
		shown[n.bucket] = true
	}
	var rest []string
	for k := range c {
		if !shown[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		fmt.Fprintf(&b, "  %-36s %d\n", "index "+k, c[k])
	}
	return b.String()
}
