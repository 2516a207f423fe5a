package pdftext

import (
	"unicode/utf16"
)

// cmap is a font's ToUnicode map: character codes of width bytes to text.
type cmap struct {
	width  int // bytes per character code: 1 or 2
	chars  map[uint32]string
	ranges []bfrange
}

// bfrange maps lo…hi to dst with its last UTF-16 unit counted up, or to
// the strings of list one by one.
type bfrange struct {
	lo, hi uint32
	dst    []uint16
	list   []string
}

// latin1 is the map of a font without ToUnicode: one byte, read as
// Latin-1 (which for ASCII is what every simple font's encoding gives).
var latin1 = &cmap{width: 1}

func code(s str) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

// units reads UTF-16BE code units.
func units(s str) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

// parseCMap reads the codespace ranges, bfchar and bfrange entries of a
// ToUnicode CMap; everything else in it is passed over.
func parseCMap(b []byte) *cmap {
	m := &cmap{width: 1, chars: map[uint32]string{}}
	l := &lexer{b: b}
	var prev any
	for {
		tok := l.next()
		if tok == nil {
			return m
		}
		count, _ := prev.(float64)
		prev = tok
		switch tok {
		case keyword("begincodespacerange"):
			for i := 0; i < int(count) || count == 0; i++ {
				lo, ok := l.next().(str)
				if !ok {
					break
				}
				l.next() // hi
				if len(lo) >= 2 {
					m.width = 2
				}
			}
		case keyword("beginbfchar"):
			for {
				src, ok := l.next().(str)
				if !ok {
					break
				}
				if dst, ok := l.next().(str); ok {
					m.chars[code(src)] = string(utf16.Decode(units(dst)))
				}
			}
		case keyword("beginbfrange"):
			for {
				lo, ok := l.next().(str)
				if !ok {
					break
				}
				hi, ok := l.next().(str)
				if !ok {
					break
				}
				r := bfrange{lo: code(lo), hi: code(hi)}
				switch dst := l.value(l.next(), 0).(type) {
				case str:
					r.dst = units(dst)
				case array:
					for _, d := range dst {
						s, _ := d.(str)
						r.list = append(r.list, string(utf16.Decode(units(s))))
					}
				}
				if r.lo <= r.hi && (len(r.dst) > 0 || len(r.list) > 0) {
					m.ranges = append(m.ranges, r)
				}
			}
		}
	}
}

// decode turns the bytes of a shown string into text. A code the map does
// not know becomes U+FFFD.
func (m *cmap) decode(s str) string {
	var out []rune
	for i := 0; i+m.width <= len(s); i += m.width {
		c := code(s[i : i+m.width])
		if m == latin1 {
			out = append(out, rune(c))
			continue
		}
		out = append(out, []rune(m.lookup(c))...)
	}
	return string(out)
}

func (m *cmap) lookup(c uint32) string {
	if t, ok := m.chars[c]; ok {
		return t
	}
	for _, r := range m.ranges {
		if c < r.lo || c > r.hi {
			continue
		}
		off := c - r.lo
		if r.list != nil {
			if off < uint32(len(r.list)) {
				return r.list[off]
			}
			continue
		}
		u := append([]uint16(nil), r.dst...)
		u[len(u)-1] += uint16(off)
		return string(utf16.Decode(u))
	}
	return "\uFFFD"
}
