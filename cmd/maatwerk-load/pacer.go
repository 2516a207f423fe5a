package main

import (
	"context"
	"sync"
	"time"
)

// pacer hands out send times at a fixed rate. A caller that is late gets
// its slot at once, but slots are not saved up beyond one second of lag, so
// a stall is not followed by an unbounded burst.
type pacer struct {
	mu       sync.Mutex
	next     time.Time
	interval time.Duration
}

func newPacer(rate float64) *pacer {
	return &pacer{next: time.Now(), interval: time.Duration(float64(time.Second) / rate)}
}

// wait blocks until the caller's slot.
func (p *pacer) wait(ctx context.Context) error {
	p.mu.Lock()
	now := time.Now()
	if p.next.Before(now.Add(-time.Second)) {
		p.next = now.Add(-time.Second)
	}
	slot := p.next
	p.next = p.next.Add(p.interval)
	p.mu.Unlock()
	d := time.Until(slot)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
