// Package pdftext gets the text out of a PDF, for tests: it reads the PDFs
// that package export writes (with codeberg.org/go-pdf/fpdf), so that a
// test can check what a reader, a screen reader or pdftotext would find in
// them without pdftotext on the machine.
//
// It follows the catalog to the pages in order, inflates FlateDecode
// content streams, reads each font's ToUnicode CMap (bfchar and bfrange)
// and decodes the strings of the Tj, TJ, ' and " operators through it. It
// does not read object or cross-reference streams, encrypted files or
// other filters, and it does not lay text out: every text object (BT) and
// every move of the text position starts a new line.
//
// It imports only the standard library.
package pdftext
