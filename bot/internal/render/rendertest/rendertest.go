package rendertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// Golden compares v as indented JSON with testdata/golden/name.json of
// the test's package, or writes that file when update is set.
func Golden(t testing.TB, update bool, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run the test with -update\ngot:\n%s", path, got)
	}
}

// BlockProblems checks one message's blocks as GoldenFiles does.
func BlockProblems(t testing.TB, blocks []slack.Block) []string {
	t.Helper()
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	problems := Limits(list, "message")
	if len(raw) > 12000 {
		problems = append(problems, fmt.Sprintf("%d characters of blocks in one message", len(raw)))
	}
	return problems
}

// GoldenFiles checks every golden file of the test's package against
// Block Kit's limits; it fails when there are fewer than min.
func GoldenFiles(t testing.TB, min int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.json"))
	if len(files) < min {
		t.Fatalf("only %d golden files; run the golden tests with -update first", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var problems []string
		blocks, _ := v["blocks"].([]any)
		var list []map[string]any
		for _, b := range blocks {
			list = append(list, b.(map[string]any))
		}
		if v["type"] == "modal" || v["type"] == "home" { // views: 100 blocks, no notification text
			problems = append(problems, Limits(list, "modal")...)
			for _, k := range []string{"title", "submit", "close"} {
				if tx, ok := v[k].(map[string]any); ok && utf8.RuneCountInString(tx["text"].(string)) > 24 {
					problems = append(problems, fmt.Sprintf("modal %s longer than 24", k))
				}
			}
			if pm, _ := v["private_metadata"].(string); len(pm) > 3000 {
				problems = append(problems, "private_metadata over 3000")
			}
		} else {
			problems = append(problems, Limits(list, "message")...)
			compact, _ := json.Marshal(v["blocks"])
			if len(compact) > 12000 {
				problems = append(problems, fmt.Sprintf("%d characters of blocks in one message", len(compact)))
			}
			if s, _ := v["text"].(string); s == "" {
				problems = append(problems, "message without notification text")
			}
		}
		for _, p := range problems {
			t.Errorf("%s: %s", f, p)
		}
	}
}

// Limits returns every Block Kit limit the blocks break, the blocks given
// as decoded JSON. surface is "message" (50 blocks) or "modal" (100, also
// for a Home tab).
func Limits(blocks []map[string]any, surface string) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	max := 50
	if surface == "modal" {
		max = 100
	}
	if len(blocks) > max {
		bad("%d blocks (max %d)", len(blocks), max)
	}
	text := func(v any) string {
		if m, ok := v.(map[string]any); ok {
			s, _ := m["text"].(string)
			return s
		}
		return ""
	}
	n := utf8.RuneCountInString
	ids := map[string]bool{}
	for i, b := range blocks {
		if id, _ := b["block_id"].(string); id != "" {
			if n(id) > 255 {
				bad("block %d: block_id over 255", i)
			}
			if ids[id] {
				bad("block %d: duplicate block_id %s", i, id)
			}
			ids[id] = true
		}
		switch b["type"] {
		case "header":
			if n(text(b["text"])) > 150 {
				bad("block %d: header over 150", i)
			}
		case "section":
			if n(text(b["text"])) > 3000 {
				bad("block %d: section text %d over 3000", i, n(text(b["text"])))
			}
			fields, _ := b["fields"].([]any)
			if len(fields) > 10 {
				bad("block %d: %d fields", i, len(fields))
			}
			for _, f := range fields {
				if n(text(f)) > 2000 {
					bad("block %d: field over 2000", i)
				}
			}
			if b["text"] == nil && len(fields) == 0 {
				bad("block %d: section without text or fields", i)
			}
		case "context":
			els, _ := b["elements"].([]any)
			if len(els) == 0 || len(els) > 10 {
				bad("block %d: %d context elements", i, len(els))
			}
		case "actions":
			els, _ := b["elements"].([]any)
			if len(els) == 0 || len(els) > 25 {
				bad("block %d: %d action elements", i, len(els))
			}
			for _, el := range els {
				out = append(out, element(el.(map[string]any), i)...)
			}
		case "input":
			if n(text(b["label"])) > 2000 {
				bad("block %d: input label over 2000", i)
			}
			if h := text(b["hint"]); n(h) > 2000 {
				bad("block %d: hint over 2000", i)
			}
			out = append(out, element(b["element"].(map[string]any), i)...)
		}
	}
	return out
}

func element(el map[string]any, i int) []string {
	var out []string
	n := utf8.RuneCountInString
	text := func(v any) string {
		if m, ok := v.(map[string]any); ok {
			s, _ := m["text"].(string)
			return s
		}
		return ""
	}
	if id, _ := el["action_id"].(string); n(id) > 255 {
		out = append(out, fmt.Sprintf("block %d: action_id over 255", i))
	}
	if el["type"] == "button" {
		if n(text(el["text"])) > 75 {
			out = append(out, fmt.Sprintf("block %d: button text over 75", i))
		}
		if v, _ := el["value"].(string); n(v) > 2000 {
			out = append(out, fmt.Sprintf("block %d: button value over 2000", i))
		}
	}
	if p := text(el["placeholder"]); n(p) > 150 {
		out = append(out, fmt.Sprintf("block %d: placeholder over 150", i))
	}
	opts, _ := el["options"].([]any)
	if len(opts) > 100 || (el["type"] == "checkboxes" && len(opts) > 10) {
		out = append(out, fmt.Sprintf("block %d: %d options", i, len(opts)))
	}
	for _, o := range opts {
		om := o.(map[string]any)
		if n(text(om["text"])) > 75 {
			out = append(out, fmt.Sprintf("block %d: option text %q over 75", i, text(om["text"])))
		}
		if v, _ := om["value"].(string); n(v) > 150 {
			out = append(out, fmt.Sprintf("block %d: option value over 150", i))
		}
		if d := text(om["description"]); n(d) > 75 {
			out = append(out, fmt.Sprintf("block %d: option description over 75", i))
		}
	}
	if ml, ok := el["max_length"].(float64); ok && (ml < 1 || ml > 3000) {
		out = append(out, fmt.Sprintf("block %d: max_length %v", i, ml))
	}
	return out
}

// Hostile is what a person can type that Slack would turn into a
// notification, a disguised link or formatting, as Slack delivers it to the
// bot (a typed "&lt;" arrives as "&amp;lt;").
func Hostile() []string {
	return []string{
		"<!channel>", "<!here>", "<!everyone>", "<@U0BOGUS1>", "<!subteam^S0TEAM|@team>",
		"<https://evil.example/x|de officiële regeling>", "&amp;lt;!channel&amp;gt;", "*vet* _schuin_ ~door~ `code`",
	}
}
