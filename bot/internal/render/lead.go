package render

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Action and callback ids of the team lead's DM. The block id carries the
// case and the decision prompt's sequence number: "l.<case id>.<seq>".
const (
	ActLeadPrefix = "mw.lead."
	ActLeadBack   = "mw.leadback"
	CbLeadBack    = "mw.leadback"
)

func leadBlockID(caseID int64, seq int) string {
	return "l" + strings.TrimPrefix(promptBlockID(caseID, seq), "p")
}

func ParseLeadBlockID(s string) (int64, int, bool) {
	rest, ok := strings.CutPrefix(s, "l.")
	if !ok {
		return 0, 0, false
	}
	return ParsePromptBlockID("p." + rest)
}

// LeadAsk renders the DM asking a team lead to decide: who puts it to them
// and why, the case's summary, and the lead's decision buttons.
func (r Renderer) LeadAsk(c *record.Case, esc *record.Escalation, permalink string) ([]slack.Block, string) {
	t := dialogs.TextsFor(c.Lang)
	ask := fmt.Sprintf(t.LeadAskF, Mention(esc.By), c.Key())
	blocks := []slack.Block{Section(":bust_in_silhouette: " + ask)}
	if esc.Note != "" {
		blocks = append(blocks, Section("*"+t.LeadNote+":* "+UserText(esc.Note)))
	}
	summary, _ := r.Summary(c, permalink)
	parts := SplitBlocks(summary, MaxMessageChars-3000, MaxBlocks-len(blocks)-1)
	blocks = append(blocks, parts[0]...)
	var els []slack.BlockElement
	for _, ch := range r.Engine.LeadChoices(c) {
		els = append(els, slack.NewButtonBlockElement(ActLeadPrefix+ch.ID, ch.ID,
			Plain(Clip(fmt.Sprintf(t.LeadDecideF, ch.Text), maxButtonText))).WithStyle(slack.StylePrimary))
	}
	els = append(els, slack.NewButtonBlockElement(ActLeadBack, "back", Plain(Clip(t.LeadBack, maxButtonText))))
	if len(els) > maxButtonsInline*5 {
		els = els[:maxButtonsInline*5]
	}
	blocks = append(blocks, slack.NewActionBlock(leadBlockID(c.ID, esc.Seq), els...))
	return blocks, Clip(ask, 3000)
}

// LeadDone renders a lead's DM once the escalation is handled: no buttons.
func (r Renderer) LeadDone(c *record.Case, esc *record.Escalation) ([]slack.Block, string) {
	t := dialogs.TextsFor(c.Lang)
	ask := fmt.Sprintf(t.LeadAskF, Mention(esc.By), c.Key())
	done := r.LeadOutcome(c, esc)
	return []slack.Block{
		slack.NewHeaderBlock(Plain(Clip(c.Key()+" · "+c.Title, MaxHeaderText))),
		ContextBlock(ask),
		Section(done),
	}, Clip(c.Key()+": "+done, 3000)
}

// LeadOutcome is the thread reply saying what the lead did.
func (r Renderer) LeadOutcome(c *record.Case, esc *record.Escalation) string {
	t := dialogs.TextsFor(c.Lang)
	if esc.ReturnedBy != "" {
		return fmt.Sprintf(t.LeadReturnedF, Mention(esc.ReturnedBy), UserText(esc.Question), Mention(esc.By))
	}
	out := ""
	if a, ok := c.AnswerTo(r.decisionStep()); ok {
		out = UserText(r.Engine.ChoiceText(c, a))
		if a.Text != "" {
			out += "\n*" + t.Rationale + ":* " + UserText(a.Text)
		}
	}
	return fmt.Sprintf(t.LeadDecidedF, Mention(esc.DecidedBy), out)
}

// LeadQuestionModal asks a lead's question back to the case.
func (r Renderer) LeadQuestionModal(c *record.Case, m Meta) slack.ModalViewRequest {
	t := dialogs.TextsFor(c.Lang)
	return Modal(CbLeadBack, t.LeadQuestionTitle, t, m,
		Section("*"+c.Key()+"* · "+UserText(c.Title)),
		textInput(BlkText, t.LeadQuestionLabel, "", "", "", true, 1000, false),
	)
}

// escalatedPrompt renders the decision question while it waits for a team
// lead: who put it to the leads and when, no buttons.
func (r Renderer) escalatedPrompt(c *record.Case, p dialogs.Prompt, esc *record.Escalation) ([]slack.Block, string) {
	t := dialogs.TextsFor(c.Lang)
	blocks := r.promptHead(c, p, t)
	line := fmt.Sprintf(t.EscalatedF, Mention(esc.By), r.Date(esc.At, c.Lang))
	if esc.Note != "" {
		line += "\n*" + t.LeadNote + ":* " + UserText(esc.Note)
	}
	blocks = append(blocks, Section(line))
	return blocks, Clip(p.CaseKey+" · "+t.EscalatedLabel, 3000)
}
