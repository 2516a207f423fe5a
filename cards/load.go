package cards

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// flowFile is the name of the file that holds the Flow.
const flowFile = "flow.yaml"

// Load reads every *.yaml file at the root of fsys: flow.yaml is the Flow,
// every other file is one Card, with the file name (without .yaml) as its
// id. Other files, subdirectories and hidden files are ignored.
//
// Load validates the whole set. When the content is wrong, the error is a
// *Problems holding every problem found, each with file, line and a Dutch
// explanation for the person who edits the content. Any other error means a
// file could not be read.
func Load(fsys fs.FS) (*Set, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("cards: read content: %w", err)
	}
	var ps Problems
	at := make(map[any]int)
	broken := make(map[string]bool)
	s := &Set{Flow: Flow{file: flowFile}}
	sum := sha256.New()
	// flow is whether flow.yaml was read; found, whether it was there.
	files, flow, found := 0, false, false
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if ext := path.Ext(name); ext != ".yaml" {
			if strings.EqualFold(ext, ".yml") || strings.EqualFold(ext, ".yaml") {
				ps.add(name, 0, "dit bestand wordt niet gelezen: geef het de extensie .yaml (kleine letters)")
				broken[strings.TrimSuffix(name, ext)] = true
			}
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("cards: read %s: %w", name, err)
		}
		files++
		writeFile(sum, name, data)

		d := &decoder{file: name, ps: &ps, at: at}
		root := d.parse(data)
		switch {
		case name == flowFile:
			found = true
			if root != nil {
				flow = true
				d.flow(root, &s.Flow)
			}
		case root == nil:
			broken[strings.TrimSuffix(name, ".yaml")] = true
		default:
			c := &Card{file: name}
			d.card(root, c)
			s.Cards = append(s.Cards, c)
		}
	}
	if files == 0 {
		return nil, &Problems{{Msg: "geen inhoud gevonden: er staan geen .yaml-bestanden in de map"}}
	}
	if !found {
		ps.add(flowFile, 0, "flow.yaml ontbreekt: dat bestand legt vast welke vragen het gesprek stelt, in welke volgorde")
	}

	ch := &checker{ps: &ps, at: at, broken: broken}
	ch.set(s, flow)
	if len(ps) > 0 {
		sortProblems(ps)
		return nil, &ps
	}

	s.Version = s.Flow.Version + "+" + hex.EncodeToString(sum.Sum(nil))[:8]
	if err := s.resolve(); err != nil {
		return nil, fmt.Errorf("cards: resolve flow: %w", err)
	}
	return s, nil
}

// writeFile adds a file's name and content to the content's hash,
// unambiguously.
func writeFile(h hash.Hash, name string, data []byte) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(name)))
	h.Write(n[:])
	h.Write([]byte(name))
	binary.BigEndian.PutUint64(n[:], uint64(len(data)))
	h.Write(n[:])
	h.Write(data)
}

// LoadDir loads the content in dir, as Load does; problems name their file
// with dir in front.
func LoadDir(dir string) (*Set, error) {
	s, err := Load(os.DirFS(dir))
	var ps *Problems
	if errors.As(err, &ps) {
		for i := range *ps {
			(*ps)[i].File = filepath.Join(dir, (*ps)[i].File)
		}
	}
	return s, err
}

// Export writes the built-in content to dir, creating dir if needed, as the
// starting point for an organisation's own content. It refuses, writing
// nothing, when any of the files already exists in dir.
func Export(dir string) error {
	src := Embedded()
	entries, err := fs.ReadDir(src, ".")
	if err != nil {
		return fmt.Errorf("cards: export: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cards: export: %w", err)
	}
	for _, e := range entries {
		dst := filepath.Join(dir, e.Name())
		if _, err := os.Lstat(dst); err == nil {
			return fmt.Errorf("cards: export: %s: %w", dst, fs.ErrExist)
		}
	}
	for _, e := range entries {
		data, err := fs.ReadFile(src, e.Name())
		if err != nil {
			return fmt.Errorf("cards: export: %w", err)
		}
		if err := writeNew(filepath.Join(dir, e.Name()), data); err != nil {
			return fmt.Errorf("cards: export: %w", err)
		}
	}
	return nil
}

// writeNew writes a file that must not exist yet.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
