package pdftext

import (
	"errors"
	"strings"
)

// Extract returns the text of the PDF b: one line per text object or move
// of the text position, each line ended by "\n", pages separated by "\f".
// It fails on a file without pages or with a content stream it cannot
// decode; it never panics.
func Extract(b []byte) (string, error) {
	if len(b) == 0 {
		return "", errors.New("pdftext: empty file")
	}
	f := parse(b)
	pages, err := f.pages()
	if err != nil {
		return "", err
	}
	texts := make([]string, len(pages))
	// The maps read so far: by object number, or, for a font given
	// directly in a page's resources, by page and resource name.
	type fontKey struct {
		num, page int
		name      string
	}
	maps := map[fontKey]*cmap{}
	for i, p := range pages {
		var content []byte
		cs := p.d["Contents"]
		list, ok := f.resolve(cs).(array)
		if !ok {
			list = array{cs}
		}
		for _, c := range list {
			if c == nil {
				continue
			}
			data, err := f.data(c)
			if err != nil {
				return "", err
			}
			content = append(append(content, data...), '\n')
		}
		fonts := f.dictOf(p.resources["Font"])
		texts[i] = f.show(content, func(font string) *cmap {
			fv := fonts[font]
			key := fontKey{num: -1, page: i, name: font}
			if r, ok := fv.(ref); ok {
				key = fontKey{num: r.num}
			}
			if m, ok := maps[key]; ok {
				return m
			}
			m := latin1
			if fd := f.dictOf(fv); fd != nil && fd["ToUnicode"] != nil {
				if data, err := f.data(fd["ToUnicode"]); err == nil {
					m = parseCMap(data)
				}
			}
			maps[key] = m
			return m
		})
	}
	return strings.Join(texts, "\f"), nil
}

// show runs the text operators of a content stream; font gives the map of
// a font resource.
func (f *file) show(content []byte, font func(string) *cmap) string {
	var out, line strings.Builder
	flush := func() {
		if s := strings.TrimRight(line.String(), " "); s != "" {
			out.WriteString(s)
			out.WriteByte('\n')
		}
		line.Reset()
	}
	cur := latin1
	var stack []any
	l := &lexer{b: content}
	for {
		tok := l.next()
		if tok == nil {
			break
		}
		op, ok := tok.(keyword)
		if !ok {
			stack = append(stack, l.value(tok, 0))
			if len(stack) > 64 {
				stack = stack[1:]
			}
			continue
		}
		arg := func(back int) any {
			if len(stack) < back {
				return nil
			}
			return stack[len(stack)-back]
		}
		switch op {
		case "BT", "ET", "Td", "TD", "T*", "Tm":
			flush()
		case "Tf":
			if n, ok := arg(2).(name); ok {
				cur = font(string(n))
			}
		case "Tj":
			if s, ok := arg(1).(str); ok {
				line.WriteString(cur.decode(s))
			}
		case "'", "\"":
			flush()
			if s, ok := arg(1).(str); ok {
				line.WriteString(cur.decode(s))
			}
		case "TJ":
			a, _ := arg(1).(array)
			for _, e := range a {
				switch e := e.(type) {
				case str:
					line.WriteString(cur.decode(e))
				case float64:
					// A wide gap (in thousandths of the font size) is a
					// space between words.
					if e <= -200 && !strings.HasSuffix(line.String(), " ") {
						line.WriteByte(' ')
					}
				}
			}
		case "BI":
			// An inline image: its data may hold anything; pass to EI.
			if i := indexWord(content[l.pos:], "EI"); i >= 0 {
				l.pos += i + 2
			} else {
				l.pos = len(content)
			}
		}
		stack = stack[:0]
	}
	flush()
	return out.String()
}

// indexWord finds w standing alone (between white space or the ends) in b.
func indexWord(b []byte, w string) int {
	for i := 0; i+len(w) <= len(b); i++ {
		if string(b[i:i+len(w)]) == w && (i == 0 || isSpace(b[i-1])) && (i+len(w) == len(b) || isSpace(b[i+len(w)])) {
			return i
		}
	}
	return -1
}
