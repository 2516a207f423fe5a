package dialogs

import "strings"

// Phone numbers: the matchers for international and Dutch numbers in the
// byte scan (scanNumbers).

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
