package dialogs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// PersonalData is a kind of personal data found in a text. Persisted/logged as its string value.
type PersonalData string

// The kinds of personal data FindPersonalData looks for.
const (
	BSN   PersonalData = "bsn"
	IBAN  PersonalData = "iban"
	Email PersonalData = "email"
	Phone PersonalData = "phone"
)

// FindPersonalData returns the kinds of personal data that text appears to contain, each kind once,
// in the order BSN, IBAN, Email, Phone, Name, BirthDate, Postcode. The text is normalised first (see
// normalizeForScan) and also read in the forms people write around filters (privacy_forms.go). It never returns the matched text itself (callers log kinds only).
// It returns nil when it finds nothing.
//
// The checks prefer missing an unusual notation to blocking the amounts, dates and case ids caseworkers
// write all day: a BSN must pass the elfproef, an IBAN the mod-97 check, and a phone number must have the
// shape of a Dutch (0 and ten digits) or international (+ or 00 and 8–15 digits) number. Links (http://,
// https://, www.) are not checked for BSNs, IBANs or phone numbers, since ids in links would otherwise be
// flagged; e-mail addresses are found everywhere, links included.
func FindPersonalData(text string) []PersonalData {
	var f found
	text = normalizeForScan(text)
	scanNumbers(text, &f)
	f.email = containsEmail(text)
	findForms(text, &f)

	var kinds []PersonalData
	for _, k := range []struct {
		ok   bool
		kind PersonalData
	}{{f.bsn, BSN}, {f.iban, IBAN}, {f.email, Email}, {f.phone, Phone}, {f.name, Name}, {f.birth, BirthDate}, {f.postcode, Postcode}} {
		if k.ok {
			kinds = append(kinds, k.kind)
		}
	}
	return kinds
}

// Describe returns a short description of the kind in the language "nl" or "en", e.g.
// "een burgerservicenummer (BSN)" or "a citizen service number (BSN)". Other languages get Dutch, the
// bot's default; an unknown kind is described by its string value.
func (p PersonalData) Describe(lang string) string {
	en := isEnglish(lang)
	switch p {
	case BSN:
		if en {
			return "a citizen service number (BSN)"
		}
		return "een burgerservicenummer (BSN)"
	case IBAN:
		if en {
			return "an IBAN bank account number"
		}
		return "een IBAN-rekeningnummer"
	case Email:
		if en {
			return "an email address"
		}
		return "een e-mailadres"
	case Phone:
		if en {
			return "a phone number"
		}
		return "een telefoonnummer"
	case Name:
		if en {
			return "a name with a form of address (such as Mrs or Mr)"
		}
		return "een naam met aanhef (zoals mevrouw of meneer)"
	case BirthDate:
		if en {
			return "a date of birth"
		}
		return "een geboortedatum"
	case Postcode:
		if en {
			return "a postcode with a house number"
		}
		return "een postcode met huisnummer"
	}
	return string(p)
}

// isEnglish reports whether lang is an English language code such as "en" or "en-GB".
func isEnglish(lang string) bool {
	lang = strings.ToLower(strings.TrimSpace(lang))
	return lang == "en" || strings.HasPrefix(lang, "en-") || strings.HasPrefix(lang, "en_")
}

// found records which kinds a scan has seen.
type found struct{ bsn, iban, email, phone, name, birth, postcode bool }

// scanNumbers looks for BSNs, IBANs and phone numbers. It visits each byte once and tries the matchers only
// where a token starts; every matcher reads a bounded number of bytes, so the scan is linear. A match is
// skipped over as a whole, so that the tail of a phone number or an IBAN is not read again as a BSN.
func scanNumbers(s string, f *found) {
	for i := 0; i < len(s); {
		c := s[i]
		if !(isDigit(c) || c == '+' || c == '(' || isASCIILetter(c)) || !leftBoundary(s, i) {
			i++
			continue
		}
		if isASCIILetter(c) {
			if end := urlEnd(s, i); end > i {
				i = end
				continue
			}
			if end, ok := matchIBAN(s, i); end > i {
				f.iban = f.iban || ok
				i = end
				continue
			}
			i++
			continue
		}
		if end, ok := matchPhone(s, i); ok {
			f.phone = true
			i = end
			continue
		}
		if end, ok := matchBSN(s, i); ok {
			f.bsn = true
			i = end
			continue
		}
		i++
	}
}

// BSN

// matchBSN matches a BSN starting at s[i]: nine digits passing the elfproef, written together or with one kind
// of single separator (space, dot or dash) between digits, or an older number of eight digits written as
// one standalone group, which counts with a leading zero.
func matchBSN(s string, i int) (end int, ok bool) {
	var d [9]byte
	n := 0
	var sep byte
	j := i
	for {
		k := digitsEnd(s, j)
		if n+k-j > 9 {
			return 0, false
		}
		for ; j < k; j++ {
			d[n] = s[j] - '0'
			n++
		}
		if n == 9 {
			break
		}
		kind, w := sepAt(s, j)
		if kind == 0 || kind == '/' || !isDigitAt(s, j+w) || (sep != 0 && kind != sep) {
			break
		}
		sep = kind
		j += w
	}
	switch {
	case n == 9:
		if !rightBoundary(s, j) {
			return 0, false
		}
	case n == 8 && sep == 0:
		// Eight digits are only an old BSN as a token of their own: not after or before another number,
		// and not a compact date such as 20240312 or 12032024.
		if !standalone(s, i, j) || isCompactDate(d[:8]) {
			return 0, false
		}
		copy(d[1:], d[:8])
		d[0] = 0
	default:
		return 0, false
	}
	if isAmount(s, i, j) || !elfproef(d) {
		return 0, false
	}
	return j, true
}

// elfproef reports whether the digits pass the BSN eleven test:
// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 and not zero.
func elfproef(d [9]byte) bool {
	sum := -int(d[8])
	for k := range 8 {
		sum += (9 - k) * int(d[k])
	}
	return sum != 0 && sum%11 == 0
}

// isCompactDate reports whether eight digits read as a date yyyymmdd or ddmmyyyy between 1900 and 2099.
func isCompactDate(d []byte) bool {
	num := func(ds []byte) int {
		v := 0
		for _, x := range ds {
			v = v*10 + int(x)
		}
		return v
	}
	date := func(y, m, day int) bool { return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && day >= 1 && day <= 31 }
	return date(num(d[0:4]), num(d[4:6]), num(d[6:8])) || date(num(d[4:8]), num(d[2:4]), num(d[0:2]))
}

// isAmount reports whether the number s[start:end] is written as an amount of money: after "€" or "EUR", or
// before "euro", "EUR" or ",-".
func isAmount(s string, start, end int) bool {
	before := strings.TrimRight(s[:start], " \u00a0")
	if strings.HasSuffix(before, "€") || hasWordSuffixFold(before, "eur") {
		return true
	}
	after := strings.TrimLeft(s[end:], " \u00a0")
	return strings.HasPrefix(after, ",-") || hasWordPrefixFold(after, "euro") || hasWordPrefixFold(after, "eur")
}

// Phone numbers

// matchPhone matches a phone number starting at s[i]: international (+ or 00, 8–15 digits) or Dutch (0 and
// ten digits, the area code possibly in parentheses).
func matchPhone(s string, i int) (end int, ok bool) {
	switch {
	case s[i] == '+':
		return matchIntlPhone(s, i+1)
	case strings.HasPrefix(s[i:], "00") && i+2 < len(s) && s[i+2] >= '1' && s[i+2] <= '9':
		return matchIntlPhone(s, i+2)
	}
	return matchDutchPhone(s, i)
}

// matchIntlPhone matches the digits of an international number after its + or 00 at s[j]: a country code
// not starting with 0, an optional trunk "(0)" after it, and groups of digits with single separators,
// 8 to 15 digits in all. Groups that would make it longer are left for the next token.
func matchIntlPhone(s string, j int) (end int, ok bool) {
	if j >= len(s) || s[j] < '1' || s[j] > '9' {
		return 0, false
	}
	n := 0
	for groups := 0; ; groups++ {
		k := digitsEnd(s, j)
		if n+k-j > 15 {
			if groups == 0 {
				return 0, false
			}
			break
		}
		n += k - j
		end = k

		p := k
		_, w := sepAt(s, p)
		p += w
		if groups == 0 && strings.HasPrefix(s[p:], "(0)") {
			p += 3
			_, w = sepAt(s, p)
			p += w
		}
		if p == k || !isDigitAt(s, p) {
			break
		}
		j = p
	}
	if n < 8 || !rightBoundary(s, end) {
		return 0, false
	}
	return end, true
}

// matchDutchPhone matches a Dutch number at s[i]: ten digits starting with 0 (not 00), either in one group
// or as an area code of 2–4 digits (possibly in parentheses) and further groups. The separator after the
// area code is free and may be a dash between spaces ("020 - 1234567"); the ones after it must all be the
// same, so that a date followed by a number ("01-02-2024 12") is not read as a phone number.
func matchDutchPhone(s string, i int) (end int, ok bool) {
	j := i
	paren := s[i] == '('
	if paren {
		j++
	}
	if j+1 >= len(s) || s[j] != '0' || s[j+1] < '1' || s[j+1] > '9' {
		return 0, false
	}
	k := digitsEnd(s, j)
	n := k - j
	switch {
	case paren:
		if n > 4 || k >= len(s) || s[k] != ')' {
			return 0, false
		}
		k++
	case n == 10:
		return k, rightBoundary(s, k)
	case n > 4:
		return 0, false
	}
	var sep byte
	for joins := 0; n < 10; joins++ {
		kind, w := sepAt(s, k)
		if joins == 0 {
			if dw := spacedDashAt(s, k); dw > 0 {
				kind, w = '-', dw
			}
		}
		p := k + w
		if !isDigitAt(s, p) || (w == 0 && !paren) {
			return 0, false
		}
		switch {
		case joins == 1:
			sep = kind
		case joins > 1 && kind != sep:
			return 0, false
		}
		k = digitsEnd(s, p)
		n += k - p
	}
	if n != 10 || !rightBoundary(s, k) {
		return 0, false
	}
	return k, true
}

// IBAN

// matchIBAN matches an IBAN starting at s[i]: a country code, two check digits and the account number, in
// upper or lower case, written together or in groups of four separated by single spaces, with the length of
// the country and a valid mod-97 check. When the text has that shape but fails the check (a typo), it
// returns the end of it and false, so that the scan does not read the digits as a phone number or BSN.
func matchIBAN(s string, i int) (end int, ok bool) {
	if i+4 > len(s) || !isASCIILetter(s[i]) || !isASCIILetter(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
		return 0, false
	}
	minLen, maxLen := ibanLength(strings.ToUpper(s[i : i+2]))
	var buf [34]byte
	n := 0
	for j := i; ; {
		k := alnumEnd(s, j)
		if n+k-j > maxLen {
			return end, false
		}
		group := k - j
		for ; j < k; j++ {
			buf[n] = upper(s[j])
			n++
		}
		if n >= minLen && rightBoundary(s, k) {
			if ibanValid(buf[:n]) {
				return k, true
			}
			end = k
		}
		// Only a group of four is followed by more, after a single space ("NL91 ABNA 0417 1643 00"); so is a
		// first group of eight with the bank code ("NL91ABNA 0417 1643 00").
		kind, w := sepAt(s, k)
		if (group != 4 && (group != 8 || n != 8)) || kind != ' ' || !isAlnumAt(s, k+w) {
			return end, false
		}
		j = k + w
	}
}

// ibanValid reports whether an upper-case IBAN has check digits 02–98 and passes ISO 13616's mod-97 check:
// with the first four characters moved to the end and letters as 10–35, the number mod 97 is 1.
func ibanValid(iban []byte) bool {
	if len(iban) < 5 {
		return false
	}
	if check := int(iban[2]-'0')*10 + int(iban[3]-'0'); check < 2 || check > 98 {
		return false
	}
	rem := 0
	for k := range iban {
		c := iban[(k+4)%len(iban)]
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// ibanLength returns the length of IBANs of a country. Countries not listed get the range of all IBANs.
func ibanLength(country string) (minLen, maxLen int) {
	var n int
	switch country {
	case "NO":
		n = 15
	case "BE":
		n = 16
	case "NL", "DK", "FI":
		n = 18
	case "AT", "LU":
		n = 20
	case "CH", "LI":
		n = 21
	case "DE", "GB", "IE":
		n = 22
	case "ES", "SE":
		n = 24
	case "PT":
		n = 25
	case "FR", "IT", "MC":
		n = 27
	case "PL":
		n = 28
	default:
		return 15, 34
	}
	return n, n
}

// E-mail addresses

// containsEmail reports whether s contains something like local@domain.tld, also inside Slack's
// "<mailto:…|…>" links. Slack mentions ("@maatwerkbot", "<@U123ABC>") have no local part and are not
// addresses. Each byte is read at most twice: the local part stops at the previous @, the domain at the next.
func containsEmail(s string) bool {
	for off := 0; off < len(s); {
		k := strings.IndexByte(s[off:], '@')
		if k < 0 {
			return false
		}
		at := off + k
		if isEmailAt(s, at) {
			return true
		}
		off = at + 1
	}
	return false
}

// isEmailAt reports whether the @ at s[at] joins a plausible local part and domain.
func isEmailAt(s string, at int) bool {
	start := at
	for start > 0 && isLocalChar(s[start-1]) {
		start--
	}
	local := strings.TrimLeft(s[start:at], ".")
	if local == "" || len(local) > 64 || strings.HasSuffix(local, ".") || strings.Contains(local, "..") ||
		strings.IndexFunc(local, func(r rune) bool { return r < utf8.RuneSelf && isAlnum(byte(r)) }) < 0 {
		return false
	}
	end := at + 1
	for end < len(s) && (isAlnum(s[end]) || s[end] == '-' || s[end] == '.') {
		end++
	}
	return validDomain(strings.TrimRight(s[at+1:end], ".-"))
}

// validDomain reports whether d is a host name with at least two labels and a top-level domain of letters.
func validDomain(d string) bool {
	if len(d) > 253 {
		return false
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 {
		return false
	}
	for k := range len(tld) {
		if !isASCIILetter(tld[k]) {
			return false
		}
	}
	return true
}

// isLocalChar reports whether c may be part of the local part of an address as people write them.
func isLocalChar(c byte) bool {
	return isAlnum(c) || strings.IndexByte(".!#$%&'*+=?^_~-", c) >= 0
}

// Tokens

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
