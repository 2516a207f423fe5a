// Package cards holds the content of the Denkhulp maatwerk card book and the
// essay Maatwerk als standaard as data: the cards, their questions and the
// order in which a case conversation asks them.
//
// The content lives in YAML files (see README.md in this folder), embedded in
// the binary and replaceable by an organisation's own copy. Load validates a
// set completely and reports every problem with file and line.
//
// Package cards imports no Slack, bbolt or dialogs type: it is the bottom of
// the dependency graph.
package cards
