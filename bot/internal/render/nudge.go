package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Ids of the nudges about quiet cases: the buttons of the DM (its actions
// block is "ng.<case id>.<nudge>", nudge counting from 1 as in
// record.Case.Nudges) and the forms behind them.
const (
	ActNudgeGo    = "mw.nudge.go"
	ActNudgePause = "mw.nudge.pause"
	ActNudgeClose = "mw.nudge.close"
	ActNudgeOpen  = "mw.nudge.open"
	CbNudgePause  = "mw.nudge.pause.form"
	CbNudgeClose  = "mw.nudge.close.form"
	// BlkUntil is the pause form's date; BlkText holds the reasons.
	BlkUntil = "until"
)

// maxNudgeQuestion is how much of the open question a nudge shows.
const maxNudgeQuestion = 300

// NudgeBlockID is the block id of a nudge's buttons.
func NudgeBlockID(caseID int64, n int) string {
	return "ng." + strconv.FormatInt(caseID, 10) + "." + strconv.Itoa(n)
}

// ParseNudgeBlockID reads "ng.<case id>.<nudge>".
func ParseNudgeBlockID(s string) (caseID int64, n int, ok bool) {
	rest, ok := strings.CutPrefix(s, "ng.")
	if !ok {
		return 0, 0, false
	}
	return ParsePromptBlockID("p." + rest)
}

// NudgeView is what a nudge DM shows.
type NudgeView struct {
	Case  *record.Case
	Nudge record.Nudge
	// N is the nudge's place in Case.Nudges, from 1.
	N int
	// Lang is the reader's language.
	Lang cards.Lang
	// Question is the open question's text (in the case's language); empty
	// when the case has none.
	Question string
	// Link is the permalink of the open question, or else of the thread;
	// empty when Slack gave none.
	Link string
}

// nudgeHead is the DM's header, the message and the open question.
func (r Renderer) nudgeHead(v NudgeView, msg string) []slack.Block {
	t := dialogs.TextsFor(v.Lang)
	c := v.Case
	q := t.NudgeNoQuestion
	if v.Question != "" {
		q = "*" + t.NudgeQuestion + ":* " + Clip(v.Question, maxNudgeQuestion)
	}
	return []slack.Block{
		slack.NewHeaderBlock(Plain(Clip(c.Key()+" · "+c.Title, MaxHeaderText))),
		Section(":hourglass_flowing_sand: " + msg),
		Section(q),
	}
}

// linkButton is a button that opens url (and, as every button, tells the
// app it was clicked).
func linkButton(actionID, label, url string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, "go", Plain(Clip(label, maxButtonText))).WithURL(url)
}

// NudgeStarter is the DM to the starter of a quiet case: how long it has
// been quiet, the open question, and Verder (to the question in the
// thread), Pauzeer tot… and Sluit.
func (r Renderer) NudgeStarter(v NudgeView) ([]slack.Block, string) {
	t := dialogs.TextsFor(v.Lang)
	c := v.Case
	msg := dialogs.NudgeText(v.Lang, "Texts.NudgeStarterF", c.Key(), v.Nudge.Days, r.Day(v.Nudge.Quiet, v.Lang))
	blocks := r.nudgeHead(v, msg)
	var els []slack.BlockElement
	if v.Link != "" {
		els = append(els, linkButton(ActNudgeGo, t.NudgeGo, v.Link).WithStyle(slack.StylePrimary))
	}
	els = append(els,
		slack.NewButtonBlockElement(ActNudgePause, "pause", Plain(Clip(t.NudgePause, maxButtonText))),
		slack.NewButtonBlockElement(ActNudgeClose, "close", Plain(Clip(t.NudgeClose, maxButtonText))),
	)
	blocks = append(blocks, slack.NewActionBlock(NudgeBlockID(c.ID, v.N), els...))
	return blocks, Clip(msg, 3000)
}

// NudgeLeads is the DM to a team lead about a case that stayed quiet after
// its starter was reminded: the same facts and a link to the thread.
func (r Renderer) NudgeLeads(v NudgeView) ([]slack.Block, string) {
	t := dialogs.TextsFor(v.Lang)
	c := v.Case
	msg := dialogs.NudgeText(v.Lang, "Texts.NudgeLeadsF", c.Key(), Mention(c.StartedBy), v.Nudge.Days, r.Day(v.Nudge.Quiet, v.Lang))
	blocks := r.nudgeHead(v, msg)
	if v.Link != "" {
		blocks = append(blocks, slack.NewActionBlock(NudgeBlockID(c.ID, v.N), linkButton(ActNudgeOpen, t.NudgeOpen, v.Link)))
	}
	return blocks, Clip(msg, 3000)
}

// NudgeHandled is the starter's DM once a button was used: the case and
// how long it was quiet, without the question and the buttons, and what was
// done.
func (r Renderer) NudgeHandled(v NudgeView, done string) ([]slack.Block, string) {
	c := v.Case
	msg := dialogs.NudgeText(v.Lang, "Texts.NudgeStarterF", c.Key(), v.Nudge.Days, r.Day(v.Nudge.Quiet, v.Lang))
	return []slack.Block{
		slack.NewHeaderBlock(Plain(Clip(c.Key()+" · "+c.Title, MaxHeaderText))),
		ContextBlock(msg),
		Section(done),
	}, Clip(c.Key()+": "+done, 3000)
}

// NudgePauseModal is the form behind Pauzeer tot…: the day the pause ends
// (initially initial) and an optional reason. lang is the reader's.
func (r Renderer) NudgePauseModal(c *record.Case, lang cards.Lang, m Meta, initial time.Time) slack.ModalViewRequest {
	t := dialogs.TextsFor(lang)
	picker := slack.NewDatePickerBlockElement(ActInput)
	picker.InitialDate = initial.In(r.loc()).Format(time.DateOnly)
	until := slack.NewInputBlock(BlkUntil, Plain(t.NudgeUntilLabel), Plain(Clip(t.NudgeUntilHint, 2000)), picker)
	return Modal(CbNudgePause, t.NudgePauseTitle, t, m,
		slack.NewHeaderBlock(Plain(Clip(c.Key()+" · "+c.Title, MaxHeaderText))),
		until,
		textInput(BlkText, t.NudgeReasonLabel, t.NudgeReasonHint, "", "", true, dialogs.MaxText, true),
	)
}

// NudgeCloseModal is the form behind Sluit: the reason to close the case
// early (dialogs.Engine.CloseEarly). lang is the reader's.
func (r Renderer) NudgeCloseModal(c *record.Case, lang cards.Lang, m Meta) slack.ModalViewRequest {
	t := dialogs.TextsFor(lang)
	return Modal(CbNudgeClose, t.NudgeCloseTitle, t, m,
		slack.NewHeaderBlock(Plain(Clip(c.Key()+" · "+c.Title, MaxHeaderText))),
		textInput(BlkText, t.NudgeCloseLabel, t.NudgeCloseHint, "", "", true, dialogs.MaxText, false),
	)
}

// ViewDate returns the day chosen in a date picker of a form, at midnight
// in loc; ok is false when none was chosen or it does not read as a date.
func ViewDate(st *slack.ViewState, blockID string, loc *time.Location) (time.Time, bool) {
	if st == nil {
		return time.Time{}, false
	}
	v, ok := st.Values[blockID][ActInput]
	if !ok || v.SelectedDate == "" {
		return time.Time{}, false
	}
	d, err := time.ParseInLocation(time.DateOnly, v.SelectedDate, loc)
	return d, err == nil
}

func (r Renderer) loc() *time.Location {
	if r.Loc == nil {
		return time.UTC
	}
	return r.Loc
}
