package dialogs

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var parseArgumentCases = []struct {
	in   string
	pro  bool
	rest string
	ok   bool
}{
	{"voor: De uitkomst is onevenredig", true, "De uitkomst is onevenredig", true},
	{"tegen: Gelijke gevallen gelijk", false, "Gelijke gevallen gelijk", true},
	{"pro: fair", true, "fair", true},
	{"con: unfair to others", false, "unfair to others", true},
	{"contra: kost te veel", false, "kost te veel", true},
	{"against: precedent", false, "precedent", true},
	{"for: proportionality", true, "proportionality", true},
	{"VOOR: hoofdletters", true, "hoofdletters", true},
	{"Tegen: hoofdletter", false, "hoofdletter", true},
	{"CoN: mixed", false, "mixed", true},
	{"   voor: met spaties ervoor", true, "met spaties ervoor", true},
	{"\t\n tegen: met witruimte", false, "met witruimte", true},
	{"\u00a0voor: na een harde spatie", true, "na een harde spatie", true},
	{"*voor*: vet", true, "vet", true},
	{"*voor:* vet met dubbele punt", true, "vet met dubbele punt", true},
	{"_tegen_: cursief", false, "cursief", true},
	{"~pro~: doorgehaald", true, "doorgehaald", true},
	{"Voor : spatie voor de dubbele punt", true, "spatie voor de dubbele punt", true},
	{"voor:zonder spatie", true, "zonder spatie", true},
	{"voor:   ruim   ", true, "ruim", true},
	{"voor: a: b", true, "a: b", true},
	{"tegen:\nop de volgende regel\nen nog een", false, "op de volgende regel\nen nog een", true},
	{"voor: *nadruk* in de tekst", true, "*nadruk* in de tekst", true},
	{"voor: €12,50 per maand", true, "€12,50 per maand", true},

	{"", false, "", false},
	{"voor:", false, "", false},
	{"voor:   ", false, "", false},
	{"voor: \n\t", false, "", false},
	{"*voor*: **", false, "", false},
	{"voorstel: doe het anders", false, "", false},
	{"voordeel: het is goedkoper", false, "", false},
	{"voor x", false, "", false},
	{"voor", false, "", false},
	{"tegenargument: x", false, "", false},
	{"onderwerp: voor: x", false, "", false},
	{"ik ben voor: x", false, "", false},
	{"zeer lange eerste woorden voor: x", false, "", false},
	{":", false, "", false},
	{": voor", false, "", false},
	{"prox: x", false, "", false},
	{"vóór: accent", false, "", false},
	{"voor: \xff", false, "", false},
	{"- voor: lijstje", false, "", false},
}

func TestParseArgument(t *testing.T) {
	for _, tc := range parseArgumentCases {
		pro, rest, ok := ParseArgument(tc.in)
		if pro != tc.pro || rest != tc.rest || ok != tc.ok {
			t.Errorf("ParseArgument(%q) = %v, %q, %v; want %v, %q, %v", tc.in, pro, rest, ok, tc.pro, tc.rest, tc.ok)
		}
	}
}

var parseCommandCases = []struct {
	in   string
	cmd  Command
	rest string
}{
	{"samenvatting", CmdSummary, ""},
	{"Samenvatting", CmdSummary, ""},
	{"samenvatting!", CmdSummary, ""},
	{"samenvatting graag", CmdSummary, "graag"},
	{"summary", CmdSummary, ""},
	{"SUMMARY please", CmdSummary, "please"},
	{"overzicht.", CmdSummary, ""},
	{"*samenvatting*", CmdSummary, ""},
	{"stap", CmdStep, ""},
	{"Stap?", CmdStep, ""},
	{"step", CmdStep, ""},
	{"  stap   3 ", CmdStep, "3"},
	{"vraag", CmdStep, ""},
	{"question,", CmdStep, ""},
	{"help", CmdHelp, ""},
	{"hulp", CmdHelp, ""},
	{"Hulp!", CmdHelp, ""},
	{"help me", CmdHelp, "me"},
	{"?", CmdHelp, ""},
	{"??", CmdHelp, ""},
	{"? wat kun je", CmdHelp, "wat kun je"},
	{"", CmdHelp, ""},
	{"   \n\t", CmdHelp, ""},
	{"wat is dit", CmdNone, "wat is dit"},
	{"samenvattingen", CmdNone, "samenvattingen"},
	{"stappen", CmdNone, "stappen"},
	{"  hallo daar ", CmdNone, "  hallo daar "},
	{"voor: een argument", CmdNone, "voor: een argument"},
}

func TestParseCommand(t *testing.T) {
	for _, tc := range parseCommandCases {
		cmd, rest := ParseCommand(tc.in)
		if cmd != tc.cmd || rest != tc.rest {
			t.Errorf("ParseCommand(%q) = %q, %q; want %q, %q", tc.in, cmd, rest, tc.cmd, tc.rest)
		}
	}
}

func FuzzParseArgument(f *testing.F) {
	for _, tc := range parseArgumentCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, text string) {
		_, rest, ok := ParseArgument(text)
		if !ok {
			if rest != "" {
				t.Fatalf("ParseArgument(%q) = %q, not ok: rest without ok", text, rest)
			}
			return
		}
		if rest == "" || strings.TrimSpace(rest) != rest {
			t.Fatalf("ParseArgument(%q) rest %q is empty or not trimmed", text, rest)
		}
		if !strings.Contains(text, rest) {
			t.Fatalf("ParseArgument(%q) rest %q is not part of the input", text, rest)
		}
		if !strings.Contains(text, ":") {
			t.Fatalf("ParseArgument(%q) ok without a colon", text)
		}
		if !utf8.ValidString(rest) {
			t.Fatalf("ParseArgument(%q) rest %q is not valid UTF-8", text, rest)
		}
	})
}

func FuzzParseCommand(f *testing.F) {
	for _, tc := range parseCommandCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cmd, rest := ParseCommand(text)
		switch cmd {
		case CmdNone:
			if rest != text {
				t.Fatalf("ParseCommand(%q) = none, %q: rest is not the text", text, rest)
			}
			return
		case CmdSummary, CmdStep, CmdHelp:
		default:
			t.Fatalf("ParseCommand(%q) = unknown command %q", text, cmd)
		}
		if strings.TrimSpace(rest) != rest || !strings.Contains(text, rest) {
			t.Fatalf("ParseCommand(%q) rest %q is not a trimmed part of the input", text, rest)
		}
		if len(rest) >= len(strings.TrimSpace(text)) && rest != "" {
			t.Fatalf("ParseCommand(%q) = %q, %q: the command word is still in the rest", text, cmd, rest)
		}
		if utf8.ValidString(text) && !utf8.ValidString(rest) {
			t.Fatalf("ParseCommand(%q) rest %q is not valid UTF-8", text, rest)
		}
	})
}

func TestIsReserved(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"help", true}, {" Help ", true}, {"?", true}, {"stop", true}, {"samenvatting", true}, {"terug", true},
		{"wijzig", true}, {"wijzig 3", true}, {"Change 12", true},
		{"Stop de terugvordering, want de schuld ontstond door de gemeente.", false},
		{"Help de inwoner met een betalingsregeling.", false},
		{"Terug naar het doel van de regel: bestaanszekerheid.", false},
		{"Wijzig de beschikking niet.", false}, {"helpen", false}, {"", false},
	} {
		if got := IsReserved(tc.in); got != tc.want {
			t.Errorf("IsReserved(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
