package dialogs

import (
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Prompt is one question of a case as a transport shows it, with every text
// already in the case's language.
type Prompt struct {
	CaseID  int64
	CaseKey string
	// Seq is the case's sequence number when the prompt was made; an answer
	// must carry it.
	Seq    int
	StepID string
	// Number counts from 1; Total is the number of steps.
	Number, Total int
	Phase         string
	Kind          cards.Kind
	Text          string
	// Label is the question's short name: the item's title, or the start
	// of the question.
	Label       string
	Help        string
	Placeholder string
	// Reason is the label for the rationale a decision asks for.
	Reason  string
	Options []Choice
	// Reading interprets the signals found so far; set on the step that
	// follows the signal groups. Signals lists the signals present.
	Reading string
	Signals []string
	// Pro and Contra are the arguments so far, for an arguments step.
	Pro, Contra []record.Argument
	// Values are the values an argument may touch, for an arguments step.
	Values []Choice
	// See points to related content, as "card title: item text".
	See []string
	// Recall shows the earlier answers this question builds on.
	Recall []Recalled
	// SchemeTitle and SchemeText are the scheme card's entry for the case's
	// scheme, e.g. its own ground for maatwerk at the legal question.
	SchemeTitle, SchemeText string
	// Notice is a remark about this question for this case, e.g. that the
	// mandate lies with someone else at the decision.
	Notice string
	// noticeAlone replaces Notice where no team lead can receive the
	// question (WithoutEscalation): there is no one to refer it to.
	noticeAlone string
}

// Choice is an option of a prompt.
type Choice struct {
	ID   string
	Text string
	Help string
	// Reason, when set, is the label of the short text this choice needs.
	Reason string
	Closes bool
	// Escalates puts the decision to the team leads.
	Escalates bool
	// MoreInfo puts the case on hold until more is known, instead of
	// deciding.
	MoreInfo bool
}

// Choice returns the prompt's option with the given id.
// WithoutEscalation returns p without the options that put the decision to
// the team leads: what is offered where no team lead can receive it (the
// console, a workspace without MAATWERK_TEAM_LEADS).
func (p Prompt) WithoutEscalation() Prompt {
	var opts []Choice
	for _, o := range p.Options {
		if !o.Escalates {
			opts = append(opts, o)
		}
	}
	p.Options = opts
	if p.noticeAlone != "" {
		p.Notice = p.noticeAlone
	}
	return p
}

func (p *Prompt) Choice(id string) (Choice, bool) {
	for _, c := range p.Options {
		if c.ID == id {
			return c, true
		}
	}
	return Choice{}, false
}

// NeedsText reports whether answering with the given choice (or, for a text
// step, at all) needs a free text.
func (p *Prompt) NeedsText(choice string) bool {
	switch p.Kind {
	case cards.KindText, cards.KindDecision:
		return true
	case cards.KindChoice:
		c, ok := p.Choice(choice)
		return ok && c.Reason != ""
	}
	return false
}

// TextLabel is the label of the free text that answering with choice needs.
func (p *Prompt) TextLabel(choice string, t *Texts) string {
	switch p.Kind {
	case cards.KindDecision:
		if c, ok := p.Choice(choice); ok && c.Reason != "" {
			return c.Reason // e.g. what is missing, for "more information"
		}
		if p.Reason != "" {
			return p.Reason
		}
		return t.Rationale
	case cards.KindChoice:
		if c, ok := p.Choice(choice); ok && c.Reason != "" {
			return c.Reason
		}
	}
	return t.AnswerLabel
}

func choices(opts []cards.Option, lang cards.Lang) []Choice {
	out := make([]Choice, len(opts))
	for i, o := range opts {
		out[i] = Choice{
			ID:        o.ID,
			Text:      o.Text.In(lang),
			Help:      o.Help.In(lang),
			Reason:    o.Reason.In(lang),
			Closes:    o.Closes,
			Escalates: o.Escalates,
			MoreInfo:  o.MoreInfo,
		}
	}
	return out
}

func yesNoChoices(t *Texts) []Choice {
	return []Choice{{ID: "ja", Text: t.Yes}, {ID: "nee", Text: t.No}, {ID: "weet-niet", Text: t.DontKnow}}
}
