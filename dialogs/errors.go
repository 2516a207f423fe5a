package dialogs

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// ErrorCode says what kind of problem a user-facing error is. Callers branch
// on it; tests check it.
type ErrorCode string

// The error codes.
const (
	CodeStale       ErrorCode = "stale"
	CodeClosed      ErrorCode = "closed"
	CodePaused      ErrorCode = "paused"
	CodeRequired    ErrorCode = "required"
	CodeInvalid     ErrorCode = "invalid"
	CodeTooLong     ErrorCode = "too_long"
	CodePrivacy     ErrorCode = "privacy"
	CodeNoArgument  ErrorCode = "no_argument"
	CodeNotDecider  ErrorCode = "not_decider"
	CodeUnknownCase ErrorCode = "unknown_case"
	CodeNotAllowed  ErrorCode = "not_allowed"
	CodeEscalated   ErrorCode = "escalated"
	CodeNoLead      ErrorCode = "no_lead"
	// CodeOutsideMandate: the starter chose a decision that the answer to
	// the mandate question puts with someone else.
	CodeOutsideMandate ErrorCode = "outside_mandate"
	// CodeWarning: the decision has warnings the one answering has not
	// seen yet (Error.Warnings); answered again with Input.Despite set to
	// them, it is recorded with them.
	CodeWarning ErrorCode = "warning"
)

// Error is a problem the user caused and can fix. Its message may be shown to
// the user as it is, in their language; nothing internal is in it.
type Error struct {
	Code ErrorCode
	// Field names the input the problem is about ("text", "reason", "title"),
	// so a form can show it next to that field.
	Field string
	// Warnings are the warnings of a CodeWarning error, in the case's
	// language.
	Warnings []Warning
	nl       string
	en       string
	// pick and args make the message again with Quoted arguments escaped
	// (Format); nil for a message made otherwise.
	pick func(*Texts) string
	args []any
}

// Quoted marks an argument of a user-facing message as text a person typed
// (a reason), so a transport can show it as data: see Error.Format.
type Quoted string

func (e *Error) Error() string { return string(e.Code) + ": " + e.en }

// In returns the message in lang.
func (e *Error) In(lang cards.Lang) string {
	if lang == cards.EN {
		return e.en
	}
	return e.nl
}

// Format returns the message in lang with each Quoted argument passed
// through quote first, e.g. to escape it for a chat's markup. The rest of
// the message is the product's own text and stays as it is.
func (e *Error) Format(lang cards.Lang, quote func(string) string) string {
	if e.pick == nil {
		return e.In(lang)
	}
	if lang != cards.EN {
		lang = cards.NL
	}
	args := slices.Clone(e.args)
	for i, a := range args {
		if q, ok := a.(Quoted); ok {
			args[i] = quote(string(q))
		}
	}
	return fmt.Sprintf(e.pick(TextsFor(lang)), args...)
}

// AsError returns the user-facing error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var ue *Error
	ok := errors.As(err, &ue)
	return ue, ok
}

// userError builds an Error from the same Texts field in both languages.
func userError(code ErrorCode, field string, pick func(*Texts) string, args ...any) *Error {
	return &Error{
		Code:  code,
		Field: field,
		nl:    fmt.Sprintf(pick(TextsFor(cards.NL)), args...),
		en:    fmt.Sprintf(pick(TextsFor(cards.EN)), args...),
		pick:  pick,
		args:  args,
	}
}

// privacyError explains which kinds of personal data were found.
func privacyError(field string, found []PersonalData) *Error {
	describe := func(lang cards.Lang) string { return DescribeFound(found, lang) }
	return &Error{
		Code:  CodePrivacy,
		Field: field,
		nl:    fmt.Sprintf(TextsFor(cards.NL).PrivacyF, describe(cards.NL)),
		en:    fmt.Sprintf(TextsFor(cards.EN).PrivacyF, describe(cards.EN)),
	}
}

// MaxText is the longest free text the engine stores, in characters.
const MaxText = 3000

// CheckText checks a free text the user wants stored: not empty when
// required (a text of only blank or invisible characters is empty), not too
// long, and without personal data.
func CheckText(field, text string, required bool) error {
	text = strings.TrimSpace(text)
	if !hasVisible(text) {
		if required {
			return userError(CodeRequired, field, func(t *Texts) string { return t.Required })
		}
		return nil
	}
	if n := len([]rune(text)); n > MaxText {
		return userError(CodeTooLong, field, func(t *Texts) string { return t.TooLongF }, n, MaxText)
	}
	if found := FindPersonalData(text); len(found) > 0 {
		return privacyError(field, found)
	}
	return nil
}

// hasVisible reports whether text shows anything: a character that is not
// a space, a control or format character, a combining mark or variation
// selector on its own, a Hangul filler or a blank Braille pattern.
func hasVisible(text string) bool {
	for _, r := range text {
		switch {
		case unicode.IsSpace(r), unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Mn, r),
			unicode.Is(unicode.Me, r), unicode.Is(unicode.Variation_Selector, r),
			unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r), r == '\u2800':
		default:
			return true
		}
	}
	return false
}
