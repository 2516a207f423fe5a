package dialogs

import (
	"fmt"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

func TestFormatDates(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data")
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 14, 0, 0, ams) }
	// 23:30 UTC on 31 December is already 1 January in Amsterdam.
	nearMidnight := time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)
	tests := []struct {
		name          string
		first, last   time.Time
		loc           *time.Location
		lang          cards.Lang
		date, at, per string
	}{
		{"same day nl", day(2026, 12, 5), day(2026, 12, 5), ams, cards.NL,
			"5 december 2026", "5 december 2026, 09:14", "5 december 2026"},
		{"same day en", day(2026, 12, 5), day(2026, 12, 5), ams, cards.EN,
			"5 December 2026", "5 December 2026, 09:14", "5 December 2026"},
		{"same month nl", day(2026, 12, 1), day(2026, 12, 5), ams, cards.NL,
			"1 december 2026", "1 december 2026, 09:14", "1 tot en met 5 december 2026"},
		{"different months nl", day(2026, 11, 23), day(2026, 12, 5), ams, cards.NL,
			"23 november 2026", "23 november 2026, 09:14", "23 november tot en met 5 december 2026"},
		{"different months en", day(2026, 11, 23), day(2026, 12, 5), ams, cards.EN,
			"23 November 2026", "23 November 2026, 09:14", "23 November to 5 December 2026"},
		{"different years nl", day(2026, 12, 28), day(2027, 1, 4), ams, cards.NL,
			"28 december 2026", "28 december 2026, 09:14", "28 december 2026 tot en met 4 januari 2027"},
		{"different years en", day(2026, 12, 28), day(2027, 1, 4), ams, cards.EN,
			"28 December 2026", "28 December 2026, 09:14", "28 December 2026 to 4 January 2027"},
		{"near midnight in Amsterdam", nearMidnight, nearMidnight, ams, cards.NL,
			"1 januari 2027", "1 januari 2027, 00:30", "1 januari 2027"},
		{"near midnight in UTC", nearMidnight, nearMidnight, nil, cards.EN,
			"31 December 2026", "31 December 2026, 23:30", "31 December 2026"},
		{"a period over midnight", nearMidnight.Add(-time.Hour), nearMidnight, ams, cards.NL,
			"31 december 2026", "31 december 2026, 23:30", "31 december 2026 tot en met 1 januari 2027"},
		{"afternoon, 24-hour clock en", time.Date(2026, 3, 2, 15, 5, 0, 0, ams), day(2026, 3, 4), ams, cards.EN,
			"2 March 2026", "2 March 2026, 15:05", "2 to 4 March 2026"},
		{"another language reads Dutch", day(2026, 5, 1), day(2026, 5, 1), ams, cards.Lang("de"),
			"1 mei 2026", "1 mei 2026, 09:14", "1 mei 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatDate(tt.first, tt.loc, tt.lang); got != tt.date {
				t.Errorf("FormatDate = %q, want %q", got, tt.date)
			}
			if got := FormatDateTime(tt.first, tt.loc, tt.lang); got != tt.at {
				t.Errorf("FormatDateTime = %q, want %q", got, tt.at)
			}
			if got := FormatPeriod(tt.first, tt.last, tt.loc, tt.lang); got != tt.per {
				t.Errorf("FormatPeriod = %q, want %q", got, tt.per)
			}
		})
	}
}

func ExampleFormatPeriod() {
	first := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	last := time.Date(2026, 12, 5, 16, 0, 0, 0, time.UTC)
	fmt.Println(FormatPeriod(first, last, time.UTC, cards.NL))
	fmt.Println(FormatPeriod(first, last, time.UTC, cards.EN))
	fmt.Println(FormatDateTime(last, time.UTC, cards.NL))
	// Output:
	// 23 november tot en met 5 december 2026
	// 23 November to 5 December 2026
	// 5 december 2026, 16:00
}
