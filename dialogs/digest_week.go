package dialogs

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Week is an ISO 8601 week, e.g. 2026-W47: Monday to Sunday, week 1 being
// the week with the year's first Thursday.
type Week struct {
	Year, Num int
}

// WeekOf returns the ISO week that t falls in, in loc.
func WeekOf(t time.Time, loc *time.Location) Week {
	y, n := t.In(loc).ISOWeek()
	return Week{Year: y, Num: n}
}

// ParseWeek reads "2026-W47" (also "2026-w47", "2026W47" and "2026-W7").
// It reports false for text that is not a week or a week the year does not
// have (week 53 of a 52-week year).
func ParseWeek(s string) (Week, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	y, n, ok := strings.Cut(s, "W")
	if !ok {
		return Week{}, false
	}
	y = strings.TrimSuffix(y, "-")
	if len(y) != 4 || len(n) < 1 || len(n) > 2 {
		return Week{}, false
	}
	year, err1 := strconv.Atoi(y)
	num, err2 := strconv.Atoi(n)
	if err1 != nil || err2 != nil || year < 1970 || num < 1 || num > 53 {
		return Week{}, false
	}
	w := Week{Year: year, Num: num}
	if WeekOf(w.Start(time.UTC), time.UTC) != w {
		return Week{}, false
	}
	return w, true
}

// String formats the week as "2026-W47".
func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Num) }

// Start is Monday 00:00 of the week in loc.
func (w Week) Start(loc *time.Location) time.Time {
	// 4 January is always in week 1.
	jan4 := time.Date(w.Year, time.January, 4, 0, 0, 0, 0, loc)
	back := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return time.Date(w.Year, time.January, 4-back+7*(w.Num-1), 0, 0, 0, 0, loc)
}

// End is the start of the next week: the week is [Start, End). Across a
// daylight-saving change it is 167 or 169 hours after Start.
func (w Week) End(loc *time.Location) time.Time { return w.Next().Start(loc) }

// Next is the week after w.
func (w Week) Next() Week {
	s := w.Start(time.UTC)
	return WeekOf(time.Date(s.Year(), s.Month(), s.Day()+7, 12, 0, 0, 0, time.UTC), time.UTC)
}

// Prev is the week before w.
func (w Week) Prev() Week {
	s := w.Start(time.UTC)
	return WeekOf(time.Date(s.Year(), s.Month(), s.Day()-7, 12, 0, 0, 0, time.UTC), time.UTC)
}

// At is the instant of weekday at hour:minute in week w, on the wall clock of
// loc. It is computed with time.Date each time, so a daylight-saving change
// does not shift it: Monday 09:00 stays 09:00. A wall time that does not
// exist (02:30 on the night the clocks go forward) is normalised by
// time.Date to the hour after.
func (w Week) At(loc *time.Location, day time.Weekday, hour, minute int) time.Time {
	s := w.Start(loc)
	offset := (int(day) + 6) % 7
	return time.Date(s.Year(), s.Month(), s.Day()+offset, hour, minute, 0, 0, loc)
}

// Covers is the week a digest due at day reports on: Monday to Wednesday
// report on the week before, Thursday to Sunday on the week itself (which is
// then mostly past).
func (w Week) Covers(day time.Weekday) Week {
	if day >= time.Monday && day <= time.Wednesday {
		return w.Prev()
	}
	return w
}
