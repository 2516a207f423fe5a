package main

import (
	"bytes"
	"maps"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/maatwerkbot/maatwerkbot/bot"
)

// TestManifestShortcutsAreHandled: every shortcut of the printed manifest
// is one the bot handles, with the same type, and the bot handles no
// shortcut the manifest lacks.
func TestManifestShortcutsAreHandled(t *testing.T) {
	t.Setenv("MAATWERK_MODE", "")
	var out bytes.Buffer
	if err := manifestCmd(nil, &out); err != nil {
		t.Fatal(err)
	}
	var m struct {
		Features struct {
			Shortcuts []struct {
				Type       string `yaml:"type"`
				CallbackID string `yaml:"callback_id"`
			} `yaml:"shortcuts"`
		} `yaml:"features"`
	}
	if err := yaml.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, sc := range m.Features.Shortcuts {
		got[sc.CallbackID] = sc.Type
	}
	if want := bot.ShortcutCallbacks(); !maps.Equal(got, want) {
		t.Errorf("manifest shortcuts %v, the bot handles %v", got, want)
	}
}
