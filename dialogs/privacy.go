package dialogs

import "strings"

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
