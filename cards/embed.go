package cards

import (
	"embed"
	"io/fs"
)

// embedded is the built-in content: the files in cards/data.
//
//go:embed data/*.yaml
var embedded embed.FS

// Embedded returns the built-in content: the files of cards/data, at the
// root of the returned FS.
func Embedded() fs.FS {
	// fs.Sub fails only on an invalid path, and "data" is valid.
	sub, _ := fs.Sub(embedded, "data")
	return sub
}

// LoadEmbedded loads and validates the built-in content.
func LoadEmbedded() (*Set, error) {
	return Load(Embedded())
}
