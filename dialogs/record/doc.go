// Package record holds the domain types of a maatwerk case: the case
// itself, its answers, arguments, decision, escalations and log. It is what
// the engine (package dialogs) changes, the store (package store) keeps and
// the transport (package bot) and the exports show.
//
// Package record imports nothing of this module but package cards.
package record
