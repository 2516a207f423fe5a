package main

import (
	"go/build"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/maatwerkbot/maatwerkbot"

// importRule forbids packages matching From to depend on packages matching
// To. A pattern "x/..." matches x and everything below it.
type importRule struct {
	From, To string
	// Direct checks only the packages' own imports; otherwise everything
	// they depend on, however deep, counts.
	Direct bool
	Why    string
}

// importRules are the module's layering, as the packages' doc comments
// state it. TestImportRules fails when one is broken.
var importRules = []importRule{
	{From: "dialogs/...", To: "github.com/slack-go/...", Why: "the engine and the domain types know no chat platform"},
	{From: "cards/...", To: "github.com/slack-go/...", Why: "content is data"},
	{From: "store/...", To: "github.com/slack-go/...", Why: "the store knows no chat platform"},
	{From: "dialogs/...", To: "go.etcd.io/bbolt/...", Why: "the engine knows no database"},
	{From: "dialogs/...", To: "store/...", Why: "the engine knows no database"},
	{From: "store/...", To: "dialogs", Why: "the store keeps records; it needs the domain types, not the engine, its texts or the console"},
	{From: "dialogs/record", To: "dialogs", Why: "the domain types import nothing heavier than cards"},
	{From: "cards/...", To: "dialogs/...", Why: "content does not know the engine"},
	{From: "bot/internal/render", To: "store/...", Why: "rendering is pure: Block Kit from domain values"},
	{From: "bot/internal/render", To: "bot/internal/delivery", Why: "rendering is pure: it calls no API"},
	{From: "bot/internal/transport", To: "store/...", Why: "the transport hands requests to the handlers; it keeps nothing"},
	{From: "bot/internal/transport", To: "dialogs/...", Why: "the transport knows requests, not cases"},
	{From: "bot/internal/transport", To: "bot/internal/delivery", Why: "receiving and sending are apart"},
	{From: "bot/internal/delivery", To: "bot/internal/transport", Why: "receiving and sending are apart"},
	{From: "bot/internal/directory", To: "store/...", Direct: true, Why: "the directory asks Slack about people; it keeps no cases"},
	{From: "bot/internal/...", To: "bot", Why: "the bot's parts never reach back into the bot"},
	{From: "bot/internal/metrics", To: "github.com/slack-go/...", Why: "metrics know no chat platform"},
	{From: "...", To: "cmd/...", Direct: true, Why: "commands are wiring; nothing imports them"},
	{From: "...", To: "dialogs/export/exporttest/pdftext", Why: "the PDF text extractor is for tests: only _test files import it"},
}

// moduleGraph reads the imports of every package of the module under root
// (production files only, as go build sees them): package path relative to
// the module (or an outside import path) → its direct imports.
func moduleGraph(t *testing.T, root string) map[string][]string {
	t.Helper()
	graph := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); p != root && (strings.HasPrefix(name, ".") || name == "testdata") {
			return filepath.SkipDir
		}
		pkg, err := build.Default.ImportDir(p, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel(root, p)
		var imps []string
		for _, imp := range pkg.Imports {
			imps = append(imps, local(imp))
		}
		graph[filepath.ToSlash(rel)] = imps
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return graph
}

// local shortens an import path of this module to its path in the module.
func local(imp string) string {
	if imp == module {
		return "."
	}
	return strings.TrimPrefix(imp, module+"/")
}

func matches(pattern, pkg string) bool {
	if pattern == "..." {
		return true
	}
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return pkg == base || strings.HasPrefix(pkg, base+"/")
	}
	return pkg == pattern
}

// violations returns, for each package the rule covers, a dependency it
// may not have, as "from → … → to".
func violations(graph map[string][]string, r importRule) []string {
	var out []string
	froms := make([]string, 0, len(graph))
	for p := range graph {
		froms = append(froms, p)
	}
	slices.Sort(froms)
	for _, from := range froms {
		if !matches(r.From, from) || matches(r.To, from) {
			continue
		}
		// Breadth first, remembering the way, so the message shows a path.
		via := map[string]string{from: ""}
		queue := []string{from}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			for _, imp := range graph[p] {
				if _, seen := via[imp]; seen {
					continue
				}
				via[imp] = p
				if matches(r.To, imp) {
					chain := []string{imp}
					for q := p; q != ""; q = via[q] {
						chain = append([]string{q}, chain...)
					}
					out = append(out, strings.Join(chain, " → "))
					continue
				}
				if !r.Direct {
					queue = append(queue, imp)
				}
			}
		}
	}
	return out
}

func TestImportRules(t *testing.T) {
	graph := moduleGraph(t, filepath.Join("..", ".."))
	for _, want := range []string{"bot", "dialogs", "dialogs/record", "store", "cards", "cmd/maatwerkbot"} {
		if _, ok := graph[want]; !ok {
			t.Fatalf("package %s not found: the graph has %d packages", want, len(graph))
		}
	}
	for _, r := range importRules {
		for _, v := range violations(graph, r) {
			t.Errorf("%s may not import %s (%s): %s", r.From, r.To, r.Why, v)
		}
	}
}

// TestImportRulesCatchABreak shows the check can fail: each rule, applied
// to the real graph with one forbidden import added, reports it.
func TestImportRulesCatchABreak(t *testing.T) {
	graph := moduleGraph(t, filepath.Join("..", ".."))
	for _, r := range importRules {
		broken := map[string][]string{}
		for p, imps := range graph {
			broken[p] = slices.Clone(imps)
		}
		from := strings.TrimSuffix(r.From, "/...")
		if from == "..." {
			from = "bot"
		}
		to := strings.TrimSuffix(r.To, "/...")
		if !r.Direct {
			// A path through a harmless package counts too.
			broken[from] = append(broken[from], "middle/pkg")
			broken["middle/pkg"] = []string{path.Join(to, "x")}
			if !strings.HasSuffix(r.To, "/...") {
				broken["middle/pkg"] = []string{to}
			}
		} else {
			broken[from] = append(broken[from], to)
		}
		if len(violations(broken, r)) == 0 {
			t.Errorf("rule %s ↛ %s: an added import %s → %s was not reported", r.From, r.To, from, to)
		}
	}
}
