package deploy

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

//go:embed slack/manifest-socket.yaml slack/manifest-http.yaml
var manifests embed.FS

// The placeholders in the embedded manifests that Manifest replaces.
const (
	placeholderCommand = `command: "/maatwerk"`
	placeholderBase    = "https://maatwerkbot.example.org/slack/"
)

// httpPaths are the request URLs of HTTP mode, relative to the public base
// address; maatwerkbot serves exactly these (see bot.Handler).
var httpPaths = []string{"/slack/commands", "/slack/interactivity", "/slack/events"}

// headers replace the embedded files' leading comments, which talk about the
// files themselves, in a printed manifest.
var headers = map[string]string{
	"socket": `# Slack app manifest for maatwerkbot, Socket Mode (printed by "maatwerkbot manifest").
# Create the app from it: https://api.slack.com/apps → Create New App → From a manifest.
# Then: Basic Information → App-Level Tokens → a token with scope connections:write
# (SLACK_APP_TOKEN, xapp-…); Install App → Bot User OAuth Token (SLACK_BOT_TOKEN, xoxb-…).
`,
	"http": `# Slack app manifest for maatwerkbot, HTTP mode (printed by "maatwerkbot manifest --http …").
# Create the app from it: https://api.slack.com/apps → Create New App → From a manifest.
# Then: Basic Information → Signing Secret (SLACK_SIGNING_SECRET); Install App → Bot User
# OAuth Token (SLACK_BOT_TOKEN, xoxb-…). Run the bot first: Slack checks the events URL.
`,
}

// Manifest returns the Slack app manifest (YAML) for mode "socket" or
// "http", with command as the slash command's name (MAATWERK_COMMAND: 2 to
// 32 characters, starting with "/", lowercase, no spaces). In http mode,
// baseURL is the bot's public address: the request URLs become
// baseURL+"/slack/commands", "/slack/interactivity" and "/slack/events".
// Slack only accepts https. Socket mode ignores baseURL.
func Manifest(mode, command, baseURL string) ([]byte, error) {
	if err := checkCommand(command); err != nil {
		return nil, err
	}
	base := ""
	switch mode {
	case "socket":
	case "http":
		var err error
		if base, err = checkBaseURL(baseURL); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("deploy: mode %q: use socket or http", mode)
	}
	file := "slack/manifest-" + mode + ".yaml"
	raw, err := manifests.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("deploy: %w", err)
	}
	text := stripHeader(string(raw))
	if n := strings.Count(text, placeholderCommand); n != 1 {
		return nil, fmt.Errorf("deploy: %s has %q %d times, want once", file, placeholderCommand, n)
	}
	quoted, err := json.Marshal(command) // a JSON string is a YAML double-quoted scalar
	if err != nil {
		return nil, fmt.Errorf("deploy: %w", err)
	}
	pairs := []string{placeholderCommand, "command: " + string(quoted)}
	if mode == "http" {
		if n := strings.Count(text, placeholderBase); n != len(httpPaths) {
			return nil, fmt.Errorf("deploy: %s has %q %d times, want %d", file, placeholderBase, n, len(httpPaths))
		}
		pairs = append(pairs, placeholderBase, base+"/slack/")
	}
	out := headers[mode] + strings.NewReplacer(pairs...).Replace(text)

	// Read the result back: it must be YAML that says what was asked.
	var doc manifestDoc
	if err := yaml.Unmarshal([]byte(out), &doc); err != nil {
		return nil, fmt.Errorf("deploy: %s does not render as YAML: %w", file, err)
	}
	if err := doc.check(mode, command, base); err != nil {
		return nil, fmt.Errorf("deploy: %s: %w", file, err)
	}
	return []byte(out), nil
}

// Scopes returns the bot token scopes the manifests ask for, in their order.
// It returns nil only if the embedded manifest is broken, which this
// package's tests rule out.
func Scopes() []string {
	return embeddedDoc().OAuthConfig.Scopes.Bot
}

// embeddedDoc reads back the embedded Socket Mode manifest (the HTTP one
// declares the same scopes and shortcuts: the tests compare them); the zero
// value if it is broken, which this package's tests rule out.
func embeddedDoc() manifestDoc {
	var doc manifestDoc
	raw, err := manifests.ReadFile("slack/manifest-socket.yaml")
	if err != nil || yaml.Unmarshal(raw, &doc) != nil {
		return manifestDoc{}
	}
	return doc
}

// manifestDoc is the part of a manifest that Manifest and Scopes read back.
type manifestDoc struct {
	Features struct {
		SlashCommands []struct {
			Command string `yaml:"command"`
			URL     string `yaml:"url"`
		} `yaml:"slash_commands"`
		Shortcuts []Shortcut `yaml:"shortcuts"`
	} `yaml:"features"`
	OAuthConfig struct {
		Scopes struct {
			Bot []string `yaml:"bot"`
		} `yaml:"scopes"`
	} `yaml:"oauth_config"`
	Settings struct {
		EventSubscriptions struct {
			RequestURL string   `yaml:"request_url"`
			BotEvents  []string `yaml:"bot_events"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			IsEnabled  bool   `yaml:"is_enabled"`
			RequestURL string `yaml:"request_url"`
		} `yaml:"interactivity"`
		SocketModeEnabled bool   `yaml:"socket_mode_enabled"`
		OrgDeployEnabled  bool   `yaml:"org_deploy_enabled"`
		FunctionRuntime   string `yaml:"function_runtime"`
	} `yaml:"settings"`
	Metadata struct {
		MajorVersion int `yaml:"major_version"`
	} `yaml:"_metadata"`
	// Functions are the workflow steps, by callback_id (functions.go).
	Functions map[string]manifestFunction `yaml:"functions"`
}

// check says whether a rendered manifest holds the command and URLs it was
// rendered with.
func (d *manifestDoc) check(mode, command, base string) error {
	if len(d.Features.SlashCommands) != 1 {
		return fmt.Errorf("%d slash commands, want 1", len(d.Features.SlashCommands))
	}
	sc := d.Features.SlashCommands[0]
	if sc.Command != command {
		return fmt.Errorf("slash command is %q, want %q", sc.Command, command)
	}
	if len(d.OAuthConfig.Scopes.Bot) == 0 {
		return errors.New("no bot scopes")
	}
	if err := checkShortcuts(d.Features.Shortcuts); err != nil {
		return err
	}
	if len(d.Features.Shortcuts) > 0 && !slices.Contains(d.OAuthConfig.Scopes.Bot, "commands") {
		return errors.New("shortcuts need the commands scope")
	}
	urls := []struct{ name, got, path string }{
		{"slash command url", sc.URL, httpPaths[0]},
		{"interactivity request_url", d.Settings.Interactivity.RequestURL, httpPaths[1]},
		{"events request_url", d.Settings.EventSubscriptions.RequestURL, httpPaths[2]},
	}
	for _, u := range urls {
		want := ""
		if mode == "http" {
			want = base + u.path
		}
		if u.got != want {
			return fmt.Errorf("%s is %q, want %q", u.name, u.got, want)
		}
	}
	if !d.Settings.Interactivity.IsEnabled {
		return errors.New("interactivity is not enabled")
	}
	if d.Settings.SocketModeEnabled != (mode == "socket") {
		return fmt.Errorf("socket_mode_enabled is %t in %s mode", d.Settings.SocketModeEnabled, mode)
	}
	return d.checkFunctions()
}

// checkCommand applies Slack's rules for a slash command's name.
func checkCommand(command string) error {
	n := utf8.RuneCountInString(command)
	switch {
	case !strings.HasPrefix(command, "/") || n < 2 || n > 32:
		return fmt.Errorf("deploy: slash command %q: must start with / and be 2 to 32 characters", command)
	case strings.IndexFunc(command, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return fmt.Errorf("deploy: slash command %q: must not contain spaces", command)
	case strings.ToLower(command) != command:
		return fmt.Errorf("deploy: slash command %q: must be lowercase", command)
	}
	return nil
}

// checkBaseURL returns the public base address without a trailing slash, or
// why Slack would not accept it.
func checkBaseURL(baseURL string) (string, error) {
	if baseURL == "" {
		return "", errors.New("deploy: http mode needs the bot's public https:// address")
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", fmt.Errorf("deploy: address %q: %w", baseURL, err)
	}
	switch {
	case u.Scheme != "https":
		return "", fmt.Errorf("deploy: address %q: Slack only sends requests to https:// addresses", baseURL)
	case u.Host == "" || u.Opaque != "":
		return "", fmt.Errorf("deploy: address %q: no host name", baseURL)
	case u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "", fmt.Errorf("deploy: address %q: give only https://host[:port][/path], without user, query or fragment", baseURL)
	case strings.Contains(u.Path+"/", "/slack/"):
		return "", fmt.Errorf("deploy: address %q: give the base address, without /slack/…", baseURL)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String(), nil
}

// stripHeader drops the leading comment lines (and blank lines) of an
// embedded manifest file.
func stripHeader(text string) string {
	for text != "" && (text[0] == '#' || text[0] == '\n') {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return ""
		}
		text = text[i+1:]
	}
	return text
}

// Shortcut is a shortcut as the app manifest declares it
// (features.shortcuts).
type Shortcut struct {
	Name        string `yaml:"name"`
	Type        string `yaml:"type"`
	CallbackID  string `yaml:"callback_id"`
	Description string `yaml:"description"`
}

// Shortcuts returns the shortcuts the manifests declare, in their order.
// It returns nil only if the embedded manifest is broken, which this
// package's tests rule out.
func Shortcuts() []Shortcut {
	return embeddedDoc().Features.Shortcuts
}

// Slack's limits on features.shortcuts (the app manifest reference).
const (
	maxShortcuts           = 10
	maxShortcutCallbackID  = 255
	maxShortcutDescription = 150
)

// checkShortcuts applies Slack's rules for the shortcuts of a manifest:
// at most ten; each with a name, a type "message" or "global", a
// callback_id of at most 255 characters, unique, and a description of at
// most 150 characters.
func checkShortcuts(shortcuts []Shortcut) error {
	if len(shortcuts) > maxShortcuts {
		return fmt.Errorf("%d shortcuts, Slack takes at most %d", len(shortcuts), maxShortcuts)
	}
	seen := map[string]bool{}
	for i, sc := range shortcuts {
		switch {
		case strings.TrimSpace(sc.Name) == "":
			return fmt.Errorf("shortcut %d: no name", i+1)
		case sc.Type != "message" && sc.Type != "global":
			return fmt.Errorf("shortcut %q: type %q, want message or global", sc.Name, sc.Type)
		case sc.CallbackID == "" || utf8.RuneCountInString(sc.CallbackID) > maxShortcutCallbackID:
			return fmt.Errorf("shortcut %q: callback_id must be 1 to %d characters", sc.Name, maxShortcutCallbackID)
		case seen[sc.CallbackID]:
			return fmt.Errorf("shortcut %q: callback_id %q used twice", sc.Name, sc.CallbackID)
		case strings.TrimSpace(sc.Description) == "" || utf8.RuneCountInString(sc.Description) > maxShortcutDescription:
			return fmt.Errorf("shortcut %q: description must be 1 to %d characters", sc.Name, maxShortcutDescription)
		}
		seen[sc.CallbackID] = true
	}
	return nil
}
