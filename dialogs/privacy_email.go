package dialogs

import (
	"strings"
	"unicode/utf8"
)

// E-mail addresses: local@domain.tld, also inside Slack's mailto links.

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
