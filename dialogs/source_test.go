package dialogs

import (
	"slices"
	"strings"
	"testing"
)

func TestValidSource(t *testing.T) {
	tests := []struct {
		link string
		want bool
	}{
		{"https://gemeente.slack.com/archives/C0CASES01/p1700000000000100", true},
		{"https://gemeente.slack.com/archives/C0CASES01/p1700000000000200?thread_ts=1700000000.000100&cid=C0CASES01", true},
		{"https://org.enterprise.slack.com/archives/G0PRIV/p1700000000000100", true},
		{"https://gemeente.slack-gov.com/archives/C1/p1", true},
		{"", false},
		{"http://gemeente.slack.com/archives/C1/p1", false},
		{"https://slack.com.evil.example/archives/C1/p1", false},
		{"https://evil.example/gemeente.slack.com/archives/C1/p1", false},
		{"https://gemeente.slack.com@evil.example/archives/C1/p1", false},
		{"https://user@gemeente.slack.com/archives/C1/p1", false},
		{"https://gemeente.slack.com:8443/archives/C1/p1", false},
		{"https://gemeente.slack.com/archives/C1/p1#x", false},
		{"https://gemeente.slack.com/archives/C1/p1?redirect=https://evil.example", false},
		{"https://gemeente.slack.com/archives/C1/pabc", false},
		{"https://gemeente.slack.com/archives/c1/p1", false},
		{"https://gemeente.slack.com/archives/C1/p1/extra", false},
		{"https://gemeente.slack.com/messages/C1/p1", false},
		{"https://gemeente.slack.com/archives/C1/p1\n", false},
		{"javascript:alert(1)//gemeente.slack.com/archives/C1/p1", false},
		{"https://fake.slack.test/archives/C1/p1", false},
		{"https://gemeente.slack.com/archives/C1/p" + strings.Repeat("1", 600), false},
	}
	for _, tt := range tests {
		if got := ValidSource(tt.link); got != tt.want {
			t.Errorf("ValidSource(%q) = %t, want %t", tt.link, got, tt.want)
		}
	}
}

func TestTitleFromMessage(t *testing.T) {
	long := strings.Repeat("woord ", 40)
	tests := []struct {
		name, text string
		want       string
		found      []PersonalData
	}{
		{"plain", "Wat doen we hiermee? Huurachterstand door late toeslag.", "Wat doen we hiermee? Huurachterstand door late toeslag.", nil},
		{"lines become one", "Wat doen we hiermee?\n\n  Eigen bijdrage\tWmo", "Wat doen we hiermee? Eigen bijdrage Wmo", nil},
		{"clipped", long, strings.TrimSpace(long[:149]) + "…", nil},
		{"bsn", "Mevrouw heeft BSN 123456782 en schulden", "", []PersonalData{BSN}},
		{"bsn past the clip", long + " 123456782", "", []PersonalData{BSN}},
		{"iban and mail", "Rekening NL91ABNA0417164300, mail jan@example.nl", "", []PersonalData{IBAN, Email}},
		{"phone split over lines", "Bel haar:\n06-12345678", "", []PersonalData{Phone}},
		{"control characters cleaned", "Casus\x1b[31m rood", "Casus rood", nil},
		{"empty", " \n ", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found := TitleFromMessage(tt.text)
			if got != tt.want || !slices.Equal(found, tt.found) {
				t.Errorf("TitleFromMessage(%q) = %q, %v; want %q, %v", tt.text, got, found, tt.want, tt.found)
			}
			if got != "" {
				if err := CheckText("title", got, true); err != nil || len([]rune(got)) > 150 {
					t.Errorf("the proposed title would be refused: %v, %d characters", err, len([]rune(got)))
				}
			}
		})
	}
}
