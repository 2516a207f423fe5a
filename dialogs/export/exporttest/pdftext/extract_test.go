package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// pdfFile builds a small PDF: one page per content stream, every page
// with the font resources fonts (name → the font object's dictionary;
// "%TOUNICODE%" in it is replaced with a reference to the stream
// toUnicode). Content is compressed when compress is set.
func pdfFile(pages []string, fonts map[string]string, toUnicode string, compress bool) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xb5\xb6\n")
	n := 0
	obj := func(body string) int {
		n++
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
		return n
	}
	stream := func(data []byte, z bool) int {
		extra := ""
		if z {
			var zb bytes.Buffer
			w := zlib.NewWriter(&zb)
			w.Write(data)
			w.Close()
			data, extra = zb.Bytes(), " /Filter /FlateDecode"
		}
		return obj(fmt.Sprintf("<</Length %d%s>>\nstream\n%s\nendstream", len(data), extra, data))
	}
	cm := 0
	if toUnicode != "" {
		cm = stream([]byte(toUnicode), compress)
	}
	var res strings.Builder
	res.WriteString("<</Font <<")
	for fname, fd := range fonts {
		fd = strings.ReplaceAll(fd, "%TOUNICODE%", fmt.Sprintf("%d 0 R", cm))
		fmt.Fprintf(&res, " /%s %d 0 R", fname, obj(fd))
	}
	res.WriteString(" >> >>")
	resources := obj(res.String())
	var kids []string
	pagesNum := len(pages)*2 + n + 1 // the Pages object comes after every page
	for _, p := range pages {
		c := stream([]byte(p), compress)
		kids = append(kids, fmt.Sprintf("%d 0 R", obj(fmt.Sprintf("<</Type /Page /Parent %d 0 R /Contents %d 0 R>>", pagesNum, c))))
	}
	obj(fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d /Resources %d 0 R>>", strings.Join(kids, " "), len(pages), resources))
	root := obj(fmt.Sprintf("<</Type /Catalog /Pages %d 0 R>>", pagesNum))
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root %d 0 R>>\n%%%%EOF\n", n+1, root)
	return b.Bytes()
}

const (
	simpleFont = "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>"
	type0Font  = "<</Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode %TOUNICODE%>>"
	// identity is the ToUnicode map fpdf writes for its UTF-8 fonts.
	identity = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nend\nend"
	// glyphs maps glyph numbers to text, as a subsetting writer would.
	glyphs = "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n3 beginbfchar\n<0003> <0020>\n<0010> <00EB>\n<0011> <0066 0069>\nendbfchar\n" +
		"2 beginbfrange\n<0020> <0022> <0041>\n<0030> <0031> [<20AC> <D83D DE42>]\nendbfrange\n"
)

func TestExtract(t *testing.T) {
	for _, tc := range []struct {
		name      string
		pages     []string
		font      string
		toUnicode string
		compress  bool
		want      string
	}{
		{"literal string", []string{"BT /F1 12 Tf 72 700 Td (Hallo wereld) Tj ET"}, simpleFont, "", true,
			"Hallo wereld\n"},
		{"escapes in a literal string", []string{`BT /F1 12 Tf 72 700 Td (a\(b\)c\\d \351 (nested) \
e) Tj ET`}, simpleFont, "", false, "a(b)c\\d é (nested) e\n"},
		{"one line per text object and move", []string{"BT /F1 12 Tf 72 700 Td (een) Tj 0 -14 Td (twee) Tj ET\nBT 72 600 Td (drie) Tj T* (vier) Tj ET BT ET"},
			simpleFont, "", true, "een\ntwee\ndrie\nvier\n"},
		{"TJ with a wide gap", []string{"BT /F1 12 Tf [(maat) -20 (werk) -300 (bot)] TJ ET"}, simpleFont, "", true,
			"maatwerk bot\n"},
		{"quote operators", []string{"BT /F1 12 Tf (a) Tj (b) ' 1 2 (c) \" ET"}, simpleFont, "", true, "a\nb\nc\n"},
		{"identity map, literal UTF-16", []string{"BT /F1 10 Tf 10 10 Td (\x00B\x00\xeb\x20\xac\x21\x94\x01\x33) Tj ET"}, type0Font, identity, true,
			"Bë€↔ĳ\n"},
		{"identity map, hex string", []string{"BT /F1 10 Tf 10 10 Td <00650301 201C0078201D> Tj ET"}, type0Font, identity, true,
			"e\u0301“x”\n"},
		{"bfchar and bfrange", []string{"BT /F1 10 Tf <0020 0021 0022 0003 0010 0011 0030 0031 0099> Tj ET"}, type0Font, glyphs, true,
			"ABC ëfi€🙂\uFFFD\n"},
		{"pages", []string{"BT /F1 9 Tf (1) Tj ET", "BT /F1 9 Tf (2) Tj ET", "q 0 0 m 1 1 l S Q"}, simpleFont, "", true,
			"1\n\f2\n\f"},
		{"uncompressed", []string{"BT /F1 9 Tf (plain) Tj ET"}, simpleFont, "", false, "plain\n"},
		{"inline image", []string{"BI /W 1 /H 1 /BPC 8 /CS /G ID (x) Tj EI BT /F1 9 Tf (na) Tj ET"}, simpleFont, "", true, "na\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := pdfFile(tc.pages, map[string]string{"F1": tc.font}, tc.toUnicode, tc.compress)
			got, err := Extract(b)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestExtractFails(t *testing.T) {
	good := pdfFile([]string{"BT (x) Tj ET"}, map[string]string{"F1": simpleFont}, "", true)
	for _, tc := range []struct {
		name string
		pdf  []byte
	}{
		{"empty", nil},
		{"not a PDF", []byte("hello")},
		{"no pages", []byte("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids []>> endobj\ntrailer <</Root 1 0 R>>")},
		{"unknown filter", bytes.Replace(good, []byte("/FlateDecode"), []byte("/LZWDecode"), 1)},
		{"broken deflate", bytes.Replace(good, []byte("stream\nx"), []byte("stream\ny"), 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := Extract(tc.pdf); err == nil {
				t.Errorf("no error; text %q", got)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(pdfFile([]string{"BT /F1 12 Tf 72 700 Td (Hallo) Tj ET"}, map[string]string{"F1": simpleFont}, "", true))
	f.Add(pdfFile([]string{"BT /F1 10 Tf <0020 0030 0031> Tj [(x) -300 <0021>] TJ ET", "BT (p2) ' ET"},
		map[string]string{"F1": type0Font}, glyphs, false))
	f.Add(pdfFile([]string{"BT /F1 10 Tf (\x00B\x00\xeb) Tj ET"}, map[string]string{"F1": type0Font}, identity, true))
	f.Add([]byte("1 0 obj <</Type /Catalog /Pages 1 0 R /Kids [1 0 R]>> endobj"))
	f.Fuzz(func(t *testing.T, b []byte) {
		Extract(b) // must not panic or hang
	})
}
