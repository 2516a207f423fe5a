package workdays

import (
	"fmt"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestEaster(t *testing.T) {
	tests := []struct {
		year int
		want time.Time
	}{
		{2024, date(2024, time.March, 31)},
		{2025, date(2025, time.April, 20)},
		{2026, date(2026, time.April, 5)},
		{2027, date(2027, time.March, 28)},
		{2028, date(2028, time.April, 16)},
		{2038, date(2038, time.April, 25)}, // the latest possible
		{2285, date(2285, time.March, 22)}, // the earliest possible
	}
	for _, tt := range tests {
		if got := Easter(tt.year); !got.Equal(tt.want) {
			t.Errorf("Easter(%d) = %s, want %s", tt.year, got.Format(time.DateOnly), tt.want.Format(time.DateOnly))
		}
	}
}

func TestHolidays(t *testing.T) {
	tests := []struct {
		year int
		want []string // "date name", in order
	}{
		{2025, []string{
			"2025-01-01 Nieuwjaarsdag", "2025-04-20 Eerste Paasdag", "2025-04-21 Tweede Paasdag",
			"2025-04-26 Koningsdag", // 27 April 2025 is a Sunday
			"2025-05-05 Bevrijdingsdag", "2025-05-29 Hemelvaartsdag", "2025-06-08 Eerste Pinksterdag",
			"2025-06-09 Tweede Pinksterdag", "2025-12-25 Eerste Kerstdag", "2025-12-26 Tweede Kerstdag",
		}},
		{2026, []string{
			"2026-01-01 Nieuwjaarsdag", "2026-04-05 Eerste Paasdag", "2026-04-06 Tweede Paasdag",
			"2026-04-27 Koningsdag", "2026-05-05 Bevrijdingsdag", "2026-05-14 Hemelvaartsdag",
			"2026-05-24 Eerste Pinksterdag", "2026-05-25 Tweede Pinksterdag",
			"2026-12-25 Eerste Kerstdag", "2026-12-26 Tweede Kerstdag",
		}},
		{2027, []string{
			"2027-01-01 Nieuwjaarsdag", "2027-03-28 Eerste Paasdag", "2027-03-29 Tweede Paasdag",
			"2027-04-27 Koningsdag", "2027-05-05 Bevrijdingsdag", "2027-05-06 Hemelvaartsdag",
			"2027-05-16 Eerste Pinksterdag", "2027-05-17 Tweede Pinksterdag",
			"2027-12-25 Eerste Kerstdag", "2027-12-26 Tweede Kerstdag",
		}},
		{2028, []string{
			"2028-01-01 Nieuwjaarsdag", "2028-04-16 Eerste Paasdag", "2028-04-17 Tweede Paasdag",
			"2028-04-27 Koningsdag", "2028-05-05 Bevrijdingsdag", "2028-05-25 Hemelvaartsdag",
			"2028-06-04 Eerste Pinksterdag", "2028-06-05 Tweede Pinksterdag",
			"2028-12-25 Eerste Kerstdag", "2028-12-26 Tweede Kerstdag",
		}},
		{2008, []string{ // an early Easter: Hemelvaartsdag before Bevrijdingsdag
			"2008-01-01 Nieuwjaarsdag", "2008-03-23 Eerste Paasdag", "2008-03-24 Tweede Paasdag",
			"2008-04-26 Koningsdag", // 27 April 2008 was a Sunday
			"2008-05-01 Hemelvaartsdag", "2008-05-05 Bevrijdingsdag",
			"2008-05-11 Eerste Pinksterdag", "2008-05-12 Tweede Pinksterdag",
			"2008-12-25 Eerste Kerstdag", "2008-12-26 Tweede Kerstdag",
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.year), func(t *testing.T) {
			got := Holidays(tt.year)
			if len(got) != len(tt.want) {
				t.Fatalf("%d holidays, want %d: %v", len(got), len(tt.want), got)
			}
			for i, h := range got {
				if s := h.Date.Format(time.DateOnly) + " " + h.Name; s != tt.want[i] {
					t.Errorf("holiday %d = %s, want %s", i, s, tt.want[i])
				}
			}
		})
	}
}

func TestIsWorkday(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	tests := []struct {
		day  time.Time
		want bool
	}{
		{date(2026, time.December, 24), true},                         // Thursday
		{date(2026, time.December, 25), false},                        // Eerste Kerstdag
		{date(2026, time.December, 26), false},                        // Saturday and Tweede Kerstdag
		{date(2026, time.December, 28), true},                         // Monday
		{date(2027, time.January, 1), false},                          // Nieuwjaarsdag, a Friday
		{date(2026, time.April, 3), true},                             // Goede Vrijdag is not counted (package comment)
		{date(2026, time.April, 6), false},                            // Tweede Paasdag
		{date(2026, time.April, 27), false},                           // Koningsdag
		{date(2025, time.April, 26), false},                           // Koningsdag on the Saturday
		{date(2028, time.May, 5), false},                              // Bevrijdingsdag, a Friday, also outside lustrum years
		{date(2027, time.May, 6), false},                              // Hemelvaartsdag
		{date(2027, time.May, 7), true},                               // the Friday after
		{date(2027, time.May, 17), false},                             // Tweede Pinksterdag
		{time.Date(2026, time.December, 24, 23, 30, 0, 0, ams), true}, // the day as read in its own zone
		{time.Date(2026, time.December, 24, 23, 30, 0, 0, ams).UTC(), true},
	}
	for _, tt := range tests {
		if got := IsWorkday(tt.day); got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
}

func TestAfterAndBetween(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, ams) }
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"a plain week", at(2026, time.November, 2, 10), 5, at(2026, time.November, 10, 0)},
		{"activity on a Saturday", at(2026, time.November, 7, 10), 5, at(2026, time.November, 16, 0)},
		{"over Christmas", at(2026, time.December, 22, 10), 5, at(2026, time.December, 31, 0)},
		{"twice over Christmas and New Year", at(2026, time.December, 22, 10), 10, at(2027, time.January, 8, 0)},
		{"over Easter, Goede Vrijdag counted", at(2026, time.April, 2, 16), 5, at(2026, time.April, 13, 0)},
		{"over Koningsdag and Bevrijdingsdag", at(2026, time.April, 24, 16), 5, at(2026, time.May, 6, 0)},
		{"over Bevrijdingsdag and Hemelvaart", at(2027, time.May, 3, 9), 5, at(2027, time.May, 13, 0)},
		{"late in the evening counts for its own day", at(2026, time.November, 2, 23), 1, at(2026, time.November, 4, 0)},
		{"one working day", at(2026, time.November, 6, 12), 1, at(2026, time.November, 10, 0)},
		{"none: the next working day", at(2026, time.November, 6, 12), 0, at(2026, time.November, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := After(tt.from, tt.n, ams)
			if !got.Equal(tt.want) {
				t.Fatalf("After(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
			if n := Between(tt.from, got, ams); n != max(tt.n, 0) {
				t.Errorf("Between(%s, %s) = %d, want %d", tt.from, got, n, tt.n)
			}
			if !IsWorkday(got) {
				t.Errorf("After gave %s, not a working day", got)
			}
			if n := Between(tt.from, got.AddDate(0, 0, -1), ams); tt.n > 0 && IsWorkday(got.AddDate(0, 0, -1)) && n >= tt.n {
				t.Errorf("the working day before, Between = %d, want fewer than %d", n, tt.n)
			}
		})
	}
}

func ExampleAfter() {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	quiet := time.Date(2026, time.December, 22, 10, 0, 0, 0, ams)
	fmt.Println(After(quiet, 5, ams).Format(time.DateOnly))
	// Output: 2026-12-31
}
