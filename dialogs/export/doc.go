// Package export writes cases for use outside Slack: a CSV table or a JSON
// array of the cases' summaries, for team leads (through the bot) and for
// operators (maatwerkbot export, also while the bot runs); and one case as
// a document for the dossier, in Markdown or as a PDF.
//
// It imports the engine (for the summary), the domain types, the standard
// library, codeberg.org/go-pdf/fpdf and the Go fonts (golang.org/x/image)
// for the PDF; no chat platform and no database.
package export
