package dialogs

import (
	"regexp"
	"slices"
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

// findDigitRuns reads every run of digits across separators (up to three of
// space, tab, dot, dash, slash and underscore, or one comma) and reports a
// BSN (nine digits passing the elfproef) or a Dutch phone number written
// with any separators or country code. A run in a link, in an IBAN, after
// an id ("MW-", "Z-2026-"), or that is a date or an amount is left alone.
func findDigitRuns(s string, ibans []span, f *found) {
	for i := 0; i < len(s); {
		start := i
		switch {
		case s[i] == '+' && isDigitAt(s, i+1):
			i++
		case !isDigit(s[i]):
			i++
			continue
		}
		end := runEnd(s, i)
		i = end
		if inSpans(ibans, start, end) || inLink(s, start) || amountAround(s, start, end) || idBefore(s, start) ||
			isDateStart(s[start:end]) || (end < len(s) && s[end] == '@') {
			continue
		}
		run := s[start:end]
		var d [16]byte
		n := 0
		for k := 0; k < len(run) && n < len(d); k++ {
			if isDigit(run[k]) {
				d[n] = run[k]
				n++
			}
		}
		digits := string(d[:n]) // does not escape: no allocation
		if n == 9 && bsnGroups(run) && bsnDigits(digits) && gluedAsBSN(s, start) {
			f.bsn = true
		}
		if n <= 13 && phoneDigits(run, digits) {
			f.phone = true
		}
	}
}

// runEnd returns the end of the run of digits that starts at s[i]: digits,
// and between them up to three separators (space, tab, dot, dash, slash,
// underscore) or a single comma.
func runEnd(s string, i int) int {
	end := digitsEnd(s, i)
	for {
		j := end
		if j < len(s) && s[j] == ',' {
			j++
		} else {
			for j < len(s) && j-end < 3 && strings.IndexByte(" \t./_-", s[j]) >= 0 {
				j++
			}
		}
		if j == end || !isDigitAt(s, j) {
			return end
		}
		end = digitsEnd(s, j)
	}
}

// isDateStart reports whether a run starts as a date (1-2-2024, 01.02.24):
// a date and a time or a number after it are not a phone number or a BSN.
func isDateStart(run string) bool {
	i := 0
	for g := range 3 {
		k := digitsEnd(run, i)
		n := k - i
		switch {
		case g < 2 && (n < 1 || n > 2), g == 2 && n < 2:
			return false
		case g < 2 && (k >= len(run) || strings.IndexByte("-./", run[k]) < 0):
			return false
		}
		i = k + 1
	}
	return true
}

// gluedAsBSN reports whether nine digits at start may be a BSN by what is
// glued in front: nothing, or a word that names the number ("BSN111222333",
// "nr123456782"); letters of an id such as a zaaknummer ("ZK123456782") are
// not.
func gluedAsBSN(s string, start int) bool {
	w := start
	for w > 0 && isASCIILetter(s[w-1]) {
		w--
	}
	if w == start {
		return true
	}
	word := strings.ToLower(s[w:start])
	for _, suffix := range []string{"bsn", "nr", "nummer", "sofi", "no"} {
		if strings.HasSuffix(word, suffix) {
			return true
		}
	}
	return false
}

// amountAround reports whether the run at [start, end) is a sum of money or a
// percentage: a euro sign or EUR just before it, or euro, EUR, %, ",-" or a
// decimal comma with two digits just after it.
func amountAround(s string, start, end int) bool {
	before := strings.TrimRight(s[max(0, start-8):start], " ")
	if strings.HasSuffix(before, "€") || hasWordSuffixFold(before, "eur") {
		return true
	}
	after := s[end:min(len(s), end+8)]
	if strings.HasPrefix(after, ",-") {
		return true
	}
	if trimmed := strings.TrimLeft(after, " "); strings.HasPrefix(trimmed, "%") || hasPrefixFold(trimmed, "eur") {
		return true
	}
	return len(after) >= 3 && after[0] == ',' && isDigit(after[1]) && isDigit(after[2])
}

// idBefore reports whether the run at start is the number of an id such as
// a case id or a zaaknummer: letters or digits and a dash or slash glued in
// front ("MW-123456782", "Z-2026-001234"); "BSN-" names a BSN, not an id.
func idBefore(s string, start int) bool {
	if start < 2 || (s[start-1] != '-' && s[start-1] != '/') || !isAlnum(s[start-2]) {
		return false
	}
	return !hasSuffixFold(s[:start-1], "bsn")
}

// bsnGroups reports whether a run's digit groups could be a written BSN:
// one group, groups of at least two digits each ("111 222 333", "1234 56
// 789"), or nine single digits ("1 1 1 2 2 2 3 3 3"); so that a list like
// "2024 2025 1" is not read as one number.
func bsnGroups(run string) bool {
	short, long := 0, 0
	for i := 0; i < len(run); {
		if !isDigit(run[i]) {
			i++
			continue
		}
		k := digitsEnd(run, i)
		if k-i == 1 {
			short++
		} else {
			long++
		}
		i = k
	}
	return short == 0 || long == 0
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
// mobile number without its 0 ("6 12345678"); or a number written digit by
// digit ("0 6 1 2 3 4 5 6 7 8").
func phoneDigits(run, d string) bool {
	intl := strings.HasPrefix(run, "+")
	first := digitsEnd(strings.TrimPrefix(run, "+"), 0) // the length of the first group
	switch {
	case strings.HasPrefix(d, "0031") && len(d) == 13:
		return true
	case strings.HasPrefix(d, "31") && len(d) == 11 && (intl || d[2] == '6'):
		return true
	case len(d) == 10 && d[0] == '0' && d[1] != '0' && first == 1 && bsnGroups(run):
		return true // digit by digit
	case len(d) == 10 && strings.HasPrefix(d, "06") && (first == 2 || first == 3 || first == 4 || first >= 10):
		return true
	case len(d) == 10 && d[0] == '0' && d[1] != '0' && d[1] != '6' && len(run) > len(d) && (first == 3 || first == 4):
		return true
	case len(d) == 9 && d[0] == '6' && first == 1:
		return true
	}
	return false
}

// inLink reports whether position i is inside a link (http://, https://,
// www.), where ids are not personal data.
func inLink(s string, i int) bool {
	from := max(0, i-256) // a link longer than this before the number is not read as one
	start := from + strings.LastIndexAny(s[from:i], " \t\n<>") + 1
	w := s[start:i]
	return containsFold(w, "http://") || containsFold(w, "https://") || hasPrefixFold(w, "www.")
}

// looseEmail finds an e-mail address written around the filters, from its
// local part on: "jan at example dot nl", "jan (at) example.nl", "jan [at]
// example [dot] nl", "jan <at> example <dot> nl", "jan(@)example.nl", "jan
// @ example.nl".
var looseEmail = regexp.MustCompile(`^(?i)[a-z0-9][a-z0-9._%+-]*\s*(?:@|[(\[{<]\s*(?:at|@)\s*[)\]}>]|&lt;at&gt;|\s+at\s+|\s+apenstaartje\s+)\s*[a-z0-9-]+(?:` + looseDot + `[a-z0-9-]+)*` + looseDot + `(?:nl|com|org|net|eu|be|de|info|nu|gov|edu|io|uk|fr)\b`)

// looseDot is a dot in an address as people write it around the filters.
const looseDot = `\s*(?:\.|[(\[{<]\s*(?:dot|punt)\s*[)\]}>]|&lt;(?:dot|punt)&gt;|\s+dot\s+|\s+punt\s+)\s*`

// looseEmailNear runs looseEmail from the local part before each "@" and
// each word "at" or "apenstaartje" in s.
func looseEmailNear(s string) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '@':
		case (s[i]|0x20) == 'a' && wordStart(s, i) &&
			((hasPrefixFold(s[i:], "at") && !isASCIILetterAt(s, i+2)) || hasPrefixFold(s[i:], "apenstaartje")):
		default:
			continue
		}
		if lo, ok := localPartBefore(s, i); ok && looseEmail.MatchString(s[lo:min(len(s), i+120)]) {
			return true
		}
	}
	return false
}

// localPartBefore returns where the local part of an address ends before
// the "@" or "at" at s[i] starts: before spaces and an opening bracket
// ("jan (at)", "jan&lt;at&gt;"), at most 64 characters back.
func localPartBefore(s string, i int) (int, bool) {
	k := i
	for k > 0 && s[k-1] == ' ' {
		k--
	}
	switch {
	case k > 0 && strings.IndexByte("([{<", s[k-1]) >= 0:
		k--
	case strings.HasSuffix(s[:k], "&lt;"):
		k -= len("&lt;")
	}
	for k > 0 && s[k-1] == ' ' {
		k--
	}
	end := k
	for k > 0 && end-k < 64 && isLocalChar(s[k-1]) {
		k--
	}
	for k < end && !isAlnum(s[k]) {
		k++
	}
	return k, k < end
}

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

// titledName is a form of address followed by a name: a capitalised word,
// possibly after initials and a prefix ("dhr. J. de Vries"), or initials
// alone. The name is the last submatch.
var titledName = regexp.MustCompile(`^(?:(?:[Mm]evrouw|[Mm]eneer|[Mm]ijnheer|[Dd]e heer|[Mm]evr\.?|[Mm]w\.?|[Dd]hr\.?|[Mm]r\.|Mr|Mrs\.?|Ms\.?|Miss)\s+` +
	`|(?:[Mm]evr|[Mm]w|[Dd]hr|[Mm]r|Mrs|Ms)\.)` + // a dotted title may be glued to the name
	`(?:(?:\p{Lu}\.\s?){1,4}\s*)?` + // initials
	`(?:(?:van|de|der|den|ter|te|van der|van den|van de|in 't|van 't|'t)\s+)?` +
	`(\p{Lu}[\p{L}'’-]+|\p{Lu}\.)`)

// notNames are words after "Ms" or "Mr" that name a product, not a person.
var notNames = []string{"Teams", "Word", "Excel", "Office", "Outlook", "Forms", "Access", "Edge", "PowerPoint",
	"SharePoint", "Sharepoint", "Windows", "Project", "Planner", "OneNote", "OneDrive", "Dynamics", "Paint", "Visio"}

// nameAt reports whether a name with a title starts at s[i].
func nameAt(s string, i int) bool {
	window := s[i:min(len(s), i+100)]
	m := titledName.FindStringSubmatchIndex(window)
	if m == nil {
		return false
	}
	return !slices.Contains(notNames, window[m[2]:m[3]])
}

// birthDate is a birth word followed by a date, in figures or with a month
// name, possibly after a place or weekday ("geboren te Utrecht op 3 april
// 1980").
var birthDate = regexp.MustCompile(`^(?i:geboren|geb\.?\s*dat(?:um)?\.?|geb\.?|geboortedatum|geboortedag|born|d\.?o\.?b\.?|date of birth|birth\s?date|birthday)` +
	`\s*[:-]?\s*` +
	`(?:(?:(?i:te|in|op|on|at|d\.d\.|de|den|het|the|dag|ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\p{Lu}[\p{L}'-]*),?\s+){0,4}` +
	`(?:\d{1,2}[-./ ]\d{1,2}[-./ ](?:\d{4}|'?\d{2})` +
	`|\d{4}[-./]\d{1,2}[-./]\d{1,2}` +
	`|\d{8}` +
	`|\d{1,2}(?i:e|ste|de|st|nd|rd|th)?[-./ ]+` + months + `[-./ ]+(?:\d{4}|'?\d{2})` +
	`|` + months + `\s+\d{1,2}(?i:st|nd|rd|th)?,?\s+\d{4})` +
	`(?:[^\d]|$)`)

// months are the month names and abbreviations in Dutch and English.
const months = `(?i:jan|feb|mrt|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*\.?`

// birthDateAt reports whether a date of birth starts at s[i].
func birthDateAt(s string, i int) bool {
	return birthDate.MatchString(s[i:min(len(s), i+120)])
}

// postcodeHouse is a Dutch postcode (four digits, not starting with 0, and
// two letters) with a house number after it ("1234 AB 12", "1234AB 12a",
// "1234 AB, nr 12") or before it, after the street ("Kerkstraat 12, 1234 AB
// Utrecht"). Lowercase letters count only when glued to the digits ("1234ab
// 12"), so that "2026 op 12" passes.
var postcodeHouse = regexp.MustCompile(`(?:^|[^\p{L}\d])` +
	`(?:[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})(?:[ ,]+(?:(?i:nr\.?|no\.?|huisnummer|huisnr\.?)\s*)?|)\d{1,5}(?:\s?[a-zA-Z])?(?:[^\p{L}\d]|$)` +
	`|\p{L}{2,}\.?\s+\d{1,5}(?:\s?[a-zA-Z]|-\d{1,3}|\s?-?(?i:hs|bis|huis|boven|bg))?,?\s+[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})(?:[^\p{L}\d]|$))`)

// findForms runs the checks of this file on normalised text. Each regular
// expression runs only where a cheap look at the text says it may match:
// most answers hold none of these forms.
func findForms(s string, f *found) {
	// A BSN or phone number written with separators has at least eight
	// digits, and so has every IBAN.
	if hasDigits(s, 8) {
		ibans := ibanSpans(s)
		findDigitRuns(s, ibans, f)
		f.iban = f.iban || findLooseIBAN(s, ibans)
	}
	f.email = f.email || looseEmailNear(s)
	f.name = anyWordAt(s, []string{"mevr", "meneer", "mijnheer", "de heer", "mw", "dhr", "mr", "ms", "miss"}, nameAt)
	f.birth = anyWordAt(s, []string{"geb", "born", "dob", "d.o.b", "date of birth", "birth"}, birthDateAt)
	f.postcode = postcodeNear(s)
}

// anyWordAt reports whether at the start of a word in s that begins with
// one of the triggers (lower case ASCII, matched in any case) at reports
// true. It reads s once and calls at only where a trigger starts.
func anyWordAt(s string, triggers []string, at func(s string, i int) bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' || !wordStart(s, i) {
			continue
		}
		for _, w := range triggers {
			if c == w[0] && i+1 < len(s) && s[i+1]|0x20 == w[1] && hasPrefixFold(s[i:], w) && at(s, i) {
				return true
			}
		}
	}
	return false
}

// wordStart reports whether s[i] does not continue a word or number.
func wordStart(s string, i int) bool {
	return i == 0 || (!isAlnum(s[i-1]) && s[i-1] < utf8.RuneSelf)
}

// hasDigits reports whether s holds at least n digits.
func hasDigits(s string, n int) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			if n--; n == 0 {
				return true
			}
		}
	}
	return false
}

// postcodeNear reports whether a postcode with a house number stands in s:
// wherever four digits (not starting with 0, not inside a number) are
// followed by two capitals, possibly after a space, or by two letters glued
// to them, and not by a third letter, the stretch around is read with
// postcodeHouse.
func postcodeNear(s string) bool {
	for i := 0; i+5 < len(s); i++ {
		if s[i] < '1' || s[i] > '9' || !isDigit(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) ||
			(i > 0 && isDigit(s[i-1])) {
			continue
		}
		j := i + 4
		capitals := isUpperAt(s, j) && isUpperAt(s, j+1)
		if s[j] == ' ' {
			j++
			capitals = isUpperAt(s, j) && isUpperAt(s, j+1)
			if !capitals {
				continue
			}
		}
		if (capitals || (isASCIILetter(s[j]) && isASCIILetterAt(s, j+1))) && !isASCIILetterAt(s, j+2) && !inLink(s, i) &&
			postcodeHouse.MatchString(s[max(0, i-40):min(len(s), i+32)]) {
			return true
		}
	}
	return false
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
