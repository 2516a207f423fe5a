package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// A case is created when someone starts it, updated inside one transaction
// whenever something happens in it, and found again by the thread its
// messages live in.
func ExampleStore() {
	dir, err := os.MkdirTemp("", "maatwerk-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(dir, "maatwerk.db"), store.Options{LockTimeout: time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	c := &record.Case{
		Channel:   "C0GEMEENTE",
		Title:     "Kwijtschelding na brand",
		Lang:      cards.NL,
		StartedBy: "U0MARLOES",
		StartedAt: time.Date(2025, time.March, 3, 9, 0, 0, 0, time.UTC),
		Status:    record.StatusOpen,
		Seq:       1,
	}
	if err := s.CreateCase(ctx, c); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Key(), "rev", c.Rev)

	// The root message is posted: remember its thread.
	c, err = s.UpdateCase(ctx, c.ID, func(c *record.Case) error {
		c.Thread = "1741000000.000100"
		c.SetPost("root", c.Thread)
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Key(), "rev", c.Rev, "thread", c.Thread)

	// A reply in that thread finds its case.
	found, err := s.CaseByThread(ctx, "C0GEMEENTE", "1741000000.000100")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %q by %s\n", found.Key(), found.Title, found.StartedBy)
	// Output:
	// MW-0001 rev 1
	// MW-0001 rev 2 thread 1741000000.000100
	// MW-0001 "Kwijtschelding na brand" by U0MARLOES
}
