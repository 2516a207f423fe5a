package deploy

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Least privilege: the manifests ask for a bot scope only when a Web API
// method the bot calls, an event it subscribes to, or a feature of the app
// needs it. TestScopesAreNeeded checks that both ways, from the code as it
// stands: it type-checks the packages the binary links and finds every call
// of a slack-go client method.

// webMethod is what one method of slack-go's *slack.Client asks of Slack.
type webMethod struct {
	api    []string // the Web API methods it calls
	scopes []string // the bot scopes those need: "Required scopes" on each method's page at https://docs.slack.dev/reference/methods
	avoid  string   // why the bot must not call it, if so
}

// clientMethods maps the methods of slack-go's *slack.Client (without the
// "Context" suffix) to what they ask of Slack. The bot may call only methods
// listed here: TestScopesAreNeeded names the line that calls any other. To
// add one, look up its Web API method's required bot scopes, put them here,
// and add any new scope to both manifests with a comment saying why (and to
// PRIVACY.md). Listed but not called costs nothing: only calls count.
var clientMethods = map[string]webMethod{
	"AuthTest":       {[]string{"auth.test"}, nil, ""},
	"PostMessage":    {[]string{"chat.postMessage"}, []string{"chat:write"}, ""},
	"SendMessage":    {[]string{"chat.postMessage", "chat.update", "chat.postEphemeral", "chat.delete"}, []string{"chat:write"}, ""},
	"UpdateMessage":  {[]string{"chat.update"}, []string{"chat:write"}, ""},
	"PostEphemeral":  {[]string{"chat.postEphemeral"}, []string{"chat:write"}, ""},
	"DeleteMessage":  {[]string{"chat.delete"}, []string{"chat:write"}, ""},
	"GetPermalink":   {[]string{"chat.getPermalink"}, nil, ""},
	"OpenView":       {[]string{"views.open"}, nil, ""},
	"PushView":       {[]string{"views.push"}, nil, ""},
	"UpdateView":     {[]string{"views.update"}, nil, ""},
	"PublishView":    {[]string{"views.publish"}, nil, ""},
	"AddReaction":    {[]string{"reactions.add"}, []string{"reactions:write"}, ""},
	"RemoveReaction": {[]string{"reactions.remove"}, []string{"reactions:write"}, ""},
	"GetUserInfo":    {[]string{"users.info"}, []string{"users:read"}, ""},
	"GetUsersInfo":   {[]string{"users.info"}, []string{"users:read"}, ""},
	// One DM between the bot and one person; a group DM would need
	// mpim:write as well.
	"OpenConversation": {[]string{"conversations.open"}, []string{"im:write"}, ""},
	// For the public and private channels cases live in; a DM would need
	// im:read.
	"GetConversationInfo":    {[]string{"conversations.info"}, []string{"channels:read", "groups:read"}, ""},
	"GetUsersInConversation": {[]string{"conversations.members"}, []string{"channels:read", "groups:read"}, ""},
	"UploadFile":             {[]string{"files.getUploadURLExternal", "files.completeUploadExternal"}, []string{"files:write"}, ""},
	// A workflow step is completed with its execution's token; no scope.
	"FunctionCompleteSuccess": {[]string{"functions.completeSuccess"}, nil, ""},
	"FunctionCompleteError":   {[]string{"functions.completeError"}, nil, ""},
	"GetUserGroupMembers":     {[]string{"usergroups.users.list"}, []string{"usergroups:read"}, ""},
	// Only to find a case's messages that a replica (or a process killed
	// with -9) posted but did not live to record (bot/internal/delivery/
	// adopt.go): after a takeover or a restart, never to read what people
	// wrote. Slack limits both to once a minute for commercially
	// distributed apps outside the Marketplace (not for an organisation's
	// own app): thread replies are kept from message events as they
	// arrive. A case in a DM needs im:history, asked for its events.
	"GetConversationReplies": {[]string{"conversations.replies"}, []string{"channels:history", "groups:history"}, ""},
	"GetConversationHistory": {[]string{"conversations.history"}, []string{"channels:history", "groups:history"}, ""},
	"GetConversations": {[]string{"conversations.list"}, []string{"channels:read", "groups:read"},
		"the bot lists no channels: it learns the channels it is in from events (PRIVACY.md)"},
}

// socketMethods are the methods of slack-go's *socketmode.Client itself (its
// *slack.Client methods count as above) that the bot may call. They use the
// app-level token (xapp-…, scope connections:write), not the bot token.
var socketMethods = map[string]string{
	"Run": "apps.connections.open and the WebSocket, with the app-level token",
	"Ack": "acknowledges an envelope on the WebSocket",
}

// botEventScopes says which scope each subscribed bot event needs; it is
// eventScopes (deploy_test.go) as a scope → event table. A subscribed event
// justifies its scope, as a called method does.
func botEventScopes(events []string) map[string][]string {
	out := map[string][]string{}
	for _, e := range events {
		if s := eventScopes[e]; s != "" {
			out[s] = append(out[s], "event "+e)
		}
	}
	return out
}

// scopeNeeds returns why the app needs each bot scope, given the slack-go
// client methods the code calls (qualified name → where): the Web API
// methods, subscribed events and manifest features that need it. A scope
// nobody needs is absent.
func scopeNeeds(m manifestDoc, calls map[string][]string) map[string][]string {
	needs := botEventScopes(m.Settings.EventSubscriptions.BotEvents)
	if len(m.Features.SlashCommands) > 0 {
		needs["commands"] = append(needs["commands"], "the slash command")
	}
	if len(m.Features.Shortcuts) > 0 {
		needs["commands"] = append(needs["commands"], "shortcuts")
	}
	for _, name := range sortedKeys(calls) {
		pkg, method, _ := strings.Cut(name, ".")
		wm, ok := clientMethods[strings.TrimSuffix(method, "Context")]
		if pkg != "slack" || !ok {
			continue
		}
		for _, s := range wm.scopes {
			needs[s] = append(needs[s], strings.Join(wm.api, ", ")+" ("+calls[name][0]+")")
		}
	}
	return needs
}

// scopeProblems says what is wrong with the manifest's bot scopes, given the
// client methods the code calls: a scope nothing needs, a needed scope
// missing, a call this file does not know or one the bot must not make.
func scopeProblems(m manifestDoc, calls map[string][]string) []string {
	var problems []string
	for _, name := range sortedKeys(calls) {
		pkg, method, _ := strings.Cut(name, ".")
		short := strings.TrimSuffix(method, "Context")
		where := calls[name][0]
		switch pkg {
		case "slack":
			wm, ok := clientMethods[short]
			switch {
			case !ok:
				problems = append(problems, fmt.Sprintf("%s calls slack.Client.%s: add it to clientMethods in deploy/scopes_test.go with the Web API methods it calls and the bot scopes they need", where, method))
			case wm.avoid != "":
				problems = append(problems, fmt.Sprintf("%s calls slack.Client.%s (%s): %s", where, method, strings.Join(wm.api, ", "), wm.avoid))
			}
		case "socketmode":
			if _, ok := socketMethods[short]; !ok {
				problems = append(problems, fmt.Sprintf("%s calls socketmode.Client.%s: add it to socketMethods in deploy/scopes_test.go", where, method))
			}
		}
	}

	scopes := m.OAuthConfig.Scopes.Bot
	needs := scopeNeeds(m, calls)
	for _, s := range scopes {
		if len(needs[s]) == 0 {
			problems = append(problems, fmt.Sprintf("scope %s: no Web API method the bot calls, no event it subscribes to and no feature needs it; remove it from both manifests (least privilege)", s))
		}
	}
	for _, s := range sortedKeys(needs) {
		if !slices.Contains(scopes, s) {
			problems = append(problems, fmt.Sprintf("scope %s is missing from the manifest, but %s needs it", s, strings.Join(needs[s], "; ")))
		}
	}
	return problems
}

func TestScopesAreNeeded(t *testing.T) {
	calls := slackCalls(t)
	for _, f := range []string{"slack/manifest-socket.yaml", "slack/manifest-http.yaml"} {
		t.Run(filepath.Base(f), func(t *testing.T) {
			m := readScopeManifest(t, mustRead(t, f))
			for _, p := range scopeProblems(m, calls) {
				t.Error(p)
			}
		})
	}

	// The scope table: every scope and what needs it.
	m := readScopeManifest(t, mustRead(t, "slack/manifest-socket.yaml"))
	needs := scopeNeeds(m, calls)
	for _, s := range m.OAuthConfig.Scopes.Bot {
		t.Logf("%-18s %s", s, strings.Join(needs[s], "; "))
	}
}

// TestScopesAreNeededCatchesChanges shows that the check fails on an unused
// scope added to a manifest, on a needed scope taken away, and that an
// event subscription counts as a need.
func TestScopesAreNeededCatchesChanges(t *testing.T) {
	calls := slackCalls(t)
	orig := string(mustRead(t, "slack/manifest-socket.yaml"))
	if p := scopeProblems(readScopeManifest(t, []byte(orig)), calls); len(p) > 0 {
		t.Fatalf("the manifest itself has problems: %q", p)
	}
	edit := func(t *testing.T, old, new string) []byte {
		t.Helper()
		if strings.Count(orig, old) != 1 {
			t.Fatalf("manifest has %q %d times, want once", old, strings.Count(orig, old))
		}
		return []byte(strings.Replace(orig, old, new, 1))
	}
	const chatWrite = "      - chat:write #"
	tests := []struct {
		name     string
		manifest func(t *testing.T) []byte
		want     string // in a problem
	}{
		// Scopes the bot once asked for, or might be tempted to.
		{"unused channels:manage", func(t *testing.T) []byte {
			return edit(t, chatWrite, "      - channels:manage # create and archive channels\n"+chatWrite)
		}, "scope channels:manage: no Web API method"},
		{"unused mpim:write", func(t *testing.T) []byte {
			return edit(t, chatWrite, "      - mpim:write # group DMs\n"+chatWrite)
		}, "scope mpim:write: no Web API method"},
		{"unused users:read.email", func(t *testing.T) []byte {
			return edit(t, chatWrite, "      - users:read.email # e-mail addresses\n"+chatWrite)
		}, "scope users:read.email: no Web API method"},
		{"unused chat:write.public", func(t *testing.T) []byte {
			return edit(t, chatWrite, "      - chat:write.public # post without an invitation\n"+chatWrite)
		}, "scope chat:write.public: no Web API method"},
		{"needed im:write missing", func(t *testing.T) []byte {
			i := strings.Index(orig, "      - im:write #")
			j := strings.IndexByte(orig[i:], '\n')
			return []byte(orig[:i] + orig[i+j+1:])
		}, "scope im:write is missing from the manifest, but conversations.open"},
		{"event no longer subscribed", func(t *testing.T) []byte {
			return edit(t, "      - app_mention\n", "")
		}, "scope app_mentions:read: no Web API method"},
		{"no slash command", func(t *testing.T) []byte {
			i := strings.Index(orig, "  slash_commands:")
			j := strings.Index(orig, "oauth_config:")
			return []byte(orig[:i] + orig[j:])
		}, "scope commands: no Web API method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := scopeProblems(readScopeManifest(t, tt.manifest(t)), calls)
			found := slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) })
			if !found {
				t.Errorf("no problem mentions %q; problems: %q", tt.want, problems)
			}
		})
	}

	t.Run("unknown or avoided call", func(t *testing.T) {
		more := map[string][]string{
			"slack.SearchMessagesContext":   {"bot/x.go:1"},
			"slack.GetConversationsContext": {"bot/x.go:2"},
		}
		for k, v := range calls {
			more[k] = v
		}
		problems := scopeProblems(readScopeManifest(t, []byte(orig)), more)
		for _, want := range []string{"bot/x.go:1 calls slack.Client.SearchMessagesContext: add it", "bot/x.go:2 calls slack.Client.GetConversationsContext (conversations.list): the bot lists no channels"} {
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) }) {
				t.Errorf("no problem mentions %q; problems: %q", want, problems)
			}
		}
	})
}

// TestCalledMethodsAreFaked cross-checks the calls against the fake Slack
// (bot/fakeslack/methods.go): a Web API method the bot calls but the fake
// does not serve is never exercised by the tests.
func TestCalledMethodsAreFaked(t *testing.T) {
	served := fakeSlackMethods(t)
	called := map[string]bool{}
	for _, name := range sortedKeys(slackCalls(t)) {
		pkg, method, _ := strings.Cut(name, ".")
		wm, ok := clientMethods[strings.TrimSuffix(method, "Context")]
		if pkg != "slack" || !ok {
			continue
		}
		for _, api := range wm.api {
			if name == "slack.SendMessageContext" {
				continue // which one depends on its options
			}
			called[api] = true
			if !served[api] {
				t.Errorf("%s calls %s, which bot/fakeslack does not serve", slackCalls(t)[name][0], api)
			}
		}
	}
	for _, api := range sortedKeys(served) {
		if !called[api] && api != "apps.connections.open" {
			t.Logf("bot/fakeslack serves %s, which the bot does not call", api)
		}
	}
}

// TestPrivacyPageListsTheScopes keeps PRIVACY.md's scope table in step with
// the manifest: one row per scope, no row for a scope the app does not ask
// for.
func TestPrivacyPageListsTheScopes(t *testing.T) {
	row := regexp.MustCompile("(?m)^\\| `([a-z_.:]+)` \\|")
	var listed []string
	for _, m := range row.FindAllStringSubmatch(string(mustRead(t, "PRIVACY.md")), -1) {
		listed = append(listed, m[1])
	}
	scopes := Scopes()
	for _, s := range scopes {
		if !slices.Contains(listed, s) {
			t.Errorf("PRIVACY.md has no row for scope %s", s)
		}
	}
	for _, s := range listed {
		if !slices.Contains(scopes, s) {
			t.Errorf("PRIVACY.md has a row for scope %s, which the manifest does not ask for", s)
		}
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readScopeManifest(t *testing.T, data []byte) manifestDoc {
	t.Helper()
	var m manifestDoc
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.OAuthConfig.Scopes.Bot) == 0 {
		t.Fatal("manifest has no bot scopes")
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// fakeSlackMethods returns the Web API methods bot/fakeslack serves: the
// string cases of its methodHandler.
func fakeSlackMethods(t *testing.T) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../bot/fakeslack/methods.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if cc, ok := n.(*ast.CaseClause); ok {
			for _, e := range cc.List {
				if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						served[s] = true
					}
				}
			}
		}
		return true
	})
	if len(served) == 0 {
		t.Fatal("bot/fakeslack/methods.go serves no methods; has the code moved?")
	}
	return served
}

var slackCallsOnce struct {
	sync.Once
	calls map[string][]string
	err   error
}

// slackCalls returns the methods of slack-go's clients that the module's
// own code calls (or takes as a value), each with where: for example
// "slack.PostMessageContext" → ["bot/digest.go:167", …], or
// "socketmode.RunContext". It type-checks every package of this module
// that the binary (./cmd/maatwerkbot) links, in its production files as go
// build sees them, against the export data `go list -export` gives — so a
// call through any variable, field or embedded client counts, wherever the
// code moves.
func slackCalls(t *testing.T) map[string][]string {
	t.Helper()
	slackCallsOnce.Do(func() {
		slackCallsOnce.calls, slackCallsOnce.err = findSlackCalls("..", "./cmd/maatwerkbot")
	})
	if slackCallsOnce.err != nil {
		t.Fatal(slackCallsOnce.err)
	}
	return slackCallsOnce.calls
}

func findSlackCalls(root, binary string) (map[string][]string, error) {
	cmd := exec.Command("go", "list", "-deps", "-export", "-json=ImportPath,Dir,GoFiles,Export,Module", binary)
	cmd.Dir = root
	var stderr strings.Builder
	cmd.Stderr = &stderr
	var out []byte
	err := withBuildLock(func() (err error) { out, err = cmd.Output(); return err })
	if err != nil {
		return nil, fmt.Errorf("go list: %w\n%s", err, stderr.String())
	}
	type listed struct {
		ImportPath, Dir, Export string
		GoFiles                 []string
		Module                  *struct{ Main bool }
	}
	exports := map[string]string{}
	var own []listed
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list output: %w", err)
		}
		exports[p.ImportPath] = p.Export
		if p.Module != nil && p.Module.Main {
			own = append(own, p)
		}
	}
	if len(own) == 0 {
		return nil, errors.New("go list found no packages of this module")
	}

	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		if exports[path] == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(exports[path])
	})
	calls := map[string][]string{}
	for _, p := range own {
		var files []*ast.File
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
		info := &types.Info{Selections: map[*ast.SelectorExpr]*types.Selection{}}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check(p.ImportPath, fset, files, info); err != nil {
			return nil, fmt.Errorf("type-check %s: %w", p.ImportPath, err)
		}
		for sel, s := range info.Selections {
			fn, ok := s.Obj().(*types.Func)
			if !ok || fn.Pkg() == nil {
				continue
			}
			pkg := fn.Pkg().Path()
			if (pkg != "github.com/slack-go/slack" && pkg != "github.com/slack-go/slack/socketmode") || receiverName(fn) != "Client" {
				continue
			}
			pos := fset.Position(sel.Sel.Pos())
			rel, err := filepath.Rel(absRoot, pos.Filename)
			if err != nil {
				rel = pos.Filename
			}
			name := fn.Pkg().Name() + "." + fn.Name()
			calls[name] = append(calls[name], fmt.Sprintf("%s:%d", filepath.ToSlash(rel), pos.Line))
		}
	}
	for _, where := range calls {
		sort.Strings(where)
	}
	if len(calls) == 0 {
		return nil, errors.New("found no slack-go client calls in the binary's packages; has the code moved?")
	}
	return calls, nil
}

// receiverName returns the name of a method's receiver type ("Client" for
// func (api *Client) …), or "" for a function.
func receiverName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return ""
	}
	typ := recv.Type()
	if p, ok := typ.(*types.Pointer); ok {
		typ = p.Elem()
	}
	if n, ok := typ.(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}
