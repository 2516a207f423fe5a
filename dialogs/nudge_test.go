package dialogs

import (
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

func TestPauseUntil(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name   string
		by     string
		lead   bool
		until  time.Duration // from now; 0 for no date
		reason string
		code   ErrorCode // "" for success
		field  string
	}{
		{"the starter, a week", starter, false, 7 * day, "Wacht op het advies van de jurist.", "", ""},
		{"a team lead, no reason", "ULEAD", true, 2 * day, "", "", ""},
		{"someone else", "UOTHER", false, 7 * day, "", CodeNotAllowed, ""},
		{"no date", starter, false, 0, "", CodeRequired, "until"},
		{"a date in the past", starter, false, -day, "", CodeInvalid, "until"},
		{"more than a year ahead", starter, false, (MaxPauseDays + 1) * day, "", CodeInvalid, "until"},
		{"personal data in the reason", starter, false, 7 * day, "Bel 0612345678", CodePrivacy, "reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, clk := newTestEngine(t)
			c := mustNewCase(t, e, cards.NL)
			var until time.Time
			if tt.until != 0 {
				until = clk.Now().Add(tt.until)
			}
			err := e.PauseUntil(c, tt.by, tt.lead, until, tt.reason)
			if tt.code != "" {
				wantUserError(t, err, tt.code, tt.field)
				if c.Status != record.StatusOpen {
					t.Errorf("refused, but the case is %s", c.Status)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, ok := c.PausedUntil()
			if c.Status != record.StatusPaused || !ok || !got.Equal(until) {
				t.Fatalf("status %s, paused until %v (%v), want paused until %v", c.Status, got, ok, until)
			}
			if ev := c.Log[len(c.Log)-1]; ev.Kind != record.EventPaused || ev.By != tt.by || ev.Reason != tt.reason {
				t.Errorf("logged %+v", ev)
			}
			if want := "gepauzeerd tot " + FormatDate(until, until.Location(), cards.NL); e.StatusText(c) != want {
				t.Errorf("status %q, want %q", e.StatusText(c), want)
			}
		})
	}
}

func TestWake(t *testing.T) {
	e, clk := newTestEngine(t)
	c := mustNewCase(t, e, cards.NL)
	until := clk.Now().Add(72 * time.Hour)
	if err := e.PauseUntil(c, starter, false, until, ""); err != nil {
		t.Fatal(err)
	}
	clk.Advance(71 * time.Hour)
	if e.Wake(c) || c.Status != record.StatusPaused {
		t.Fatalf("woken before the day (status %s)", c.Status)
	}
	clk.Advance(time.Hour)
	if !e.Wake(c) || c.Status != record.StatusOpen {
		t.Fatalf("not woken on the day (status %s)", c.Status)
	}
	if ev := c.Log[len(c.Log)-1]; ev.Kind != record.EventResumed || ev.By != "" || !c.UpdatedAt.Equal(clk.Now()) {
		t.Errorf("logged %+v, updated %v", ev, c.UpdatedAt)
	}
	if e.Wake(c) {
		t.Error("an open case was woken")
	}
	// A pause without a date does not wake.
	if err := e.Pause(c, starter, false); err != nil {
		t.Fatal(err)
	}
	clk.Advance(1000 * time.Hour)
	if e.Wake(c) {
		t.Error("a pause without a date woke")
	}
}
