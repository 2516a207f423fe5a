package render

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Block and action ids inside the modals. They stay the same across view
// updates so typed values survive.
const (
	BlkTitle    = "title"
	BlkScheme   = "scheme"
	BlkZaak     = "zaaknummer"
	BlkUrgency  = "urgency"
	BlkText     = "text"
	BlkChoice   = "choice"
	BlkProCon   = "procon"
	BlkValue    = "value"
	ActInput    = "input"
	maxModalLen = 24
)

// ValidUrgency reports whether u is one of the urgency options the new-case
// form offers, in either language.
func ValidUrgency(u string) bool {
	for _, l := range cards.Langs() {
		t := dialogs.TextsFor(l)
		if u == t.UrgencyNormal || u == t.UrgencyHigh || u == t.UrgencyUrgent {
			return true
		}
	}
	return false
}

// Meta is what a modal carries in private_metadata (never in callback_id).
type Meta struct {
	Channel     string `json:"ch,omitempty"`
	CaseID      int64  `json:"case,omitempty"`
	Seq         int    `json:"seq,omitempty"`
	Step        string `json:"step,omitempty"`
	Choice      string `json:"choice,omitempty"`
	ResponseURL string `json:"ru,omitempty"`
	// MessageTS is the message clicked to open the modal, for ResponseURL.
	MessageTS string `json:"mts,omitempty"`
	Lang      string `json:"lang,omitempty"`
	// Warned are the warnings (record.WarningKind) the form showed about
	// the motivering whose key is WarnedKey: submitted again with that
	// motivering, the decision is recorded despite them.
	Warned    []string `json:"warned,omitempty"`
	WarnedKey string   `json:"wk,omitempty"`
	// Source is the permalink of the message a new case is started from
	// (the message shortcut).
	Source string `json:"src,omitempty"`
}

func (m Meta) String() string {
	b, _ := json.Marshal(m)
	return string(b)
}

func ParseMeta(s string) (Meta, bool) {
	var m Meta
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return Meta{}, false
	}
	return m, true
}

func textInput(blockID, label, hint, placeholder, initial string, multiline bool, maxLen int, optional bool) *slack.InputBlock {
	el := slack.NewPlainTextInputBlockElement(nil, ActInput)
	if placeholder != "" {
		el.Placeholder = Plain(Clip(placeholder, 150))
	}
	el.Multiline = multiline
	el.MaxLength = maxLen
	el.InitialValue = initial
	var h *slack.TextBlockObject
	if hint != "" {
		h = Plain(Clip(hint, 2000))
	}
	in := slack.NewInputBlock(blockID, Plain(Clip(label, 2000)), h, el)
	in.Optional = optional
	return in
}

func Modal(callbackID, title string, t *dialogs.Texts, m Meta, blocks ...slack.Block) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      callbackID,
		Title:           Plain(Clip(title, maxModalLen)),
		Submit:          Plain(Clip(t.Submit, maxModalLen)),
		Close:           Plain(Clip(t.Cancel, maxModalLen)),
		PrivateMetadata: m.String(),
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
}

// NewCaseModal is the form behind a bare /maatwerk.
func (r Renderer) NewCaseModal(lang cards.Lang, m Meta, title string) slack.ModalViewRequest {
	t := dialogs.TextsFor(lang)
	urg := []*slack.OptionBlockObject{
		slack.NewOptionBlockObject(t.UrgencyNormal, Plain(t.UrgencyNormal), nil),
		slack.NewOptionBlockObject(t.UrgencyHigh, Plain(t.UrgencyHigh), nil),
		slack.NewOptionBlockObject(t.UrgencyUrgent, Plain(t.UrgencyUrgent), nil),
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, Plain(t.UrgencyLabel), ActInput, urg...)
	urgency := slack.NewInputBlock(BlkUrgency, Plain(t.UrgencyLabel), nil, sel)
	urgency.Optional = true
	return Modal(CbNewCase, t.NewCaseTitle, t, m,
		textInput(BlkTitle, t.TitleLabel, t.TitleHint, "", title, false, 150, false),
		textInput(BlkScheme, t.SchemeLabel, t.SchemeHint, "", "", false, 150, true),
		textInput(BlkZaak, t.ZaaknummerLabel, t.ZaaknummerHint, "", "", false, dialogs.MaxZaaknummer, true),
		urgency,
	)
}

// AnswerModal asks the free text for a prompt: the answer, the reason of a
// closing choice, or the rationale of a decision.
func (r Renderer) AnswerModal(c *record.Case, p dialogs.Prompt, choice string, m Meta) slack.ModalViewRequest {
	t := dialogs.TextsFor(c.Lang)
	intro := Bold(p.Text)
	if choice != "" {
		if ch, ok := p.Choice(choice); ok {
			intro += "\n→ " + ch.Text
		}
	}
	return Modal(CbAnswer, t.AnswerTitle, t, m,
		Section(intro),
		textInput(BlkText, p.TextLabel(choice, t), p.Help, p.Placeholder, "", true, dialogs.MaxText, false),
	)
}

// WarnedAnswerModal is AnswerModal again after its submission was warned
// about: the warnings above the same input, which keeps what was typed,
// and a submit button that records the decision anyway. m carries the
// warnings (Meta.Warned, Meta.WarnedKey).
func (r Renderer) WarnedAnswerModal(c *record.Case, p dialogs.Prompt, choice string, m Meta, warnings []dialogs.Warning, text string) slack.ModalViewRequest {
	t := dialogs.TextsFor(c.Lang)
	v := r.AnswerModal(c, p, choice, m)
	in := textInput(BlkText, p.TextLabel(choice, t), p.Help, p.Placeholder, text, true, dialogs.MaxText, false)
	v.Blocks = slack.Blocks{BlockSet: []slack.Block{v.Blocks.BlockSet[0], warnSection(t, warnings), in}}
	v.Submit = Plain(Clip(t.WarnGoOn, maxModalLen))
	return v
}

// warnSection lists the warnings about a decision and says how to go on.
func warnSection(t *dialogs.Texts, warnings []dialogs.Warning) *slack.SectionBlock {
	var lines []string
	for _, w := range warnings {
		lines = append(lines, "• "+w.Text)
	}
	return Section(":warning: *" + t.WarnHeading + "*\n" + strings.Join(lines, "\n") + "\n_" + t.WarnGoOnHint + "_")
}

// ArgumentModal adds an argument: pro or contra, the claim, and the value it
// touches.
func (r Renderer) ArgumentModal(c *record.Case, values []dialogs.Choice, m Meta) slack.ModalViewRequest {
	t := dialogs.TextsFor(c.Lang)
	pro := slack.NewOptionBlockObject("pro", Plain(t.ProLabel), nil)
	con := slack.NewOptionBlockObject("contra", Plain(t.ContraLabel), nil)
	radio := slack.NewRadioButtonsBlockElement(ActInput, pro, con)
	blocks := []slack.Block{
		Section("*" + c.Key() + "* · " + UserText(c.Title)),
		slack.NewInputBlock(BlkProCon, Plain(t.ProContraLabel), nil, radio),
		textInput(BlkText, t.ArgumentLabel, "", "", "", true, 1000, false),
	}
	if len(values) > 0 {
		var opts []*slack.OptionBlockObject
		for _, v := range values {
			var desc *slack.TextBlockObject
			if v.Help != "" {
				desc = Plain(Clip(v.Help, MaxOptionText))
			}
			opts = append(opts, slack.NewOptionBlockObject(v.ID, Plain(Clip(v.Text, MaxOptionText)), desc))
		}
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, Plain(t.ValueLabel), ActInput, opts...)
		in := slack.NewInputBlock(BlkValue, Plain(t.ValueLabel), nil, sel)
		in.Optional = true
		blocks = append(blocks, in)
	}
	return Modal(CbArgument, t.ArgumentTitle, t, m, blocks...)
}

// ViewValue reads a text or select value from a submitted view's state.
func ViewValue(st *slack.ViewState, blockID string) string {
	if st == nil {
		return ""
	}
	v, ok := st.Values[blockID][ActInput]
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

// ChangeModal is the form that changes the answer to an earlier question:
// the question with its current answer, the options (one, or any number)
// set to the current choice, and the text, filled in.
func (r Renderer) ChangeModal(c *record.Case, p dialogs.Prompt, current record.Answer, m Meta) slack.ModalViewRequest {
	return r.changeModal(c, p, current, current.Choices, current.Text, m)
}

// WarnedChangeModal is ChangeModal of the decision again after its
// submission was warned about: the warnings above the inputs, which keep
// the choice and the motivering as submitted, and a submit button that
// records the change anyway. m carries the warnings (Meta.Warned,
// Meta.WarnedKey).
func (r Renderer) WarnedChangeModal(c *record.Case, p dialogs.Prompt, current record.Answer, m Meta, warnings []dialogs.Warning, choices []string, text string) slack.ModalViewRequest {
	t := dialogs.TextsFor(c.Lang)
	v := r.changeModal(c, p, current, choices, text, m)
	blocks := v.Blocks.BlockSet
	v.Blocks = slack.Blocks{BlockSet: append([]slack.Block{blocks[0], warnSection(t, warnings)}, blocks[1:]...)}
	v.Submit = Plain(Clip(t.WarnGoOn, maxModalLen))
	return v
}

// changeModal is the change form with choices chosen and text typed in.
func (r Renderer) changeModal(c *record.Case, p dialogs.Prompt, current record.Answer, choices []string, text string, m Meta) slack.ModalViewRequest {
	t := dialogs.TextsFor(c.Lang)
	blocks := []slack.Block{Section(Bold(p.Text) + "\n" + fmt.Sprintf(t.ChangeNowF, UserText(r.Engine.AnswerText(c, current))))}
	var opts, initial []*slack.OptionBlockObject
	for _, o := range p.Options {
		if o.Closes || o.Escalates || o.MoreInfo {
			continue // chosen at the question itself, not as a change
		}
		ob := slack.NewOptionBlockObject(o.ID, Plain(Clip(o.Text, MaxOptionText)), nil)
		opts = append(opts, ob)
		if slices.Contains(choices, o.ID) {
			initial = append(initial, ob)
		}
	}
	switch {
	case p.Kind == cards.KindMulti:
		sel := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeStatic, Plain(t.ChangeChoice), ActInput, opts...)
		sel.InitialOptions = initial
		in := slack.NewInputBlock(BlkChoice, Plain(t.ChangeChoice), nil, sel)
		in.Optional = true // none ticked is an answer too
		blocks = append(blocks, in)
	case len(opts) > 0:
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, Plain(t.ChangeChoice), ActInput, opts...)
		if len(initial) > 0 {
			sel.InitialOption = initial[0]
		}
		blocks = append(blocks, slack.NewInputBlock(BlkChoice, Plain(t.ChangeChoice), nil, sel))
	}
	label, optional := p.TextLabel("", t), true
	if p.Kind == cards.KindText {
		label, optional = p.Text, false
	}
	blocks = append(blocks, textInput(BlkText, label, p.Help, p.Placeholder, text, true, dialogs.MaxText, optional))
	return Modal(CbChange, t.ChangeTitle, t, m, blocks...)
}

// ViewValues reads the options chosen in a multi-select input block.
func ViewValues(st *slack.ViewState, blockID string) []string {
	if st == nil {
		return nil
	}
	v, ok := st.Values[blockID][ActInput]
	if !ok {
		return nil
	}
	var out []string
	for _, o := range v.SelectedOptions {
		out = append(out, o.Value)
	}
	return out
}
