package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestConsoleSignsWithTheGivenName: --user NAME, else MAATWERK_USER, signs
// the case; the console then does not ask for a name.
func TestConsoleSignsWithTheGivenName(t *testing.T) {
	for _, tc := range []struct {
		name, env string
		args      []string
		want      string
	}{
		{"--user", "", []string{"--user", "Carla Jansen"}, "Carla Jansen"},
		{"MAATWERK_USER", "Dirk Smit", nil, "Dirk Smit"},
		{"--user before MAATWERK_USER", "Dirk Smit", []string{"--user", "Carla Jansen"}, "Carla Jansen"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "maatwerk.db")
			t.Setenv("MAATWERK_DB", db)
			t.Setenv("MAATWERK_USER", tc.env)
			var out strings.Builder
			if err := console(context.Background(), tc.args, strings.NewReader("Een casus\n\n\n1\nstop\n"), &out); err != nil {
				t.Fatalf("console: %v\n%s", err, out.String())
			}
			if strings.Contains(out.String(), "Je naam") {
				t.Errorf("the console asked for a name it was given:\n%s", out.String())
			}
			st, err := store.Open(context.Background(), db, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			c, err := st.Case(context.Background(), 1)
			if err != nil {
				t.Fatal(err)
			}
			if c.StartedBy != tc.want || len(c.Answers) != 1 || c.Answers[0].By != tc.want {
				t.Errorf("signed by %q (answers %+v), want %q", c.StartedBy, c.Answers, tc.want)
			}
		})
	}
}
