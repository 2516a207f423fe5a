package dialogs_test

import (
	"testing"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/dialogstest"
)

func TestCheckZaaknummer(t *testing.T) {
	for _, tc := range []struct {
		in   string
		code dialogs.ErrorCode // "" when taken
	}{
		{"", ""},
		{"Z-2026-00123", ""},
		{"2026/0042", ""},
		{"ZK 2026 000 123", ""},
		{"W&I_2026.17#3", dialogs.CodeInvalid}, // & is not a mark a zaaknummer uses
		{"zaak:12", ""},
		{"Jansen", dialogs.CodeInvalid},             // no digit: more likely a name
		{"123456782", dialogs.CodePrivacy},          // a BSN (passes the elfproef)
		{"NL91ABNA0417164300", dialogs.CodePrivacy}, // an IBAN
		{"0612345678", dialogs.CodePrivacy},         // a phone number
		{"z12@gemeente.nl", dialogs.CodePrivacy},    // an e-mail address
		{"<!channel> 12", dialogs.CodeInvalid},      // markup is not a reference
		{"Z-2026-00000000000000000000000000000000001", dialogs.CodeTooLong},
	} {
		err := dialogs.CheckZaaknummer(tc.in)
		if tc.code == "" {
			if err != nil {
				t.Errorf("CheckZaaknummer(%q) = %v, want nil", tc.in, err)
			}
			continue
		}
		ue, ok := dialogs.AsError(err)
		if !ok || ue.Code != tc.code || ue.Field != "zaaknummer" {
			t.Errorf("CheckZaaknummer(%q) = %v, want %s on zaaknummer", tc.in, err, tc.code)
		}
	}
}

func TestNewCaseKeepsZaaknummer(t *testing.T) {
	e := dialogstest.Engine(t)
	c, err := e.NewCase(dialogs.Start{Channel: "C1", Title: "Terugvordering", Zaaknummer: "  Z-2026-\u200b00123 ", By: "U1"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Zaaknummer != "Z-2026-00123" {
		t.Errorf("Zaaknummer = %q, want it cleaned and trimmed", c.Zaaknummer)
	}
	if _, err := e.NewCase(dialogs.Start{Channel: "C1", Title: "Terugvordering", Zaaknummer: "111222333", By: "U1"}); err == nil {
		t.Error("a BSN as zaaknummer was taken")
	}
}

func TestNewCaseKeepsOnlyAValidSource(t *testing.T) {
	e := dialogstest.Engine(t)
	for _, tc := range []struct{ source, want string }{
		{"https://gemeente.slack.com/archives/C0CASES01/p1700000000000100", "https://gemeente.slack.com/archives/C0CASES01/p1700000000000100"},
		{"https://evil.example/archives/C0CASES01/p1700000000000100", ""},
		{"", ""},
	} {
		c, err := e.NewCase(dialogs.Start{Channel: "C1", Title: "Uit een bericht", By: "U1", Source: tc.source})
		if err != nil {
			t.Fatal(err)
		}
		if c.Source != tc.want {
			t.Errorf("Source %q stored as %q, want %q", tc.source, c.Source, tc.want)
		}
	}
}
