// Command maatwerk-load is maatwerkbot's load benchmark. It runs the real
// bot binary in HTTP mode as a child process against the fake Slack Web API
// (bot/fakeslack) on loopback, and drives it the way Slack would: signed
// slash commands that start cases, and signed interactions (clicks and modal
// submissions) answering the open question of each case, at a target rate.
//
//	go build -o /tmp/maatwerkbot ./cmd/maatwerkbot
//	go run ./cmd/maatwerk-load -bin /tmp/maatwerkbot -rate 200 -duration 60s -cases 64
//
// It prints throughput, acknowledgement latency (client side: request sent →
// response received; server side: from the bot's /metrics), the Web API
// calls the bot made, errors, and the bot's resident memory (VmRSS/VmHWM of
// the child). It then measures the floor under the same rate and
// concurrency: a process that only checks the HMAC signature and does one
// bbolt write per request, and prints p99/floor. Finally it stops the bot
// and checks that every acknowledged answer is in the database.
//
// It imports the bot's fake Slack and the store's group commit (for the
// floor server); it runs the bot as a child process, never in-process.
package main
