package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// checkCmd runs bbolt's consistency check over MAATWERK_DB and says in plain
// words whether the file is sound. It needs the file to itself: stop the
// bot first (a running bot holds the lock).
func checkCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stdout)
	repair := fs.Bool("repair", false, "put back the records set aside that read again")
	drop := fs.Bool("drop", false, "with -repair: delete the records set aside that still do not read")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DB, cfg.storeOptions())
	if errors.Is(err, store.ErrLocked) {
		return fmt.Errorf("%s is in use: stop the bot first, then check it (or check a backup copy)", store.Redacted(cfg.DB))
	}
	if err != nil {
		return err
	}
	defer st.Close()
	problems, err := st.Check(ctx)
	if errors.Is(err, store.ErrNotBolt) {
		// PostgreSQL checks its own pages (data checksums, amcheck); the
		// records set aside are listed and repaired below all the same.
		problems, err = nil, nil
	}
	if err != nil {
		return fmt.Errorf("check %s: %w", store.Redacted(cfg.DB), err)
	}
	if *repair {
		back, gone, stay, err := st.RepairQuarantine(ctx, *drop)
		if err != nil {
			return fmt.Errorf("repair: %w", err)
		}
		fmt.Fprintf(stdout, "Teruggezet: %d, verwijderd: %d, nog apart: %d.\n", back, gone, stay)
	}
	aside, err := st.QuarantineList(ctx)
	if err != nil {
		return err
	}
	for _, q := range aside {
		fmt.Fprintf(stdout, "apart gezet: %s %s (%s) sinds %s\n", q.Bucket, q.Key, q.Error, q.At.Format("2006-01-02 15:04"))
	}
	if len(problems) == 0 && len(aside) > 0 {
		return fmt.Errorf("%d record(s) set aside as unreadable (above): fix the cause, then maatwerkbot check -repair (or -repair -drop to delete them)", len(aside))
	}
	if len(problems) == 0 {
		n, _ := st.CountCases(ctx)
		fmt.Fprintf(stdout, "%s is in orde: %d casussen%s.\n", store.Redacted(cfg.DB), n, map[bool]string{false: ", geen beschadigde pagina's", true: ""}[store.IsPostgres(cfg.DB)])
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, "  "+p)
	}
	return fmt.Errorf("%s is damaged (%d problems above): restore the last backup over it", store.Redacted(cfg.DB), len(problems))
}
