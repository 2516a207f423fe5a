package cards

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// dirFS reads a directory into a MapFS, so a test can change files in it.
func dirFS(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func TestLoadValid(t *testing.T) {
	s, err := Load(os.DirFS("testdata/valid"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !regexp.MustCompile(`^1\+[0-9a-f]{8}$`).MatchString(s.Version) {
		t.Errorf("Version = %q, want 1+ and 8 hex digits", s.Version)
	}
	var ids []string
	for _, c := range s.Cards {
		ids = append(ids, c.ID+"="+c.File())
	}
	if want := []string{"signalen=signalen.yaml", "varianten=varianten.yaml"}; !slices.Equal(ids, want) {
		t.Errorf("cards = %v, want %v", ids, want)
	}

	want := []struct {
		id, phase string
		options   []string
	}{
		{"signalen/aanleiding", "signalen", nil},
		{"signalen/signalen", "signalen", []string{"onredelijk", "stapeling", "geen"}},
		{"varianten/variant", "keuze", []string{"standaard", "maatwerk"}},
		{"signalen/besluit", "keuze", []string{"afwijken", "volgen"}},
	}
	steps := s.Steps()
	if len(steps) != len(want) {
		t.Fatalf("got %d steps, want %d", len(steps), len(want))
	}
	for i, w := range want {
		st := steps[i]
		var opts []string
		for _, o := range st.Options {
			opts = append(opts, o.ID)
		}
		if st.ID != w.id || st.Index != i || st.Phase.ID != w.phase || !slices.Equal(opts, w.options) {
			t.Errorf("step %d = %s (index %d, phase %s, options %v), want %s (phase %s, options %v)",
				i, st.ID, st.Index, st.Phase.ID, opts, w.id, w.phase, w.options)
		}
		if st.Card == nil || st.Item == nil || st.Card.ID+"/"+st.Item.ID != st.ID {
			t.Errorf("step %s: card and item not resolved", st.ID)
		}
	}

	st, ok := s.Step("varianten/variant")
	if !ok {
		t.Fatal("Step(varianten/variant) not found")
	}
	if got := st.Options[1]; got.Text.In(EN) != "Tailoring" || got.Help.In(NL) != "Individuele aandacht." {
		t.Errorf("option from varianten = %+v, want the item's title as text and its help as help", got)
	}
	_, it, err := s.Lookup("signalen/signalen")
	if err != nil {
		t.Fatal(err)
	}
	if it.line != 30 || it.Options[0].line != 39 || it.Help.line != 35 || !it.Options[0].Strong {
		t.Errorf("signalen/signalen: line %d, option line %d, help line %d, strong %t; want 30, 39, 35, true",
			it.line, it.Options[0].line, it.Help.line, it.Options[0].Strong)
	}
	if p := s.Cards[1].Items[1].Position; p == nil || !p.Groups || !p.SingleCase {
		t.Errorf("varianten/maatwerk position = %+v, want both axes", p)
	}
}

func TestVersion(t *testing.T) {
	base := dirFS(t, "testdata/valid")
	load := func(fsys fs.FS) string {
		t.Helper()
		s, err := Load(fsys)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		return s.Version
	}
	v := load(base)
	if again := load(base); again != v {
		t.Errorf("same content, versions %s and %s", v, again)
	}

	edited := dirFS(t, "testdata/valid")
	f := edited["signalen.yaml"]
	f.Data = []byte(strings.Replace(string(f.Data), "Lees dit eerst.", "Lees dit eerst!", 1))
	if got := load(edited); got == v {
		t.Errorf("edited content kept version %s", v)
	}

	ignored := dirFS(t, "testdata/valid")
	ignored["README.md"] = &fstest.MapFile{Data: []byte("# Notes")}
	ignored[".backup.yaml"] = &fstest.MapFile{Data: []byte("not: [yaml")}
	if got := load(ignored); got != v {
		t.Errorf("files Load ignores changed the version: %s, want %s", got, v)
	}
}

// Fragments of a minimal card "extra": header is lines 1–4, so the first
// item starts on line 5.
const header = `id: extra
title: {nl: Extra, en: Extra}
purpose: {nl: Doel, en: Purpose}
items:
`

// yesno is a complete item, 4 lines.
func yesno(id string) string {
	return fmt.Sprintf(`  - id: %s
    kind: yesno
    text: {nl: Vraag, en: Question}
    help: {nl: Hulp, en: Help}
`, id)
}

// withOptions is an item of kind with n options, 4 lines plus 2 per option.
func withOptions(kind string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  - id: k\n    kind: %s\n    text: {nl: Vraag, en: Question}\n    help: {nl: Hulp, en: Help}\n", kind)
	if kind == "decision" {
		b.WriteString("    reason: {nl: Waarom, en: Why}\n")
	}
	if n > 0 {
		b.WriteString("    options:\n")
	}
	for i := range n {
		fmt.Fprintf(&b, "      - id: o%d\n        text: {nl: Optie %d, en: Option %d}\n", i, i, i)
	}
	return b.String()
}

// titled is a card "bron" with n items that have a title, for options_from.
func titled(n int) string {
	var b strings.Builder
	b.WriteString("id: bron\ntitle: {nl: Bron, en: Source}\npurpose: {nl: Doel, en: Purpose}\nitems:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: v%d\n    kind: info\n    title: {nl: V%d, en: V%d}\n    text: {nl: T, en: T}\n    help: {nl: H, en: H}\n", i, i, i)
	}
	return b.String()
}

// long is a text of n characters, each two bytes in UTF-8.
func long(n int) string { return strings.Repeat("é", n) }

func TestLoadProblems(t *testing.T) {
	const validFlow = "version: \"1\"\nphases:\n  - id: p\n    title: {nl: Fase, en: Phase}\n    steps:\n      - extra/a\n"
	tests := []struct {
		name   string
		files  map[string]string // added to or replacing testdata/valid
		remove []string
		want   []string // "file:line: fragment of the message", all problems
	}{
		{
			name:  "unknown field",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    titel: {nl: T, en: T}\n"},
			want:  []string{`extra.yaml:9: onbekend veld "titel"; mogelijk zijn: id, kind, title, text`},
		},
		{
			name:  "unknown field in a text",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    title:\n      nl: T\n      en: T\n      de: T\n"},
			want:  []string{`extra.yaml:12: onbekend veld "de"; mogelijk zijn: nl, en`},
		},
		{
			name:  "closes on a multiple choice",
			files: map[string]string{"extra.yaml": header + withOptions("multi", 2) + "        closes: true\n"},
			want:  []string{`extra.yaml:12: "closes" werkt alleen bij een keuze (kind: choice of decision), niet bij optie "o1" van vraag "k" van soort "multi"`},
		},
		{
			name:  "field twice",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    kind: text\n"},
			want:  []string{`extra.yaml:9: het veld "kind" staat er twee keer (ook op regel 6)`},
		},
		{
			name:  "syntax error",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    help: {nl: [Hulp, en: Help}\n"},
			want:  []string{`extra.yaml:9: dit is geen geldige YAML (`},
		},
		{
			name:  "tab indentation",
			files: map[string]string{"extra.yaml": header + "\t- id: a\n"},
			want:  []string{`extra.yaml:5: dit is geen geldige YAML (found character that cannot start any token)`},
		},
		{
			name:  "empty file",
			files: map[string]string{"extra.yaml": "# nothing yet\n"},
			want:  []string{`extra.yaml: het bestand is leeg`},
		},
		{
			name:  "two documents",
			files: map[string]string{"extra.yaml": header + yesno("a") + "---\nid: b\n"},
			want:  []string{`extra.yaml:9: het bestand bevat meer dan één YAML-document`},
		},
		{
			name:  "alias",
			files: map[string]string{"extra.yaml": "id: extra\ntitle: &t {nl: Extra, en: Extra}\npurpose: *t\nitems:\n" + yesno("a")},
			want:  []string{`extra.yaml:3: verwijzingen naar een anker (*t) worden niet ondersteund`, `extra.yaml:1: "purpose" ontbreekt bij de kaart`},
		},
		{
			name:  "text not in two languages",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    title: Vraag\n"},
			want:  []string{`extra.yaml:9: "title" hoort een tekst in twee talen te zijn`},
		},
		{
			name:  "list expected",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    see: signalen/uitleg\n"},
			want:  []string{`extra.yaml:9: "see" hoort een lijst te zijn`},
		},
		{
			name:  "single value expected",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    options_from: [a, b]\n"},
			want:  []string{`extra.yaml:9: "options_from" hoort één waarde te zijn`},
		},
		{
			name:  "bool expected",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 2) + "        closes: misschien\n"},
			want:  []string{`extra.yaml:14: "closes" moet true of false zijn`},
		},
		{
			name:  "not a card",
			files: map[string]string{"extra.yaml": "- id: extra\n"},
			want:  []string{`extra.yaml:1: een kaart hoort te bestaan uit velden (naam: waarde)`, `extra.yaml:1: "id" ontbreekt`, `"title" ontbreekt`, `"purpose" ontbreekt`, `extra.yaml: de kaart heeft geen items`},
		},
		{
			name:  "empty list element",
			files: map[string]string{"extra.yaml": header + yesno("a") + "  -\n"},
			want:  []string{`extra.yaml:9: leeg element in de lijst "items"`},
		},
		{
			name:  "missing english",
			files: map[string]string{"extra.yaml": header + strings.Replace(yesno("a"), "help: {nl: Hulp, en: Help}", "help: {nl: Hulp}", 1)},
			want:  []string{`extra.yaml:8: de Engelse tekst (en) ontbreekt bij "help" van vraag "a"`},
		},
		{
			name:  "blank dutch",
			files: map[string]string{"extra.yaml": header + strings.Replace(yesno("a"), "nl: Vraag", `nl: "  "`, 1)},
			want:  []string{`extra.yaml:7: de Nederlandse tekst (nl) ontbreekt bij "text" van vraag "a"`},
		},
		{
			name:  "missing help",
			files: map[string]string{"extra.yaml": header + strings.Replace(yesno("a"), "    help: {nl: Hulp, en: Help}\n", "", 1)},
			want:  []string{`extra.yaml:5: "help" ontbreekt bij vraag "a"`},
		},
		{
			name:  "missing card title and purpose",
			files: map[string]string{"extra.yaml": "id: extra\nitems:\n" + yesno("a")},
			want:  []string{`extra.yaml:1: "title" ontbreekt bij de kaart`, `extra.yaml:1: "purpose" ontbreekt bij de kaart`},
		},
		{
			name:  "missing option text",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 2) + "      - id: leeg\n"},
			want:  []string{`extra.yaml:14: "text" ontbreekt bij optie "leeg" van vraag "k"`},
		},
		{
			name:  "missing phase title",
			files: map[string]string{"flow.yaml": "version: \"1\"\nphases:\n  - id: p\n    steps: [signalen/aanleiding]\n"},
			want:  []string{`flow.yaml:3: "title" ontbreekt bij fase "p"`},
		},
		{
			name: "incomplete optional texts",
			files: map[string]string{"extra.yaml": header + yesno("a") +
				"    title: {nl: Titel}\n    placeholder: {en: Type here}\n    reason: {nl: Waarom}\n" +
				withOptions("choice", 2) + "        help: {nl: Uitleg}\n        reason: {en: Why}\n"},
			want: []string{
				`extra.yaml:9: de Engelse tekst (en) ontbreekt bij "title" van vraag "a"`,
				`extra.yaml:10: de Nederlandse tekst (nl) ontbreekt bij "placeholder" van vraag "a"`,
				`extra.yaml:11: de Engelse tekst (en) ontbreekt bij "reason" van vraag "a"`,
				`extra.yaml:21: de Engelse tekst (en) ontbreekt bij "help" van optie "o1" van vraag "k"`,
				`extra.yaml:22: de Nederlandse tekst (nl) ontbreekt bij "reason" van optie "o1" van vraag "k"`,
			},
		},
		{
			name:  "missing reading text",
			files: map[string]string{"extra.yaml": header + yesno("a") + "readings:\n  - min: 1\n  - min: -1\n    text: {nl: Nee, en: No}\n"},
			want:  []string{`extra.yaml:10: "text" ontbreekt bij duiding 1 in "readings"`, `extra.yaml:11: "min" van duiding 2 in "readings" kan niet negatief zijn`},
		},
		{
			name:  "card id differs from file name",
			files: map[string]string{"extra.yaml": strings.Replace(header, "id: extra", "id: ekstra", 1) + yesno("a")},
			want:  []string{`extra.yaml:1: de id "ekstra" hoort gelijk te zijn aan de bestandsnaam zonder .yaml ("extra")`},
		},
		{
			name:  "card id missing",
			files: map[string]string{"extra.yaml": strings.Replace(header, "id: extra\n", "", 1) + yesno("a")},
			want:  []string{`extra.yaml:1: "id" ontbreekt; de id van een kaart is de bestandsnaam zonder .yaml: id: extra`},
		},
		{
			name:  "duplicate card id",
			files: map[string]string{"extra.yaml": strings.Replace(header, "id: extra", "id: signalen", 1) + yesno("a")},
			want: []string{
				`extra.yaml:1: de id "signalen" hoort gelijk te zijn aan de bestandsnaam`,
				`extra.yaml:1: de kaart-id "signalen" is al in gebruik in signalen.yaml`,
			},
		},
		{
			name:  "invalid file name",
			files: map[string]string{"Extra.yaml": strings.Replace(header, "id: extra", "id: Extra", 1) + yesno("a")},
			want:  []string{`Extra.yaml:1: de id "Extra" is ongeldig: gebruik alleen kleine letters (a-z), cijfers en streepjes`},
		},
		{
			name:  "invalid ids",
			files: map[string]string{"extra.yaml": header + yesno("Vraag_1") + yesno("-a") + yesno("é") + yesno(strings.Repeat("x", 65)) + yesno(strings.Repeat("x", 64))},
			want: []string{
				`extra.yaml:5: de id "Vraag_1" is ongeldig`,
				`extra.yaml:9: de id "-a" is ongeldig`,
				`extra.yaml:13: de id "é" is ongeldig`,
				`extra.yaml:17: de id "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is 65 tekens lang; hooguit 64`,
			},
		},
		{
			name:  "missing item id",
			files: map[string]string{"extra.yaml": header + yesno("a") + strings.Replace(yesno("b"), "- id: b\n    kind", "- kind", 1)},
			want:  []string{`extra.yaml:9: "id" ontbreekt bij vraag 2`},
		},
		{
			name:  "duplicate item id",
			files: map[string]string{"extra.yaml": header + yesno("a") + yesno("a")},
			want:  []string{`extra.yaml:9: de id "a" komt al eerder voor op deze kaart (regel 5)`},
		},
		{
			name:  "duplicate option id",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 2) + "      - id: o0\n        text: {nl: Nog een, en: Another}\n"},
			want:  []string{`extra.yaml:14: de optie-id "o0" komt al eerder voor bij vraag "k" (regel 10)`},
		},
		{
			name:  "invalid option id",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 2) + "      - id: Nee!\n        text: {nl: Nee, en: No}\n"},
			want:  []string{`extra.yaml:14: de id "Nee!" is ongeldig`},
		},
		{
			name:  "missing kind",
			files: map[string]string{"extra.yaml": header + strings.Replace(yesno("a"), "    kind: yesno\n", "", 1)},
			want:  []string{`extra.yaml:5: "kind" ontbreekt bij item "a"; kies uit: info, yesno, choice, multi, text, arguments, decision`},
		},
		{
			name:  "unknown kind",
			files: map[string]string{"extra.yaml": header + strings.Replace(yesno("a"), "kind: yesno", "kind: jaofnee", 1)},
			want:  []string{`extra.yaml:6: onbekende soort (kind) "jaofnee" bij item "a"; kies uit: info, yesno,`},
		},
		{
			name:  "choice without options",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 0)},
			want:  []string{`extra.yaml:5: vraag "k" is van soort "choice" en heeft opties nodig: geef "options" (minstens 2) of "options_from"`},
		},
		{
			name:  "choice with one option",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 1)},
			want:  []string{`extra.yaml:9: vraag "k" heeft minstens 2 opties nodig, maar heeft er 1`},
		},
		{
			name:  "multi with one option",
			files: map[string]string{"extra.yaml": header + withOptions("multi", 1)},
			want:  []string{`extra.yaml:9: vraag "k" heeft minstens 2 opties nodig, maar heeft er 1`},
		},
		{
			name:  "decision without options",
			files: map[string]string{"extra.yaml": header + withOptions("decision", 0)},
			want:  []string{`extra.yaml:5: vraag "k" is van soort "decision" en heeft opties nodig`},
		},
		{
			name:  "arguments without values",
			files: map[string]string{"extra.yaml": header + withOptions("arguments", 0)},
			want:  []string{`extra.yaml:5: vraag "k" is van soort "arguments" en heeft opties nodig: geef "options" (minstens 1) of "options_from"`},
		},
		{
			name:  "arguments with one value",
			files: map[string]string{"extra.yaml": header + withOptions("arguments", 1)},
		},
		{
			name:  "options and options_from",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 2) + "    options_from: varianten\n"},
			want:  []string{`extra.yaml:9: gebruik bij vraag "k" "options" of "options_from", niet allebei`},
		},
		{
			name: "options on kinds without options",
			files: map[string]string{"extra.yaml": header +
				strings.Replace(withOptions("yesno", 2), "id: k", "id: y", 1) +
				strings.Replace(withOptions("text", 0), "id: k", "id: t", 1) + "    options_from: varianten\n" +
				strings.Replace(withOptions("info", 2), "id: k", "id: i", 1)},
			want: []string{
				`extra.yaml:9: vraag "y" is van soort "yesno" en heeft geen opties; haal "options" weg`,
				`extra.yaml:18: vraag "t" is van soort "text" en heeft geen opties; haal "options_from" weg`,
				`extra.yaml:23: item "i" is van soort "info" en heeft geen opties; haal "options" weg`,
			},
		},
		{
			name:  "multi with 10 options",
			files: map[string]string{"extra.yaml": header + withOptions("multi", 10)},
		},
		{
			name:  "multi with 11 options",
			files: map[string]string{"extra.yaml": header + withOptions("multi", 11)},
			want:  []string{`extra.yaml:9: vraag "k" heeft 11 opties; Slack toont bij soort "multi" hooguit 10`},
		},
		{
			name:  "choice with 25 options",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 25)},
		},
		{
			name:  "decision with 26 options",
			files: map[string]string{"extra.yaml": header + withOptions("decision", 26)},
			want:  []string{`extra.yaml:10: vraag "k" heeft 26 opties; Slack toont bij soort "decision" hooguit 25`},
		},
		{
			name:  "options_from unknown card",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 0) + "    options_from: variant\n"},
			want:  []string{`extra.yaml:9: "options_from" bij vraag "k" noemt een kaart die niet bestaat: "variant"`},
		},
		{
			name:  "options_from card with one titled item",
			files: map[string]string{"extra.yaml": header + withOptions("arguments", 0) + "    options_from: bron\n", "bron.yaml": titled(1)},
			want:  []string{`extra.yaml:9: vraag "k" heeft minstens 2 opties nodig, maar heeft er 1 (de items met een "title" op kaart "bron")`},
		},
		{
			name:  "options_from card without titled items",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 0) + "    options_from: extra\n"},
			want:  []string{`extra.yaml:9: vraag "k" heeft minstens 2 opties nodig, maar heeft er 0 (de items met een "title" op kaart "extra")`},
		},
		{
			name:  "options_from beyond the multi limit",
			files: map[string]string{"extra.yaml": header + withOptions("multi", 0) + "    options_from: bron\n", "bron.yaml": titled(11)},
			want:  []string{`extra.yaml:9: vraag "k" heeft 11 opties (de items met een "title" op kaart "bron"); Slack toont bij soort "multi" hooguit 10`},
		},
		{
			name:  "options_from within the multi limit",
			files: map[string]string{"extra.yaml": header + withOptions("multi", 0) + "    options_from: bron\n", "bron.yaml": titled(10)},
		},
		{
			name:  "decision without reason",
			files: map[string]string{"extra.yaml": header + strings.Replace(withOptions("decision", 2), "    reason: {nl: Waarom, en: Why}\n", "", 1)},
			want:  []string{`extra.yaml:5: vraag "k" is een beslissing (kind: decision) en heeft een "reason" nodig`},
		},
		{
			name:  "position on a question",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    position: {groups: true, single_case: false}\n"},
			want:  []string{`extra.yaml:9: "position" hoort alleen bij een item van soort info (een variant); haal het weg bij vraag "a"`},
		},
		{
			name:  "position with unknown axis",
			files: map[string]string{"extra.yaml": header + strings.Replace(yesno("a"), "yesno", "info", 1) + "    position: {groups: true, single: false}\n"},
			want:  []string{`extra.yaml:9: onbekend veld "single"; mogelijk zijn: groups, single_case`},
		},
		{
			name:  "strong anywhere",
			files: map[string]string{"extra.yaml": header + withOptions("choice", 2) + "        strong: true\n"},
		},
		{
			name:  "see",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    see: [signalen/uitleg, signalen, onbekend/x, signalen/x, extra/a]\n"},
			want: []string{
				`extra.yaml:9: "see" bij vraag "a": "signalen" is geen verwijzing van de vorm kaart/item`,
				`extra.yaml:9: "see" bij vraag "a": "onbekend/x" verwijst naar een kaart die niet bestaat: "onbekend"`,
				`extra.yaml:9: "see" bij vraag "a": "signalen/x" verwijst naar een item dat niet bestaat: kaart "signalen" heeft geen item "x"`,
			},
		},
		{
			name:  "see on separate lines",
			files: map[string]string{"extra.yaml": header + yesno("a") + "    see:\n      - signalen/uitleg\n      - signalen/x\n"},
			want:  []string{`extra.yaml:11: "see" bij vraag "a": "signalen/x" verwijst naar een item dat niet bestaat`},
		},
		{
			name: "texts at the limits",
			files: map[string]string{"extra.yaml": fmt.Sprintf(`id: extra
title: {nl: %[1]s, en: %[1]s}
purpose: {nl: %[2]s, en: %[2]s}
items:
  - id: a
    kind: decision
    title: {nl: %[3]s, en: %[3]s}
    text: {nl: %[4]s, en: %[4]s}
    help: {nl: %[5]s, en: %[5]s}
    placeholder: {nl: %[6]s, en: %[6]s}
    reason: {nl: %[6]s, en: %[6]s}
    options:
      - id: o
        text: {nl: %[3]s, en: %[3]s}
        help: {nl: %[3]s, en: %[3]s}
        reason: {nl: %[6]s, en: %[6]s}
      - id: p
        text: {nl: P, en: P}
readings:
  - text: {nl: %[4]s, en: %[4]s}
`, long(24), long(500), long(75), long(1000), long(300), long(150))},
		},
		{
			name: "texts beyond the limits",
			files: map[string]string{"extra.yaml": fmt.Sprintf(`id: extra
title: {nl: %[1]s, en: Extra}
purpose: {nl: Doel, en: %[2]s}
items:
  - id: a
    kind: decision
    title: {nl: %[3]s, en: A}
    text: {nl: %[4]s, en: A}
    help: {nl: %[5]s, en: A}
    placeholder: {nl: %[6]s, en: A}
    reason: {nl: %[6]s, en: A}
    options:
      - id: o
        text: {nl: %[3]s, en: O}
        help:
          nl: O
          en: %[3]s
        reason: {nl: %[6]s, en: A}
      - id: p
        text: {nl: P, en: P}
readings:
  - text: {nl: %[4]s, en: A}
`, long(25), long(501), long(76), long(1001), long(301), long(151))},
			want: []string{
				`extra.yaml:2: de Nederlandse tekst (nl) bij "title" van de kaart is 25 tekens lang; Slack toont er hooguit 24`,
				`extra.yaml:3: de Engelse tekst (en) bij "purpose" van de kaart is 501 tekens lang; Slack toont er hooguit 500`,
				`extra.yaml:7: de Nederlandse tekst (nl) bij "title" van vraag "a" is 76 tekens lang; Slack toont er hooguit 75`,
				`extra.yaml:8: de Nederlandse tekst (nl) bij "text" van vraag "a" is 1001 tekens lang; Slack toont er hooguit 1000`,
				`extra.yaml:9: de Nederlandse tekst (nl) bij "help" van vraag "a" is 301 tekens lang; Slack toont er hooguit 300`,
				`extra.yaml:10: de Nederlandse tekst (nl) bij "placeholder" van vraag "a" is 151 tekens lang; Slack toont er hooguit 150`,
				`extra.yaml:11: de Nederlandse tekst (nl) bij "reason" van vraag "a" is 151 tekens lang; Slack toont er hooguit 150`,
				`extra.yaml:14: de Nederlandse tekst (nl) bij "text" van optie "o" van vraag "a" is 76 tekens lang; Slack toont er hooguit 75`,
				`extra.yaml:17: de Engelse tekst (en) bij "help" van optie "o" van vraag "a" is 76 tekens lang; Slack toont er hooguit 75`,
				`extra.yaml:18: de Nederlandse tekst (nl) bij "reason" van optie "o" van vraag "a" is 151 tekens lang; Slack toont er hooguit 150`,
				`extra.yaml:22: de Nederlandse tekst (nl) bij "text" van duiding 1 in "readings" is 1001 tekens lang; Slack toont er hooguit 1000`,
			},
		},
		{
			name:  "card without items",
			files: map[string]string{"extra.yaml": header + "  []\n"},
			want:  []string{`extra.yaml:4: de kaart heeft geen items`},
		},
		{
			name:  "card without items field",
			files: map[string]string{"extra.yaml": strings.TrimSuffix(header, "items:\n")},
			want:  []string{`extra.yaml: de kaart heeft geen items`},
		},
		{
			name:   "no flow",
			remove: []string{"flow.yaml"},
			want:   []string{`flow.yaml: flow.yaml ontbreekt`},
		},
		{
			name:  "flow without version",
			files: map[string]string{"flow.yaml": strings.Replace(validFlow, "version: \"1\"\n", "", 1), "extra.yaml": header + yesno("a")},
			want:  []string{`flow.yaml:1: "version" ontbreekt in de flow`},
		},
		{
			name:  "flow with empty version",
			files: map[string]string{"flow.yaml": strings.Replace(validFlow, `"1"`, `""`, 1), "extra.yaml": header + yesno("a")},
			want:  []string{`flow.yaml:1: "version" ontbreekt in de flow`},
		},
		{
			name:  "flow without phases",
			files: map[string]string{"flow.yaml": "version: \"1\"\nphases: []\n"},
			want:  []string{`flow.yaml:2: de flow heeft geen fasen`},
		},
		{
			name:  "flow without phases field",
			files: map[string]string{"flow.yaml": "version: \"1\"\n"},
			want:  []string{`flow.yaml: de flow heeft geen fasen`},
		},
		{
			name:  "phase without steps",
			files: map[string]string{"flow.yaml": validFlow + "  - id: q\n    title: {nl: Leeg, en: Empty}\n", "extra.yaml": header + yesno("a")},
			want:  []string{`flow.yaml:7: fase "q" heeft geen stappen`},
		},
		{
			name:  "duplicate and invalid phase ids",
			files: map[string]string{"flow.yaml": validFlow + "  - id: p\n    title: {nl: F, en: P}\n    steps: [signalen/aanleiding]\n  - id: P 2\n    title: {nl: F, en: P}\n    steps: [signalen/signalen]\n", "extra.yaml": header + yesno("a")},
			want:  []string{`flow.yaml:7: de fase-id "p" komt al eerder voor (regel 3)`, `flow.yaml:10: de id "P 2" is ongeldig`},
		},
		{
			name: "bad steps",
			files: map[string]string{"flow.yaml": validFlow +
				"      - signalen/uitleg\n      - signalen\n      - kaart/vraag\n      - signalen/vraag\n      - extra/a\n",
				"extra.yaml": header + yesno("a")},
			want: []string{
				`flow.yaml:7: de stap "signalen/uitleg" is een item van soort "info": dat wordt getoond, niet gevraagd`,
				`flow.yaml:8: stap: "signalen" is geen verwijzing van de vorm kaart/item`,
				`flow.yaml:9: stap: "kaart/vraag" verwijst naar een kaart die niet bestaat: "kaart"`,
				`flow.yaml:10: stap: "signalen/vraag" verwijst naar een item dat niet bestaat`,
				`flow.yaml:11: de stap "extra/a" staat al eerder in de flow (regel 6)`,
			},
		},
		{
			name:  "yml file",
			files: map[string]string{"extra.yml": header + yesno("a")},
			want:  []string{`extra.yml: dit bestand wordt niet gelezen: geef het de extensie .yaml`},
		},
		{
			name: "every file is checked",
			files: map[string]string{
				"flow.yaml":  validFlow + "      - kapot/x\n",
				"extra.yaml": header + yesno("a") + "    titel: x\n",
				"kapot.yaml": "id: kapot\ntitle: [\n",
				"meer.yaml":  "id: meer\ntitle: {nl: Meer}\npurpose: {nl: Doel, en: Purpose}\nitems:\n" + yesno("a") + "    see: [kapot/y, extra/b]\n",
			},
			want: []string{
				`extra.yaml:9: onbekend veld "titel"`,
				`kapot.yaml:3: dit is geen geldige YAML`,
				`meer.yaml:2: de Engelse tekst (en) ontbreekt bij "title" van de kaart`,
				`meer.yaml:9: "see" bij vraag "a": "extra/b" verwijst naar een item dat niet bestaat`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := dirFS(t, "testdata/valid")
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			for _, name := range tt.remove {
				delete(fsys, name)
			}
			s, err := Load(fsys)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			var ps *Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load = %v, %v; want *Problems", s, err)
			}
			if s != nil {
				t.Errorf("Load returned a set with problems")
			}
			checkProblems(t, *ps, tt.want)
		})
	}
}

// checkProblems checks that every problem is wanted and every wanted problem
// is there; a wanted problem is "file:line: fragment" or "file: fragment".
func checkProblems(t *testing.T, got []Problem, want []string) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, p := range got {
			if !used[i] && strings.HasPrefix(p.String(), w) || !used[i] && matchFragment(p, w) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing problem %q", w)
		}
	}
	for i, p := range got {
		if !used[i] {
			t.Errorf("unexpected problem %q", p)
		}
	}
}

// matchFragment matches a want without a file and line: a fragment
// anywhere in the message.
func matchFragment(p Problem, w string) bool {
	return !strings.Contains(w, ".yaml") && !strings.Contains(w, ".yml") && strings.Contains(p.Msg, w)
}

func TestLoadNothing(t *testing.T) {
	tests := []struct {
		name string
		fsys fs.FS
	}{
		{"empty", fstest.MapFS{}},
		{"other files only", fstest.MapFS{"README.md": {Data: []byte("# Kaarten")}, "sub/flow.yaml": {Data: []byte("version: 1")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fsys)
			var ps *Problems
			if !errors.As(err, &ps) || len(*ps) != 1 || !strings.Contains((*ps)[0].Msg, "geen inhoud gevonden") {
				t.Errorf("Load = %v, want one problem: no content", err)
			}
		})
	}
}

// TestProblemsGolden loads testdata/bad, which has many problems in several
// files, and compares the whole report with testdata/bad.golden. Run with
// -update to rewrite the golden file.
func TestProblemsGolden(t *testing.T) {
	_, err := Load(os.DirFS("testdata/bad"))
	var ps *Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load = %v, want *Problems", err)
	}
	got := ps.Error() + "\n"
	const golden = "testdata/bad.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("problems differ from %s (run with -update to accept):\n%s", golden, got)
	}
}

func TestProblems(t *testing.T) {
	ps := Problems{
		{File: "b.yaml", Line: 2, Msg: "twee"},
		{File: "a.yaml", Line: 10, Msg: "tien"},
		{File: "a.yaml", Msg: "bestand"},
		{File: "a.yaml", Line: 9, Msg: "negen"},
		{Msg: "alles"},
	}
	want := "alles\na.yaml: bestand\na.yaml:9: negen\na.yaml:10: tien\nb.yaml:2: twee"
	if got := ps.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	if ps[0].File != "b.yaml" {
		t.Error("Error() sorted the problems in place")
	}
}

func TestLoadDir(t *testing.T) {
	s, err := LoadDir("testdata/valid")
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	fromFS, err := Load(os.DirFS("testdata/valid"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Version != fromFS.Version {
		t.Errorf("LoadDir version %s, Load version %s", s.Version, fromFS.Version)
	}

	_, err = LoadDir("testdata/bad")
	var ps *Problems
	if !errors.As(err, &ps) {
		t.Fatalf("LoadDir(bad) = %v, want *Problems", err)
	}
	for _, p := range *ps {
		if !strings.HasPrefix(p.File, filepath.Join("testdata", "bad")+string(filepath.Separator)) {
			t.Errorf("problem %q does not name the directory", p)
		}
	}

	if _, err := LoadDir(filepath.Join(t.TempDir(), "missing")); err == nil || errors.As(err, &ps) {
		t.Errorf("LoadDir(missing) = %v, want a read error", err)
	}
}

func TestExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kaarten")
	if err := Export(dir); err != nil {
		t.Fatalf("Export: %v", err)
	}
	exported, err := LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir(exported): %v", err)
	}
	builtin, err := LoadEmbedded()
	if err != nil {
		t.Fatalf("LoadEmbedded: %v", err)
	}
	if exported.Version != builtin.Version || len(exported.Cards) != len(builtin.Cards) || len(exported.Steps()) != len(builtin.Steps()) {
		t.Errorf("exported: version %s, %d cards, %d steps; built-in: version %s, %d cards, %d steps",
			exported.Version, len(exported.Cards), len(exported.Steps()), builtin.Version, len(builtin.Cards), len(builtin.Steps()))
	}

	if err := Export(dir); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Export over existing files = %v, want fs.ErrExist", err)
	}

	// One existing file: nothing is written.
	partial := t.TempDir()
	if err := os.WriteFile(filepath.Join(partial, "flow.yaml"), []byte("eigen"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Export(partial); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Export with flow.yaml present = %v, want fs.ErrExist", err)
	}
	entries, err := os.ReadDir(partial)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("Export wrote %d files next to an existing one, want none", len(entries)-1)
	}
	if data, _ := os.ReadFile(filepath.Join(partial, "flow.yaml")); string(data) != "eigen" {
		t.Errorf("Export overwrote flow.yaml")
	}
}

// TestEmbeddedContentIsValid checks the built-in content: it loads, every
// step asks something, and every text a step shows is there in Dutch and
// English.
func TestEmbeddedContentIsValid(t *testing.T) {
	s, err := LoadEmbedded()
	if err != nil {
		t.Fatalf("built-in content:\n%v", err)
	}
	if len(s.Steps()) == 0 {
		t.Fatal("built-in content has no steps")
	}
	for _, st := range s.Steps() {
		if !st.Item.Kind.Asks() {
			t.Errorf("step %s: kind %q asks nothing", st.ID, st.Item.Kind)
		}
		texts := map[string]Text{
			"phase title":      st.Phase.Title,
			"card title":       st.Card.Title,
			"card purpose":     st.Card.Purpose,
			"item text":        st.Item.Text,
			"item help":        st.Item.Help,
			"item title":       st.Item.Title,
			"item placeholder": st.Item.Placeholder,
			"item reason":      st.Item.Reason,
		}
		for _, o := range st.Options {
			texts["option "+o.ID+" text"] = o.Text
			texts["option "+o.ID+" help"] = o.Help
			texts["option "+o.ID+" reason"] = o.Reason
		}
		for _, r := range st.Card.Readings {
			texts[fmt.Sprintf("reading min %d", r.Min)] = r.Text
		}
		for what, txt := range texts {
			required := what == "phase title" || what == "card title" || what == "card purpose" ||
				what == "item text" || what == "item help" || strings.HasSuffix(what, " text")
			if txt.IsZero() && !required {
				continue
			}
			for _, lang := range Langs() {
				if strings.TrimSpace(txt.In(lang)) == "" || lang == EN && txt.EN == "" {
					t.Errorf("step %s: %s is empty in %s", st.ID, what, lang)
				}
			}
		}
		switch st.Item.Kind {
		case KindChoice, KindMulti, KindDecision, KindArguments:
			if len(st.Options) == 0 {
				t.Errorf("step %s: %s without options", st.ID, st.Item.Kind)
			}
		}
	}
}

// fuzzFlow asks the one question of the fuzzed card "kaart".
const fuzzFlow = `version: "1"
phases:
  - id: p
    title: {nl: Fase, en: Phase}
    steps: [kaart/vraag]
`

func FuzzLoad(f *testing.F) {
	f.Add([]byte(`id: kaart
title: {nl: Kaart, en: Card}
purpose: {nl: Doel, en: Purpose}
items:
  - id: vraag
    kind: choice
    text: {nl: Vraag, en: Question}
    help: {nl: Hulp, en: Help}
    options:
      - id: a
        text: {nl: A, en: A}
        closes: true
      - id: b
        text: {nl: B, en: B}
        strong: true
    see: [kaart/vraag]
readings:
  - min: 1
    text: {nl: Een, en: One}
`))
	f.Add([]byte("id: kaart\ntitle: &a {nl: x, en: y}\npurpose: *a\nitems:\n  - id: vraag\n    kind: text\n---\nx: 1\n"))
	f.Add([]byte("- [\n"))
	f.Add([]byte(""))
	for _, dir := range []string{"testdata/valid", "testdata/bad"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Load(fstest.MapFS{
			"flow.yaml":  {Data: []byte(fuzzFlow)},
			"kaart.yaml": {Data: data},
		})
		if err == nil {
			if s == nil || len(s.Steps()) != 1 || s.Steps()[0].Item == nil {
				t.Fatalf("Load = %v, nil: want a set with one step", s)
			}
			return
		}
		var ps *Problems
		if !errors.As(err, &ps) || len(*ps) == 0 || s != nil {
			t.Fatalf("Load = %v, %v: want nil and *Problems", s, err)
		}
		for _, p := range *ps {
			if p.File == "" || p.Msg == "" || p.Line < 0 {
				t.Fatalf("incomplete problem %+v", p)
			}
		}
		_ = ps.Error()
	})
}
