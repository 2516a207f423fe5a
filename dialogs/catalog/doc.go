// Package catalog holds the interface texts of package dialogs, Dutch and
// English side by side per key (texts.go), and serves them from a
// golang.org/x/text/message/catalog Builder. A counted noun is a plural
// entry: ${name} in the text is filled with the "one" or "other" form that
// the CLDR plural rules choose for the count argument.
//
// A text is a fmt format string. The catalog picks the plural forms and
// leaves the formatting to package fmt, so numbers print exactly as fmt
// prints them (no grouping by locale).
//
// It imports golang.org/x/text, cards and the standard library.
package catalog
