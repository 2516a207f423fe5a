package store

import (
	"context"
	"fmt"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// Check runs bbolt's consistency check over the whole file and returns what
// it found, one problem per entry (none for a sound file). A panic of
// bbolt's on a damaged page is a problem too, not a crash.
func (s *Store) Check(ctx context.Context) (problems []string, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			problems = append(problems, fmt.Sprint(v))
		}
	}()
	err = s.viewBolt(ctx, "bbolt's check", "PostgreSQL checks its own data (and \"maatwerkbot backup\" copies it into a bbolt file, which can be checked)", func(tx *bolt.Tx) error {
		for e := range tx.Check() {
			problems = append(problems, e.Error())
		}
		return nil
	})
	return problems, err
}
