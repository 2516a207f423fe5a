package deploy

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"unicode/utf8"
)

// The functions section of the manifest: custom workflow steps. These are
// the rules of Slack's app manifest reference for functions in a version 1
// manifest (no _metadata.major_version 2): each function is keyed by its
// callback_id (snake_case, at most 100 characters) and has a title (at most
// 255 characters), a description, and input_parameters and
// output_parameters, each parameter keyed by its name with a type, a
// title and is_required. An app with functions needs
// settings.function_runtime ("remote" for an app that runs them itself),
// settings.org_deploy_enabled true, and the function_executed bot event.

// manifestFunction is one function of the manifest.
type manifestFunction struct {
	Title            string                       `yaml:"title"`
	Description      string                       `yaml:"description"`
	InputParameters  map[string]manifestParameter `yaml:"input_parameters"`
	OutputParameters map[string]manifestParameter `yaml:"output_parameters"`
}

// manifestParameter is one input or output parameter of a function.
type manifestParameter struct {
	Type        string `yaml:"type"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	IsRequired  *bool  `yaml:"is_required"`
	Name        string `yaml:"name"`
}

// callbackIDShape is a function's callback_id: snake_case.
var callbackIDShape = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// parameterTypes are the parameter types the manifests use: Slack's
// built-in types for text and for Slack's own ids.
var parameterTypes = []string{"string", "integer", "number", "boolean", "slack#/types/channel_id", "slack#/types/user_id", "slack#/types/timestamp"}

// checkFunctions says what Slack would refuse in the functions section and
// the settings it needs.
func (d *manifestDoc) checkFunctions() error {
	if len(d.Functions) == 0 {
		return nil
	}
	switch {
	case d.Settings.FunctionRuntime != "remote":
		return fmt.Errorf("functions need settings.function_runtime remote, not %q", d.Settings.FunctionRuntime)
	case !d.Settings.OrgDeployEnabled:
		return errors.New("functions need settings.org_deploy_enabled true")
	case !slices.Contains(d.Settings.EventSubscriptions.BotEvents, "function_executed"):
		return errors.New("functions need the bot event function_executed")
	case d.Metadata.MajorVersion > 1:
		return errors.New("the functions are written as in a version 1 manifest (parameters keyed by name), but _metadata asks for version 2")
	}
	ids := make([]string, 0, len(d.Functions))
	for id := range d.Functions {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		f := d.Functions[id]
		switch {
		case !callbackIDShape.MatchString(id) || len(id) > 100:
			return fmt.Errorf("function %q: the callback_id must be snake_case, at most 100 characters", id)
		case f.Title == "" || utf8.RuneCountInString(f.Title) > 255:
			return fmt.Errorf("function %s: title must be 1 to 255 characters", id)
		case f.Description == "":
			return fmt.Errorf("function %s: no description", id)
		case f.InputParameters == nil || f.OutputParameters == nil:
			return fmt.Errorf("function %s: needs input_parameters and output_parameters", id)
		}
		for _, side := range []struct {
			what   string
			params map[string]manifestParameter
		}{{"input", f.InputParameters}, {"output", f.OutputParameters}} {
			if err := checkParameters(side.params); err != nil {
				return fmt.Errorf("function %s: %s parameter %w", id, side.what, err)
			}
		}
	}
	return nil
}

// checkParameters checks the parameters of one side of a function.
func checkParameters(params map[string]manifestParameter) error {
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := params[name]
		switch {
		case !callbackIDShape.MatchString(name):
			return fmt.Errorf("%q: the name must be snake_case", name)
		case p.Name != "" && p.Name != name:
			return fmt.Errorf("%s: name is %q", name, p.Name)
		case !slices.Contains(parameterTypes, p.Type):
			return fmt.Errorf("%s: type %q is not one of %v", name, p.Type, parameterTypes)
		case p.Title == "":
			return fmt.Errorf("%s: no title", name)
		case p.IsRequired == nil:
			return fmt.Errorf("%s: no is_required", name)
		}
	}
	return nil
}
