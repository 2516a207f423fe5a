package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// Block Kit limits, from Slack's reference for blocks and composition objects.
const (
	MaxBlocks        = 50
	maxSectionText   = 3000
	maxFieldText     = 2000
	MaxHeaderText    = 150
	maxButtonText    = 75
	MaxOptionText    = 75
	maxContextText   = 2000
	maxButtonsInline = 5
)

// Action ids. The block id of an interactive block carries the case and the
// prompt's sequence number: "p.<case id>.<seq>".
const (
	ActChoosePrefix = "mw.choose."
	ActSelect       = "mw.select"
	ActChecks       = "mw.checks"
	ActConfirm      = "mw.confirm"
	ActAnswer       = "mw.answer"
	ActArgAdd       = "mw.argadd"
	ActArgsDone     = "mw.argsdone"
	// ActChange is the Wijzig button on an answered question; its block
	// id is "ch.<case id>", its value the step id.
	ActChange = "mw.change"
	// ActReport asks for the case's document (PDF) in a direct message; its
	// value is the case id. BlkReport is the block that holds the button.
	ActReport = "mw.report"
	BlkReport = "mw.report"
)

// Callback ids of the modals.
const (
	CbNewCase  = "mw.newcase"
	CbAnswer   = "mw.answer"
	CbArgument = "mw.argument"
	CbChange   = "mw.change.form"
)

// Renderer turns domain values into Block Kit in one language.
type Renderer struct {
	Engine *dialogs.Engine
	Loc    *time.Location
}

// Date is a day and time in the renderer's time zone for a reader of lang:
// "5 december 2026, 09:14" (dialogs.FormatDateTime).
func (r Renderer) Date(t time.Time, lang cards.Lang) string {
	return dialogs.FormatDateTime(t, r.Loc, lang)
}

// Day is a day in the renderer's time zone for a reader of lang: "5
// december 2026" (dialogs.FormatDate).
func (r Renderer) Day(t time.Time, lang cards.Lang) string {
	return dialogs.FormatDate(t, r.Loc, lang)
}

func promptBlockID(caseID int64, seq int) string {
	return "p." + strconv.FormatInt(caseID, 10) + "." + strconv.Itoa(seq)
}

// ParsePromptBlockID reads "p.<case>.<seq>".
func ParsePromptBlockID(s string) (caseID int64, seq int, ok bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 || parts[0] != "p" {
		return 0, 0, false
	}
	id, err1 := strconv.ParseInt(parts[1], 10, 64)
	n, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || id <= 0 || n <= 0 {
		return 0, 0, false
	}
	return id, n, true
}

// changeBlockID is the block id of an answer with its Wijzig button.
func changeBlockID(caseID int64) string { return "ch." + strconv.FormatInt(caseID, 10) }

// ParseChangeBlockID reads the case id from a Wijzig button's block id.
func ParseChangeBlockID(s string) (int64, bool) {
	rest, ok := strings.CutPrefix(s, "ch.")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0
}
