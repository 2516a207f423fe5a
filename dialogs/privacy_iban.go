package dialogs

import "strings"

// IBAN: the matcher for IBANs in the byte scan (scanNumbers), the mod-97
// check and the lengths per country.

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
