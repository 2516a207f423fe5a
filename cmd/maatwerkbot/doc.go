// Command maatwerkbot is a Slack app that helps caseworkers decide well when
// a citizen's situation calls for maatwerk. This package only wires the
// parts together: configuration, logging, signals and subcommands.
//
//	maatwerkbot                 serve Slack (Socket Mode or HTTP)
//	maatwerkbot console         the whole conversation in a terminal
//	maatwerkbot backup FILE     hot backup of the database
//	maatwerkbot export --channel C [--format csv|json] [FILE]  one channel's cases
//	maatwerkbot cards check DIR validate an organisation's card files
//	maatwerkbot cards export DIR write the built-in cards as a starting point
//	maatwerkbot manifest [--http URL] the Slack app manifest to create the app from
//	maatwerkbot healthcheck     ask the running bot on this host whether it is up
//	maatwerkbot --help          every configuration variable
//
// It may import every package of the module; none imports it (a test in
// this package checks the import rules of all packages).
package main
