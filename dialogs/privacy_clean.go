package dialogs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cleaning: what is removed from a typed text before it is stored or
// scanned (CleanText, stripInvisible).

// CleanText removes from a text a person typed what must never be stored:
// control characters other than newline and tab (NUL, ESC and the terminal
// escape sequences it starts, DEL, C1), bidi overrides and isolates and
// other invisible format characters; it trims the spaces around. A text of
// only such characters comes back empty.
func CleanText(s string) string {
	return strings.TrimSpace(stripInvisible(s))
}

// stripInvisible returns s without what CleanText removes, spaces kept.
func stripInvisible(s string) string {
	if !needsCleaning(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case 0x1b: // ESC: drop the whole escape sequence
			i += escapeLen(s[i:])
			continue
		case 0x9b: // CSI as one C1 character: drop its parameters too
			i += size + csiLen(s[i+size:])
			continue
		}
		i += size
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= utf8.RuneSelf && invisible(r, size)):
			continue
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsCleaning reports whether s holds anything stripInvisible removes.
func needsCleaning(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if invisible(r, size) {
			return true
		}
		i += size
	}
	return false
}

// invisible reports whether a rune that is not ASCII is removed from stored
// text: invalid UTF-8, a C1 control, a format character or another default
// ignorable character.
func invisible(r rune, size int) bool {
	return (r == utf8.RuneError && size == 1) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// escapeLen is the length of the escape sequence at the start of s (which
// starts with ESC): CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), or
// ESC and one more byte.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiLen(s[2:])
	case ']':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 2
}

// csiLen is the length of the parameters and final byte of a control
// sequence (after ESC [): up to and including a byte in @–~.
func csiLen(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x40 && s[i] <= 0x7e {
			return i + 1
		}
	}
	return len(s)
}
