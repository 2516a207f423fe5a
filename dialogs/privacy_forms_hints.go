package dialogs

import (
	"regexp"
	"slices"
)

// The kinds the title hint names: a name with a title, a date of birth and a
// postcode with a house number.

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
