package pgkv

import (
	"errors"

	"github.com/jackc/pgx/v5"
)

// Page sizes: a cursor's first query reads pageMin rows, each next one
// twice as many up to pageMax (most cursors stop after a few keys; a
// walk over a whole bucket soon reads big pages). ForEach reads pageMax.
const (
	pageMin = 16
	pageMax = 256
)

// cursor is a kv.Cursor. It keeps a page of rows around its key, read in
// the transaction's change generation gen: a Put or Delete in the
// transaction since then makes it read again from its key, so it sees
// the transaction's own changes, as bbolt's does.
//
// As in bbolt, a move past either end returns nil and leaves the cursor
// on the last (or first) key; a Seek past the end leaves it after the
// end, where Prev goes to the last key.
type cursor struct {
	b *bucket
	// page holds rows in key order; the cursor is on page[i].
	page []row
	i    int
	gen  uint64
	// atStart and atEnd say the page reaches the bucket's first or last key.
	atStart, atEnd bool
	// afterEnd is set by a Seek past the last key.
	afterEnd bool
	// n is the size of the next query.
	n int
}

// First moves to the first key.
func (c *cursor) First() ([]byte, []byte) { return c.load(nil, true, true) }

// Last moves to the last key.
func (c *cursor) Last() ([]byte, []byte) { return c.load(nil, true, false) }

// Seek moves to the first key at or after seek.
func (c *cursor) Seek(seek []byte) ([]byte, []byte) {
	if seek == nil {
		seek = []byte{}
	}
	return c.load(seek, true, true)
}

// Next moves to the next key.
func (c *cursor) Next() ([]byte, []byte) {
	if c.afterEnd || len(c.page) == 0 || c.b.tx.err != nil {
		return nil, nil
	}
	if c.gen == c.b.tx.gen {
		if c.i+1 < len(c.page) {
			c.i++
			return c.at()
		}
		if c.atEnd {
			return nil, nil
		}
	}
	return c.move(true)
}

// Prev moves to the previous key.
func (c *cursor) Prev() ([]byte, []byte) {
	if c.afterEnd {
		return c.Last()
	}
	if len(c.page) == 0 || c.b.tx.err != nil {
		return nil, nil
	}
	if c.gen == c.b.tx.gen {
		if c.i > 0 {
			c.i--
			return c.at()
		}
		if c.atStart {
			return nil, nil
		}
	}
	return c.move(false)
}

// at returns the row the cursor is on.
func (c *cursor) at() ([]byte, []byte) { return c.page[c.i].k, c.page[c.i].v }

// load reads a page from (nil: the start or the end) and moves to its
// first row (forward) or its last; nothing there: after the end.
func (c *cursor) load(from []byte, inclusive, forward bool) ([]byte, []byte) {
	c.afterEnd = false
	c.page = nil
	c.n = pageMin
	if !c.fetch(from, inclusive, forward) {
		c.afterEnd = forward && from != nil
		return nil, nil
	}
	return c.at()
}

// move reads the page past the cursor's key; at the end it stays.
func (c *cursor) move(forward bool) ([]byte, []byte) {
	if !c.fetch(c.page[c.i].k, false, forward) {
		return nil, nil
	}
	return c.at()
}

// fetch reads the next page and moves onto its near end. It reports
// false, keeping the cursor where it was, when there are no rows (or
// the read failed).
func (c *cursor) fetch(from []byte, inclusive, forward bool) bool {
	t := c.b.tx
	if t.err != nil {
		return false
	}
	page, err := c.b.page(from, inclusive, forward, c.n)
	if err != nil {
		t.fail(err)
		return false
	}
	full := len(page) == c.n
	c.n = min(2*c.n, pageMax)
	if len(page) == 0 {
		if c.gen == t.gen {
			// Nothing past the page: remember, to ask no more.
			if forward {
				c.atEnd = true
			} else {
				c.atStart = true
			}
		}
		return false
	}
	c.page, c.gen = page, t.gen
	if forward {
		c.i, c.atStart, c.atEnd = 0, from == nil, !full
	} else {
		c.i, c.atStart, c.atEnd = len(page)-1, !full, from == nil
	}
	return true
}

// isNoRows says whether err is pgx's "no rows".
func isNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
