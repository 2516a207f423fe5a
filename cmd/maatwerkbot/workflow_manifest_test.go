package main

import (
	"maps"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/maatwerkbot/maatwerkbot/bot"
	"github.com/maatwerkbot/maatwerkbot/deploy"
)

// TestManifestWorkflowStepMatchesBot: the workflow step the manifest
// declares is the one the bot answers, with the inputs it reads and the
// outputs it gives.
func TestManifestWorkflowStepMatchesBot(t *testing.T) {
	for _, mode := range []string{"socket", "http"} {
		t.Run(mode, func(t *testing.T) {
			out, err := deploy.Manifest(mode, "/maatwerk", "https://bot.gemeente.example")
			if err != nil {
				t.Fatal(err)
			}
			var m struct {
				Functions map[string]struct {
					Inputs  map[string]any `yaml:"input_parameters"`
					Outputs map[string]any `yaml:"output_parameters"`
				} `yaml:"functions"`
			}
			if err := yaml.Unmarshal(out, &m); err != nil {
				t.Fatal(err)
			}
			f, ok := m.Functions[bot.WorkflowStep]
			if !ok || len(m.Functions) != 1 {
				t.Fatalf("functions %v, want only %s", slices.Sorted(maps.Keys(m.Functions)), bot.WorkflowStep)
			}
			if got, want := slices.Sorted(maps.Keys(f.Inputs)), slices.Sorted(slices.Values(bot.WorkflowInputs())); !slices.Equal(got, want) {
				t.Errorf("input_parameters %v, the bot reads %v", got, want)
			}
			if got, want := slices.Sorted(maps.Keys(f.Outputs)), slices.Sorted(slices.Values(bot.WorkflowOutputs())); !slices.Equal(got, want) {
				t.Errorf("output_parameters %v, the bot gives %v", got, want)
			}
		})
	}
}
