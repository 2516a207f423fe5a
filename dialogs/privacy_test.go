package dialogs

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// privacyCases are the examples FindPersonalData must get right; the fuzz test uses them as seeds.
var privacyCases = []struct {
	name  string
	input string
	want  []PersonalData
}{
	// BSN: the elfproef vectors and the ways people write them.
	{"bsn vector 123456782", "123456782", []PersonalData{BSN}},
	{"bsn vector 249566758", "bsn 249566758", []PersonalData{BSN}},
	{"bsn vector 111222333", "BSN: 111222333.", []PersonalData{BSN}},
	{"bsn vector 123456789 fails", "123456789", nil},
	{"bsn with dots", "burgerservicenummer 1234.56.782", []PersonalData{BSN}},
	{"bsn with spaces", "nummer 123 456 782 genoteerd", []PersonalData{BSN}},
	{"bsn with dashes", "12-34-56-782", []PersonalData{BSN}},
	{"bsn with no-break spaces", "123\u00a0456\u00a0782", []PersonalData{BSN}},
	{"bsn in parentheses", "mevrouw (123456782) belde", []PersonalData{BSN}},
	{"bsn after colon", "bsn:123456782", []PersonalData{BSN}},
	{"bsn after abbreviation", "nr.123456782", []PersonalData{BSN}},
	{"bsn of eight digits", "oud nummer 87654301 gevonden", []PersonalData{BSN}},
	{"eight digits failing with a zero", "12345678 cliënten", nil},
	{"bsn glued to letters", "bsn123456782", []PersonalData{BSN}}, // issue 14: glued forms are caught
	{"bsn in ten digits", "1234567820", nil},
	{"bsn mixed separators", "123.456 782", []PersonalData{BSN}},
	{"bsn with double separator", "123  456  782", []PersonalData{BSN}},
	{"bsn as amount before", "€ 123456782", nil},
	{"bsn as amount after", "123456782 euro", nil},
	{"bsn as amount with comma", "123456782,50", nil},
	{"bsn as amount with dash", "123456782,-", nil},
	{"bsn with decimals", "123.456.782,00", nil},
	{"bsn as percentage", "123456782%", nil},
	{"bsn in longer number", "1.123.456.782", nil},
	{"bsn in case id", "MW-123456782", nil},
	{"bsn in link", "https://example.nl/zaak/123456782", nil},
	{"bsn in slack link", "<https://example.nl/zaak/123456782|zaak>", nil},
	{"bsn in www link", "www.example.nl/?id=123456782", nil},
	{"bsn after link", "<https://example.nl/zaak|zaak> 123456782", []PersonalData{BSN}},
	{"compact date yyyymmdd", "besluit 20240107", nil},
	{"compact date ddmmyyyy", "besluit 06012024", nil},
	{"eight digits after a number", "2024 87654301", nil},

	// IBAN.
	{"iban grouped", "NL91 ABNA 0417 1643 00", []PersonalData{IBAN}},
	{"iban compact", "rekening NL91ABNA0417164300.", []PersonalData{IBAN}},
	{"iban lowercase", "nl91abna0417164300", []PersonalData{IBAN}},
	{"iban lowercase grouped", "nl02 abna 0123 4567 89", []PersonalData{IBAN}},
	{"iban belgium", "BE68 5390 0754 7034 voor de huur", []PersonalData{IBAN}},
	{"iban germany", "DE89 3704 0044 0532 0130 00", []PersonalData{IBAN}},
	{"iban britain", "GB82WEST12345698765432", []PersonalData{IBAN}},
	{"iban with bank code together", "NL91ABNA 0417 1643 00", []PersonalData{IBAN}},
	{"iban france", "FR14 2004 1010 0505 0001 3M02 606", []PersonalData{IBAN}},
	{"iban wrong check", "NL91 ABNA 0417 1643 01", nil},
	{"iban wrong check compact", "NL91ABNA0417164301", nil},
	{"iban wrong length for NL", "NL91ABNA04171643000", nil},
	{"iban glued", "xNL91ABNA0417164300", []PersonalData{IBAN}},
	{"iban-like word", "NL12 is geen rekening", nil},

	// E-mail.
	{"email", "jan@example.nl", []PersonalData{Email}},
	{"email in sentence", "mail naar J.de.Vries@gemeente-utrecht.nl.", []PersonalData{Email}},
	{"email slack mailto", "<mailto:jan@example.nl|jan@example.nl>", []PersonalData{Email}},
	{"email plus and case", "JAN+zorg@Example.COM", []PersonalData{Email}},
	{"email in parentheses", "(piet_01@mail.example.org)", []PersonalData{Email}},
	{"bot mention", "@maatwerkbot nieuwe casus", nil},
	{"user mention", "<@U123ABC> kijk je mee?", nil},
	{"loose at", "a @ b", nil},
	{"at without dot", "jan@localhost", nil},
	{"at at end", "info@", nil},
	{"at without local part", "@example.nl", nil},
	{"numeric top-level domain", "jan@example.123", nil},
	{"link without email", "https://example.nl/pad?x=1&y=2#kop", nil},

	// Phone: Dutch forms.
	{"mobile with dash", "06-12345678", []PersonalData{Phone}},
	{"mobile grouped", "bel 06 1234 5678", []PersonalData{Phone}},
	{"mobile compact", "0612345678", []PersonalData{Phone}},
	{"landline with dash", "020-1234567", []PersonalData{Phone}},
	{"landline grouped", "010 123 4567", []PersonalData{Phone}},
	{"landline parentheses", "(020) 123 45 67", []PersonalData{Phone}},
	{"landline slash", "020/1234567", []PersonalData{Phone}},
	{"mobile in parentheses", "(06-12345678)", []PersonalData{Phone}},
	{"mobile with en dash", "06\u201312345678", []PersonalData{Phone}},
	{"mobile with spaced dash", "Tel.: 06 - 12345678", []PersonalData{Phone}},
	{"landline with spaced dash", "030 - 123 45 67", []PersonalData{Phone}},
	{"netherlands plus", "+31 6 12345678", []PersonalData{Phone}},
	{"netherlands plus trunk", "+31 (0)6 12345678", []PersonalData{Phone}},
	{"netherlands double zero", "0031 6 12345678", []PersonalData{Phone}},
	{"netherlands compact", "+31612345678", []PersonalData{Phone}},
	{"slack tel link", "<tel:+31612345678|+31 6 1234 5678>", []PersonalData{Phone}},
	// Phone: international.
	{"belgium", "+32 2 123 45 67", []PersonalData{Phone}},
	{"germany", "+49 30 1234567", []PersonalData{Phone}},
	{"britain", "+44 20 7946 0958", []PersonalData{Phone}},
	// Phone: look-alikes.
	{"ten digits without zero", "1234567890", nil},
	{"nine digits with zero", "06-1234567", nil},
	{"eleven digits with zero", "061234567890", nil},
	{"date then number", "op 01-02-2024 12 uur", nil},
	{"time range", "09.00-17.00 uur", nil},
	{"plus days", "+3 dagen", nil},
	{"service number", "0800-1234", nil},
	{"double zero short", "0012345", nil},

	// Things caseworkers write that are not personal data.
	{"date with dashes", "12-03-2024", nil},
	{"iso date", "2024-03-12", nil},
	{"date in words", "12 maart 2024", nil},
	{"amount euro sign", "€ 1.234,56", nil},
	{"amount euro word", "12.345,00 euro", nil},
	{"amount plain", "1234567 euro", nil},
	{"amount large", "€ 123.456.782", nil},
	{"case id short", "MW-0042", nil},
	{"case id long", "MW-123456", nil},
	{"year", "in 2023", nil},
	{"year range", "2023-2024", nil},
	{"percentage", "12,5%", nil},
	{"article awb", "art. 4:84 Awb", nil},
	{"article", "artikel 3:4", nil},
	{"postcode", "1234 AB", nil},
	{"time", "09:00", nil},
	{"week", "week 47", nil},
	{"iso week", "2026-W47", nil},
	{"slack user id", "<@U012AB3CD>", nil},
	{"slack channel", "<#C123|general>", nil},
	{"version", "versie 1.26.8", nil},
	{"short number", "42", nil},
	{"empty", "", nil},

	// Several kinds at once come back once each, in the fixed order.
	{"all four", "Mevrouw (BSN 123456782) belde vanaf 06-12345678, mail: jan@example.nl, IBAN NL91 ABNA 0417 1643 00.",
		[]PersonalData{BSN, IBAN, Email, Phone}},
	{"email and phone", "Bel 06-12345678 of mail jan@example.nl", []PersonalData{Email, Phone}},
	{"iban and bsn", "IBAN NL91ABNA0417164300 en bsn 123456782", []PersonalData{BSN, IBAN}},
	{"phone then bsn", "06 12345678 123456782", []PersonalData{BSN, Phone}},
	{"twice each", "123456782 en 249566758, 0612345678 en 0687654321", []PersonalData{BSN, Phone}},
	{"phone tail is no bsn", "+31 6 12345671", []PersonalData{Phone}},
	{"second phone tail is no bsn", "06 11111111 of 06 12345671", []PersonalData{Phone}},
	{"grouped iban digits are no phone", "NL02 ABNA 0123 4567 89", []PersonalData{IBAN}},
	{"email with bsn local part", "123456782@example.nl", []PersonalData{Email}},
}

func TestFindPersonalData(t *testing.T) {
	for _, tc := range privacyCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := FindPersonalData(tc.input); !slices.Equal(got, tc.want) {
				t.Errorf("FindPersonalData(%q) = %v, want %v", tc.input, got, tc.want)
			}
		})
	}
}

// TestFindPersonalDataFixture checks a realistic case description full of dates, amounts, case ids, articles,
// mentions and links, with no personal data in it.
func TestFindPersonalDataFixture(t *testing.T) {
	text := readPrivacyFixture(t)
	if got := FindPersonalData(text); got != nil {
		t.Errorf("FindPersonalData(casus.txt) = %v, want nothing", got)
	}
	withData := text + " Haar nummer is 06 1234 5678."
	if got, want := FindPersonalData(withData), []PersonalData{Phone}; !slices.Equal(got, want) {
		t.Errorf("FindPersonalData(casus.txt + phone) = %v, want %v", got, want)
	}
}

func TestPrivacyElfproef(t *testing.T) {
	for _, tc := range []struct {
		digits string
		want   bool
	}{
		{"123456782", true},
		{"249566758", true},
		{"111222333", true},
		{"123456789", false},
		{"000000000", false}, // S = 0
		{"000000009", false}, // S = -9
		{"087654301", true},
	} {
		var d [9]byte
		for k := range d {
			d[k] = tc.digits[k] - '0'
		}
		if got := elfproef(d); got != tc.want {
			t.Errorf("elfproef(%s) = %t, want %t", tc.digits, got, tc.want)
		}
	}
}

func TestPersonalDataDescribe(t *testing.T) {
	seen := map[string]string{}
	for _, lang := range []string{"nl", "en"} {
		for _, kind := range []PersonalData{BSN, IBAN, Email, Phone} {
			d := kind.Describe(lang)
			if d == "" {
				t.Errorf("%s.Describe(%q) is empty", kind, lang)
			}
			key := fmt.Sprintf("%s/%s", kind, lang)
			if other, ok := seen[d]; ok {
				t.Errorf("%s.Describe(%q) = %q, the same as %s", kind, lang, d, other)
			}
			seen[d] = key
		}
	}
	if got, want := BSN.Describe("nl"), "een burgerservicenummer (BSN)"; got != want {
		t.Errorf("BSN.Describe(nl) = %q, want %q", got, want)
	}
	if got, want := BSN.Describe("en"), "a citizen service number (BSN)"; got != want {
		t.Errorf("BSN.Describe(en) = %q, want %q", got, want)
	}
	if got, want := Phone.Describe("en-GB"), Phone.Describe("en"); got != want {
		t.Errorf("Phone.Describe(en-GB) = %q, want %q", got, want)
	}
	if got, want := Email.Describe("fy"), Email.Describe("nl"); got != want {
		t.Errorf("Email.Describe(fy) = %q, want the Dutch %q", got, want)
	}
}

// FuzzFindPersonalData: the guard never panics, reports each kind once in
// the fixed order, never calls nine digits failing the elfproef a BSN, reads
// a text the same after normalising it, and a BSN it finds stays found with
// zero-width spaces between its digits.
func FuzzFindPersonalData(f *testing.F) {
	for _, tc := range privacyCases {
		f.Add(tc.input)
	}
	f.Add(readPrivacyFixture(f))
	f.Add("123456788")
	f.Add("+31 (0)6 12345678 NL91 ABNA 0417 1643 00 <mailto:a@b.nl|a@b.nl>")
	f.Add("((((0(0)6 ++31 @@a@b.c\u00a0\u00a0NL00")
	for _, s := range []string{"111222333", "bsn 123456782", "jan at example dot nl", "06 - 1234 - 5678", "NL91-ABNA-0417-1643-00",
		"mevrouw De Vries", "dhr. J. Jansen", "geboren 3-4-1980", "1234 AB 12", "Kerkstraat 12, 1234 AB Utrecht",
		"€ 1.234,56", "art. 18 lid 1", "\u200b\x1b[31m", "１１１２２２３３３"} {
		f.Add(s)
	}

	order := map[PersonalData]int{BSN: 0, IBAN: 1, Email: 2, Phone: 3, Name: 4, BirthDate: 5, Postcode: 6}
	f.Fuzz(func(t *testing.T, text string) {
		got := FindPersonalData(text)
		last := -1
		for _, kind := range got {
			pos, known := order[kind]
			if !known {
				t.Fatalf("FindPersonalData(%q) = %v: unknown kind %q", text, got, kind)
			}
			if pos <= last {
				t.Fatalf("FindPersonalData(%q) = %v: kinds repeated or out of order", text, got)
			}
			last = pos
		}

		// Nine digits that fail the elfproef are never a BSN on their own: try the input itself and the first
		// nine digits in it.
		for _, nine := range []string{text, firstDigits(text, 9)} {
			if !isNineDigits(nine) {
				continue
			}
			var d [9]byte
			for k := range d {
				d[k] = nine[k] - '0'
			}
			if !elfproef(d) && slices.Contains(FindPersonalData(nine), BSN) {
				t.Fatalf("FindPersonalData(%q) reports a BSN that fails the elfproef", nine)
			}
		}

		if !utf8.ValidString(text) {
			return
		}
		if again := FindPersonalData(normalizeForScan(text)); !slices.Equal(got, again) {
			t.Fatalf("FindPersonalData(%q) = %v, but %v on the normalised text", text, got, again)
		}
		if n := normalizeForScan(text); normalizeForScan(n) != n {
			t.Fatalf("normalizeForScan is not idempotent on %q", text)
		}
		if slices.Contains(got, BSN) {
			var b strings.Builder
			for _, r := range text {
				b.WriteRune(r)
				if r >= '0' && r <= '9' {
					b.WriteRune('\u200b')
				}
			}
			if !slices.Contains(FindPersonalData(b.String()), BSN) {
				t.Fatalf("%q: BSN found, but not with zero-width spaces between its digits", text)
			}
		}
	})
}

// TestFindPersonalDataAllocs: the guard runs on every answer; on plain text
// with nothing in it, normalising and scanning allocate nothing.
func TestFindPersonalDataAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race")
	}
	casus := readPrivacyFixture(t)
	for _, text := range []string{casus, strings.ReplaceAll(casus, "€", "EUR"), "De huur is gestegen en de aanvraag van 12-03-2024 (MW-0042) loopt nog."} {
		if n := testing.AllocsPerRun(20, func() { FindPersonalData(text) }); n > 0 {
			t.Errorf("FindPersonalData(%.30q…) allocates %.0f times, want 0", text, n)
		}
	}
}

func firstDigits(s string, n int) string {
	var b strings.Builder
	for k := 0; k < len(s) && b.Len() < n; k++ {
		if isDigit(s[k]) {
			b.WriteByte(s[k])
		}
	}
	return b.String()
}

func isNineDigits(s string) bool {
	return len(s) == 9 && strings.Trim(s, "0123456789") == ""
}

// BenchmarkFindPersonalData runs the guard on what it sees every answer: the
// 2 KB case description (with a euro sign, so not plain ASCII), the same in
// plain ASCII, and a short answer.
func BenchmarkFindPersonalData(b *testing.B) {
	casus := readPrivacyFixture(b)
	for _, bc := range []struct{ name, text string }{
		{"casus", casus},
		{"ascii", strings.ReplaceAll(casus, "€", "EUR")},
		{"answer", "De huur is gestegen en de aanvraag van 12-03-2024 (MW-0042) loopt nog; zie art. 18 lid 1."},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				FindPersonalData(bc.text)
			}
		})
	}
}

func ExampleFindPersonalData() {
	for _, kind := range FindPersonalData("Mevrouw belde vanaf 06-12345678, bsn 123456782.") {
		fmt.Println(kind, "-", kind.Describe("nl"))
	}
	// Output:
	// bsn - een burgerservicenummer (BSN)
	// phone - een telefoonnummer
}

func readPrivacyFixture(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "privacy", "casus.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
