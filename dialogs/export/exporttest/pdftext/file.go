package pdftext

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
)

// object is an indirect object: its value and, for a stream, its raw
// (still encoded) data.
type object struct {
	val    any
	stream []byte
	isStrm bool
}

// file is a PDF's indirect objects by number, and its trailer.
type file struct {
	objs    map[int]object
	trailer dict
}

// maxInflated bounds what one stream may inflate to.
const maxInflated = 64 << 20

// parse reads every "N G obj … endobj" of b, in order; a later definition
// of a number wins, as an incremental update would. It reads the trailer
// dictionary too.
func parse(b []byte) *file {
	f := &file{objs: map[int]object{}}
	l := &lexer{b: b}
	var prev [2]any // the two tokens before the current one
	for {
		tok := l.next()
		if tok == nil {
			return f
		}
		switch tok {
		case keyword("obj"):
			num, ok1 := prev[0].(float64)
			_, ok2 := prev[1].(float64)
			if ok1 && ok2 && num >= 0 && num < 1e9 {
				f.objs[int(num)] = f.readObject(l)
			}
		case keyword("trailer"):
			if d, ok := l.value(l.next(), 0).(dict); ok {
				f.trailer = d
			}
		}
		prev[0], prev[1] = prev[1], tok
	}
}

// readObject reads an object's value after "obj", and its stream if one
// follows.
func (f *file) readObject(l *lexer) object {
	o := object{val: l.value(l.next(), 0)}
	save := l.pos
	if l.next() != keyword("stream") {
		l.pos = save
		return o
	}
	start := l.pos
	if start < len(l.b) && l.b[start] == '\r' {
		start++
	}
	if start < len(l.b) && l.b[start] == '\n' {
		start++
	}
	o.isStrm = true
	if d, ok := o.val.(dict); ok {
		if n, ok := d["Length"].(float64); ok && n >= 0 && float64(start)+n <= float64(len(l.b)) {
			end := start + int(n)
			rest := bytes.TrimLeft(l.b[end:], "\r\n \t")
			if bytes.HasPrefix(rest, []byte("endstream")) {
				o.stream = l.b[start:end]
				l.pos = len(l.b) - len(rest) + len("endstream")
				return o
			}
		}
	}
	// No usable /Length: the data runs to endstream, less its end of line.
	i := bytes.Index(l.b[start:], []byte("endstream"))
	if i < 0 {
		o.stream = l.b[start:]
		l.pos = len(l.b)
		return o
	}
	o.stream = bytes.TrimSuffix(bytes.TrimSuffix(l.b[start:start+i], []byte("\n")), []byte("\r"))
	l.pos = start + i + len("endstream")
	return o
}

// resolve follows references (a bounded number of them).
func (f *file) resolve(v any) any {
	for range 32 {
		r, ok := v.(ref)
		if !ok {
			return v
		}
		v = f.objs[r.num].val
	}
	return nil
}

// dictOf returns v resolved as a dictionary, or nil.
func (f *file) dictOf(v any) dict {
	d, _ := f.resolve(v).(dict)
	return d
}

// data returns the decoded data of the stream v refers to.
func (f *file) data(v any) ([]byte, error) {
	r, ok := v.(ref)
	if !ok {
		return nil, errors.New("pdftext: a stream that is not an indirect object")
	}
	o, ok := f.objs[r.num]
	if !ok || !o.isStrm {
		return nil, fmt.Errorf("pdftext: object %d is not a stream", r.num)
	}
	d, _ := o.val.(dict)
	var filters []any
	switch fl := f.resolve(d["Filter"]).(type) {
	case nil:
	case name:
		filters = []any{fl}
	case array:
		filters = fl
	default:
		return nil, fmt.Errorf("pdftext: object %d: a filter that is not a name", r.num)
	}
	b := o.stream
	for _, fl := range filters {
		if f.resolve(fl) != name("FlateDecode") {
			return nil, fmt.Errorf("pdftext: object %d: filter %v not supported", r.num, fl)
		}
		zr, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("pdftext: object %d: %w", r.num, err)
		}
		out, err := io.ReadAll(io.LimitReader(zr, maxInflated+1))
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("pdftext: object %d: %w", r.num, err)
		}
		if len(out) > maxInflated {
			return nil, fmt.Errorf("pdftext: object %d inflates to more than %d bytes", r.num, maxInflated)
		}
		b = out
	}
	return b, nil
}

// page is a page object with the resources it has or inherits.
type page struct {
	d         dict
	resources dict
}

// pages returns the document's pages in order: the catalog's page tree,
// depth first. A tree that loops is read once.
func (f *file) pages() ([]page, error) {
	root := f.dictOf(f.trailer["Root"])
	if root == nil {
		// No trailer (or a broken one): the first catalog will do.
		nums := slices.Sorted(maps.Keys(f.objs))
		for _, n := range nums {
			if d, ok := f.objs[n].val.(dict); ok && d["Type"] == name("Catalog") {
				root = d
				break
			}
		}
	}
	if root == nil {
		return nil, errors.New("pdftext: no catalog")
	}
	var out []page
	seen := map[int]bool{}
	var walk func(v any, res dict, depth int)
	walk = func(v any, res dict, depth int) {
		if r, ok := v.(ref); ok {
			if seen[r.num] {
				return
			}
			seen[r.num] = true
		}
		d := f.dictOf(v)
		if d == nil || depth > maxDepth {
			return
		}
		if r := f.dictOf(d["Resources"]); r != nil {
			res = r
		}
		if kids, ok := f.resolve(d["Kids"]).(array); ok && d["Type"] != name("Page") {
			for _, k := range kids {
				walk(k, res, depth+1)
			}
			return
		}
		out = append(out, page{d: d, resources: res})
	}
	walk(root["Pages"], nil, 0)
	if len(out) == 0 {
		return nil, errors.New("pdftext: no pages")
	}
	return out, nil
}
