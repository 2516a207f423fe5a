package dialogs

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file catches personal data in the forms people really write it, which
// the byte scanner in privacy.go does not see: text normalised first (full-
// width digits and ＠, zero-width and other format characters), digits read
// across any separators, e-mail addresses written as "jan at example dot
// nl", IBANs with dashes or glued to a word, and three kinds the title hint
// names: a name with a title, a date of birth and a postcode with a house
// number.

// The kinds found only in these forms.
const (
	// Name is a person's name after a title or form of address ("mevrouw
	// De Vries", "dhr. Jansen").
	Name PersonalData = "name"
	// BirthDate is a date of birth ("geboren 3-4-1980", "geb. 3 april 1980").
	BirthDate PersonalData = "birthdate"
	// Postcode is a Dutch postcode with a house number ("1234 AB 12").
	Postcode PersonalData = "postcode"
)

// normalizeForScan returns text as the scanners read it: NFKC (full-width
// digits and letters, ＠ and the like become their plain forms), without
// format characters (zero-width spaces and joiners, bidi controls, soft
// hyphens), with every Unicode dash as "-". Plain ASCII comes back as is.
func normalizeForScan(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	dropped := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cf, r):
			dropped = true
		case unicode.Is(unicode.Pd, r):
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	if dropped {
		// What the dropped characters held apart may compose now.
		return norm.NFKC.String(b.String())
	}
	return b.String()
}

// digitRun is digits with at most one separator (space, dot, dash, slash,
// underscore, comma-free) between them, possibly glued to letters.
var digitRun = regexp.MustCompile(`\+?\d(?:[ ./_-]{0,3}\d)*`)

// findDigitRuns reads every run of digits across separators and reports a
// BSN (nine digits passing the elfproef, or eight with a zero in front) or a
// Dutch mobile or fixed number written with any separators or country code.
// A run that is a date, a time, an amount or a year is left alone: those have
// other lengths or fail the checks.
func findDigitRuns(s string, f *found) {
	if lettersThenDigits(s) {
		s = looseIBAN.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", len(m)) })
	}
	for _, loc := range digitRun.FindAllStringIndex(s, -1) {
		run := s[loc[0]:loc[1]]
		if inLink(s, loc[0]) || amountAround(s, loc[0], loc[1]) || idBefore(s, loc[0]) || dateShape.MatchString(run) ||
			(loc[1] < len(s) && s[loc[1]] == '@') {
			continue
		}
		digits := onlyDigits(run)
		if len(digits) == 9 && bsnGroups(run) && bsnDigits(digits) {
			f.bsn = true
		}
		if phoneDigits(run, digits) {
			f.phone = true
		}
	}
}

// dateShape is a run that starts as a date (1-2-2024, 01.02.24): a date and
// a time or a number after it are not a phone number or a BSN.
var dateShape = regexp.MustCompile(`^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}`)

// amountAround reports whether the run at [start, end) is a sum of money or a
// percentage: a euro sign or EUR just before it, or euro, EUR, %, ",-" or a
// decimal comma with two digits just after it.
func amountAround(s string, start, end int) bool {
	before := strings.ToLower(strings.TrimRight(s[max(0, start-8):start], " "))
	if strings.HasSuffix(before, "€") || strings.HasSuffix(before, "eur") {
		return true
	}
	after := strings.ToLower(s[end:min(len(s), end+8)])
	if strings.HasPrefix(after, ",-") || strings.HasPrefix(after, "%") || strings.HasPrefix(strings.TrimLeft(after, " "), "euro") ||
		strings.HasPrefix(strings.TrimLeft(after, " "), "eur") || strings.HasPrefix(strings.TrimLeft(after, " "), "%") {
		return true
	}
	return len(after) >= 3 && after[0] == ',' && isDigit(after[1]) && isDigit(after[2])
}

// idBefore reports whether the run at start is the number of an id such as
// a case id or a zaaknummer: letters or digits and a dash or slash glued in
// front ("MW-123456782", "Z-2026-001234").
func idBefore(s string, start int) bool {
	return start >= 2 && (s[start-1] == '-' || s[start-1] == '/') && isAlnum(s[start-2])
}

// bsnGroups reports whether a run's digit groups could be a written BSN:
// one group, or groups of at least two digits each ("111 222 333", "1234
// 56 789"), so that a list like "2024 2025 1" is not read as one number.
func bsnGroups(run string) bool {
	for _, g := range strings.FieldsFunc(run, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(g) < 2 {
			return false
		}
	}
	return true
}

func onlyDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func bsnDigits(d string) bool {
	var a [9]byte
	for i := range a {
		a[i] = d[i] - '0'
	}
	return elfproef(a)
}

// phoneDigits reports whether a run is a Dutch phone number: 06 and eight
// digits, 0 and nine digits for a fixed line (with a separator, so a bare
// ten-digit id passes), 31 or 0031 or +31 followed by nine digits, or a
// mobile number without its 0 ("6 12345678").
func phoneDigits(run, d string) bool {
	intl := strings.HasPrefix(run, "+")
	first := strings.FieldsFunc(run, func(r rune) bool { return r < '0' || r > '9' })[0]
	switch {
	case strings.HasPrefix(d, "0031") && len(d) == 13:
		return true
	case strings.HasPrefix(d, "31") && len(d) == 11 && (intl || d[2] == '6'):
		return true
	case len(d) == 10 && strings.HasPrefix(d, "06") && (first == "06" || len(first) >= 10 || len(first) == 4):
		return true
	case len(d) == 10 && d[0] == '0' && d[1] != '0' && d[1] != '6' && len(run) > len(d) && (len(first) == 3 || len(first) == 4):
		return true
	case len(d) == 9 && d[0] == '6' && first == "6":
		return true
	}
	return false
}

// inLink reports whether position i is inside a link (http://, https://,
// www.), where ids are not personal data.
func inLink(s string, i int) bool {
	from := max(0, i-256) // a link longer than this before the number is not read as one
	start := from + strings.LastIndexAny(s[from:i], " \t\n<>") + 1
	w := strings.ToLower(s[start:i])
	return strings.Contains(w, "http://") || strings.Contains(w, "https://") || strings.HasPrefix(w, "www.")
}

// looseEmail finds an e-mail address written around the filters: "jan at
// example dot nl", "jan (at) example.nl", "jan [at] example [dot] nl",
// "jan @ example.nl".
var looseEmail = regexp.MustCompile(`(?i)[a-z0-9][a-z0-9._%+-]*\s*(?:@|\(at\)|\[at\]|\{at\}|\s+at\s+|\s+apenstaartje\s+)\s*[a-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\(punt\)|\[punt\]|\s+dot\s+|\s+punt\s+)\s*[a-z0-9-]+)*\s*(?:\.|\(dot\)|\[dot\]|\(punt\)|\[punt\]|\s+dot\s+|\s+punt\s+)\s*(?:nl|com|org|net|eu|be|de|info|nu|gov|edu|io|uk|fr)\b`)

// looseIBAN is an IBAN with any single separators, or glued to a word; the
// mod-97 check decides.
var looseIBAN = regexp.MustCompile(`(?i)[a-z]{2}\d{2}(?:[ .-]?[a-z0-9]){11,30}`)

func findLooseIBAN(s string) bool {
	for _, m := range looseIBAN.FindAllString(s, -1) {
		compact := strings.ToUpper(strings.NewReplacer(" ", "", ".", "", "-", "").Replace(m))
		// Letters glued after it ("…4300rekening") are a word, not part
		// of the number; a digit more makes it another number.
		// Only the countries whose length is known: for any other pair of
		// letters before digits (an id such as "EvLOAD17…"), trying the
		// check at every length would pass one random id in a hundred.
		minLen, maxLen := ibanLength(compact[:2])
		if minLen != maxLen {
			continue
		}
		for n := len(compact); n >= minLen; n-- {
			if n == minLen && ibanValid([]byte(compact[:n])) {
				return true
			}
			if isDigit(compact[n-1]) {
				break
			}
		}
	}
	return false
}

// titledName is a form of address followed by a capitalised name.
var titledName = regexp.MustCompile(`(?:^|[^\p{L}])(?:[Mm]evrouw|[Mm]eneer|[Dd]e heer|[Mm]evr\.?|[Mm]w\.?|[Dd]hr\.?|[Mm]r\.|Mr\.?|Mrs\.?|Ms\.?|Miss)\s+(?:(?:van|de|der|den|ter|te|van der|van den|in 't|'t)\s+)?\p{Lu}[\p{Ll}'-]+`)

// birthDate is a birth word followed by a date, in figures or with a month
// name.
var birthDate = regexp.MustCompile(`(?i)(?:geboren|geb\.|geboortedatum|geboortedag|born|d\.?o\.?b\.?|date of birth)\s*(?:op|on|:|-)?\s*(?:\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}\s+(?:jan|feb|mrt|maa|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*\.?\s+\d{2,4})`)

// postcodeHouse is a Dutch postcode (four digits, not starting with 0, and
// two letters) with a house number after it: "1234 AB 12", "1234AB 12a".
// Lowercase letters count only when glued to the digits ("1234ab 12"), so
// that "2026 op 12" passes.
var postcodeHouse = regexp.MustCompile(`(?:^|[^\p{L}\d])[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})[ ,]+\d{1,5}(?:\s?[a-zA-Z])?(?:[^\p{L}\d]|$)`)

// findForms runs the checks of this file on normalised text. Each regular
// expression runs only when a cheap look at the text says it may match:
// most answers hold none of these forms.
func findForms(s string, f *found) {
	lower := asciiLower(s)
	if hasDigitRun(s) {
		findDigitRuns(s, f)
	}
	if !f.email && matchNear(looseEmail, s, lower, 80, 120, "@", " at ", "(at)", "[at]", "{at}", "apenstaartje") {
		f.email = true
	}
	if !f.iban && lettersThenDigits(s) && findLooseIBAN(s) {
		f.iban = true
	}
	f.name = matchNear(titledName, s, lower, 4, 80, "mevr", "meneer", "heer", "mw", "dhr", "mr", "ms", "miss")
	f.birth = matchNear(birthDate, s, lower, 16, 60, "geb", "born", "dob", "d.o.b", "birth")
	f.postcode = postcodeNear(s)
}

// matchNear runs re only on the stretch of s around each place where one of
// the triggers occurs in lower (s in ASCII lowercase, same offsets): from
// before bytes in front of it to after bytes behind it. Every form re finds
// holds a trigger, so this finds what re finds in the whole text, in time
// proportional to the number of triggers rather than the text's length.
func matchNear(re *regexp.Regexp, s, lower string, before, after int, triggers ...string) bool {
	for _, w := range triggers {
		for from := 0; ; {
			i := strings.Index(lower[from:], w)
			if i < 0 {
				break
			}
			i += from
			if re.MatchString(s[max(0, i-before):min(len(s), i+len(w)+after)]) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// asciiLower lowercases the ASCII letters of s and keeps every byte where it
// is, so offsets in the result are offsets in s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// hasDigitRun reports whether s holds at least eight digits: the fewest a
// BSN or phone number written with separators has.
func hasDigitRun(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			if n++; n >= 8 {
				return true
			}
		}
	}
	return false
}

// lettersThenDigits reports whether two letters are followed by two digits
// somewhere in s, as an IBAN starts.
func lettersThenDigits(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if isASCIILetter(s[i]) && isASCIILetter(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

// postcodeNear reports whether a postcode with a house number stands in s:
// wherever four digits are followed by two letters (with at most one space
// between), the stretch around is read with postcodeHouse.
func postcodeNear(s string) bool {
	for i := 0; i+5 < len(s); i++ {
		if !isDigit(s[i]) || !isDigit(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
			continue
		}
		j := i + 4
		if s[j] == ' ' {
			j++
		}
		if j+1 < len(s) && isASCIILetter(s[j]) && isASCIILetter(s[j+1]) &&
			postcodeHouse.MatchString(s[max(0, i-1):min(len(s), i+24)]) {
			return true
		}
	}
	return false
}

// CleanText removes from a text a person typed what must never be stored:
// control characters other than newline and tab (NUL, ESC and the terminal
// escape sequences it starts, DEL, C1), bidi overrides and isolates and
// other invisible format characters; it trims the spaces around. A text of
// only such characters comes back empty.
func CleanText(s string) string {
	if !needsCleaning(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b { // ESC: drop the whole escape sequence
			i += escapeLen(s[i:])
			continue
		}
		i += size
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == utf8.RuneError && size == 1:
			continue // invalid UTF-8
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			continue
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

func needsCleaning(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			return true
		}
	}
	return false
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
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
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
