package pdftext

import (
	"bytes"
	"strconv"
)

// The values of PDF's object syntax, as far as the extractor needs them.
type (
	name  string            // /Font, without the slash
	str   string            // a literal or hex string's bytes
	array []any             // [ … ]
	dict  map[string]any    // << … >>, keys without the slash
	ref   struct{ num int } // N G R; the generation is not used
	// keyword is a bare word: an operator in a content stream, or obj,
	// endobj, stream, R, null, true, false in the file.
	keyword string
	// delim is one of [ ] << >> (and a stray > or ) or }).
	delim string
)

// lexer reads tokens of PDF syntax from b. It never fails: malformed input
// yields odd tokens, and the end yields nil.
type lexer struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// next returns the next token: float64, name, str, keyword or delim; nil at
// the end.
func (l *lexer) next() any {
	l.skip()
	if l.pos >= len(l.b) {
		return nil
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		return name(unhashName(l.b[start:l.pos]))
	case c == '(':
		return l.literal()
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			return delim("<<")
		}
		return l.hex()
	case c == '>':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
			l.pos += 2
			return delim(">>")
		}
		l.pos++
		return delim(">")
	case isDelim(c):
		l.pos++
		return delim(c)
	}
	start := l.pos
	for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	word := string(l.b[start:l.pos])
	if f, err := strconv.ParseFloat(word, 64); err == nil && (word[0] == '.' || word[0] == '-' || word[0] == '+' || word[0] >= '0' && word[0] <= '9') {
		return f
	}
	return keyword(word)
}

// unhashName undoes a name's #xx escapes.
func unhashName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

// literal reads a (…) string: balanced parentheses, backslash escapes
// (\n \r \t \b \f \( \) \\, octal \ddd, a backslash before an end of line
// continues the line), and an unescaped end of line read as \n.
func (l *lexer) literal() any {
	l.pos++ // (
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return str(out)
			}
		case '\r':
			if l.pos < len(l.b) && l.b[l.pos] == '\n' {
				l.pos++
			}
			c = '\n'
		case '\\':
			if l.pos >= len(l.b) {
				return str(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and an unknown escape: the character itself
				}
			}
		}
		out = append(out, c)
	}
	return str(out)
}

// hex reads a <…> string; white space is ignored and an odd last digit is
// followed by 0.
func (l *lexer) hex() any {
	l.pos++ // <
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return str(out)
}

// maxDepth bounds the nesting of arrays and dictionaries.
const maxDepth = 64

// value reads one value whose first token is tok: arrays and dictionaries
// are read whole, "N G R" becomes a ref. Other tokens are returned as they
// are.
func (l *lexer) value(tok any, depth int) any {
	switch t := tok.(type) {
	case delim:
		if depth > maxDepth {
			return nil
		}
		switch t {
		case "[":
			var a array
			for {
				tok := l.next()
				if tok == nil || tok == delim("]") {
					return a
				}
				a = append(a, l.value(tok, depth+1))
			}
		case "<<":
			d := dict{}
			for {
				tok := l.next()
				if tok == nil || tok == delim(">>") {
					return d
				}
				k, ok := tok.(name)
				if !ok {
					continue
				}
				v := l.next()
				if v == delim(">>") {
					return d
				}
				d[string(k)] = l.value(v, depth+1)
			}
		}
	case float64:
		// An integer followed by an integer and R is a reference.
		save := l.pos
		if g, ok := l.next().(float64); ok && g >= 0 && t >= 0 && t < 1e9 && t == float64(int(t)) {
			if l.next() == keyword("R") {
				return ref{int(t)}
			}
			_ = g
		}
		l.pos = save
	}
	return tok
}
