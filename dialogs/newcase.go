package dialogs

import (
	"strings"
	"unicode"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Opening a case: the start request checked and the new case made.

// Start describes a new case.
type Start struct {
	Channel string
	// Team and Enterprise are the Slack workspace and organisation the
	// case is started from (see record.Case.Team).
	Team, Enterprise string
	Title            string
	Scheme           string
	// Zaaknummer is the organisation's own reference (optional): see
	// CheckZaaknummer.
	Zaaknummer string
	Urgency    string
	By         string
	Lang       cards.Lang
	// Source is the permalink of the message the case starts from, if
	// any; NewCase keeps it only when ValidSource accepts it.
	Source string
}

// NewCase checks a start request and returns the case it opens, not yet
// stored (its ID is zero). Errors are *Error.
func (e *Engine) NewCase(s Start) (*record.Case, error) {
	// What a person typed is stored clean: no control characters, terminal
	// escapes or invisible format characters (CleanText).
	s.Title, s.Scheme, s.Urgency = CleanText(s.Title), CleanText(s.Scheme), CleanText(s.Urgency)
	s.Zaaknummer = strings.Join(strings.Fields(CleanText(s.Zaaknummer)), " ")
	for _, check := range []error{CheckTitle(s.Title), CheckScheme(s.Scheme), CheckZaaknummer(s.Zaaknummer)} {
		if check != nil {
			return nil, check
		}
	}
	lang := s.Lang
	if lang != cards.EN {
		lang = cards.NL
	}
	now := e.now()
	return &record.Case{
		Version:      record.CaseVersion,
		Channel:      s.Channel,
		Team:         s.Team,
		Enterprise:   s.Enterprise,
		Title:        s.Title,
		Scheme:       s.Scheme,
		Zaaknummer:   s.Zaaknummer,
		Urgency:      s.Urgency,
		Source:       source(s.Source),
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

// MaxTitle is the longest title (and scheme) taken, in characters.
const MaxTitle = 150

// CheckTitle checks a case's short description: required, at most
// MaxTitle characters, no personal data. Errors are *Error on "title".
func CheckTitle(title string) error { return checkShort("title", title, true) }

// CheckScheme checks a case's scheme: optional, at most MaxTitle
// characters, no personal data. Errors are *Error on "scheme".
func CheckScheme(scheme string) error { return checkShort("scheme", scheme, false) }

// checkShort checks a short text of a new case. The length limit comes
// first: CheckText's own limit (MaxText) would name the wrong maximum.
func checkShort(field, text string, required bool) error {
	text = CleanText(text)
	if n := len([]rune(text)); n > MaxTitle {
		return userError(CodeTooLong, field, func(t *Texts) string { return t.TooLongF }, n, MaxTitle)
	}
	return CheckText(field, text, required)
}

// MaxZaaknummer is the longest zaaknummer taken, in characters.
const MaxZaaknummer = 40

// CheckZaaknummer checks the shape of a zaaknummer, loosely, since every
// zaaksysteem has its own: at most MaxZaaknummer letters, digits, spaces and
// the marks - . / _ : #, with at least one digit. A reference without a
// digit is more likely a name than a number, so it is refused. The privacy
// guard applies as to any text: a BSN (nine digits passing the elfproef),
// IBAN, phone number or e-mail address is never a zaaknummer. The empty
// string is fine: the zaaknummer is optional.
func CheckZaaknummer(z string) error {
	z = strings.TrimSpace(z)
	if z == "" {
		return nil
	}
	if n := len([]rune(z)); n > MaxZaaknummer {
		return userError(CodeTooLong, "zaaknummer", func(t *Texts) string { return t.TooLongF }, n, MaxZaaknummer)
	}
	if err := CheckText("zaaknummer", z, false); err != nil {
		return err
	}
	digit := false
	for _, r := range z {
		switch {
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsLetter(r), strings.ContainsRune(" -./_:#", r):
		default:
			return userError(CodeInvalid, "zaaknummer", func(t *Texts) string { return t.ZaaknummerShape })
		}
	}
	if !digit {
		return userError(CodeInvalid, "zaaknummer", func(t *Texts) string { return t.ZaaknummerShape })
	}
	return nil
}
