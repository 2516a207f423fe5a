package dialogs

import "strings"

// IBANs with any separators or glued to a word, and the stretches of text
// they cover.

// span is a stretch s[start:end] of a text.
type span struct{ start, end int }

// ibanSpans returns the stretches of s that have the shape of an IBAN of a
// country with a known length, written with any separators or glued to a
// word ("NL91-ABNA-0417-1643-00", "rekeningNL91ABNA0417164300", "NL 91
// ABNA…"), whether or not they pass the check: their digits are not read as
// a phone number or a BSN. It allocates only when it finds one.
func ibanSpans(s string) []span {
	var spans []span
	for i := 0; i+4 < len(s); i++ {
		if end, ok := ibanShapeAt(s, i); ok {
			spans = append(spans, span{i, end})
			i = end - 1
		}
	}
	return spans
}

// ibanShapeAt reads an IBAN at s[i] of the length of its country: two
// letters, two check digits (after up to two separators if the letters are
// capitals), and the rest in letters and digits with up to two separators
// between them. It returns the end and whether it has that shape and is not
// followed by a digit.
func ibanShapeAt(s string, i int) (end int, ok bool) {
	if !isASCIILetter(s[i]) || !isASCIILetter(s[i+1]) || isASCIILetter(s[i+2]) || s[i+2] <= ' ' && s[i+2] != ' ' {
		return 0, false
	}
	j := i + 2
	if k := sepsEnd(s, j); k > j && isUpperAt(s, i) && isUpperAt(s, i+1) {
		j = k
	}
	if !isDigitAt(s, j) || !isDigitAt(s, j+1) {
		return 0, false
	}
	n, maxLen := ibanLength(string([]byte{upper(s[i]), upper(s[i+1])}))
	if n != maxLen {
		return 0, false
	}
	j += 2
	for got := 4; got < n; got++ {
		j = sepsEnd(s, j)
		if !isAlnumAt(s, j) {
			return 0, false
		}
		j++
	}
	return j, !isDigitAt(s, j)
}

// sepsEnd skips up to two separators (space, dot, dash, slash, underscore)
// at s[j], if a letter or digit follows them.
func sepsEnd(s string, j int) int {
	k := j
	for k < len(s) && k-j < 2 && strings.IndexByte(" ./_-", s[k]) >= 0 {
		k++
	}
	if k > j && isAlnumAt(s, k) {
		return k
	}
	return j
}

func inSpans(spans []span, start, end int) bool {
	for _, sp := range spans {
		if start < sp.end && end > sp.start {
			return true
		}
	}
	return false
}

// findLooseIBAN reports whether one of the IBANs ibanSpans found in s
// passes the mod-97 check.
func findLooseIBAN(s string, spans []span) bool {
	for _, sp := range spans {
		var buf [34]byte
		n := 0
		for k := sp.start; k < sp.end && n < len(buf); k++ {
			if isAlnum(s[k]) {
				buf[n] = upper(s[k])
				n++
			}
		}
		if ibanValid(buf[:n]) {
			return true
		}
	}
	return false
}
