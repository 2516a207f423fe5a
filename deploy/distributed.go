package deploy

import (
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// RedirectPath is where Slack sends the installer back after consent
// (bot's GET /slack/oauth_redirect).
const RedirectPath = "/slack/oauth_redirect"

// DistributedManifest is the HTTP mode manifest of an app that more than
// one workspace installs through Slack's OAuth flow (issue 18.1): Manifest
// for mode http, plus oauth_config.redirect_urls (baseURL + RedirectPath)
// and settings.token_rotation_enabled: true. Public distribution itself is
// switched on in the app's settings ("Manage Distribution"); the manifest
// has no field for it.
func DistributedManifest(command, baseURL string) ([]byte, error) {
	out, err := Manifest("http", command, baseURL)
	if err != nil {
		return nil, err
	}
	base, _ := checkBaseURL(baseURL) // checked by Manifest
	redirect, err := json.Marshal(base + RedirectPath)
	if err != nil {
		return nil, fmt.Errorf("deploy: %w", err)
	}
	text := string(out)
	for _, must := range []string{"\noauth_config:\n", "\n  token_rotation_enabled: false\n"} {
		if strings.Count(text, must) != 1 {
			return nil, fmt.Errorf("deploy: the http manifest has %q %d times, want once", strings.TrimSpace(must), strings.Count(text, must))
		}
	}
	text = strings.NewReplacer(
		"\noauth_config:\n", "\noauth_config:\n  redirect_urls:\n    - "+string(redirect)+"\n",
		"\n  token_rotation_enabled: false\n", "\n  token_rotation_enabled: true\n",
	).Replace(text)
	var doc struct {
		OAuthConfig struct {
			RedirectURLs []string `yaml:"redirect_urls"`
		} `yaml:"oauth_config"`
		Settings struct {
			TokenRotation bool `yaml:"token_rotation_enabled"`
		} `yaml:"settings"`
	}
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, fmt.Errorf("deploy: the distributed manifest does not render as YAML: %w", err)
	}
	if len(doc.OAuthConfig.RedirectURLs) != 1 || doc.OAuthConfig.RedirectURLs[0] != base+RedirectPath || !doc.Settings.TokenRotation {
		return nil, fmt.Errorf("deploy: the distributed manifest does not say what was asked")
	}
	return []byte(text), nil
}
