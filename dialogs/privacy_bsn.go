package dialogs

import "strings"

// BSN: the matcher for burgerservicenummers in the byte scan (scanNumbers)
// and the elfproef.

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
