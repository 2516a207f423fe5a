package store_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
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
	path := filepath.Join(t.TempDir(), "maatwerk.db")
	s := MustOpenPath(t, path, store.Options{})
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
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"xoxb-secret", "xoxe-1-refresh"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the database file holds %q in the clear", secret)
		}
	}
}
