package dialogs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokens: links, separators, word and number boundaries, and the byte and
// case-folding helpers the scanners share.

// urlEnd returns the end of the link starting at s[i] (http://, https:// or www.), or i if none starts there.
// A link ends at white space or at Slack's "<", "|" or ">".
func urlEnd(s string, i int) int {
	rest := s[i:]
	if !hasPrefixFold(rest, "http://") && !hasPrefixFold(rest, "https://") && !hasPrefixFold(rest, "www.") {
		return i
	}
	end := i
	for end < len(s) && strings.IndexByte(" \t\r\n<|>", s[end]) < 0 {
		end++
	}
	return end
}

// sepAt returns the separator at s[i] that may sit between the groups of a number: a space (also a no-break
// space, reported as ' '), a dash (also an en dash or a no-break hyphen, reported as '-'), a dot or a slash,
// with its width in bytes; or 0, 0.
func sepAt(s string, i int) (kind byte, width int) {
	if i >= len(s) {
		return 0, 0
	}
	switch s[i] {
	case ' ', '-', '.', '/':
		return s[i], 1
	}
	switch {
	case strings.HasPrefix(s[i:], "\u00a0"):
		return ' ', len("\u00a0")
	case strings.HasPrefix(s[i:], "\u2013"), strings.HasPrefix(s[i:], "\u2011"):
		return '-', len("\u2013")
	}
	return 0, 0
}

// spacedDashAt returns the width of a dash with a space on each side at s[i] ("020 - 1234567"), or 0.
func spacedDashAt(s string, i int) int {
	if i >= len(s) || s[i] != ' ' {
		return 0
	}
	if kind, w := sepAt(s, i+1); kind == '-' && i+1+w < len(s) && s[i+1+w] == ' ' {
		return 1 + w + 1
	}
	return 0
}

// leftBoundary reports whether a token may start at s[i]: not inside a word or number, so not after a
// letter, digit or underscore, after "-" joined to a word (MW-123456), or after ".", ",", "/", ":" or "@"
// joined to a number (1.234, 12/03, 09:00).
func leftBoundary(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, w := utf8.DecodeLastRuneInString(s[:i])
	if isWordRune(r) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i-w])
	switch r {
	case '-', '@':
		return !isWordRune(prev)
	case '.', ',', '/', ':':
		return !unicode.IsDigit(prev)
	}
	return true
}

// rightBoundary reports whether a number may end at s[i]: not followed by a letter, digit or underscore, by
// "%" or "@", by "-" joined to a word, or by ".", ",", "/" or ":" joined to more digits (123456782,50).
func rightBoundary(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	if isWordRune(r) || r == '%' || r == '@' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[i+w:])
	switch r {
	case '-':
		return !isWordRune(next)
	case '.', ',', '/', ':':
		return !unicode.IsDigit(next)
	}
	return true
}

// standalone reports whether s[start:end] is a number of its own: delimited, and not after or before another
// number with only a space between.
func standalone(s string, start, end int) bool {
	if !leftBoundary(s, start) || !rightBoundary(s, end) {
		return false
	}
	if kind, w := sepAt(s, end); kind == ' ' && isDigitAt(s, end+w) {
		return false
	}
	r, w := utf8.DecodeLastRuneInString(s[:start])
	prev, _ := utf8.DecodeLastRuneInString(s[:start-w])
	return !(r == ' ' || r == '\u00a0') || !unicode.IsDigit(prev)
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isAlnum(c byte) bool       { return isDigit(c) || isASCIILetter(c) }

func isDigitAt(s string, i int) bool { return i < len(s) && isDigit(s[i]) }
func isAlnumAt(s string, i int) bool { return i < len(s) && isAlnum(s[i]) }

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// digitsEnd returns the end of the run of ASCII digits starting at s[i].
func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// alnumEnd returns the end of the run of ASCII letters and digits starting at s[i].
func alnumEnd(s string, i int) int {
	for i < len(s) && isAlnum(s[i]) {
		i++
	}
	return i
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// hasWordPrefixFold reports whether s starts with the word w in any case, not followed by a letter.
func hasWordPrefixFold(s, w string) bool {
	if !hasPrefixFold(s, w) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(w):])
	return len(s) == len(w) || !unicode.IsLetter(r)
}

// hasWordSuffixFold reports whether s ends with the word w in any case, not after a letter.
func hasWordSuffixFold(s, w string) bool {
	if len(s) < len(w) || !strings.EqualFold(s[len(s)-len(w):], w) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-len(w)])
	return len(s) == len(w) || !unicode.IsLetter(r)
}

func isUpperAt(s string, i int) bool { return i < len(s) && s[i] >= 'A' && s[i] <= 'Z' }

func isASCIILetterAt(s string, i int) bool { return i < len(s) && isASCIILetter(s[i]) }

func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if hasPrefixFold(s[i:], w) {
			return true
		}
	}
	return false
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
