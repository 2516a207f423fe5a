package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/maatwerkbot/maatwerkbot/deploy"
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

// webAPI maps each slack-go Client method (without "Context") to the Slack
// Web API method it calls and the bot scopes that method needs. When the bot
// starts calling a method that is not here, TestManifestScopesCoverAPICalls
// fails: add it with its scopes (from the method's page on
// api.slack.com/methods) and add those scopes to deploy/slack/*.yaml.
// Posts to a response_url and Socket Mode acks need no scope.
var webAPI = map[string]struct {
	method string
	scopes []string
	avoid  string // why the bot must not call it, if so
}{
	"AuthTest":               {"auth.test", nil, ""},
	"PostMessage":            {"chat.postMessage", []string{"chat:write"}, ""},
	"SendMessage":            {"chat.postMessage and friends", []string{"chat:write"}, ""},
	"UpdateMessage":          {"chat.update", []string{"chat:write"}, ""},
	"PostEphemeral":          {"chat.postEphemeral", []string{"chat:write"}, ""},
	"DeleteMessage":          {"chat.delete", []string{"chat:write"}, ""},
	"ScheduleMessage":        {"chat.scheduleMessage", []string{"chat:write"}, ""},
	"GetPermalink":           {"chat.getPermalink", nil, ""},
	"OpenView":               {"views.open", nil, ""},
	"UpdateView":             {"views.update", nil, ""},
	"PushView":               {"views.push", nil, ""},
	"PublishView":            {"views.publish", nil, ""},
	"AddReaction":            {"reactions.add", []string{"reactions:write"}, ""},
	"RemoveReaction":         {"reactions.remove", []string{"reactions:write"}, ""},
	"GetUserInfo":            {"users.info", []string{"users:read"}, ""},
	"GetUsersInfo":           {"users.info", []string{"users:read"}, ""},
	"GetConversationInfo":    {"conversations.info", []string{"channels:read", "groups:read"}, ""},
	"GetUsersInConversation": {"conversations.members", []string{"channels:read", "groups:read"}, ""},
	"OpenConversation":       {"conversations.open", []string{"im:write"}, ""},
	"UploadFile":             {"files.getUploadURLExternal + files.completeUploadExternal", []string{"files:write"}, ""},
	"GetUserGroupMembers":    {"usergroups.users.list", []string{"usergroups:read"}, ""},
	"GetConversationReplies": {"conversations.replies", []string{"channels:history", "groups:history"},
		"non-Marketplace apps get 1 call a minute: keep thread replies from message events (Slack's rate limit for conversations.replies in apps outside the Marketplace)"},

	// A workflow step is completed with its execution's token; no scope.
	"FunctionCompleteSuccess": {"functions.completeSuccess", nil, ""},
	"FunctionCompleteError":   {"functions.completeError", nil, ""},
}

// notWebAPI are the other …Context( calls in package bot.
var notWebAPI = map[string]string{
	"NewRequestWith": "net/http: the response_url posts",
	"Run":            "socketmode.Client.RunContext: apps.connections.open with the app-level token (connections:write)",
	"With":           "net/http.Request.WithContext: the request id in the context (ops.go)",
	"Debug":          "log/slog: logging with the request's context",
	"Info":           "log/slog: logging with the request's context",
	"Warn":           "log/slog: logging with the request's context",
	"Error":          "log/slog: logging with the request's context",
}

func TestManifestScopesCoverAPICalls(t *testing.T) {
	files, err := filepath.Glob("../../bot/*.go")
	if err != nil {
		t.Fatal(err)
	}
	viaAPI := regexp.MustCompile(`\bb\.api\.(\w+)\(`)
	viaCtx := regexp.MustCompile(`\.(\w+)Context\(`)
	calls := map[string][]string{} // method → where
	socket := false
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			where := fmt.Sprintf("%s:%d", filepath.Base(f), i+1)
			for _, m := range viaAPI.FindAllStringSubmatch(line, -1) {
				name := strings.TrimSuffix(m[1], "Context")
				calls[name] = append(calls[name], where)
			}
			for _, m := range viaCtx.FindAllStringSubmatch(line, -1) {
				if _, ok := notWebAPI[m[1]]; !ok && !strings.Contains(line, "b.api."+m[1]) {
					calls[m[1]] = append(calls[m[1]], where)
				}
			}
			if strings.Contains(line, "socketmode.New(") {
				socket = true
			}
		}
	}
	if len(calls) == 0 {
		t.Fatal("found no Web API calls in ../../bot/*.go; has the code moved?")
	}

	scopes := deploy.Scopes()
	used := map[string]bool{"commands": true} // the slash command itself
	names := make([]string, 0, len(calls))
	for name := range calls {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		api, ok := webAPI[name]
		switch {
		case !ok:
			t.Errorf("%s calls %s: add it to webAPI in manifest_test.go with the scopes it needs (or to notWebAPI)", calls[name][0], name)
			continue
		case api.avoid != "":
			t.Errorf("%s calls %s (%s): %s", calls[name][0], name, api.method, api.avoid)
		}
		for _, s := range api.scopes {
			used[s] = true
			if !slices.Contains(scopes, s) {
				t.Errorf("%s calls %s (%s), which needs scope %s; deploy/slack/*.yaml lacks it", calls[name][0], name, api.method, s)
			}
		}
		t.Logf("%-20s %-30s %v", name, api.method, api.scopes)
	}

	// Events bring their own scopes (checked in package deploy); the others
	// wait for the code that needs them.
	for _, s := range []string{"app_mentions:read", "channels:history", "groups:history", "im:history"} {
		used[s] = true
	}
	for _, s := range scopes {
		if !used[s] {
			t.Logf("scope %s: no Web API call in bot/ needs it yet", s)
		}
	}

	if socket {
		var m printedManifest
		out, err := deploy.Manifest("socket", "/maatwerk", "")
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(out, &m); err != nil {
			t.Fatal(err)
		}
		if !m.Settings.SocketModeEnabled {
			t.Error("bot/ uses Socket Mode but the socket manifest does not enable it")
		}
	}
}
