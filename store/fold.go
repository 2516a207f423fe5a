package store

import (
	"strings"
	"unicode"
)

// foldRunes maps letters with diacritics (and a few ligatures) to their
// plain form, so "geëmigreerd", "café" and "Ĳsselstein" match "geemigreerd",
// "cafe" and "ijsselstein".
var foldRunes = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
	'ĳ': "ij", 'ş': "s", 'š': "s", 'č': "c", 'ć': "c", 'ž': "z", 'ł': "l", 'ğ': "g", 'ı': "i", 'ő': "o", 'ű': "u",
}

// Fold prepares text for search: lower case, diacritics removed, and every
// run of characters that is not a letter or digit turned into one space.
// Query words and indexed text are folded alike, so matching is by plain
// substring ("regel" finds "regeling" and "Regelingen").
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // no leading space
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
			space = false
		case foldRunes[r] != "":
			b.WriteString(foldRunes[r])
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// stopWords are words too common to search for; a query of only stop words
// searches for them anyway.
var stopWords = map[string]bool{
	"de": true, "het": true, "een": true, "en": true, "van": true, "in": true, "op": true, "te": true,
	"the": true, "a": true, "an": true, "and": true, "of": true, "to": true, "is": true, "for": true,
}

// Words folds a query and splits it into the words to look for, leaving out
// stop words and one-letter words (unless nothing else is left).
func Words(query string) []string {
	all := strings.Fields(Fold(query))
	var out []string
	seen := map[string]bool{}
	for _, w := range all {
		if len([]rune(w)) < 2 || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	if len(out) == 0 {
		for _, w := range all {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}
