package deploy

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// TestManifestShortcuts: the shortcuts of a printed manifest, in both
// modes, have exactly the fields Slack's manifest reference documents for
// features.shortcuts — name, type (message or global), callback_id (at
// most 255 characters) and description (at most 150), all required — and
// both templates declare the same ones.
func TestManifestShortcuts(t *testing.T) {
	var declared [][]any
	for _, mode := range []string{"socket", "http"} {
		out, err := Manifest(mode, "/maatwerk", "https://bot.gemeente.example")
		if err != nil {
			t.Fatal(err)
		}
		m := yamlDocs(t, mode, out)[0]
		list, ok := get(m, "features", "shortcuts").([]any)
		if !ok || len(list) == 0 || len(list) > 10 {
			t.Fatalf("%s: features.shortcuts = %v", mode, get(m, "features", "shortcuts"))
		}
		declared = append(declared, list)
		types := map[string]string{}
		for i, sc := range list {
			fields, ok := sc.(map[string]any)
			if !ok {
				t.Fatalf("%s: shortcut %d is no mapping: %v", mode, i, sc)
			}
			var keys []string
			for k, v := range fields {
				keys = append(keys, k)
				if s, ok := v.(string); !ok || strings.TrimSpace(s) == "" {
					t.Errorf("%s: shortcut %d: %s = %v, want a text", mode, i, k, v)
				}
			}
			slices.Sort(keys)
			if want := []string{"callback_id", "description", "name", "type"}; !slices.Equal(keys, want) {
				t.Errorf("%s: shortcut %d has fields %v, want %v", mode, i, keys, want)
			}
			name, typ := fmt.Sprint(fields["name"]), fmt.Sprint(fields["type"])
			id, desc := fmt.Sprint(fields["callback_id"]), fmt.Sprint(fields["description"])
			if typ != "message" && typ != "global" {
				t.Errorf("%s: shortcut %q: type %q", mode, name, typ)
			}
			if n := utf8.RuneCountInString(id); n > 255 {
				t.Errorf("%s: shortcut %q: callback_id of %d characters", mode, name, n)
			}
			if n := utf8.RuneCountInString(desc); n > 150 {
				t.Errorf("%s: shortcut %q: description of %d characters", mode, name, n)
			}
			if _, dup := types[id]; dup {
				t.Errorf("%s: callback_id %q twice", mode, id)
			}
			types[id] = typ
		}
		want := map[string]string{"mw.case_from_message": "message", "mw.new_case": "global"}
		if !reflect.DeepEqual(types, want) {
			t.Errorf("%s: shortcuts %v, want %v", mode, types, want)
		}
		if !slices.Contains(strs(get(m, "oauth_config", "scopes", "bot")), "commands") || get(m, "settings", "interactivity", "is_enabled") != true {
			t.Errorf("%s: shortcuts need the commands scope and interactivity", mode)
		}
	}
	if !reflect.DeepEqual(declared[0], declared[1]) {
		t.Errorf("the templates' shortcuts differ:\nsocket %v\nhttp   %v", declared[0], declared[1])
	}
	if got := Shortcuts(); len(got) != len(declared[0]) {
		t.Errorf("Shortcuts() = %v", got)
	}
}

func TestCheckShortcuts(t *testing.T) {
	ok := Shortcut{Name: "Maatwerkcasus starten", Type: "message", CallbackID: "mw.x", Description: "Start een casus."}
	with := func(f func(*Shortcut)) []Shortcut {
		s := ok
		f(&s)
		return []Shortcut{s}
	}
	tests := []struct {
		name      string
		shortcuts []Shortcut
		wantErr   string // "" for none
	}{
		{"fine", []Shortcut{ok}, ""},
		{"none", nil, ""},
		{"no name", with(func(s *Shortcut) { s.Name = " " }), "no name"},
		{"other type", with(func(s *Shortcut) { s.Type = "workflow" }), "type"},
		{"no callback_id", with(func(s *Shortcut) { s.CallbackID = "" }), "callback_id"},
		{"long callback_id", with(func(s *Shortcut) { s.CallbackID = strings.Repeat("x", 256) }), "callback_id"},
		{"no description", with(func(s *Shortcut) { s.Description = "" }), "description"},
		{"long description", with(func(s *Shortcut) { s.Description = strings.Repeat("é", 151) }), "description"},
		{"150 characters", with(func(s *Shortcut) { s.Description = strings.Repeat("é", 150) }), ""},
		{"twice", []Shortcut{ok, ok}, "twice"},
		{"eleven", slices.Repeat([]Shortcut{ok}, 11), "at most 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkShortcuts(tt.shortcuts)
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("checkShortcuts = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// TestManifestRefusesBrokenShortcuts: Manifest reads its result back and
// refuses a template whose shortcut Slack would not take.
func TestManifestRefusesBrokenShortcuts(t *testing.T) {
	raw, err := os.ReadFile("slack/manifest-socket.yaml")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(raw), "type: global", "type: everywhere", 1)
	if broken == string(raw) {
		t.Fatal("the template has no global shortcut")
	}
	var doc manifestDoc
	if err := yaml.Unmarshal([]byte(broken), &doc); err != nil {
		t.Fatal(err)
	}
	if err := doc.check("socket", "/maatwerk", ""); err == nil || !strings.Contains(err.Error(), "everywhere") {
		t.Errorf("check = %v, want the shortcut's type refused", err)
	}
}
