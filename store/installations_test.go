package store_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/store"
	"github.com/maatwerkbot/maatwerkbot/store/tokenbox"
)

// TestInstallations: an installation is kept per enterprise and team with
// its tokens sealed — never in the clear in the database file — and opens
// only with the key it was sealed with.
func TestInstallations(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, e engine) {
		where := e.Fresh(t)
		s := e.OpenAt(t, where, store.Options{})
		ctx := t.Context()
		box, err := tokenbox.New(bytes.Repeat([]byte{1}, tokenbox.KeySize))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Installation(ctx, box, "", "T1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Installation before any = %v, want ErrNotFound", err)
		}
		in := store.Installation{TeamID: "T1", TeamName: "Gemeente Zuidbroek", BotUserID: "UBOT1",
			BotToken: "xoxb-secret-one", RefreshToken: "xoxe-1-refresh", ExpiresAt: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC),
			Scopes: []string{"commands", "chat:write"}, InstalledBy: "UADMIN", InstalledAt: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)}
		grid := store.Installation{EnterpriseID: "E1", TeamID: "T2", BotUserID: "UBOT2", BotToken: "xoxb-secret-two"}
		for _, i := range []store.Installation{in, grid} {
			if err := s.PutInstallation(ctx, box, i); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Installation(ctx, box, "", "T1")
		if err != nil || got.BotToken != in.BotToken || got.RefreshToken != in.RefreshToken || !got.ExpiresAt.Equal(in.ExpiresAt) ||
			got.TeamName != in.TeamName || strings.Join(got.Scopes, ",") != "commands,chat:write" {
			t.Fatalf("Installation = %+v, %v", got, err)
		}
		if got, err := s.Installation(ctx, box, "E1", "T2"); err != nil || got.BotToken != "xoxb-secret-two" {
			t.Errorf("the Grid installation = %+v, %v", got, err)
		}
		if _, err := s.Installation(ctx, box, "", "T2"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("T2 without its enterprise = %v, want ErrNotFound", err)
		}
		other, _ := tokenbox.New(bytes.Repeat([]byte{2}, tokenbox.KeySize))
		if _, err := s.Installation(ctx, other, "", "T1"); !errors.Is(err, tokenbox.ErrOpen) {
			t.Errorf("with another key = %v, want ErrOpen", err)
		}
		if err := s.PutInstallation(ctx, box, store.Installation{BotToken: "xoxb-nobody"}); err == nil {
			t.Error("an installation without enterprise or team was stored")
		}
		if err := s.DeleteInstallation(ctx, "", "T1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Installation(ctx, box, "", "T1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("after the uninstall = %v, want ErrNotFound", err)
		}
		if err := s.DeleteInstallation(ctx, "", "T9"); err != nil {
			t.Errorf("removing an unknown installation = %v", err)
		}
		if err := s.PutInstallation(ctx, box, in); err != nil {
			t.Fatal(err)
		}
		raw, err := store.DumpRaw(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if !store.IsPostgres(where) {
			if raw, err = os.ReadFile(where); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Contains(raw, []byte("UBOT2")) {
			t.Fatal("the database holds no installation: the check below checks nothing")
		}
		for _, secret := range []string{"xoxb-secret", "xoxe-1-refresh"} {
			if bytes.Contains(raw, []byte(secret)) {
				t.Errorf("the database holds %q in the clear", secret)
			}
		}
	})
}
