// Package dialogstest helps tests of the packages that show cases (the
// Block Kit renderer, the exports): it walks a case over the real content
// the way a caseworker would answer it, so that golden files show a
// realistic case.
//
// It imports cards, dialogs and dialogs/record; only tests import it.
package dialogstest
