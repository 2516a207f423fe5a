package record

import (
	"testing"
)

func TestParseKey(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"MW-0042", 42, true}, {"mw-7", 7, true}, {" 12 ", 12, true}, {"MW-0001", 1, true},
		{"+5", 0, false}, {"MW-+5", 0, false}, {"-3", 0, false}, {"MW-0", 0, false}, {"", 0, false},
		{"MW-", 0, false}, {"4 2", 0, false}, {"MW-99999999999999999999", 0, false}, {"zes", 0, false},
	} {
		got, ok := ParseKey(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseKey(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
