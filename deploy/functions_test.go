package deploy

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestManifestFunctions: the printed manifests declare the workflow step
// start_maatwerkcasus with the fields Slack's manifest reference documents
// for a function (version 1 manifest): the callback_id as the key, title,
// description, input_parameters and output_parameters with each parameter
// keyed by name and having a type, a title and is_required; and the
// settings an app with functions needs.
func TestManifestFunctions(t *testing.T) {
	type param struct {
		typ      string
		required bool
	}
	wantInputs := map[string]param{
		"channel":    {"slack#/types/channel_id", true},
		"title":      {"string", true},
		"scheme":     {"string", false},
		"zaaknummer": {"string", false},
		"started_by": {"slack#/types/user_id", false},
	}
	wantOutputs := map[string]param{
		"case_id":   {"string", true},
		"case_link": {"string", true},
	}
	for _, mode := range []string{"socket", "http"} {
		t.Run(mode, func(t *testing.T) {
			out, err := Manifest(mode, "/maatwerk", "https://bot.gemeente.example")
			if err != nil {
				t.Fatal(err)
			}
			m := yamlDocs(t, "manifest", out)[0]
			if got := get(m, "settings", "function_runtime"); got != "remote" {
				t.Errorf("settings.function_runtime = %v, want remote", got)
			}
			if got := get(m, "settings", "org_deploy_enabled"); got != true {
				t.Errorf("settings.org_deploy_enabled = %v, want true (Slack requires it for functions)", got)
			}
			if !slices.Contains(strs(get(m, "settings", "event_subscriptions", "bot_events")), "function_executed") {
				t.Error("bot event function_executed is not subscribed")
			}
			if get(m, "_metadata") != nil {
				t.Errorf("_metadata = %v: the functions are written for a version 1 manifest", get(m, "_metadata"))
			}
			fns, _ := get(m, "functions").(map[string]any)
			if got := slices.Sorted(maps.Keys(fns)); !slices.Equal(got, []string{"start_maatwerkcasus"}) {
				t.Fatalf("functions = %v, want start_maatwerkcasus", got)
			}
			f := fns["start_maatwerkcasus"]
			if get(f, "title") != "Start maatwerkcasus" || len(fmtString(get(f, "description"))) < 20 {
				t.Errorf("title %v, description %v", get(f, "title"), get(f, "description"))
			}
			for _, side := range []struct {
				key  string
				want map[string]param
			}{{"input_parameters", wantInputs}, {"output_parameters", wantOutputs}} {
				params, _ := get(f, side.key).(map[string]any)
				if got, want := slices.Sorted(maps.Keys(params)), slices.Sorted(maps.Keys(side.want)); !slices.Equal(got, want) {
					t.Errorf("%s = %v, want %v", side.key, got, want)
				}
				for name, w := range side.want {
					p := params[name]
					if get(p, "type") != w.typ || get(p, "is_required") != w.required || fmtString(get(p, "title")) == "" ||
						fmtString(get(p, "description")) == "" || get(p, "name") != name {
						t.Errorf("%s.%s = %v, want type %s, is_required %t, a title, a description and name %s", side.key, name, p, w.typ, w.required, name)
					}
				}
			}
		})
	}
}

func fmtString(v any) string {
	s, _ := v.(string)
	return s
}

// TestCheckFunctions: Manifest refuses to print a functions section Slack
// would refuse.
func TestCheckFunctions(t *testing.T) {
	raw, err := manifests.ReadFile("slack/manifest-socket.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(d *manifestDoc)
		want   string // in the error; "" for none
	}{
		{"as embedded", func(*manifestDoc) {}, ""},
		{"no functions need no settings", func(d *manifestDoc) {
			d.Functions, d.Settings.FunctionRuntime, d.Settings.OrgDeployEnabled = nil, "", false
		}, ""},
		{"no function_runtime", func(d *manifestDoc) { d.Settings.FunctionRuntime = "" }, "function_runtime"},
		{"Slack-hosted runtime", func(d *manifestDoc) { d.Settings.FunctionRuntime = "slack" }, "function_runtime"},
		{"not org-ready", func(d *manifestDoc) { d.Settings.OrgDeployEnabled = false }, "org_deploy_enabled"},
		{"no function_executed", func(d *manifestDoc) {
			d.Settings.EventSubscriptions.BotEvents = slices.DeleteFunc(d.Settings.EventSubscriptions.BotEvents,
				func(e string) bool { return e == "function_executed" })
		}, "function_executed"},
		{"version 2 manifest", func(d *manifestDoc) { d.Metadata.MajorVersion = 2 }, "version 2"},
		{"callback_id not snake_case", func(d *manifestDoc) { rename(d, "Start-Maatwerkcasus") }, "snake_case"},
		{"callback_id too long", func(d *manifestDoc) { rename(d, strings.Repeat("a", 101)) }, "100 characters"},
		{"no title", func(d *manifestDoc) { fn(d, func(f *manifestFunction) { f.Title = "" }) }, "title"},
		{"title too long", func(d *manifestDoc) { fn(d, func(f *manifestFunction) { f.Title = strings.Repeat("x", 256) }) }, "255"},
		{"no description", func(d *manifestDoc) { fn(d, func(f *manifestFunction) { f.Description = "" }) }, "description"},
		{"no outputs", func(d *manifestDoc) { fn(d, func(f *manifestFunction) { f.OutputParameters = nil }) }, "output_parameters"},
		{"input without type", func(d *manifestDoc) {
			param(d, "title", func(p *manifestParameter) { p.Type = "" })
		}, `input parameter title: type ""`},
		{"input of an unknown type", func(d *manifestDoc) {
			param(d, "channel", func(p *manifestParameter) { p.Type = "channel" })
		}, "input parameter channel: type"},
		{"input without title", func(d *manifestDoc) {
			param(d, "scheme", func(p *manifestParameter) { p.Title = "" })
		}, "scheme: no title"},
		{"input without is_required", func(d *manifestDoc) {
			param(d, "zaaknummer", func(p *manifestParameter) { p.IsRequired = nil })
		}, "zaaknummer: no is_required"},
		{"input named otherwise", func(d *manifestDoc) {
			param(d, "started_by", func(p *manifestParameter) { p.Name = "user" })
		}, `started_by: name is "user"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d manifestDoc
			if err := yaml.Unmarshal(raw, &d); err != nil {
				t.Fatal(err)
			}
			tt.change(&d)
			err := d.checkFunctions()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one with %q", err, tt.want)
			}
		})
	}
}

// fn changes the one function of d.
func fn(d *manifestDoc, change func(f *manifestFunction)) {
	for id, f := range d.Functions {
		change(&f)
		d.Functions[id] = f
	}
}

// rename gives the one function of d another callback_id.
func rename(d *manifestDoc, id string) {
	for old, f := range d.Functions {
		delete(d.Functions, old)
		d.Functions[id] = f
	}
}

// param changes an input parameter of the one function of d.
func param(d *manifestDoc, name string, change func(p *manifestParameter)) {
	fn(d, func(f *manifestFunction) {
		p := f.InputParameters[name]
		change(&p)
		f.InputParameters[name] = p
	})
}
