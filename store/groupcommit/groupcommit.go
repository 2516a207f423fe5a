package groupcommit

import (
	"errors"
	"fmt"
	"sync"
)

// MaxBatch caps the writes in one transaction.
const MaxBatch = 1000

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("groupcommit: closed")

type call[T any] struct {
	fn   func(T) error
	done chan error
}

// Writer commits writes to one database, whose transactions are of type
// T. It is safe for concurrent use.
type Writer[T any] struct {
	update func(func(T) error) error
	calls  chan call[T]
	quit   chan struct{}
	wg     sync.WaitGroup

	// mu makes Close wait for the sends under way; closed is set by Close.
	mu     sync.RWMutex
	closed bool
}

// New starts a Writer that commits with update: db.Update, or a function
// that runs db.Update under the caller's own locking (the store swaps its
// file when it compacts). Close the Writer before closing the database.
func New[T any](update func(func(T) error) error) *Writer[T] {
	w := &Writer[T]{update: update, calls: make(chan call[T], MaxBatch), quit: make(chan struct{})}
	w.wg.Add(1)
	go w.loop()
	return w
}

// Write runs fn in a read-write transaction, possibly together with other
// writes, and returns fn's error or the commit's.
//
// fn may run more than once: when fn or another function in its
// transaction fails, the transaction is rolled back, the failing function
// is run again on its own and the others again together. So fn must read
// what it needs from tx and only assign the caller's outputs, never
// accumulate into them.
func (w *Writer[T]) Write(fn func(T) error) error {
	c := call[T]{fn: fn, done: make(chan error, 1)}
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return ErrClosed
	}
	w.calls <- c
	w.mu.RUnlock()
	return <-c.done
}

// Close commits the writes already handed in and stops the Writer.
func (w *Writer[T]) Close() {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return
	}
	w.closed = true
	close(w.quit)
	w.mu.Unlock()
	w.wg.Wait()
}

func (w *Writer[T]) loop() {
	defer w.wg.Done()
	batch := make([]call[T], 0, MaxBatch)
	for {
		select {
		case c := <-w.calls:
			batch = append(batch[:0], c)
		case <-w.quit:
			// Writes that got in before quit still run.
			for {
				select {
				case c := <-w.calls:
					w.commit([]call[T]{c})
				default:
					return
				}
			}
		}
	more:
		for len(batch) < MaxBatch {
			select {
			case c := <-w.calls:
				batch = append(batch, c)
			default:
				break more
			}
		}
		w.commit(batch)
	}
}

// commit runs the calls in one transaction. A call that fails is taken out
// and run on its own; the rest are tried again together.
func (w *Writer[T]) commit(calls []call[T]) {
	for len(calls) > 0 {
		failed := -1
		err := w.update(func(tx T) error {
			for i, c := range calls {
				if err := safely(c.fn, tx); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		if failed < 0 {
			for _, c := range calls {
				c.done <- err
			}
			return
		}
		c := calls[failed]
		calls = append(calls[:failed:failed], calls[failed+1:]...)
		if len(calls) == 0 {
			c.done <- err // it ran alone already
			return
		}
		c.done <- w.update(func(tx T) error { return safely(c.fn, tx) })
	}
}

// safely runs fn, turning a panic into an error so one bad write cannot
// take the committer (and every writer waiting on it) down.
func safely[T any](fn func(T) error, tx T) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("groupcommit: write panicked: %v", r)
		}
	}()
	return fn(tx)
}
