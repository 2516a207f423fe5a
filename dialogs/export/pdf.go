package export

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// PDFOptions are what a PDF copy needs besides the document.
type PDFOptions struct {
	// Org is the organisation's name, printed at the top of each page and
	// recorded as the author; may be empty.
	Org string
	// Created is the document's date in its metadata. The same document
	// and date give the same bytes; the zero time means now.
	Created time.Time
}

// The page, in millimetres: A4 portrait.
const (
	pdfPageH       = 297.0
	pdfMarginX     = 20.0
	pdfMarginTop   = 12.0
	pdfBreakMargin = 22.0 // the body ends here above the bottom; the page foot is below
	pdfLine        = 5.0  // a line of body text
	pdfSmallLine   = 4.2  // a line of small text
	pdfFamily      = "go"
)

// WritePDF writes d as a PDF: A4, every page headed by the organisation,
// the title with the case id and the zaaknummer, and numbered at its
// foot; the body in the order of WriteMarkdown (particulars, the decision
// in a shaded block, each section with its answers, who gave them and
// when, and the changed answers' versions in an appendix on a page of its
// own), then d.Footer. Text stays text: fonts are embedded with a
// ToUnicode map, so screen readers, search and copying read it; what a
// person typed is printed as it is, never interpreted. A character the
// embedded fonts lack is written in a form they have.
func WritePDF(w io.Writer, d Document, o PDFOptions) error {
	// The foot says "page i of n": draw once to count the pages, then
	// again with the count. The count does not change the layout.
	p, err := drawPDF(d, o, 0)
	if err != nil {
		return err
	}
	if p, err = drawPDF(d, o, p.PageCount()); err != nil {
		return err
	}
	if err := p.Output(w); err != nil {
		return fmt.Errorf("export: write pdf: %w", err)
	}
	return nil
}

// pdfDoc draws one document.
type pdfDoc struct {
	f     *fpdf.Fpdf
	g     *glyphs
	d     Document
	pages int // the number of pages, 0 while counting
}

// drawPDF lays out d; pages is the number of pages for the page feet.
func drawPDF(d Document, o PDFOptions, pages int) (*fpdf.Fpdf, error) {
	g, err := newGlyphs()
	if err != nil {
		return nil, fmt.Errorf("export: pdf fonts: %w", err)
	}
	f := fpdf.New("P", "mm", "A4", "")
	p := &pdfDoc{f: f, g: g, d: d, pages: pages}
	for _, pf := range pdfFonts {
		f.AddUTF8FontFromBytes(pdfFamily, pf.style, pf.ttf)
	}
	f.SetMargins(pdfMarginX, pdfMarginTop, pdfMarginX)
	f.SetAutoPageBreak(true, pdfBreakMargin)
	f.SetCatalogSort(true)
	f.SetCreationDate(o.Created)
	f.SetModificationDate(o.Created)
	f.SetTitle(g.text(d.Title, false), true)
	if len(d.Facts) > 0 && d.Facts[0].Label != "" {
		f.SetSubject(g.text(d.Facts[0].Value, false), true) // the case's description
	}
	if o.Org != "" {
		f.SetAuthor(g.text(o.Org, false), true)
	}
	keywords := d.Key
	if d.Zaaknummer != "" {
		keywords += " " + d.Zaaknummer
	}
	f.SetKeywords(g.text(keywords, false), true)
	f.SetCreator("maatwerkbot", true)
	f.SetLang(pdfLang(d.Lang))
	f.SetHeaderFunc(func() { p.header(g.text(o.Org, false)) })
	f.SetFooterFunc(p.foot)

	f.AddPage()
	p.body()
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("export: draw pdf: %w", err)
	}
	return f, nil
}

// pdfLang is the language tag of a case's language.
func pdfLang(l cards.Lang) string {
	if l == cards.EN {
		return "en-GB"
	}
	return "nl-NL"
}

func (p *pdfDoc) font(style string, size float64, grey int) {
	p.f.SetFont(pdfFamily, style, size)
	p.f.SetTextColor(grey, grey, grey)
}

// header heads each page: the organisation, the title and the zaaknummer,
// and a rule.
func (p *pdfDoc) header(org string) {
	f := p.f
	f.SetXY(pdfMarginX, pdfMarginTop)
	if org != "" {
		p.font("", 8.5, 90)
		f.CellFormat(0, pdfSmallLine, org, "", 1, "L", false, 0, "")
	}
	width, _ := f.GetPageSize()
	avail := width - 2*pdfMarginX
	p.font("B", 10.5, 0)
	title := p.g.text(p.d.Title, false)
	titleW := f.GetStringWidth(title) + 2
	zaak := ""
	if p.d.Zaaknummer != "" {
		zaak = p.g.text(p.d.ZaaknummerLabel+": "+p.d.Zaaknummer, false)
	}
	p.font("", 9.5, 40)
	if zaak != "" && titleW+f.GetStringWidth(zaak)+6 <= avail {
		// Title on the left, zaaknummer on the right of one line.
		p.font("B", 10.5, 0)
		f.CellFormat(titleW, 6, title, "", 0, "L", false, 0, "")
		p.font("", 9.5, 40)
		f.CellFormat(0, 6, zaak, "", 1, "R", false, 0, "")
	} else {
		p.font("B", 10.5, 0)
		f.MultiCell(0, 6, title, "", "L", false)
		if zaak != "" {
			p.font("", 9.5, 40)
			f.MultiCell(0, 5, zaak, "", "L", false)
		}
	}
	p.rule(f.GetY() + 1.5)
	f.SetY(f.GetY() + 7)
}

// foot numbers the page.
func (p *pdfDoc) foot() {
	f := p.f
	pages := p.pages
	if pages == 0 {
		pages = f.PageNo()
	}
	format := p.d.PageF
	if format == "" {
		format = "%d / %d"
	}
	f.SetY(pdfPageH - 15)
	p.rule(f.GetY())
	f.SetY(f.GetY() + 1.5)
	p.font("", 8.5, 90)
	f.CellFormat(0, pdfSmallLine, p.g.text(fmt.Sprintf(format, f.PageNo(), pages), false), "", 0, "R", false, 0, "")
}

// rule draws a thin grey line across the text width at y.
func (p *pdfDoc) rule(y float64) {
	width, _ := p.f.GetPageSize()
	p.f.SetDrawColor(160, 160, 160)
	p.f.SetLineWidth(0.2)
	p.f.Line(pdfMarginX, y, width-pdfMarginX, y)
}

// lines is the number of lines s takes in the current font across the
// text width less indent.
func (p *pdfDoc) lines(s string, indent float64) int {
	width, _ := p.f.GetPageSize()
	return max(1, len(p.f.SplitText(s, width-2*pdfMarginX-indent)))
}

// need starts a new page unless h millimetres fit on this one.
func (p *pdfDoc) need(h float64) {
	_, height := p.f.GetPageSize()
	if p.f.GetY()+h > height-pdfBreakMargin {
		p.f.AddPage()
	}
}

// body draws the document below the header of page 1.
func (p *pdfDoc) body() {
	f, d, g := p.f, p.d, p.g
	p.font("B", 10.5, 0)
	f.Bookmark(g.text(d.Title, false), 0, -1)
	p.facts(d.Facts)
	if len(d.Decision) > 0 {
		p.decision()
	}
	for _, s := range d.Sections {
		h := 9.0
		if len(s.Entries) > 0 {
			h += p.entryStart(s.Entries[0])
		}
		p.need(h)
		p.heading(s.Title)
		for _, e := range s.Entries {
			p.entry(e)
		}
	}
	if len(d.History) > 0 {
		f.AddPage()
		p.heading(d.HistoryTitle)
		for _, h := range d.History {
			p.change(h)
		}
	}
	f.Ln(3)
	p.need(12)
	p.rule(f.GetY())
	f.Ln(2)
	p.font("", 8.5, 90)
	f.MultiCell(0, pdfSmallLine, g.text(d.Footer, true), "", "L", false)
}

// heading starts a section: a bookmark and the title in bold.
func (p *pdfDoc) heading(title string) {
	f := p.f
	f.Ln(2)
	p.font("B", 13, 0)
	title = p.g.text(title, false)
	f.Bookmark(title, 1, -1)
	f.MultiCell(0, 7, title, "", "L", false)
	f.Ln(1)
}

// facts draws the particulars: the label in bold in a column of its own
// (above the value when too long for it), a fact without a label as a
// small grey line.
func (p *pdfDoc) facts(fs []DocFact) {
	const labelW = 38.0
	f := p.f
	for _, fact := range fs {
		value := p.g.text(fact.Value, true)
		if fact.Label == "" {
			p.font("", 8.5, 90)
			f.MultiCell(0, pdfSmallLine, value, "", "L", false)
			continue
		}
		label := p.g.text(fact.Label, false) + ":"
		p.font("B", 10, 0)
		if f.GetStringWidth(label)+2 > labelW {
			p.need(2 * pdfLine)
			f.MultiCell(0, pdfLine, label, "", "L", false)
			p.font("", 10, 0)
			f.MultiCell(0, pdfLine, value, "", "L", false)
			continue
		}
		p.need(pdfLine)
		f.CellFormat(labelW, pdfLine, label, "", 0, "L", false, 0, "")
		p.font("", 10, 0)
		f.MultiCell(0, pdfLine, value, "", "L", false)
	}
	f.Ln(3)
}

// decision draws the decision, its motivering and who took it in a shaded
// block, each label above its value; a short block is kept on one page.
func (p *pdfDoc) decision() {
	f, d := p.f, p.d
	p.font("", 10, 0)
	h := 9.0 + 4
	for _, fact := range d.Decision {
		h += float64(p.lines(p.g.text(fact.Value, true), 0)) * pdfLine
		if fact.Label != "" {
			h += pdfLine
		}
	}
	p.need(min(h, 80))
	p.heading(d.DecisionTitle)
	f.SetFillColor(238, 238, 238)
	f.CellFormat(0, 2, "", "", 1, "L", true, 0, "")
	for _, fact := range d.Decision {
		value := p.g.text(fact.Value, true)
		if fact.Label == "" {
			p.font("", 8.5, 70)
			f.MultiCell(0, pdfSmallLine, value, "", "L", true)
			continue
		}
		p.font("B", 10, 0)
		f.MultiCell(0, pdfLine, p.g.text(fact.Label, false), "", "L", true)
		p.font("", 10, 0)
		f.MultiCell(0, pdfLine, value, "", "L", true)
	}
	f.CellFormat(0, 2, "", "", 1, "L", true, 0, "")
	f.Ln(3)
}

// entryStart is the height of an entry's label and its answer's first
// lines: what must not be parted from a heading above it.
func (p *pdfDoc) entryStart(e DocEntry) float64 {
	h := 0.0
	if e.Label != "" {
		p.font("B", 10, 0)
		h += float64(p.lines(p.g.text(e.Label, true), 0)) * pdfLine
	}
	p.font("", 10, 0)
	return h + float64(min(3, p.lines(p.g.text(e.Answer, true), 0)))*pdfLine
}

// entry draws an answer: its label in bold, the answer, who gave it and
// when in small grey, and the changed mark in italics.
func (p *pdfDoc) entry(e DocEntry) {
	f := p.f
	p.need(p.entryStart(e))
	if e.Label != "" {
		p.font("B", 10, 0)
		f.MultiCell(0, pdfLine, p.g.text(e.Label, true), "", "L", false)
	}
	p.font("", 10, 0)
	f.MultiCell(0, pdfLine, p.g.text(e.Answer, true), "", "L", false)
	who := e.By
	if e.At != "" {
		who += ", " + e.At
	}
	p.font("", 8.5, 90)
	f.MultiCell(0, pdfSmallLine, p.g.text(who, false), "", "L", false)
	if e.Changed {
		p.font("I", 8.5, 60)
		f.MultiCell(0, pdfSmallLine, p.g.text(p.d.ChangedMark, false), "", "L", false)
	}
	f.Ln(2.5)
}

// change draws a changed answer's versions, numbered, each with who gave
// it and when.
func (p *pdfDoc) change(h DocChange) {
	const indent = 8.0
	f := p.f
	p.font("B", 11, 0)
	label := p.g.text(h.Label, true)
	start := float64(p.lines(label, 0)) * 6
	if len(h.Versions) > 0 {
		p.font("", 10, 0)
		start += float64(min(3, p.lines(p.g.text(h.Versions[0].Answer, true), indent))) * pdfLine
	}
	p.need(start + 2)
	f.Ln(1)
	p.font("B", 11, 0)
	f.MultiCell(0, 6, label, "", "L", false)
	for i, v := range h.Versions {
		p.font("", 10, 0)
		answer := p.g.text(v.Answer, true)
		p.need(float64(min(2, p.lines(answer, indent))) * pdfLine)
		f.SetX(pdfMarginX)
		f.CellFormat(indent, pdfLine, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
		f.MultiCell(0, pdfLine, answer, "", "L", false)
		f.SetX(pdfMarginX + indent)
		p.font("", 8.5, 90)
		f.MultiCell(0, pdfSmallLine, p.g.text(v.By+", "+v.At, false), "", "L", false)
		f.Ln(1.5)
	}
	f.Ln(2)
}
