package dialogs

import (
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// MaxPauseDays is how far ahead a pause with a date may end.
const MaxPauseDays = 366

// PauseUntil puts an open case on hold until the day until (midnight of
// that day in the caller's time zone), with an optional reason: on that
// day Wake opens it again. Only the starter or a team lead may; until must
// lie after now and at most MaxPauseDays ahead. Errors are *Error.
func (e *Engine) PauseUntil(c *record.Case, by string, lead bool, until time.Time, reason string) error {
	now := e.now()
	switch {
	case until.IsZero():
		return userError(CodeRequired, "until", func(t *Texts) string { return t.Required })
	case !until.After(now):
		return userError(CodeInvalid, "until", func(t *Texts) string { return t.PauseDatePast })
	case until.After(now.AddDate(0, 0, MaxPauseDays)):
		return userError(CodeInvalid, "until", func(t *Texts) string { return t.PauseDateFar })
	}
	reason = CleanText(reason)
	if err := CheckText("reason", reason, false); err != nil {
		return err
	}
	if err := e.Pause(c, by, lead); err != nil {
		return err
	}
	ev := &c.Log[len(c.Log)-1]
	ev.Until, ev.Reason = until, reason
	return nil
}

// Wake opens a case paused until a day that has come, at the step where it
// was, and reports whether it did. The resumption is logged without a
// person: nobody resumed it, the date did.
func (e *Engine) Wake(c *record.Case) bool {
	until, ok := c.PausedUntil()
	if !ok || e.now().Before(until) {
		return false
	}
	c.Status = record.StatusOpen
	e.logEvent(c, record.EventResumed, "", "")
	return true
}

// NudgeText formats one of the nudge texts that count working days
// (Texts.NudgeStarterF, Texts.NudgeLeadsF, by their key "Texts.…") in lang,
// with the plural that the count of days asks.
func NudgeText(lang cards.Lang, key string, args ...any) string {
	return textSetOnce().cat.Format(setLang(lang), key, args...)
}
