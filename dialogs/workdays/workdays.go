package workdays

import (
	"slices"
	"time"
)

// Holiday is a Dutch public holiday in a given year.
type Holiday struct {
	// Date is the day, at midnight UTC; only its year, month and day count.
	Date time.Time
	// Name is the holiday's Dutch name, e.g. "Tweede Paasdag".
	Name string
}

// Easter returns Easter Sunday of year in the Gregorian calendar, at
// midnight UTC, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Holidays returns the public holidays of year that this package counts (see
// the package comment), in date order.
func Holidays(year int) []Holiday {
	day := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }
	easter := Easter(year)
	king := day(time.April, 27)
	if king.Weekday() == time.Sunday {
		king = day(time.April, 26)
	}
	hs := []Holiday{
		{day(time.January, 1), "Nieuwjaarsdag"},
		{easter, "Eerste Paasdag"},
		{easter.AddDate(0, 0, 1), "Tweede Paasdag"},
		{king, "Koningsdag"},
		{day(time.May, 5), "Bevrijdingsdag"},
		{easter.AddDate(0, 0, 39), "Hemelvaartsdag"},
		{easter.AddDate(0, 0, 49), "Eerste Pinksterdag"},
		{easter.AddDate(0, 0, 50), "Tweede Pinksterdag"},
		{day(time.December, 25), "Eerste Kerstdag"},
		{day(time.December, 26), "Tweede Kerstdag"},
	}
	// After an early Easter, Hemelvaartsdag comes before 5 May.
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return hs
}

// HolidayOn returns the holiday on the calendar day of t (as read in t's own
// location), if there is one.
func HolidayOn(t time.Time) (Holiday, bool) {
	y, m, d := t.Date()
	for _, h := range Holidays(y) {
		if hm, hd := h.Date.Month(), h.Date.Day(); hm == m && hd == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// IsWorkday reports whether the calendar day of t (in t's own location) is a
// working day: not a Saturday, not a Sunday and not a holiday.
func IsWorkday(t time.Time) bool {
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, holiday := HolidayOn(t)
	return !holiday
}

// startOfDay is midnight at the start of t's day in loc.
func startOfDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// After returns the start (midnight in loc) of the working day that follows
// n whole working days after the day of t: the first moment at which the
// days after t's day hold n working days that have passed completely. For
// n <= 0 it is the start of the next working day after t's day.
//
// With activity on Tuesday 22 December 2026 and n = 5, the quiet working
// days are 23, 24, 28, 29 and 30 December (25 and 26 December are
// Christmas, 27 December a Sunday), and After returns the start of
// Thursday 31 December.
func After(t time.Time, n int, loc *time.Location) time.Time {
	day := startOfDay(t, loc)
	next := func(d time.Time) time.Time {
		y, m, dd := d.Date()
		return time.Date(y, m, dd+1, 0, 0, 0, 0, loc)
	}
	for counted := 0; ; {
		day = next(day)
		if !IsWorkday(day) {
			continue
		}
		if counted >= n {
			return day
		}
		counted++
	}
}

// Between returns how many whole working days lie strictly after the day of
// from and strictly before the day of to, in loc: the working days that
// passed completely without activity, seen on the day of to.
func Between(from, to time.Time, loc *time.Location) int {
	start, end := startOfDay(from, loc), startOfDay(to, loc)
	n := 0
	for d := start; ; {
		y, m, dd := d.Date()
		d = time.Date(y, m, dd+1, 0, 0, 0, 0, loc)
		if !d.Before(end) {
			return n
		}
		if IsWorkday(d) {
			n++
		}
	}
}
