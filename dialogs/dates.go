package dialogs

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// Dates as a person reads them, in one place: in the reader's language and
// in the time zone the caller gives (MAATWERK_TIMEZONE). Both languages use
// the 24-hour clock and put the day before the month: the readers work for
// Dutch public services, whose records and law write dates and times that
// way. Machine formats (exports, file names, logs) do not come here.

// FormatDate is t's day in loc: "5 december 2026", "5 December 2026". A
// nil loc is UTC.
func FormatDate(t time.Time, loc *time.Location, lang cards.Lang) string {
	t = inLoc(t, loc)
	return dayMonth(t, lang) + " " + strconv.Itoa(t.Year())
}

// FormatDateTime is t's day and time in loc, on a 24-hour clock:
// "5 december 2026, 09:14", "5 December 2026, 09:14".
func FormatDateTime(t time.Time, loc *time.Location, lang cards.Lang) string {
	t = inLoc(t, loc)
	return FormatDate(t, loc, lang) + ", " + t.Format("15:04")
}

// FormatPeriod is the days from first to last in loc: one date when both
// are the same day ("5 december 2026"), else "23 november tot en met 5
// december 2026" or "23 November to 5 December 2026". The year is written
// once when both days are in the same year, the month once when both are
// in the same month ("1 tot en met 5 december 2026").
func FormatPeriod(first, last time.Time, loc *time.Location, lang cards.Lang) string {
	a, b := inLoc(first, loc), inLoc(last, loc)
	end := FormatDate(b, loc, lang)
	var start string
	switch {
	case a.Year() != b.Year():
		start = FormatDate(a, loc, lang)
	case a.Month() != b.Month():
		start = dayMonth(a, lang)
	case a.Day() != b.Day():
		start = strconv.Itoa(a.Day())
	default:
		return end
	}
	return fmt.Sprintf(textSetOnce().texts[setLang(lang)].PeriodF, start, end)
}

func inLoc(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc)
}

// dayMonth is "5 december" or "5 December".
func dayMonth(t time.Time, lang cards.Lang) string {
	return strconv.Itoa(t.Day()) + " " + textSetOnce().texts[setLang(lang)].Months[t.Month()-1]
}
