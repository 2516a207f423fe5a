package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Root renders a case's root message: id, title, who started it, status and
// progress. The second value is the notification text.
func (r Renderer) Root(c *record.Case) ([]slack.Block, string) {
	t := dialogs.TextsFor(c.Lang)
	head := Clip(c.Key()+" · "+c.Title, MaxHeaderText)
	fields := []*slack.TextBlockObject{
		md("*" + t.StatusLabel + "*\n" + UserText(r.Engine.StatusText(c))),
		md("*" + t.Progress + "*\n" + r.Engine.ProgressText(c)),
	}
	if c.Zaaknummer != "" {
		fields = append(fields, md("*"+t.Zaaknummer+"*\n"+UserText(c.Zaaknummer)))
	}
	if c.Scheme != "" {
		fields = append(fields, md("*"+t.Scheme+"*\n"+Clip(UserText(c.Scheme), maxFieldText-20)))
	}
	if c.Urgency != "" {
		fields = append(fields, md("*"+t.Urgency+"*\n"+UserText(c.Urgency)))
	}
	started := []string{fmt.Sprintf(t.StartedByF, Mention(c.StartedBy), r.Date(c.StartedAt, c.Lang))}
	if link := sourceLink(c.Source, t); link != "" {
		started = append(started, ":link: "+link)
	}
	blocks := []slack.Block{
		slack.NewHeaderBlock(Plain(head)),
		slack.NewSectionBlock(nil, fields, nil),
		ContextBlock(started...),
	}
	if c.Decision != nil {
		a, _ := c.AnswerTo(r.decisionStep())
		blocks = append(blocks, Section("*"+t.Decision+":* "+UserText(r.Engine.ChoiceText(c, a))))
	}
	if c.Closure != nil && c.Closure.Option != "" {
		s := r.Engine.Summarize(c)
		blocks = append(blocks, Section(fmt.Sprintf(t.ClosedEarlyF, UserText(s.ClosedEarly))))
	}
	if c.Closure != nil && c.Closure.Option == "" && c.Closure.Reason != "" {
		blocks = append(blocks, Section(fmt.Sprintf(t.ClosedByF, Mention(c.Closure.By), UserText(c.Closure.Reason))))
	}
	if esc, ok := c.PendingEscalation(); ok && c.Status != record.StatusClosed {
		blocks = append(blocks, Section(fmt.Sprintf(t.EscalatedF, Mention(esc.By), r.Date(esc.At, c.Lang))))
	}
	if n := len(c.Problems); n > 0 {
		blocks = append(blocks, ContextBlock(fmt.Sprintf(t.DeliveryProblemF, Clip(EscapePlain(c.Problems[n-1].What), 200))))
	}
	return blocks, Clip(fmt.Sprintf(t.AskStartF, c.Key(), UserText(c.Title)), 3000)
}

func (r Renderer) decisionStep() string {
	for _, st := range r.Engine.Cards().Steps() {
		if st.Item.Kind == cards.KindDecision {
			return st.ID
		}
	}
	return ""
}

// Prompt renders an open question as a thread message with its controls.
func (r Renderer) Prompt(c *record.Case, p dialogs.Prompt) ([]slack.Block, string) {
	if esc, ok := c.PendingEscalation(); ok && p.Kind == cards.KindDecision {
		return r.escalatedPrompt(c, p, esc)
	}
	t := dialogs.TextsFor(c.Lang)
	blocks := r.promptHead(c, p, t)
	if ev, ok := c.Waiting(); ok {
		// On hold for more information: the question without its
		// controls, and what it waits for.
		blocks = append(blocks, Section(fmt.Sprintf(t.WaitingF, r.Date(ev.At, c.Lang), Mention(ev.By), UserText(ev.Reason))))
		return blocks, Clip(p.CaseKey+" · "+t.WaitingLabel+": "+UserText(ev.Reason), 3000)
	}
	bid := promptBlockID(p.CaseID, p.Seq)
	if p.Kind == cards.KindChoice || p.Kind == cards.KindDecision {
		if lines := optionHelp(p.Options); lines != "" {
			blocks = append(blocks, ContextBlock(lines))
		}
	}
	switch p.Kind {
	case cards.KindYesNo, cards.KindChoice, cards.KindDecision:
		if len(p.Options) <= maxButtonsInline {
			var els []slack.BlockElement
			for _, o := range p.Options {
				btn := slack.NewButtonBlockElement(ActChoosePrefix+o.ID, o.ID, Plain(Clip(o.Text, maxButtonText)))
				els = append(els, btn)
			}
			blocks = append(blocks, slack.NewActionBlock(bid, els...))
		} else {
			var opts []*slack.OptionBlockObject
			for _, o := range p.Options {
				opts = append(opts, slack.NewOptionBlockObject(o.ID, Plain(Clip(o.Text, MaxOptionText)), nil))
			}
			sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, Plain(t.ChooseOne), ActSelect, opts...)
			blocks = append(blocks, slack.NewActionBlock(bid, sel))
		}
		if p.Kind == cards.KindDecision {
			blocks = append(blocks, ContextBlock(p.Reason))
		}
	case cards.KindMulti:
		var opts []*slack.OptionBlockObject
		for _, o := range p.Options {
			var desc *slack.TextBlockObject
			if o.Help != "" {
				desc = Plain(Clip(o.Help, MaxOptionText))
			}
			opts = append(opts, slack.NewOptionBlockObject(o.ID, Plain(Clip(o.Text, MaxOptionText)), desc))
		}
		confirm := slack.NewButtonBlockElement(ActConfirm, "ok", Plain(t.Confirm)).WithStyle(slack.StylePrimary)
		blocks = append(blocks, slack.NewActionBlock(bid, slack.NewCheckboxGroupsBlockElement(ActChecks, opts...), confirm))
	case cards.KindText:
		btn := slack.NewButtonBlockElement(ActAnswer, "text", Plain(t.AnswerBtn)).WithStyle(slack.StylePrimary)
		blocks = append(blocks, slack.NewActionBlock(bid, btn), ContextBlock(t.ThreadHint))
	case cards.KindArguments:
		blocks = append(blocks, r.tally(c, p, t)...)
		blocks = append(blocks, slack.NewActionBlock(bid,
			slack.NewButtonBlockElement(ActArgAdd, "add", Plain(t.AddArgument)),
			slack.NewButtonBlockElement(ActArgsDone, "done", Plain(t.ArgsDone)).WithStyle(slack.StylePrimary),
		), ContextBlock(EscapePlain(t.ArgumentsHint)))
	}
	if len(p.See) > 0 {
		blocks = append(blocks, ContextBlock(t.SeeAlso+": "+strings.Join(p.See, " · ")))
	}
	return blocks, Clip(p.CaseKey+" · "+fmt.Sprintf(t.StepF, p.Number, p.Total)+": "+p.Text, 3000)
}

func (r Renderer) promptHead(c *record.Case, p dialogs.Prompt, t *dialogs.Texts) []slack.Block {
	blocks := []slack.Block{ContextBlock("*" + p.CaseKey + "* · " + fmt.Sprintf(t.PhaseStepF, p.Phase, p.Number, p.Total))}
	if p.Reading != "" {
		sig := t.NoSignals
		if len(p.Signals) > 0 {
			sig = "• " + strings.Join(p.Signals, "\n• ")
		}
		blocks = append(blocks, Section("*"+t.SignalsFound+"*\n"+sig), Section("*"+t.ReadingLabel+"*\n"+p.Reading))
	}
	if len(p.Recall) > 0 {
		lines := []string{"*" + t.Recalled + "*"}
		for _, rc := range p.Recall {
			lines = append(lines, "• _"+rc.Label+":_ "+UserText(rc.Answer))
		}
		blocks = append(blocks, ContextBlock(strings.Join(lines, "\n")))
	}
	blocks = append(blocks, Section(Bold(p.Text)))
	if p.Help != "" {
		blocks = append(blocks, ContextBlock(":information_source: "+p.Help))
	}
	if p.SchemeTitle != "" {
		blocks = append(blocks, Section(":scales: *"+p.SchemeTitle+"*\n"+p.SchemeText))
	}
	if p.Notice != "" {
		blocks = append(blocks, Section(":warning: "+p.Notice))
	}
	return blocks
}

func (r Renderer) tally(c *record.Case, p dialogs.Prompt, t *dialogs.Texts) []slack.Block {
	line := func(a record.Argument) string {
		s := UserText(a.Text)
		if a.Value != "" {
			s += " _(" + r.Engine.ValueText(a.Value, c.Lang) + ")_"
		}
		return "• #" + strconv.Itoa(a.N) + " " + s + " — " + Mention(a.By)
	}
	var pro, con []string
	for _, a := range p.Pro {
		pro = append(pro, line(a))
	}
	for _, a := range p.Contra {
		con = append(con, line(a))
	}
	blocks := []slack.Block{Section("*" + fmt.Sprintf(t.TallyF, len(p.Pro), len(p.Contra)) + "*")}
	if len(pro) > 0 {
		blocks = append(blocks, Section("*"+t.ArgsPro+"*\n"+strings.Join(pro, "\n")))
	}
	if len(con) > 0 {
		blocks = append(blocks, Section("*"+t.ArgsContra+"*\n"+strings.Join(con, "\n")))
	}
	return blocks
}

// Answered renders a question that has been answered: who answered what, no
// controls.
func (r Renderer) Answered(c *record.Case, p dialogs.Prompt, a record.Answer) ([]slack.Block, string) {
	t := dialogs.TextsFor(c.Lang)
	blocks := r.promptHead(c, p, t)
	if p.Kind == cards.KindArguments {
		p.Pro, p.Contra = c.ActiveArguments()
		blocks = append(blocks, r.tally(c, p, t)...)
	}
	answer := UserText(r.Engine.AnswerText(c, a))
	done := Section(":white_check_mark: " + fmt.Sprintf(t.AnsweredByF, Mention(a.By), answer))
	if c.Status != record.StatusClosed && p.Kind != cards.KindArguments {
		// Whoever gave the answer, the starter or a team lead may change
		// it while the case is open (the click checks who).
		done.BlockID = changeBlockID(c.ID)
		done.Accessory = slack.NewAccessory(slack.NewButtonBlockElement(ActChange, p.StepID, Plain(Clip(t.ChangeBtn, maxButtonText))))
	}
	blocks = append(blocks, done)
	return blocks, Clip(p.CaseKey+" · "+fmt.Sprintf(t.AnsweredByF, Mention(a.By), answer), 3000)
}

// Summary renders a case's summary as a record, in the order of
// dialogs.PlainSummary: the case, the decision with its motivering, the
// weighing with the arguments and who gave them, the signals, the variant
// and the tension, the reflection, a footer with the participants, the
// content version and the period, and the button for the document. It
// stays within one message's limits by clipping each section and, for very
// long cases, leaving out the last phases; the footer and the button stay.
func (r Renderer) Summary(c *record.Case, permalink string) ([]slack.Block, string) {
	s := r.Engine.Summarize(c)
	t := dialogs.TextsFor(c.Lang)
	blocks := []slack.Block{
		slack.NewHeaderBlock(Plain(Clip(fmt.Sprintf(t.SummaryF, s.Key)+" · "+s.Title, MaxHeaderText))),
	}
	// add appends while room is left for the footer and the button.
	add := func(b ...slack.Block) {
		for _, bl := range b {
			if len(blocks) < MaxBlocks-2 {
				blocks = append(blocks, bl)
			}
		}
	}
	meta := []string{"*" + t.StatusLabel + ":* " + UserText(s.Status)}
	if s.Zaaknummer != "" {
		meta = append(meta, "*"+t.Zaaknummer+":* "+UserText(s.Zaaknummer))
	}
	if s.Scheme != "" {
		meta = append(meta, "*"+t.Scheme+":* "+UserText(s.Scheme))
	}
	if permalink != "" {
		meta = append(meta, "<"+permalink+"|"+t.Discussion+">")
	}
	add(ContextBlock(strings.Join(meta, " · ")))
	if s.ClosedEarly != "" {
		add(Section(fmt.Sprintf(t.ClosedEarlyF, UserText(s.ClosedEarly))))
	}
	if s.CloseReason != "" {
		add(Section(fmt.Sprintf(t.ClosedByF, Mention(s.CloseBy), UserText(s.CloseReason))))
	}
	if d := s.Decision; d != nil {
		// The warnings go before the motivering, which a long one would
		// clip away at the end of the block; who and when go first for
		// the same reason.
		warned := ""
		if len(d.Warnings) > 0 {
			warned = "\n:warning: *" + t.WarnedLabel + ":* " + strings.Join(d.Warnings, "; ")
		}
		add(Section("*" + t.Decision + ":* " + UserText(d.Option) + "\n_" + fmt.Sprintf(t.DecidedByF, Mention(d.By), r.Date(d.At, c.Lang)) + "_" +
			warned + "\n*" + t.Rationale + ":* " + UserText(d.Rationale)))
	}
	// The questions a lead sent back are user text; the names are the
	// bot's own mentions.
	for i := range s.Escalations {
		s.Escalations[i].Question = UserText(s.Escalations[i].Question)
	}
	if lines := s.EscalationLines(func(u string) string { return Mention(u) }); len(lines) > 0 {
		add(ContextBlock(strings.Join(lines, "\n")))
	}
	if w := s.Waiting; w != nil {
		add(Section(fmt.Sprintf(t.WaitingF, r.Date(w.At, c.Lang), Mention(w.By), UserText(w.Reason))))
	}
	entry := func(en dialogs.SummaryEntry) string {
		label := Clip(en.Label, dialogs.MaxLabel)
		return "• _" + label + dialogs.LabelColon(label) + "_ " + UserText(en.Answer) + " — " + Mention(en.By)
	}
	// phase adds a titled list of entries; the arguments step becomes the
	// arguments for and against, each list in its own section.
	phase := func(title string, entries []dialogs.SummaryEntry) {
		head := "*" + title + "*\n" // on the phase's first section
		emit := func(text string) {
			add(Section(head + text))
			head = ""
		}
		var lines []string
		flush := func() {
			if len(lines) > 0 {
				emit(strings.Join(lines, "\n"))
			}
			lines = nil
		}
		// The arguments come after the phase's other answers: a line
		// under "Argumenten tegen" would read as one of them.
		withArgs := false
		for _, en := range entries {
			if !en.Arguments || len(s.Pro)+len(s.Contra) == 0 {
				lines = append(lines, entry(en))
				continue
			}
			withArgs = true
		}
		flush()
		if withArgs {
			args := func(title string, list []dialogs.SummaryArgument) {
				if len(list) == 0 {
					return
				}
				out := []string{"*" + title + "*"}
				for _, a := range list {
					l := "• " + UserText(a.Text)
					if a.Value != "" {
						l += " _(" + a.Value + ")_"
					}
					out = append(out, l+" — "+Mention(a.By))
				}
				emit(strings.Join(out, "\n"))
			}
			args(t.ArgsPro, s.Pro)
			args(t.ArgsContra, s.Contra)
		}
	}
	weighing, apart, rest := s.Record()
	if len(weighing.Entries) > 0 {
		phase(weighing.Title, weighing.Entries)
	}
	if len(s.Signals) > 0 || s.Reading != "" {
		sig := t.NoSignals
		if len(s.Signals) > 0 {
			sig = "• " + strings.Join(s.Signals, "\n• ")
		}
		txt := "*" + t.SignalsFound + "*\n" + sig
		if s.Reading != "" {
			txt += "\n_" + s.Reading + "_"
		}
		add(Section(txt))
	}
	if len(apart) > 0 {
		phase(t.VariantLabel, apart)
	}
	for _, ph := range rest {
		phase(ph.Title, ph.Entries)
	}
	if lb := s.LookBack; lb != nil {
		add(Section("*" + t.LookBackLabel + "*\n" + UserText(lb.Text) + "\n_" + fmt.Sprintf(t.LookBackByF, Mention(lb.By), r.Date(lb.At, c.Lang)) + "_"))
	}
	var who []string
	for _, p := range s.Participants {
		who = append(who, Mention(p))
	}
	foot := []string{t.Participants + ": " + strings.Join(who, ", ")}
	if s.CardsVersion != "" {
		foot = append(foot, t.ContentVersion+": "+EscapePlain(s.CardsVersion))
	}
	foot = append(foot, t.Period+": "+dialogs.FormatPeriod(s.StartedAt, s.UpdatedAt, r.Loc, c.Lang))
	blocks = append(blocks, ContextBlock(strings.Join(foot, " · ")))
	// The case as a document for the dossier: sent to whoever clicks, in a
	// direct message, never into the channel.
	report := slack.NewButtonBlockElement(ActReport, strconv.FormatInt(c.ID, 10), Plain(t.ReportBtn))
	blocks = append(blocks, slack.NewActionBlock(BlkReport, report))
	return blocks, Clip(fmt.Sprintf(t.SummaryF, s.Key)+": "+UserText(s.Title), 3000)
}
