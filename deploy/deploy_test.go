package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlDocs decodes every document of a YAML stream.
func yamlDocs(t *testing.T, name string, data []byte) []map[string]any {
	t.Helper()
	var docs []map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc != nil {
			docs = append(docs, doc)
		}
	}
}

// get walks a decoded YAML document along keys (strings for mappings, ints
// for sequences) and returns what it finds, or nil.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			s, ok := v.([]any)
			if !ok || k >= len(s) {
				return nil
			}
			v = s[k]
		}
	}
	return v
}

func strs(v any) []string {
	var out []string
	s, _ := v.([]any)
	for _, e := range s {
		out = append(out, fmt.Sprint(e))
	}
	return out
}

func TestDeployYAMLFilesParse(t *testing.T) {
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"slack/manifest-socket.yaml", "slack/manifest-http.yaml", "kubernetes/maatwerkbot.yaml"} {
		if !slices.Contains(files, filepath.FromSlash(want)) {
			t.Errorf("%s is missing (found %v)", want, files)
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if docs := yamlDocs(t, f, data); len(docs) == 0 {
			t.Errorf("%s: no YAML documents", f)
		}
	}
}

func TestDeployKubernetes(t *testing.T) {
	data, err := os.ReadFile("kubernetes/maatwerkbot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]map[string]any{}
	for _, doc := range yamlDocs(t, "kubernetes/maatwerkbot.yaml", data) {
		kind := fmt.Sprint(doc["kind"])
		if get(doc, "metadata", "namespace") != nil {
			t.Errorf("%s sets a namespace; the file is meant for kubectl -n", kind)
		}
		kinds[kind] = doc
	}
	for _, k := range []string{"Secret", "ConfigMap", "StatefulSet", "Service"} {
		if kinds[k] == nil {
			t.Errorf("no %s", k)
		}
	}
	sts := kinds["StatefulSet"]
	if r := get(sts, "spec", "replicas"); r != 1 {
		t.Errorf("replicas = %v, want 1: bbolt allows one writer", r)
	}
	c := get(sts, "spec", "template", "spec", "containers", 0)
	for probe, want := range map[string]string{"livenessProbe": "/healthz", "readinessProbe": "/readyz"} {
		if p := get(c, probe, "httpGet", "path"); p != want {
			t.Errorf("%s path = %v, want %s", probe, p, want)
		}
	}
	if ro := get(c, "securityContext", "readOnlyRootFilesystem"); ro != true {
		t.Errorf("readOnlyRootFilesystem = %v", ro)
	}
	if db := get(kinds["ConfigMap"], "data", "MAATWERK_DB"); db == nil || !strings.HasPrefix(fmt.Sprint(db), "/data/") {
		t.Errorf("ConfigMap MAATWERK_DB = %v, want a file on the /data volume", db)
	}
}

// knownVariables are the configuration names of PRODUCT.md,
// MAATWERK_DB_CREATE (issue 14: start anew in an empty file),
// MAATWERK_ORG (issue 16: the organisation heading a case's record) and
// MAATWERK_ON_UNINSTALL (issue 17.3: keep or erase the cases when the app
// is uninstalled), the OAuth install's (issue 18.1) and the replicas'
// timings (issue 18.5); the deploy files may use no other.
var knownVariables = []string{
	"MAATWERK_DB_CREATE", "MAATWERK_ORG", "MAATWERK_ON_UNINSTALL",
	"SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "MAATWERK_TOKEN_KEY", "MAATWERK_PUBLIC_URL",
	"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL",
	"MAATWERK_MODE", "MAATWERK_LISTEN_ADDR", "MAATWERK_DB", "MAATWERK_LANG", "MAATWERK_TIMEZONE",
	"MAATWERK_TEAM_LEADS", "MAATWERK_RETENTION_DAYS", "MAATWERK_CARDS_DIR", "MAATWERK_COMMAND",
	"MAATWERK_TEAM_LEAD_GROUP", "MAATWERK_OUTBOX_LEASE", "MAATWERK_REPLICA_CHECK",
}

func TestDeployFilesUseKnownVariables(t *testing.T) {
	re := regexp.MustCompile(`\b(?:SLACK|MAATWERK)_[A-Z_]+\b`)
	for _, f := range []string{"Dockerfile", "systemd/maatwerkbot.service", "kubernetes/maatwerkbot.yaml", "kubernetes/maatwerkbot-postgres.yaml", "README.md"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range re.FindAllString(string(data), -1) {
			if !slices.Contains(knownVariables, v) {
				t.Errorf("%s: unknown configuration variable %s", f, v)
			}
		}
	}
}

func TestManifestRenders(t *testing.T) {
	tests := []struct {
		mode, command, base string
		wantBase            string
	}{
		{"socket", "/maatwerk", "", ""},
		{"socket", "/casus-overleg", "http://ignored.example", ""},
		{"http", "/maatwerk", "https://bot.gemeente.example", "https://bot.gemeente.example"},
		{"http", "/mw", "https://bot.gemeente.example:8443/maatwerk/", "https://bot.gemeente.example:8443/maatwerk"},
	}
	for _, tt := range tests {
		t.Run(tt.mode+tt.command, func(t *testing.T) {
			out, err := Manifest(tt.mode, tt.command, tt.base)
			if err != nil {
				t.Fatal(err)
			}
			docs := yamlDocs(t, "manifest", out)
			if len(docs) != 1 {
				t.Fatalf("%d YAML documents", len(docs))
			}
			m := docs[0]
			name := fmt.Sprint(get(m, "display_information", "name"))
			desc := fmt.Sprint(get(m, "display_information", "description"))
			if name != "maatwerkbot" || utf8.RuneCountInString(desc) > 140 || desc == "" {
				t.Errorf("display_information: name %q, description of %d characters", name, utf8.RuneCountInString(desc))
			}
			if c := get(m, "display_information", "background_color"); !regexp.MustCompile(`^#[0-9a-fA-F]{6}$`).MatchString(fmt.Sprint(c)) {
				t.Errorf("background_color = %v", c)
			}
			for key, want := range map[string]any{
				"home_tab_enabled": true, "messages_tab_enabled": true, "messages_tab_read_only_enabled": false,
			} {
				if got := get(m, "features", "app_home", key); got != want {
					t.Errorf("app_home.%s = %v, want %v", key, got, want)
				}
			}
			if get(m, "features", "bot_user", "display_name") != "maatwerkbot" || get(m, "features", "bot_user", "always_online") != true {
				t.Errorf("bot_user = %v", get(m, "features", "bot_user"))
			}
			sc := get(m, "features", "slash_commands", 0)
			if get(sc, "command") != tt.command || get(sc, "should_escape") != false ||
				get(sc, "usage_hint") != "[korte omschrijving] | help | lijst | kaart [naam] | varianten" {
				t.Errorf("slash command = %v", sc)
			}
			urls := map[string]any{
				"/slack/commands":      get(sc, "url"),
				"/slack/interactivity": get(m, "settings", "interactivity", "request_url"),
				"/slack/events":        get(m, "settings", "event_subscriptions", "request_url"),
			}
			for path, got := range urls {
				if tt.mode == "socket" {
					if got != nil {
						t.Errorf("socket mode has a URL for %s: %v", path, got)
					}
				} else if got != tt.wantBase+path {
					t.Errorf("URL for %s = %v, want %s", path, got, tt.wantBase+path)
				}
			}
			if strings.Contains(string(out), "example.org") {
				t.Error("the placeholder address is still in the manifest")
			}
			if got := get(m, "settings", "socket_mode_enabled"); got != (tt.mode == "socket") {
				t.Errorf("socket_mode_enabled = %v in %s mode", got, tt.mode)
			}
			// org_deploy_enabled: an Enterprise Grid organisation may install
			// the app once for several workspaces; every case keeps the
			// workspace it came from and lookups answer within it (issue
			// 17.5, bot TestWorkspacesNeverMix). Slack also requires it for
			// an app with functions (the workflow step, issue 17.6). Token
			// rotation stays off: the bot keeps one long-lived bot token.
			for key, want := range map[string]any{"org_deploy_enabled": true, "token_rotation_enabled": false} {
				if got := get(m, "settings", key); got != want {
					t.Errorf("settings.%s = %v, want %v", key, got, want)
				}
			}
			if get(m, "settings", "interactivity", "is_enabled") != true {
				t.Error("interactivity is not enabled")
			}
			if got := strs(get(m, "oauth_config", "scopes", "bot")); !slices.Equal(got, Scopes()) {
				t.Errorf("scopes = %v, want Scopes() = %v", got, Scopes())
			}
		})
	}
}

func TestManifestTemplatesAgree(t *testing.T) {
	var scopes, events [][]string
	var functions []string
	for _, f := range []string{"slack/manifest-socket.yaml", "slack/manifest-http.yaml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := yamlDocs(t, f, data)[0]
		scopes = append(scopes, strs(get(m, "oauth_config", "scopes", "bot")))
		events = append(events, strs(get(m, "settings", "event_subscriptions", "bot_events")))
		functions = append(functions, fmt.Sprint(get(m, "functions")))
	}
	if functions[0] != functions[1] {
		t.Errorf("functions differ:\nsocket %v\nhttp   %v", functions[0], functions[1])
	}
	if !slices.Equal(scopes[0], scopes[1]) {
		t.Errorf("scopes differ:\nsocket %v\nhttp   %v", scopes[0], scopes[1])
	}
	if !slices.Equal(events[0], events[1]) {
		t.Errorf("bot events differ:\nsocket %v\nhttp   %v", events[0], events[1])
	}
}

// eventScopes are the scopes Slack requires for each bot event.
var eventScopes = map[string]string{
	"app_mention":      "app_mentions:read",
	"message.channels": "channels:history",
	"message.groups":   "groups:history",
	"message.im":       "im:history",
	"app_home_opened":  "",
	"app_uninstalled":  "",
	"tokens_revoked":   "",

	"function_executed": "", // the workflow step: no scope
	// Channel life (issue 17.7): Slack requires channels:read for the
	// channel_* events and groups:read for the group_* ones; the member_*
	// events need either (channels:read is named here).
	"channel_archive":       "channels:read",
	"channel_unarchive":     "channels:read",
	"channel_rename":        "channels:read",
	"group_archive":         "groups:read",
	"group_unarchive":       "groups:read",
	"group_rename":          "groups:read",
	"member_joined_channel": "channels:read",
	"member_left_channel":   "channels:read",
}

func TestManifestEventsHaveTheirScopes(t *testing.T) {
	data, err := os.ReadFile("slack/manifest-socket.yaml")
	if err != nil {
		t.Fatal(err)
	}
	events := strs(get(yamlDocs(t, "manifest", data)[0], "settings", "event_subscriptions", "bot_events"))
	for name := range eventScopes {
		if !slices.Contains(events, name) {
			t.Errorf("bot event %s is not subscribed", name)
		}
	}
	for _, e := range events {
		scope, ok := eventScopes[e]
		switch {
		case !ok:
			t.Errorf("bot event %s: add it and its scope to eventScopes", e)
		case scope != "" && !slices.Contains(Scopes(), scope):
			t.Errorf("bot event %s needs scope %s", e, scope)
		}
	}
}

func TestScopes(t *testing.T) {
	scopes := Scopes()
	for _, want := range []string{"commands", "chat:write"} {
		if !slices.Contains(scopes, want) {
			t.Errorf("Scopes() = %v, lacks %s", scopes, want)
		}
	}
	seen := map[string]bool{}
	for _, s := range scopes {
		if seen[s] {
			t.Errorf("scope %s twice", s)
		}
		seen[s] = true
	}

	// Every scope says why it is there.
	for _, f := range []string{"slack/manifest-socket.yaml", "slack/manifest-http.yaml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			t.Fatal(err)
		}
		seq := mappingValue(mappingValue(mappingValue(root.Content[0], "oauth_config"), "scopes"), "bot")
		if seq == nil || len(seq.Content) != len(scopes) {
			t.Fatalf("%s: bot scopes not found", f)
		}
		for _, n := range seq.Content {
			if strings.TrimSpace(strings.TrimPrefix(n.LineComment, "#")) == "" {
				t.Errorf("%s:%d: scope %s has no comment saying why", f, n.Line, n.Value)
			}
		}
	}
}

func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func TestManifestErrors(t *testing.T) {
	tests := []struct{ mode, command, base, want string }{
		{"socket", "", "", "2 to 32"},
		{"socket", "/", "", "2 to 32"},
		{"socket", "maatwerk", "", "start with /"},
		{"socket", "/" + strings.Repeat("m", 32), "", "2 to 32"},
		{"socket", "/maat werk", "", "spaces"},
		{"socket", "/Maatwerk", "", "lowercase"},
		{"http", "/maatwerk", "", "https://"},
		{"http", "/maatwerk", "http://bot.example", "https://"},
		{"http", "/maatwerk", "bot.example", "https://"},
		{"http", "/maatwerk", "https://", "host"},
		{"http", "/maatwerk", "https://bot.example/?a=b", "query"},
		{"http", "/maatwerk", "https://bot.example/#x", "fragment"},
		{"http", "/maatwerk", "https://user:pw@bot.example", "user"},
		{"http", "/maatwerk", "https://bot.example/slack/events", "without /slack/"},
		{"http", "/maatwerk", "https://bot example", ""},
		{"websocket", "/maatwerk", "", "socket or http"},
		{"", "/maatwerk", "", "socket or http"},
	}
	for _, tt := range tests {
		t.Run(tt.mode+" "+tt.command+" "+tt.base, func(t *testing.T) {
			out, err := Manifest(tt.mode, tt.command, tt.base)
			if err == nil {
				t.Fatalf("no error; manifest:\n%s", out)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func ExampleManifest() {
	m, err := Manifest("http", "/maatwerk", "https://maatwerk.gemeente.example")
	if err != nil {
		fmt.Println(err)
		return
	}
	for line := range strings.Lines(string(m)) {
		if strings.Contains(line, "https://maatwerk.gemeente.example") {
			fmt.Print(strings.TrimSpace(line), "\n")
		}
	}
	// Output:
	// url: https://maatwerk.gemeente.example/slack/commands
	// request_url: https://maatwerk.gemeente.example/slack/events
	// request_url: https://maatwerk.gemeente.example/slack/interactivity
}
