package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Block Kit limits (SLACK.md).
const (
	maxBlocks        = 50
	maxSectionText   = 3000
	maxFieldText     = 2000
	maxHeaderText    = 150
	maxButtonText    = 75
	maxOptionText    = 75
	maxContextText   = 2000
	maxButtonsInline = 5
)

// Action ids. The block id of an interactive block carries the case and the
// prompt's sequence number: "p.<case id>.<seq>".
const (
	actChoosePrefix = "mw.choose."
	actSelect       = "mw.select"
	actChecks       = "mw.checks"
	actConfirm      = "mw.confirm"
	actAnswer       = "mw.answer"
	actArgAdd       = "mw.argadd"
	actArgsDone     = "mw.argsdone"
)

// Callback ids of the modals.
const (
	cbNewCase  = "mw.newcase"
	cbAnswer   = "mw.answer"
	cbArgument = "mw.argument"
)

// renderer turns domain values into Block Kit in one language.
type renderer struct {
	engine *dialogs.Engine
	loc    *time.Location
}

func (r renderer) date(t time.Time) string {
	return t.In(r.loc).Format("2006-01-02 15:04")
}

func promptBlockID(caseID int64, seq int) string {
	return "p." + strconv.FormatInt(caseID, 10) + "." + strconv.Itoa(seq)
}

// parsePromptBlockID reads "p.<case>.<seq>".
func parsePromptBlockID(s string) (caseID int64, seq int, ok bool) {
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

func mention(user string) string {
	if user == "" {
		return "?"
	}
	return "<@" + user + ">"
}

// clip shortens s to at most n characters, ending in an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:n-1]), func(r rune) bool { return r == ' ' }) + "…"
}

// userText makes text a person typed safe to show in mrkdwn, in blocks and
// in a message's notification text: it is data, never markup. &, < and >
// are escaped, so no mention (<!channel>, <@U…>, <!subteam^…>) and no
// disguised link (<https://…|label>) can form, and a typed "&lt;" shows as
// typed. Slack's mrkdwn has no escape for its formatting characters, so a
// zero-width space stands on both sides of each (* _ ~ `): Slack opens
// bold, italics, strike-through or code only at a delimiter with a word
// boundary before it and text after it, and closes only at one with text
// before it and a boundary after it. Whether Slack counts the zero-width
// space as part of a word or as a space, one of the two sides breaks each
// rule, so a user's delimiter neither opens nor closes, nor pairs with the
// bot's own. A zero-width space also follows each @, so that a typed
// "@channel" or "@here" is never read as a mention, and precedes a > that
// starts a line, which would quote it. The text shows as typed; only the
// bot's own markup may sit around it.
func userText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := true
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			if lineStart {
				b.WriteRune(zeroWidthSpace)
			}
			b.WriteString("&gt;")
		case '*', '_', '~', '`':
			b.WriteRune(zeroWidthSpace)
			b.WriteRune(r)
			b.WriteRune(zeroWidthSpace)
		case '@':
			b.WriteRune(r)
			b.WriteRune(zeroWidthSpace)
		default:
			b.WriteRune(r)
		}
		lineStart = r == '\n'
	}
	return b.String()
}

// zeroWidthSpace breaks a formatting character's hold on its neighbours.
const zeroWidthSpace = '\u200b'

// noUnfurl is the option for a message that may hold user text: Slack
// shows no preview of a link a person typed under the bot's name. (The bot
// never sets parse or link_names, which would turn a typed @channel into a
// mention.)
func noUnfurl() slack.MsgOption {
	return slack.MsgOptionCompose(slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl())
}

// escapePlain escapes &, < and > for mrkdwn: for text the bot composes
// itself that may hold a name or a command but no markup of a user's.
func escapePlain(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// unescape undoes Slack's escaping of &, < and > in text it delivers.
func unescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// lineSections puts lines into as few sections as fit Slack's limit of
// 3,000 characters each, keeping every line whole.
func lineSections(lines []string) []slack.Block {
	var blocks []slack.Block
	for len(lines) > 0 {
		n, size := 0, 0
		for n < len(lines) && size+len(lines[n]) < maxSectionText-10 {
			size += len(lines[n]) + 1
			n++
		}
		n = max(n, 1)
		blocks = append(blocks, section(strings.Join(lines[:n], "\n")))
		lines = lines[n:]
	}
	return blocks
}

// bold sets a question in bold unless the content already uses bold. Slack
// bolds within one line only, so a question of several lines has its first
// line in bold.
func bold(s string) string {
	if strings.Contains(s, "*") {
		return s
	}
	first, rest, multi := strings.Cut(s, "\n")
	if strings.TrimSpace(first) == "" {
		return s
	}
	if multi {
		return "*" + strings.TrimSpace(first) + "*\n" + rest
	}
	return "*" + s + "*"
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

func md(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func section(text string) *slack.SectionBlock {
	return slack.NewSectionBlock(md(clip(text, maxSectionText)), nil, nil)
}

func contextBlock(texts ...string) *slack.ContextBlock {
	var els []slack.MixedElement
	for _, t := range texts {
		if t != "" {
			els = append(els, md(clip(t, maxContextText)))
		}
	}
	return slack.NewContextBlock("", els...)
}

// Root renders a case's root message: id, title, who started it, status and
// progress. The second value is the notification text.
func (r renderer) Root(c *record.Case) ([]slack.Block, string) {
	t := dialogs.TextsFor(c.Lang)
	head := clip(c.Key()+" · "+c.Title, maxHeaderText)
	fields := []*slack.TextBlockObject{
		md("*" + t.StatusLabel + "*\n" + userText(r.engine.StatusText(c))),
		md("*" + t.Progress + "*\n" + r.engine.ProgressText(c)),
	}
	if c.Scheme != "" {
		fields = append(fields, md("*"+t.Scheme+"*\n"+clip(userText(c.Scheme), maxFieldText-20)))
	}
	if c.Urgency != "" {
		fields = append(fields, md("*"+t.Urgency+"*\n"+userText(c.Urgency)))
	}
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(head)),
		slack.NewSectionBlock(nil, fields, nil),
		contextBlock(fmt.Sprintf(t.StartedByF, mention(c.StartedBy), r.date(c.StartedAt))),
	}
	if c.Decision != nil {
		a, _ := c.AnswerTo(r.decisionStep())
		blocks = append(blocks, section("*"+t.Decision+":* "+userText(r.engine.ChoiceText(c, a))))
	}
	if c.Closure != nil && c.Closure.Option != "" {
		s := r.engine.Summarize(c)
		blocks = append(blocks, section(fmt.Sprintf(t.ClosedEarlyF, userText(s.ClosedEarly))))
	}
	if c.Closure != nil && c.Closure.Option == "" && c.Closure.Reason != "" {
		blocks = append(blocks, section(fmt.Sprintf(t.ClosedByF, mention(c.Closure.By), userText(c.Closure.Reason))))
	}
	if esc, ok := c.PendingEscalation(); ok && c.Status != record.StatusClosed {
		blocks = append(blocks, section(fmt.Sprintf(t.EscalatedF, mention(esc.By), r.date(esc.At))))
	}
	if n := len(c.Problems); n > 0 {
		blocks = append(blocks, contextBlock(fmt.Sprintf(t.DeliveryProblemF, clip(escapePlain(c.Problems[n-1].What), 200))))
	}
	return blocks, clip(fmt.Sprintf(t.AskStartF, c.Key(), userText(c.Title)), 3000)
}

func (r renderer) decisionStep() string {
	for _, st := range r.engine.Cards().Steps() {
		if st.Item.Kind == cards.KindDecision {
			return st.ID
		}
	}
	return ""
}

// Prompt renders an open question as a thread message with its controls.
func (r renderer) Prompt(c *record.Case, p dialogs.Prompt) ([]slack.Block, string) {
	if esc, ok := c.PendingEscalation(); ok && p.Kind == cards.KindDecision {
		return r.escalatedPrompt(c, p, esc)
	}
	t := dialogs.TextsFor(c.Lang)
	blocks := r.promptHead(c, p, t)
	if ev, ok := c.Waiting(); ok {
		// On hold for more information: the question without its
		// controls, and what it waits for.
		blocks = append(blocks, section(fmt.Sprintf(t.WaitingF, r.date(ev.At), mention(ev.By), userText(ev.Reason))))
		return blocks, clip(p.CaseKey+" · "+t.WaitingLabel+": "+userText(ev.Reason), 3000)
	}
	bid := promptBlockID(p.CaseID, p.Seq)
	if p.Kind == cards.KindChoice || p.Kind == cards.KindDecision {
		if lines := optionHelp(p.Options); lines != "" {
			blocks = append(blocks, contextBlock(lines))
		}
	}
	switch p.Kind {
	case cards.KindYesNo, cards.KindChoice, cards.KindDecision:
		if len(p.Options) <= maxButtonsInline {
			var els []slack.BlockElement
			for _, o := range p.Options {
				btn := slack.NewButtonBlockElement(actChoosePrefix+o.ID, o.ID, plain(clip(o.Text, maxButtonText)))
				els = append(els, btn)
			}
			blocks = append(blocks, slack.NewActionBlock(bid, els...))
		} else {
			var opts []*slack.OptionBlockObject
			for _, o := range p.Options {
				opts = append(opts, slack.NewOptionBlockObject(o.ID, plain(clip(o.Text, maxOptionText)), nil))
			}
			sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(t.ChooseOne), actSelect, opts...)
			blocks = append(blocks, slack.NewActionBlock(bid, sel))
		}
		if p.Kind == cards.KindDecision {
			blocks = append(blocks, contextBlock(p.Reason))
		}
	case cards.KindMulti:
		var opts []*slack.OptionBlockObject
		for _, o := range p.Options {
			var desc *slack.TextBlockObject
			if o.Help != "" {
				desc = plain(clip(o.Help, maxOptionText))
			}
			opts = append(opts, slack.NewOptionBlockObject(o.ID, plain(clip(o.Text, maxOptionText)), desc))
		}
		confirm := slack.NewButtonBlockElement(actConfirm, "ok", plain(t.Confirm)).WithStyle(slack.StylePrimary)
		blocks = append(blocks, slack.NewActionBlock(bid, slack.NewCheckboxGroupsBlockElement(actChecks, opts...), confirm))
	case cards.KindText:
		btn := slack.NewButtonBlockElement(actAnswer, "text", plain(t.AnswerBtn)).WithStyle(slack.StylePrimary)
		blocks = append(blocks, slack.NewActionBlock(bid, btn), contextBlock(t.ThreadHint))
	case cards.KindArguments:
		blocks = append(blocks, r.tally(c, p, t)...)
		blocks = append(blocks, slack.NewActionBlock(bid,
			slack.NewButtonBlockElement(actArgAdd, "add", plain(t.AddArgument)),
			slack.NewButtonBlockElement(actArgsDone, "done", plain(t.ArgsDone)).WithStyle(slack.StylePrimary),
		), contextBlock(escapePlain(t.ArgumentsHint)))
	}
	if len(p.See) > 0 {
		blocks = append(blocks, contextBlock(t.SeeAlso+": "+strings.Join(p.See, " · ")))
	}
	return blocks, clip(p.CaseKey+" · "+fmt.Sprintf(t.StepF, p.Number, p.Total)+": "+p.Text, 3000)
}

func (r renderer) promptHead(c *record.Case, p dialogs.Prompt, t *dialogs.Texts) []slack.Block {
	blocks := []slack.Block{contextBlock("*" + p.CaseKey + "* · " + fmt.Sprintf(t.PhaseStepF, p.Phase, p.Number, p.Total))}
	if p.Reading != "" {
		sig := t.NoSignals
		if len(p.Signals) > 0 {
			sig = "• " + strings.Join(p.Signals, "\n• ")
		}
		blocks = append(blocks, section("*"+t.SignalsFound+"*\n"+sig), section("*"+t.ReadingLabel+"*\n"+p.Reading))
	}
	if len(p.Recall) > 0 {
		lines := []string{"*" + t.Recalled + "*"}
		for _, rc := range p.Recall {
			lines = append(lines, "• _"+rc.Label+":_ "+userText(rc.Answer))
		}
		blocks = append(blocks, contextBlock(strings.Join(lines, "\n")))
	}
	blocks = append(blocks, section(bold(p.Text)))
	if p.Help != "" {
		blocks = append(blocks, contextBlock(":information_source: "+p.Help))
	}
	if p.SchemeTitle != "" {
		blocks = append(blocks, section(":scales: *"+p.SchemeTitle+"*\n"+p.SchemeText))
	}
	if p.Notice != "" {
		blocks = append(blocks, section(":warning: "+p.Notice))
	}
	return blocks
}

func (r renderer) tally(c *record.Case, p dialogs.Prompt, t *dialogs.Texts) []slack.Block {
	line := func(a record.Argument) string {
		s := userText(a.Text)
		if a.Value != "" {
			s += " _(" + r.engine.ValueText(a.Value, c.Lang) + ")_"
		}
		return "• #" + strconv.Itoa(a.N) + " " + s + " — " + mention(a.By)
	}
	var pro, con []string
	for _, a := range p.Pro {
		pro = append(pro, line(a))
	}
	for _, a := range p.Contra {
		con = append(con, line(a))
	}
	blocks := []slack.Block{section("*" + fmt.Sprintf(t.TallyF, len(p.Pro), len(p.Contra)) + "*")}
	if len(pro) > 0 {
		blocks = append(blocks, section("*"+t.ArgsPro+"*\n"+strings.Join(pro, "\n")))
	}
	if len(con) > 0 {
		blocks = append(blocks, section("*"+t.ArgsContra+"*\n"+strings.Join(con, "\n")))
	}
	return blocks
}

// Answered renders a question that has been answered: who answered what, no
// controls.
func (r renderer) Answered(c *record.Case, p dialogs.Prompt, a record.Answer) ([]slack.Block, string) {
	t := dialogs.TextsFor(c.Lang)
	blocks := r.promptHead(c, p, t)
	if p.Kind == cards.KindArguments {
		p.Pro, p.Contra = c.ActiveArguments()
		blocks = append(blocks, r.tally(c, p, t)...)
	}
	answer := userText(r.engine.AnswerText(c, a))
	blocks = append(blocks, section(":white_check_mark: "+fmt.Sprintf(t.AnsweredByF, mention(a.By), answer)))
	return blocks, clip(p.CaseKey+" · "+fmt.Sprintf(t.AnsweredByF, mention(a.By), answer), 3000)
}

// Summary renders a case's summary. It stays within one message's limits by
// clipping each section; long cases keep every part, shortened.
func (r renderer) Summary(c *record.Case, permalink string) ([]slack.Block, string) {
	s := r.engine.Summarize(c)
	t := dialogs.TextsFor(c.Lang)
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(clip(fmt.Sprintf(t.SummaryF, s.Key)+" · "+s.Title, maxHeaderText))),
	}
	meta := []string{"*" + t.StatusLabel + ":* " + userText(s.Status)}
	if s.Scheme != "" {
		meta = append(meta, "*"+t.Scheme+":* "+userText(s.Scheme))
	}
	if permalink != "" {
		meta = append(meta, "<"+permalink+"|"+t.Discussion+">")
	}
	blocks = append(blocks, contextBlock(strings.Join(meta, " · ")))
	if len(s.Signals) > 0 || s.Reading != "" {
		sig := t.NoSignals
		if len(s.Signals) > 0 {
			sig = "• " + strings.Join(s.Signals, "\n• ")
		}
		txt := "*" + t.SignalsFound + "*\n" + sig
		if s.Reading != "" {
			txt += "\n_" + s.Reading + "_"
		}
		blocks = append(blocks, section(txt))
	}
	if s.ClosedEarly != "" {
		blocks = append(blocks, section(fmt.Sprintf(t.ClosedEarlyF, userText(s.ClosedEarly))))
	}
	if s.CloseReason != "" {
		blocks = append(blocks, section(fmt.Sprintf(t.ClosedByF, mention(s.CloseBy), userText(s.CloseReason))))
	}
	args := func(title string, list []dialogs.SummaryArgument) {
		if len(list) == 0 {
			return
		}
		var lines []string
		for _, a := range list {
			l := "• " + userText(a.Text)
			if a.Value != "" {
				l += " _(" + a.Value + ")_"
			}
			lines = append(lines, l+" — "+mention(a.By))
		}
		blocks = append(blocks, section("*"+title+"*\n"+strings.Join(lines, "\n")))
	}
	args(t.ArgsPro, s.Pro)
	args(t.ArgsContra, s.Contra)
	if d := s.Decision; d != nil {
		blocks = append(blocks, section("*"+t.Decision+":* "+userText(d.Option)+"\n*"+t.Rationale+":* "+userText(d.Rationale)+
			"\n_"+fmt.Sprintf(t.DecidedByF, mention(d.By), r.date(d.At))+"_"))
	}
	// The questions a lead sent back are user text; the names are the
	// bot's own mentions.
	for i := range s.Escalations {
		s.Escalations[i].Question = userText(s.Escalations[i].Question)
	}
	if lines := s.EscalationLines(func(u string) string { return mention(u) }); len(lines) > 0 {
		blocks = append(blocks, contextBlock(strings.Join(lines, "\n")))
	}
	if w := s.Waiting; w != nil {
		blocks = append(blocks, section(fmt.Sprintf(t.WaitingF, r.date(w.At), mention(w.By), userText(w.Reason))))
	}
	if lb := s.LookBack; lb != nil {
		blocks = append(blocks, section("*"+t.LookBackLabel+"*\n"+userText(lb.Text)+"\n_"+fmt.Sprintf(t.LookBackByF, mention(lb.By), r.date(lb.At))+"_"))
	}
	for _, ph := range s.Phases {
		if len(blocks) >= maxBlocks-3 {
			break
		}
		var lines []string
		for _, en := range ph.Entries {
			lines = append(lines, "• _"+clip(en.Question, 200)+"_\n   "+userText(en.Answer)+" — "+mention(en.By))
		}
		blocks = append(blocks, section("*"+ph.Title+"*\n"+strings.Join(lines, "\n")))
	}
	var who []string
	for _, p := range s.Participants {
		who = append(who, mention(p))
	}
	blocks = append(blocks, contextBlock(t.Participants+": "+strings.Join(who, ", ")+" · "+
		t.Dates+": "+s.StartedAt.In(r.loc).Format("2006-01-02")+" – "+s.UpdatedAt.In(r.loc).Format("2006-01-02")))
	return blocks, clip(fmt.Sprintf(t.SummaryF, s.Key)+": "+userText(s.Title), 3000)
}
