package dialogs

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalisation: the form of a text the scanners read (normalizeForScan).

// normalizeForScan returns text as the scanners read it: without control
// characters, terminal escapes and format characters (stripInvisible), in
// NFKC (full-width digits and letters, ＠ and the like become their plain
// forms), with every Unicode dash as "-", every space as " ", the digits of
// other scripts as 0–9 and a middle dot or bullet as ".". Plain ASCII comes
// back as is, without allocating.
func normalizeForScan(s string) string {
	if plainASCII(s) {
		return s
	}
	s = norm.NFKC.String(stripInvisible(s))
	for range 2 {
		mapped, changed := mapForScan(s)
		if !changed {
			break
		}
		// What the mapped characters held apart may compose now.
		s = norm.NFKC.String(mapped)
	}
	return s
}

// plainASCII reports whether s is printable ASCII, newlines and tabs only.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n' && c != '\t') || c >= 0x7f {
			return false
		}
	}
	return true
}

// mapForScan maps what NFKC keeps but a scanner must read as plain: format
// characters go, dashes become "-", spaces " ", digits of any script 0–9,
// a middle dot or bullet ".", a fraction or division slash "/".
func mapForScan(s string) (string, bool) {
	var b strings.Builder
	changed := false
	for i, r := range s {
		out := r
		switch {
		case r < utf8.RuneSelf:
		case unicode.Is(unicode.Cf, r):
			out = -1
		case unicode.Is(unicode.Pd, r):
			out = '-'
		case unicode.Is(unicode.Zs, r):
			out = ' '
		case unicode.IsDigit(r):
			out = '0' + digitValue(r)
		case r == '·' || r == '•' || r == '∙' || r == '‧':
			out = '.'
		case r == '⁄' || r == '∕':
			out = '/'
		}
		if out == r {
			if changed {
				b.WriteRune(r)
			}
			continue
		}
		if !changed {
			changed = true
			b.Grow(len(s))
			b.WriteString(s[:i])
		}
		if out >= 0 {
			b.WriteRune(out)
		}
	}
	if !changed {
		return s, false
	}
	return b.String(), true
}

// digitValue returns the value of a decimal digit of any script: Unicode
// puts each script's digits 0–9 in a row, so it is the distance to the
// zero of that row.
func digitValue(r rune) rune {
	zero := r
	for r-zero < 9 && unicode.IsDigit(zero-1) {
		zero--
	}
	return r - zero
}
