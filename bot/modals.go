package bot

import (
	"encoding/json"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Block and action ids inside the modals. They stay the same across view
// updates so typed values survive.
const (
	blkTitle    = "title"
	blkScheme   = "scheme"
	blkUrgency  = "urgency"
	blkText     = "text"
	blkProCon   = "procon"
	blkValue    = "value"
	actInput    = "input"
	maxModalLen = 24
)

// validUrgency reports whether u is one of the urgency options the new-case
// form offers, in either language.
func validUrgency(u string) bool {
	for _, l := range cards.Langs() {
		t := dialogs.TextsFor(l)
		if u == t.UrgencyNormal || u == t.UrgencyHigh || u == t.UrgencyUrgent {
			return true
		}
	}
	return false
}

// meta is what a modal carries in private_metadata (never in callback_id).
type meta struct {
	Channel     string `json:"ch,omitempty"`
	CaseID      int64  `json:"case,omitempty"`
	Seq         int    `json:"seq,omitempty"`
	Step        string `json:"step,omitempty"`
	Choice      string `json:"choice,omitempty"`
	ResponseURL string `json:"ru,omitempty"`
	// MessageTS is the message clicked to open the modal, for ResponseURL.
	MessageTS string `json:"mts,omitempty"`
	Lang      string `json:"lang,omitempty"`
}

func (m meta) String() string {
	b, _ := json.Marshal(m)
	return string(b)
}

func parseMeta(s string) (meta, bool) {
	var m meta
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return meta{}, false
	}
	return m, true
}

func textInput(blockID, label, hint, placeholder, initial string, multiline bool, maxLen int, optional bool) *slack.InputBlock {
	el := slack.NewPlainTextInputBlockElement(nil, actInput)
	if placeholder != "" {
		el.Placeholder = plain(clip(placeholder, 150))
	}
	el.Multiline = multiline
	el.MaxLength = maxLen
	el.InitialValue = initial
	var h *slack.TextBlockObject
	if hint != "" {
		h = plain(clip(hint, 2000))
	}
	in := slack.NewInputBlock(blockID, plain(clip(label, 2000)), h, el)
	in.Optional = optional
	return in
}

func modal(callbackID, title string, t *dialogs.Texts, m meta, blocks ...slack.Block) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      callbackID,
		Title:           plain(clip(title, maxModalLen)),
		Submit:          plain(clip(t.Submit, maxModalLen)),
		Close:           plain(clip(t.Cancel, maxModalLen)),
		PrivateMetadata: m.String(),
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
}

// NewCaseModal is the form behind a bare /maatwerk.
func (r renderer) NewCaseModal(lang cards.Lang, m meta, title string) slack.ModalViewRequest {
	t := dialogs.TextsFor(lang)
	urg := []*slack.OptionBlockObject{
		slack.NewOptionBlockObject(t.UrgencyNormal, plain(t.UrgencyNormal), nil),
		slack.NewOptionBlockObject(t.UrgencyHigh, plain(t.UrgencyHigh), nil),
		slack.NewOptionBlockObject(t.UrgencyUrgent, plain(t.UrgencyUrgent), nil),
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(t.UrgencyLabel), actInput, urg...)
	urgency := slack.NewInputBlock(blkUrgency, plain(t.UrgencyLabel), nil, sel)
	urgency.Optional = true
	return modal(cbNewCase, t.NewCaseTitle, t, m,
		textInput(blkTitle, t.TitleLabel, t.TitleHint, "", title, false, 150, false),
		textInput(blkScheme, t.SchemeLabel, t.SchemeHint, "", "", false, 150, true),
		urgency,
	)
}

// AnswerModal asks the free text for a prompt: the answer, the reason of a
// closing choice, or the rationale of a decision.
func (r renderer) AnswerModal(c *record.Case, p dialogs.Prompt, choice string, m meta) slack.ModalViewRequest {
	t := dialogs.TextsFor(c.Lang)
	intro := bold(p.Text)
	if choice != "" {
		if ch, ok := p.Choice(choice); ok {
			intro += "\n→ " + ch.Text
		}
	}
	return modal(cbAnswer, t.AnswerTitle, t, m,
		section(intro),
		textInput(blkText, p.TextLabel(choice, t), p.Help, p.Placeholder, "", true, dialogs.MaxText, false),
	)
}

// ArgumentModal adds an argument: pro or contra, the claim, and the value it
// touches.
func (r renderer) ArgumentModal(c *record.Case, values []dialogs.Choice, m meta) slack.ModalViewRequest {
	t := dialogs.TextsFor(c.Lang)
	pro := slack.NewOptionBlockObject("pro", plain(t.ProLabel), nil)
	con := slack.NewOptionBlockObject("contra", plain(t.ContraLabel), nil)
	radio := slack.NewRadioButtonsBlockElement(actInput, pro, con)
	blocks := []slack.Block{
		section("*" + c.Key() + "* · " + userText(c.Title)),
		slack.NewInputBlock(blkProCon, plain(t.ProContraLabel), nil, radio),
		textInput(blkText, t.ArgumentLabel, "", "", "", true, 1000, false),
	}
	if len(values) > 0 {
		var opts []*slack.OptionBlockObject
		for _, v := range values {
			var desc *slack.TextBlockObject
			if v.Help != "" {
				desc = plain(clip(v.Help, maxOptionText))
			}
			opts = append(opts, slack.NewOptionBlockObject(v.ID, plain(clip(v.Text, maxOptionText)), desc))
		}
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(t.ValueLabel), actInput, opts...)
		in := slack.NewInputBlock(blkValue, plain(t.ValueLabel), nil, sel)
		in.Optional = true
		blocks = append(blocks, in)
	}
	return modal(cbArgument, t.ArgumentTitle, t, m, blocks...)
}

// viewValue reads a text or select value from a submitted view's state.
func viewValue(st *slack.ViewState, blockID string) string {
	if st == nil {
		return ""
	}
	v, ok := st.Values[blockID][actInput]
	if !ok {
		return ""
	}
	switch {
	case v.SelectedOption.Value != "":
		return v.SelectedOption.Value
	default:
		return v.Value
	}
}
