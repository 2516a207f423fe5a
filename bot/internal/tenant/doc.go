// Package tenant serves a distributed app (installed through Slack's OAuth
// flow in more than one workspace) with each workspace's own bot token.
//
// The workspace a piece of work belongs to travels in its context (With,
// From): the request's team_id for what Slack sent, the case's team for
// the outbox and the schedules. Transport puts that workspace's token on
// every Web API call made in that context, and refuses a call whose
// context names no workspace, so work can never borrow another
// workspace's token. Source reads the installations from the store,
// keeps them a short while, and refreshes a rotating token before it
// expires.
//
// It imports store (the installations) and slack-go's OAuth calls; it
// must not import the rest of the bot.
package tenant
