package pgkv

import (
	"errors"
	"fmt"

	"github.com/maatwerkbot/maatwerkbot/store/internal/kv"
)

// bucket is a kv.Bucket: the rows of maatwerk_kv with its name.
type bucket struct {
	tx   *tx
	name []byte
}

// Get returns the key's value, or nil when there is none or the read
// failed (see the package documentation). The value is a copy.
func (b *bucket) Get(key []byte) []byte {
	t := b.tx
	if t.flush() != nil {
		return nil
	}
	var v []byte
	err := t.pt.QueryRow(t.ctx, "SELECT value FROM maatwerk_kv WHERE bucket = $1 AND key = $2", b.name, key).Scan(&v)
	if err != nil {
		if !isNoRows(err) {
			t.fail(fmt.Errorf("pgkv: get from %q: %w", b.name, err))
		}
		return nil
	}
	return nonNil(v)
}

// Put sets the key's value. The write is queued (pending.go): an error
// in it comes back from the Update.
func (b *bucket) Put(key, value []byte) error {
	t := b.tx
	if err := t.check(); err != nil {
		return err
	}
	if len(key) == 0 {
		return errors.New("pgkv: key required")
	}
	t.queue(`INSERT INTO maatwerk_kv (bucket, key, value) VALUES ($1, $2, $3)
ON CONFLICT (bucket, key) DO UPDATE SET value = excluded.value`, b.name, clone(key), clone(nonNil(value)))
	return nil
}

// Delete removes the key. The write is queued, as Put's is.
func (b *bucket) Delete(key []byte) error {
	t := b.tx
	if err := t.check(); err != nil {
		return err
	}
	t.queue("DELETE FROM maatwerk_kv WHERE bucket = $1 AND key = $2", b.name, clone(key))
	return nil
}

// ForEach calls fn for every key in order, reading them a page at a time.
func (b *bucket) ForEach(fn func(k, v []byte) error) error {
	t := b.tx
	if err := t.flush(); err != nil {
		return err
	}
	var after []byte
	for first := true; ; first = false {
		page, err := b.page(after, first, true, pageMax)
		if err != nil {
			return err
		}
		for _, r := range page {
			if err := fn(r.k, r.v); err != nil {
				return err
			}
		}
		if len(page) < pageMax {
			return nil
		}
		after = page[len(page)-1].k
	}
}

// Cursor returns a cursor over the bucket.
func (b *bucket) Cursor() kv.Cursor { return &cursor{b: b} }

// NextSequence returns the bucket's next sequence number, starting at 1.
func (b *bucket) NextSequence() (uint64, error) {
	t := b.tx
	if err := t.check(); err != nil {
		return 0, err
	}
	if err := t.flush(); err != nil {
		return 0, err
	}
	var n int64
	err := t.pt.QueryRow(t.ctx, "UPDATE maatwerk_buckets SET seq = seq + 1 WHERE name = $1 RETURNING seq", b.name).Scan(&n)
	if isNoRows(err) {
		return 0, fmt.Errorf("pgkv: next sequence of %q: %w", b.name, kv.ErrNoBucket)
	}
	if err != nil {
		return 0, fmt.Errorf("pgkv: next sequence of %q: %w", b.name, err)
	}
	return uint64(n), nil
}

// KeyN is the number of keys in the bucket, or 0 when the count failed
// (see the package documentation).
func (b *bucket) KeyN() int {
	t := b.tx
	if t.flush() != nil {
		return 0
	}
	var n int
	if err := t.pt.QueryRow(t.ctx, "SELECT count(*) FROM maatwerk_kv WHERE bucket = $1", b.name).Scan(&n); err != nil {
		t.fail(fmt.Errorf("pgkv: count keys of %q: %w", b.name, err))
		return 0
	}
	return n
}

// row is a key and its value.
type row struct{ k, v []byte }

// page returns up to n rows of the bucket next to from, in key order:
// after it (forward) or before it (backward), including from itself when
// inclusive; from nil is the start (forward) or the end (backward).
func (b *bucket) page(from []byte, inclusive, forward bool, n int) ([]row, error) {
	t := b.tx
	var sql string
	switch {
	case from == nil && forward:
		sql = "SELECT key, value FROM maatwerk_kv WHERE bucket = $1 AND $2::bytea IS NULL ORDER BY key LIMIT $3"
	case from == nil:
		sql = "SELECT key, value FROM maatwerk_kv WHERE bucket = $1 AND $2::bytea IS NULL ORDER BY key DESC LIMIT $3"
	case forward && inclusive:
		sql = "SELECT key, value FROM maatwerk_kv WHERE bucket = $1 AND key >= $2 ORDER BY key LIMIT $3"
	case forward:
		sql = "SELECT key, value FROM maatwerk_kv WHERE bucket = $1 AND key > $2 ORDER BY key LIMIT $3"
	case inclusive:
		sql = "SELECT key, value FROM maatwerk_kv WHERE bucket = $1 AND key <= $2 ORDER BY key DESC LIMIT $3"
	default:
		sql = "SELECT key, value FROM maatwerk_kv WHERE bucket = $1 AND key < $2 ORDER BY key DESC LIMIT $3"
	}
	if err := t.flush(); err != nil {
		return nil, err
	}
	rows, err := t.pt.Query(t.ctx, sql, b.name, from, n)
	if err != nil {
		return nil, fmt.Errorf("pgkv: read %q: %w", b.name, err)
	}
	defer rows.Close()
	var page []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.k, &r.v); err != nil {
			return nil, fmt.Errorf("pgkv: read %q: %w", b.name, err)
		}
		r.v = nonNil(r.v)
		page = append(page, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgkv: read %q: %w", b.name, err)
	}
	if !forward {
		for i, j := 0, len(page)-1; i < j; i, j = i+1, j-1 {
			page[i], page[j] = page[j], page[i]
		}
	}
	return page, nil
}

// nonNil is v, or an empty value for nil: bytea NOT NULL, and a key that
// is there has a non-nil value, as in bbolt.
func nonNil(v []byte) []byte {
	if v == nil {
		return []byte{}
	}
	return v
}

var _ kv.Sequencer = (*bucket)(nil)

// Sequence returns the last number NextSequence gave (0 for none), or 0
// when the read failed (see the package documentation).
func (b *bucket) Sequence() uint64 {
	t := b.tx
	if t.flush() != nil {
		return 0
	}
	var n int64
	if err := t.pt.QueryRow(t.ctx, "SELECT seq FROM maatwerk_buckets WHERE name = $1", b.name).Scan(&n); err != nil {
		t.fail(fmt.Errorf("pgkv: sequence of %q: %w", b.name, err))
		return 0
	}
	return uint64(n)
}

// SetSequence sets the bucket's sequence (read-write transactions only).
func (b *bucket) SetSequence(v uint64) error {
	t := b.tx
	if err := t.check(); err != nil {
		return err
	}
	if err := t.flush(); err != nil {
		return err
	}
	tag, err := t.pt.Exec(t.ctx, "UPDATE maatwerk_buckets SET seq = $2 WHERE name = $1", b.name, int64(v))
	if err != nil {
		return fmt.Errorf("pgkv: set sequence of %q: %w", b.name, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("pgkv: set sequence of %q: %w", b.name, kv.ErrNoBucket)
	}
	return nil
}
