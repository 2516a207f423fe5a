package delivery

import (
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

func TestRootPacerDecide(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	const every = 3 * time.Second
	tests := []struct {
		name   string
		prior  *RootSent // nil: nothing known (a new case, or after a restart)
		status record.Status
		hash   uint64
		now    time.Time
		due    bool
		want   RootAction
		at     time.Time
	}{
		{name: "unknown case", status: record.StatusOpen, hash: 1, now: t0, want: RootSend},
		{name: "same rendering", prior: &RootSent{At: t0, Status: record.StatusOpen, Hash: 1},
			status: record.StatusOpen, hash: 1, now: t0.Add(time.Hour), want: RootSame},
		{name: "same rendering, job due", prior: &RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusOpen, hash: 1, now: t0.Add(every), due: true, want: RootSame},
		{name: "change within the interval", prior: &RootSent{At: t0, Status: record.StatusOpen, Hash: 1},
			status: record.StatusOpen, hash: 2, now: t0.Add(time.Second), want: RootDefer, at: t0.Add(every)},
		{name: "change within the interval, job owed", prior: &RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusOpen, hash: 3, now: t0.Add(2 * time.Second), want: RootOwed},
		{name: "change after the interval", prior: &RootSent{At: t0, Status: record.StatusOpen, Hash: 1},
			status: record.StatusOpen, hash: 2, now: t0.Add(every), want: RootSend},
		{name: "status change within the interval", prior: &RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusPaused, hash: 2, now: t0.Add(time.Second), want: RootSend},
		{name: "owed job due", prior: &RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusOpen, hash: 2, now: t0.Add(every), due: true, want: RootSend},
		{name: "owed job due early (clock skew)", prior: &RootSent{At: t0, Status: record.StatusOpen, Hash: 1, Owed: true},
			status: record.StatusOpen, hash: 2, now: t0.Add(time.Second), due: true, want: RootSend},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewRootPacer(every)
			if tt.prior != nil {
				p.Last[7] = *tt.prior
			}
			got, at := p.Decide(7, tt.status, tt.hash, tt.now, tt.due)
			if got != tt.want || !at.Equal(tt.at) {
				t.Errorf("decide = %d, %v; want %d, %v", got, at, tt.want, tt.at)
			}
		})
	}

	t.Run("no interval", func(t *testing.T) {
		p := NewRootPacer(0)
		p.Sent(7, record.StatusOpen, 1, t0)
		if got, _ := p.Decide(7, record.StatusOpen, 2, t0, false); got != RootSend {
			t.Errorf("a change with interval 0: %d, want rootSend", got)
		}
		if got, _ := p.Decide(7, record.StatusOpen, 1, t0, false); got != RootSame {
			t.Errorf("no change with interval 0: %d, want rootSame", got)
		}
	})

	t.Run("bounded", func(t *testing.T) {
		p := NewRootPacer(every)
		for i := range 3 * MaxRootPaced {
			p.Sent(int64(i), record.StatusOpen, 1, t0.Add(time.Duration(i)*time.Millisecond))
		}
		if n := len(p.Last); n > MaxRootPaced {
			t.Errorf("%d entries kept, want at most %d", n, MaxRootPaced)
		}
	})
}

func TestRootPacerOwes(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	p := NewRootPacer(3 * time.Second)
	p.Sent(7, record.StatusOpen, 1, t0)
	if p.Owes(7, record.StatusOpen, t0.Add(time.Second)) {
		t.Error("owes before a job was owed")
	}
	p.Owe(7)
	for _, tt := range []struct {
		status record.Status
		at     time.Duration
		want   bool
	}{
		{record.StatusOpen, time.Second, true},
		{record.StatusPaused, time.Second, false}, // a status change shows at once
		{record.StatusOpen, 3 * time.Second, false},
	} {
		if got := p.Owes(7, tt.status, t0.Add(tt.at)); got != tt.want {
			t.Errorf("owes(%s, +%v) = %v, want %v", tt.status, tt.at, got, tt.want)
		}
	}
	if p.Owes(8, record.StatusOpen, t0) {
		t.Error("owes for an unknown case")
	}
}
