package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// checkCmd runs bbolt's consistency check over MAATWERK_DB and says in plain
// words whether the file is sound. It needs the file to itself: stop the
// bot first (a running bot holds the lock).
func checkCmd(ctx context.Context, stdout io.Writer) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DB, cfg.storeOptions())
	if errors.Is(err, store.ErrLocked) {
		return fmt.Errorf("%s is in use: stop the bot first, then check it (or check a backup copy)", cfg.DB)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	problems, err := st.Check(ctx)
	if err != nil {
		return fmt.Errorf("check %s: %w", cfg.DB, err)
	}
	if len(problems) == 0 {
		n, _ := st.CountCases(ctx)
		fmt.Fprintf(stdout, "%s is in orde: %d casussen, geen beschadigde pagina's.\n", cfg.DB, n)
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, "  "+p)
	}
	return fmt.Errorf("%s is damaged (%d problems above): restore the last backup over it", cfg.DB, len(problems))
}
