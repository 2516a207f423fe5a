// Package deploy holds what an operator needs to install maatwerkbot: the
// Slack app manifests, the container and service files.
//
// The manifests in slack/ are complete, valid manifests as they stand (the
// HTTP one with https://maatwerkbot.example.org as its address); Manifest
// fills in an organisation's own slash command name and public address.
//
// It imports the standard library only.
package deploy
