package bot

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var goldenTime = dialogstest.Time

// goldenCase walks a case over the real content up to step stop (or to the
// end when stop < 0), answering like a caseworker would.
func goldenCase(t *testing.T, e *dialogs.Engine, lang cards.Lang, stop int, closeEarly bool) *record.Case {
	t.Helper()
	return dialogstest.Case(t, e, lang, stop, closeEarly)
}

func goldenRenderer(t *testing.T) (render.Renderer, *dialogs.Engine) {
	e := dialogs.New(mustCards(t), func() time.Time { return goldenTime })
	return render.Renderer{Engine: e, Loc: time.UTC}, e
}

// checkGolden compares v as indented JSON with testdata/golden/name.json.
func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./bot -run Golden -update\ngot:\n%s", path, got)
	}
}

type message struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

func TestGoldenMessages(t *testing.T) {
	r, e := goldenRenderer(t)
	for _, lang := range cards.Langs() {
		start := goldenCase(t, e, lang, 0, false)
		blocks, text := r.Root(start)
		checkGolden(t, fmt.Sprintf("%s/root-new", lang), message{text, blocks})

		// Every question of the conversation as it is asked, and answered.
		for i := range e.Total() {
			c := goldenCase(t, e, lang, i, false)
			p, ok := e.Prompt(c)
			if !ok {
				t.Fatalf("no prompt at step %d", i)
			}
			blocks, text := r.Prompt(c, p)
			name := fmt.Sprintf("%s/prompt-%02d-%s", lang, i+1, strings.ReplaceAll(p.StepID, "/", "-"))
			checkGolden(t, name, message{text, blocks})
			after := goldenCase(t, e, lang, i+1, false)
			a, _ := after.AnswerTo(p.StepID)
			pa, _ := e.PromptAt(after, i)
			blocks, text = r.Answered(after, pa, a)
			checkGolden(t, name+"-answered", message{text, blocks})
		}
		done := goldenCase(t, e, lang, -1, false)
		blocks, text = r.Root(done)
		checkGolden(t, fmt.Sprintf("%s/root-done", lang), message{text, blocks})
		blocks, text = r.Summary(done, "")
		checkGolden(t, fmt.Sprintf("%s/summary", lang), message{text, blocks})

		early := goldenCase(t, e, lang, -1, true)
		blocks, text = r.Root(early)
		checkGolden(t, fmt.Sprintf("%s/root-closed-early", lang), message{text, blocks})
		blocks, text = r.Summary(early, "")
		checkGolden(t, fmt.Sprintf("%s/summary-closed-early", lang), message{text, blocks})

		m := render.Meta{Channel: "C0GOLDEN", CaseID: 42, Seq: 3, Step: "x/y", Lang: string(lang)}
		checkGolden(t, fmt.Sprintf("%s/modal-new-case", lang), r.NewCaseModal(lang, m, ""))
		c := goldenCase(t, e, lang, 5, false)
		p, _ := e.Prompt(c)
		checkGolden(t, fmt.Sprintf("%s/modal-answer", lang), r.AnswerModal(c, p, "", m))
		for i := range e.Total() {
			c := goldenCase(t, e, lang, i, false)
			p, _ := e.Prompt(c)
			if p.Kind == cards.KindArguments {
				checkGolden(t, fmt.Sprintf("%s/modal-argument", lang), r.ArgumentModal(c, p.Values, m))
			}
			if p.Kind == cards.KindDecision {
				checkGolden(t, fmt.Sprintf("%s/modal-decision", lang), r.AnswerModal(c, p, p.Options[0].ID, m))
			}
		}
	}
}

// TestSummaryOfAHugeCaseStaysWithinLimits fills every free text to the
// maximum: the summary is split over messages that Slack accepts.
func TestSummaryOfAHugeCaseStaysWithinLimits(t *testing.T) {
	r, e := goldenRenderer(t)
	c := goldenCase(t, e, cards.NL, -1, false)
	long := strings.Repeat("Een lange zin over de omstandigheden van deze casus. ", dialogs.MaxText/53)
	for i := range c.Answers {
		if c.Answers[i].Text != "" {
			c.Answers[i].Text = long
		}
	}
	for i := 0; i < 40; i++ {
		c.Arguments = append(c.Arguments, record.Argument{N: 10 + i, Pro: i%2 == 0, Text: long[:900], By: bob})
	}
	c.Decision.Rationale = long
	blocks, _ := r.Summary(c, "")
	parts := render.SplitBlocks(blocks, render.MaxMessageChars, render.MaxBlocks)
	if len(parts) < 2 {
		t.Fatalf("a huge summary was not split")
	}
	for i, part := range parts {
		raw, _ := json.Marshal(part)
		var generic []map[string]any
		json.Unmarshal(raw, &generic)
		for _, p := range checkLimits(generic, "message") {
			t.Errorf("part %d: %s", i+1, p)
		}
		if len(raw) > 12000 {
			t.Errorf("part %d has %d characters of blocks", i+1, len(raw))
		}
	}
}

// TestGoldenOutputRespectsBlockKitLimits checks every golden file against
// Slack's limits (SLACK.md).
func TestGoldenOutputRespectsBlockKitLimits(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.json"))
	if len(files) < 40 {
		t.Fatalf("only %d golden files; run TestGoldenMessages -update first", len(files))
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
			problems = append(problems, checkLimits(list, "modal")...)
			for _, k := range []string{"title", "submit", "close"} {
				if tx, ok := v[k].(map[string]any); ok && utf8.RuneCountInString(tx["text"].(string)) > 24 {
					problems = append(problems, fmt.Sprintf("modal %s longer than 24", k))
				}
			}
			if pm, _ := v["private_metadata"].(string); len(pm) > 3000 {
				problems = append(problems, "private_metadata over 3000")
			}
		} else {
			problems = append(problems, checkLimits(list, "message")...)
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

// checkLimits returns every Block Kit limit the blocks break.
func checkLimits(blocks []map[string]any, surface string) []string {
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
				out = append(out, checkElement(el.(map[string]any), i)...)
			}
		case "input":
			if n(text(b["label"])) > 2000 {
				bad("block %d: input label over 2000", i)
			}
			if h := text(b["hint"]); n(h) > 2000 {
				bad("block %d: hint over 2000", i)
			}
			out = append(out, checkElement(b["element"].(map[string]any), i)...)
		}
	}
	return out
}

func checkElement(el map[string]any, i int) []string {
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

// TestBoldStaysOnOneLine: Slack bolds within one line only; a question of
// several lines gets its first line in bold, not stray asterisks.
func TestBoldStaysOnOneLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Wat wil de regel bereiken?", "*Wat wil de regel bereiken?*"},
		{"Verzamel argumenten.\n• één bewering\n• wegen", "*Verzamel argumenten.*\n• één bewering\n• wegen"},
		{"Al *vet* gemaakt", "Al *vet* gemaakt"},
		{"\nbegint leeg", "\nbegint leeg"},
	} {
		if got := render.Bold(tc.in); got != tc.want {
			t.Errorf("bold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
