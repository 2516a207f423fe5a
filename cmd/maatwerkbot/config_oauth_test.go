package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// goodKey is 32 bytes in base64.
const goodKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

func TestConfigDistributed(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		problems []string // parts of the problems, one line each; none for none
	}{
		{name: "complete", env: map[string]string{"SLACK_CLIENT_SECRET": "s3cr3t-value", "MAATWERK_TOKEN_KEY": goodKey,
			"MAATWERK_PUBLIC_URL": "https://maatwerk.example.nl/"}},
		{name: "nothing", env: map[string]string{}, problems: []string{"SLACK_CLIENT_SECRET is not", "MAATWERK_TOKEN_KEY is not set", "MAATWERK_PUBLIC_URL is not"}},
		{name: "short key, http address", env: map[string]string{"SLACK_CLIENT_SECRET": "s3cr3t-value", "MAATWERK_TOKEN_KEY": "c2hvcnQ=",
			"MAATWERK_PUBLIC_URL": "http://maatwerk.example.nl"}, problems: []string{"MAATWERK_TOKEN_KEY holds 5 bytes", "MAATWERK_PUBLIC_URL=\"http://"}},
		{name: "socket mode", env: map[string]string{"SLACK_CLIENT_SECRET": "s3cr3t-value", "MAATWERK_TOKEN_KEY": goodKey,
			"MAATWERK_PUBLIC_URL": "https://maatwerk.example.nl", "SLACK_APP_TOKEN": "xapp-1"}, problems: []string{"needs MAATWERK_MODE=http"}},
		{name: "a leftover bot token and a user group", env: map[string]string{"SLACK_CLIENT_SECRET": "s3cr3t-value", "MAATWERK_TOKEN_KEY": goodKey,
			"MAATWERK_PUBLIC_URL": "https://maatwerk.example.nl", "SLACK_BOT_TOKEN": "xoxb-old", "MAATWERK_TEAM_LEAD_GROUP": "S0LEADS"},
			problems: []string{"remove SLACK_BOT_TOKEN", "MAATWERK_TEAM_LEAD_GROUP is set with SLACK_CLIENT_ID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "MAATWERK_MODE", "SLACK_CLIENT_SECRET", "MAATWERK_TOKEN_KEY", "MAATWERK_PUBLIC_URL", "MAATWERK_TEAM_LEAD_GROUP"} {
				t.Setenv(k, "")
				os.Unsetenv(k)
			}
			t.Setenv("SLACK_CLIENT_ID", "1111.2222")
			t.Setenv("SLACK_SIGNING_SECRET", "signing")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg, err := loadConfig()
			if err != nil {
				t.Fatal(err)
			}
			err = cfg.check(true)
			if len(tt.problems) == 0 {
				if err != nil {
					t.Fatalf("problems: %v", err)
				}
				d, err := distributedConfig(cfg)
				if err != nil || d.PublicURL != "https://maatwerk.example.nl" || len(d.Scopes) == 0 || d.Box == nil {
					t.Errorf("distributed config = %+v, %v", d, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no problems, want %q", tt.problems)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.problems) {
				t.Errorf("problems:\n%v\nwant %d lines", err, len(tt.problems))
			}
			for _, p := range tt.problems {
				if !strings.Contains(err.Error(), p) {
					t.Errorf("problems:\n%v\nwant one with %q", err, p)
				}
			}
			if strings.Contains(err.Error(), "s3cr3t") || strings.Contains(err.Error(), "c2hvcnQ") {
				t.Errorf("a secret in the problems: %v", err)
			}
		})
	}
}

func TestManifestDistributed(t *testing.T) {
	t.Setenv("MAATWERK_PUBLIC_URL", "")
	var out bytes.Buffer
	if err := manifestCmd([]string{"--distributed", "--public-url", "https://maatwerk.example.nl"}, &out); err != nil {
		t.Fatal(err)
	}
	m := out.String()
	for _, want := range []string{"redirect_urls:\n    - \"https://maatwerk.example.nl/slack/oauth_redirect\"", "token_rotation_enabled: true",
		"https://maatwerk.example.nl/slack/events", "socket_mode_enabled: false"} {
		if !strings.Contains(m, want) {
			t.Errorf("manifest --distributed lacks %q:\n%s", want, m)
		}
	}
	if err := manifestCmd([]string{"--distributed"}, &out); err == nil || !strings.Contains(err.Error(), "MAATWERK_PUBLIC_URL") {
		t.Errorf("--distributed without an address: %v", err)
	}
	out.Reset()
	if err := manifestCmd(nil, &out); err != nil || strings.Contains(out.String(), "redirect_urls") || !strings.Contains(out.String(), "token_rotation_enabled: false") {
		t.Errorf("the default manifest changed (%v):\n%s", err, out.String())
	}
}

func TestUsageListsOAuthVariables(t *testing.T) {
	var out bytes.Buffer
	if err := usage(&out); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "MAATWERK_TOKEN_KEY", "MAATWERK_PUBLIC_URL"} {
		if !strings.Contains(out.String(), v) {
			t.Errorf("--help lacks %s", v)
		}
	}
}
