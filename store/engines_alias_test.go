package store_test

import "github.com/maatwerkbot/maatwerkbot/store"

// The table of engines (store.Engines, engines_test.go) under short names.
type engine = store.Engine

var eachEngine = store.EachEngine
