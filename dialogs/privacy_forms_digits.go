package dialogs

import "strings"

// Digits across separators: BSNs and Dutch phone numbers written with any
// separators, and what tells them from dates, amounts, ids and links.

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
