// Package rendertest checks rendered Block Kit in tests: golden files
// (testdata/golden, rewritten with -update) and Slack's size limits for
// blocks, elements and views, as Slack's Block Kit reference states them.
//
// Only tests import it.
package rendertest
