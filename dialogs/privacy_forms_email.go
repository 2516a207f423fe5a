package dialogs

import (
	"regexp"
	"strings"
)

// E-mail addresses written around the filters ("jan at example dot nl").

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
