package dialogs

import "unicode/utf8"

// This file and the privacy_forms_*.go files catch personal data in the
// forms people really write it, which the byte scanner in privacy.go does
// not see: text normalised first (full-width digits and ＠, zero-width and
// other format characters; privacy_normalize.go), digits read across any
// separators (privacy_forms_digits.go), e-mail addresses written as "jan at
// example dot nl" (privacy_forms_email.go), IBANs with dashes or glued to a
// word (privacy_forms_iban.go), and three kinds the title hint names: a name
// with a title, a date of birth and a postcode with a house number
// (privacy_forms_hints.go). findForms below runs them all.

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
