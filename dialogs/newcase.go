package dialogs

import (
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Opening a case: the start request checked and the new case made.

// Start describes a new case.
type Start struct {
	Channel string
	Title   string
	Scheme  string
	Urgency string
	By      string
	Lang    cards.Lang
}

// NewCase checks a start request and returns the case it opens, not yet
// stored (its ID is zero). Errors are *Error.
func (e *Engine) NewCase(s Start) (*record.Case, error) {
	// What a person typed is stored clean: no control characters, terminal
	// escapes or invisible format characters (CleanText).
	s.Title, s.Scheme, s.Urgency = CleanText(s.Title), CleanText(s.Scheme), CleanText(s.Urgency)
	// The length limits come first: CheckText's own limit (MaxText) would
	// name the wrong maximum.
	if n := len([]rune(s.Title)); n > 150 {
		return nil, userError(CodeTooLong, "title", func(t *Texts) string { return t.TooLongF }, n, 150)
	}
	if err := CheckText("title", s.Title, true); err != nil {
		return nil, err
	}
	if n := len([]rune(s.Scheme)); n > 150 {
		return nil, userError(CodeTooLong, "scheme", func(t *Texts) string { return t.TooLongF }, n, 150)
	}
	if err := CheckText("scheme", s.Scheme, false); err != nil {
		return nil, err
	}
	lang := s.Lang
	if lang != cards.EN {
		lang = cards.NL
	}
	now := e.now()
	return &record.Case{
		Version:      record.CaseVersion,
		Channel:      s.Channel,
		Title:        s.Title,
		Scheme:       s.Scheme,
		Urgency:      s.Urgency,
		Lang:         lang,
		CardsVersion: e.set.Version,
		StartedBy:    s.By,
		StartedAt:    now,
		UpdatedAt:    now,
		Status:       record.StatusOpen,
		Step:         0,
		Seq:          1,
	}, nil
}
