package export

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The PDF copy uses the Go fonts (BSD licence, embedded in the binary
// through golang.org/x/image): they cover Latin-1, Latin Extended-A (ĳ),
// the typographic quotes and dashes, € and ↔. A character they lack is
// written in a form they have (see glyphs.text).

// pdfFonts are the TrueType fonts of the PDF copy by fpdf style.
var pdfFonts = []struct {
	style string
	ttf   []byte
}{{"", goregular.TTF}, {"B", gobold.TTF}, {"I", goitalic.TTF}}

// parsedFonts parses pdfFonts once, to look up which characters they have.
var parsedFonts = sync.OnceValues(func() ([]*sfnt.Font, error) {
	var fs []*sfnt.Font
	for _, pf := range pdfFonts {
		f, err := sfnt.Parse(pf.ttf)
		if err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	return fs, nil
})

// glyphs answers whether every font of the PDF copy has a character. It is
// for one document at a time (not safe for concurrent use).
type glyphs struct {
	fonts []*sfnt.Font
	buf   sfnt.Buffer
	seen  map[rune]bool
}

func newGlyphs() (*glyphs, error) {
	fs, err := parsedFonts()
	if err != nil {
		return nil, err
	}
	return &glyphs{fonts: fs, seen: map[rune]bool{}}, nil
}

func (g *glyphs) has(r rune) bool {
	if r > 0xFFFF { // fpdf's codes are 16 bits
		return false
	}
	if ok, found := g.seen[r]; found {
		return ok
	}
	ok := true
	for _, f := range g.fonts {
		if i, err := f.GlyphIndex(&g.buf, r); err != nil || i == 0 {
			ok = false
			break
		}
	}
	g.seen[r] = ok
	return ok
}

// substitutes are the forms written for characters the fonts may lack.
var substitutes = map[rune]string{
	'✓': "v", '✔': "v", '✗': "x", '✘': "x", '☐': "[ ]", '☑': "[v]", '☒': "[x]",
	'→': "->", '←': "<-", '↔': "<->", '⇒': "=>", '⇔': "<=>",
	'€': "EUR", 'ĳ': "ij", 'Ĳ': "IJ",
	'“': "\"", '”': "\"", '„': "\"", '‘': "'", '’': "'", '‚': "'",
	'–': "-", '—': "--", '…': "...", '•': "*", '·': ".",
	'≤': "<=", '≥': ">=", '≠': "!=", '×': "x",
}

// text makes s writable with the fonts: invalid UTF-8 becomes U+FFFD,
// line ends become "\n" (kept only when lines is set, else a space), other
// control characters a space, invisible format characters (soft hyphen,
// zero-width space) go, and a character the fonts lack becomes its
// substitute, else its base letter, else "?". Nothing else changes: what a
// person typed is printed as text, never read as markup.
func (g *glyphs) text(s string, lines bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' && lines:
			b.WriteRune(r)
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r):
		case g.has(r):
			b.WriteRune(r)
		default:
			b.WriteString(g.substitute(r))
		}
	}
	return b.String()
}

func (g *glyphs) substitute(r rune) string {
	if sub, ok := substitutes[r]; ok && g.hasAll(sub) {
		return sub
	}
	if unicode.IsSpace(r) {
		return " "
	}
	// A letter with a mark the fonts lack: its letters without the marks.
	var base strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if !g.has(d) {
			return "?"
		}
		base.WriteRune(d)
	}
	if base.Len() == 0 {
		return "?"
	}
	return base.String()
}

func (g *glyphs) hasAll(s string) bool {
	for _, r := range s {
		if !g.has(r) {
			return false
		}
	}
	return true
}
