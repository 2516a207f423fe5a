package main

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// printedManifest is the part of a printed manifest the tests look at.
type printedManifest struct {
	Features struct {
		SlashCommands []struct {
			Command string `yaml:"command"`
			URL     string `yaml:"url"`
		} `yaml:"slash_commands"`
	} `yaml:"features"`
	OAuthConfig struct {
		Scopes struct {
			Bot []string `yaml:"bot"`
		} `yaml:"scopes"`
	} `yaml:"oauth_config"`
	Settings struct {
		EventSubscriptions struct {
			RequestURL string `yaml:"request_url"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			RequestURL string `yaml:"request_url"`
		} `yaml:"interactivity"`
		SocketModeEnabled bool `yaml:"socket_mode_enabled"`
	} `yaml:"settings"`
}

func TestManifestCmd(t *testing.T) {
	tests := []struct {
		name, command string // command "" leaves MAATWERK_COMMAND unset
		args          []string
		wantCommand   string
		wantBase      string // "" for Socket Mode
	}{
		{"socket default", "", nil, "/maatwerk", ""},
		{"socket own command", "/casus", nil, "/casus", ""},
		{"http", "/maatwerk", []string{"--http", "https://maatwerk.gemeente.example"}, "/maatwerk", "https://maatwerk.gemeente.example"},
		{"http trailing slash", "/mw", []string{"-http=https://bot.example/maatwerk/"}, "/mw", "https://bot.example/maatwerk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("MAATWERK_MODE", "")
			t.Setenv("MAATWERK_COMMAND", tt.command)
			if tt.command == "" {
				os.Unsetenv("MAATWERK_COMMAND") // t.Setenv restores it afterwards
			}
			var out bytes.Buffer
			if err := manifestCmd(tt.args, &out); err != nil {
				t.Fatal(err)
			}
			var m printedManifest
			if err := yaml.Unmarshal(out.Bytes(), &m); err != nil {
				t.Fatalf("output is not YAML: %v\n%s", err, out.String())
			}
			if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != tt.wantCommand {
				t.Errorf("slash commands = %+v, want %s", m.Features.SlashCommands, tt.wantCommand)
			}
			urls := []string{m.Features.SlashCommands[0].URL, m.Settings.Interactivity.RequestURL, m.Settings.EventSubscriptions.RequestURL}
			want := []string{"", "", ""}
			if tt.wantBase != "" {
				want = []string{tt.wantBase + "/slack/commands", tt.wantBase + "/slack/interactivity", tt.wantBase + "/slack/events"}
			}
			if !slices.Equal(urls, want) {
				t.Errorf("request URLs = %q, want %q", urls, want)
			}
			if tt.wantBase == "" && strings.Contains(out.String(), "/slack/") {
				t.Errorf("Socket Mode manifest has request URLs:\n%s", out.String())
			}
			if m.Settings.SocketModeEnabled != (tt.wantBase == "") {
				t.Errorf("socket_mode_enabled = %t", m.Settings.SocketModeEnabled)
			}
		})
	}
}

func TestManifestCmdErrors(t *testing.T) {
	tests := []struct {
		name, command, mode string
		args                []string
		want                string
	}{
		{"plain http", "/maatwerk", "", []string{"--http", "http://bot.example"}, "https://"},
		{"empty http", "/maatwerk", "", []string{"--http="}, "https://"},
		{"extra argument", "/maatwerk", "", []string{"socket"}, "usage"},
		{"unknown flag", "/maatwerk", "", []string{"--https", "x"}, "usage"},
		{"bad command", "maatwerk", "", nil, "maatwerk"},
		{"http mode without address", "/maatwerk", "http", nil, "MAATWERK_MODE=http"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("MAATWERK_COMMAND", tt.command)
			t.Setenv("MAATWERK_MODE", tt.mode)
			var out bytes.Buffer
			err := manifestCmd(tt.args, &out)
			if err == nil {
				t.Fatalf("no error; output:\n%s", out.String())
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if out.Len() != 0 {
				t.Errorf("printed %q on error", out.String())
			}
		})
	}
}
