package export

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export/exporttest/pdftext"
)

const (
	testOrg        = "Gemeente Zuidbroek–Noordeinde"
	testZaaknummer = "Z-2026-00123"
	// testAnswer is the changed answer's new version: Dutch and money
	// characters that must come out as themselves.
	testAnswer = "Het doel is bestaanszekerheid, ook bij een erfenis van € 12.500 (ĳverig gecontroleerd, “geëerd” – één keer)."
)

var testCreated = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// caseDocument builds the golden case of document_test.go in lang with a
// zaaknummer and one corrected answer, so the appendix has two versions.
func caseDocument(t testing.TB, lang cards.Lang) (Document, *dialogs.Engine) {
	t.Helper()
	e, c, ams, name := correctedCase(t, lang, testAnswer)
	return NewDocument(e, c, ams, name), e
}

// pdfText writes d as a PDF and returns its text.
func pdfText(t *testing.T, d Document, o PDFOptions) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, d, o); err != nil {
		t.Fatal(err)
	}
	text, err := pdftext.Extract(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return text, buf.Bytes()
}

// flat joins the words of s with single spaces, so a check does not
// depend on where a line wraps.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestPDFDocument: the PDF copy of the golden case holds, as text, the
// case id, the zaaknummer, the organisation, the decision and its
// motivering, every argument with its author, the changed mark and both
// versions of the changed answer, the content version and the page
// numbers; ë é ĳ € come out as themselves.
func TestPDFDocument(t *testing.T) {
	for _, lang := range cards.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			d, _ := caseDocument(t, lang)
			text, _ := pdfText(t, d, PDFOptions{Org: testOrg, Created: testCreated})
			pages := strings.Split(text, "\f")
			all := flat(text)
			tx := dialogs.TextsFor(lang)
			want := []string{"MW-0042", d.Title, tx.Zaaknummer + ": " + testZaaknummer, testOrg,
				d.Decision[0].Value, d.Decision[1].Value, d.ChangedMark, testAnswer,
				"De regel wil bestaanszekerheid bieden & voorkomen dat mensen <te veel> krijgen.",
				d.Footer, d.HistoryTitle, fmt.Sprintf(tx.DocPageF, 1, len(pages))}
			for _, s := range d.Sections {
				for _, e := range s.Entries {
					if e.Label == "" { // an argument: its text, then its author
						want = append(want, flat(e.Answer+" "+e.By))
					}
				}
			}
			for _, w := range want {
				if !strings.Contains(all, flat(w)) {
					t.Errorf("the text lacks %q", w)
				}
			}
			for _, w := range []string{"Bram Bakker (UBOB00002)", "Lotte Leider (ULEAD0003)", "ë", "é", "ĳ", "€", "“", "–"} {
				if !strings.Contains(all, w) {
					t.Errorf("the text lacks %q", w)
				}
			}
			if !strings.Contains(all, "1. "+flat("De regel wil bestaanszekerheid")) || !strings.Contains(all, "2. "+flat(testAnswer)) {
				t.Errorf("the appendix does not number both versions:\n%s", text)
			}
			// Order: the decision before the sections, the appendix last.
			iDec, iArg, iHist := strings.Index(all, d.Decision[1].Value), strings.Index(all, tx.ArgsPro), strings.LastIndex(all, d.HistoryTitle)
			if !(iDec < iArg && iArg < iHist) {
				t.Errorf("order: decision at %d, arguments at %d, appendix at %d", iDec, iArg, iHist)
			}
			// The appendix starts a page.
			last := pages[len(pages)-1]
			if !strings.Contains(last, d.HistoryTitle) || strings.Contains(last, tx.ArgsPro) {
				t.Errorf("the appendix is not on a page of its own:\n%s", last)
			}
			if !strings.Contains(flat(last), flat(d.Footer)) {
				t.Errorf("the content footer is not on the last page")
			}
		})
	}
}

// TestPDFGolden: the text of the Dutch PDF copy, as pdftext reads it.
func TestPDFGolden(t *testing.T) {
	d, _ := caseDocument(t, cards.NL)
	text, _ := pdfText(t, d, PDFOptions{Org: testOrg, Created: testCreated})
	path := filepath.Join("testdata", "case-nl.pdf.txt")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(path, []byte(text), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if text != string(want) {
		t.Errorf("%s differs; if intended, run with -update\n%s", path, text)
	}
}

// TestPDFReproducible: the same document and date give the same bytes.
func TestPDFReproducible(t *testing.T) {
	d, _ := caseDocument(t, cards.NL)
	o := PDFOptions{Org: testOrg, Created: testCreated}
	_, a := pdfText(t, d, o)
	_, b := pdfText(t, d, o)
	if !bytes.Equal(a, b) {
		t.Fatalf("two runs differ: %d and %d bytes", len(a), len(b))
	}
	o.Created = o.Created.Add(time.Hour)
	if _, c := pdfText(t, d, o); bytes.Equal(a, c) {
		t.Errorf("another date gives the same bytes: the date is not recorded")
	}
}

// TestPDFConcurrent: documents written at once (two team leads exporting)
// share the fonts but nothing else.
func TestPDFConcurrent(t *testing.T) {
	d, _ := caseDocument(t, cards.NL)
	o := PDFOptions{Org: testOrg, Created: testCreated}
	_, want := pdfText(t, d, o)
	got := make([][]byte, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := WritePDF(&buf, d, o); err != nil {
				t.Error(err)
			}
			got[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for i, b := range got {
		if !bytes.Equal(b, want) {
			t.Errorf("writer %d: other bytes", i)
		}
	}
}

// TestPDFMetadata: title, author, creator, language and dates are in the
// file, and the fonts carry a ToUnicode map.
func TestPDFMetadata(t *testing.T) {
	for _, tc := range []struct {
		lang cards.Lang
		tag  string
	}{{cards.NL, "/Lang (nl-NL)"}, {cards.EN, "/Lang (en-GB)"}} {
		d, _ := caseDocument(t, tc.lang)
		_, b := pdfText(t, d, PDFOptions{Org: "Gemeente Test", Created: testCreated})
		utf16 := func(s string) string {
			var out []byte
			for _, r := range s {
				out = append(out, byte(r>>8), byte(r))
			}
			return string(out)
		}
		for _, w := range []string{tc.tag, "/Title (\xfe\xff" + utf16(d.Title), "/Author (\xfe\xff" + utf16("Gemeente Test"),
			"/Creator (\xfe\xff" + utf16("maatwerkbot"), "/CreationDate (D:20261124090000)", "/ModDate (D:20261124090000)",
			"/ToUnicode", "/FontFile2"} {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s: the file lacks %q", tc.lang, w)
			}
		}
	}
}

// TestPDFLong: a long document runs over several pages, an entry's
// answer wraps, and every page has the header and its number.
func TestPDFLong(t *testing.T) {
	d, _ := caseDocument(t, cards.NL)
	long := strings.Repeat("Een lange motivering met woorden als bestaanszekerheid en evenredigheid. ", 13)[:900]
	var sec DocSection
	sec.Title = "Veel antwoorden"
	for i := range 60 {
		sec.Entries = append(sec.Entries, DocEntry{Label: fmt.Sprintf("Vraag %d", i+1), Answer: long, By: "Anna de Vries", At: "2026-11-23 10:30"})
	}
	d.Sections = append(d.Sections, sec)
	text, _ := pdfText(t, d, PDFOptions{Org: testOrg, Created: testCreated})
	pages := strings.Split(text, "\f")
	if len(pages) < 10 {
		t.Fatalf("%d pages for 60 answers of 900 characters", len(pages))
	}
	for i, p := range pages {
		for _, w := range []string{testOrg, d.Title, "Zaaknummer: " + testZaaknummer, fmt.Sprintf("Pagina %d van %d", i+1, len(pages))} {
			if !strings.Contains(p, w) {
				t.Errorf("page %d lacks %q", i+1, w)
			}
		}
		// No line runs off the page: each holds well under 900 characters.
		for _, l := range strings.Split(p, "\n") {
			if len(l) > 150 {
				t.Errorf("page %d: a line of %d characters did not wrap", i+1, len(l))
			}
		}
	}
	for i := range 60 {
		if !strings.Contains(text, fmt.Sprintf("Vraag %d\n", i+1)) {
			t.Errorf("answer %d is missing", i+1)
		}
	}
	// A heading is not the last thing on a page.
	for i, p := range pages {
		lines := strings.Split(strings.TrimSpace(p), "\n")
		for j, l := range lines {
			if l == sec.Title && j+1 < len(lines) && strings.HasPrefix(lines[j+1], "Pagina ") {
				t.Errorf("page %d ends with the heading %q", i+1, l)
			}
		}
	}
}

// TestPDFTypedTextIsText: what a person typed is printed as it is: no
// alias ({nb}), no markup, parentheses and backslashes intact, line ends
// kept as lines, control characters as spaces.
func TestPDFTypedTextIsText(t *testing.T) {
	d := Document{Title: "Verslag van casus MW-0001", PageF: "Pagina %d van %d", Sections: []DocSection{{Title: "Afweging", Entries: []DocEntry{
		{Label: "Doel", Answer: "Zie {nb} en <b>vet</b> (niet) \\ *ster* %d %s", By: "Anna"},
		{Label: "Twee regels", Answer: "eerste\r\ntweede\x00derde\u00adwoord", By: "Bram"},
	}}}}
	text, _ := pdfText(t, d, PDFOptions{Created: testCreated})
	for _, w := range []string{"Zie {nb} en <b>vet</b> (niet) \\ *ster* %d %s\n", "eerste\ntweede derdewoord\n", "Pagina 1 van 1"} {
		if !strings.Contains(text, w) {
			t.Errorf("the text lacks %q:\n%s", w, text)
		}
	}
}

// TestPDFGlyphs: the embedded fonts have a glyph for every character of
// the golden documents in both languages and for the Dutch and
// typographic characters a caseworker types; the writer substitutes the
// ones they lack.
func TestPDFGlyphs(t *testing.T) {
	fonts, err := parsedFonts()
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	has := func(r rune) bool {
		for _, f := range fonts {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				return false
			}
		}
		return true
	}
	var all strings.Builder
	all.WriteString("ëéĳĲ€↔“”‘’–—")
	for _, lang := range cards.Langs() {
		d, _ := caseDocument(t, lang)
		WriteMarkdown(&all, d) // every text of the document, and some marks
		all.WriteString(d.PageF + d.ZaaknummerLabel)
	}
	for _, r := range all.String() {
		if r != '\n' && !has(r) {
			t.Errorf("the fonts have no glyph for %q (%U)", r, r)
		}
	}

	g, err := newGlyphs()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"ëéĳ€↔“”‘’–—", "ëéĳ€↔“”‘’–—"}, // kept: the fonts have them
		{"klaar ✓", "klaar v"},
		{"🙂 blij", "? blij"},
		{"ṃ", "m"}, // a letter with a mark the fonts lack: the letter
		{"a\u200bb\u00adc", "abc"},
		{"a\tb\nc", "a b c"},
		{"\xff", "\uFFFD"},
	} {
		for _, r := range tc.in {
			if strings.ContainsRune(tc.want, r) != has(r) && r != '\t' && r != '\n' && r != '\u200b' && r != '\u00ad' {
				t.Fatalf("%q: the fonts %s %q: the case no longer tests what it says", tc.in, map[bool]string{true: "have", false: "lack"}[has(r)], r)
			}
		}
		if got := g.text(tc.in, false); got != tc.want {
			t.Errorf("text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// And in the file: the substitute is what a reader finds.
	d := Document{Title: "MW-0001 ✓", Sections: []DocSection{{Title: "✓ klaar", Entries: []DocEntry{{Answer: "🙂 blij ✓", By: "Anna"}}}}}
	text, _ := pdfText(t, d, PDFOptions{Created: testCreated})
	if !strings.Contains(text, "v klaar") || !strings.Contains(text, "? blij v") || strings.ContainsAny(text, "✓🙂") {
		t.Errorf("the substitutes are not in the file:\n%s", text)
	}
}

// BenchmarkWritePDF writes the golden Dutch case as a PDF.
func BenchmarkWritePDF(b *testing.B) {
	d, _ := caseDocument(b, cards.NL)
	o := PDFOptions{Org: testOrg, Created: testCreated}
	var buf bytes.Buffer
	if err := WritePDF(&buf, d, o); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePDF(io.Discard, d, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
