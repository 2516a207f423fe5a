package dialogs

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// ConsoleChannel is the channel console cases live in.
const ConsoleChannel = "console"

// ConsoleStore is what the console needs from the database.
type ConsoleStore interface {
	CreateCase(ctx context.Context, c *record.Case) error
	UpdateCase(ctx context.Context, id int64, fn func(*record.Case) error) (*record.Case, error)
	OpenCases(ctx context.Context, channel string) ([]*record.Case, error)
}

// Console runs the case conversation in a terminal: numbered choices and
// free text, against the same database as the bot.
type Console struct {
	Engine *Engine
	Store  ConsoleStore
	In     io.Reader
	Out    io.Writer
	// User is the name recorded as author of the answers; when empty, Run
	// asks for it first.
	User string
	Lang cards.Lang
	// Loc is the time zone of the times shown (MAATWERK_TIMEZONE); nil
	// shows UTC.
	Loc *time.Location

	// kept is a reason or rationale typed with an answer that was refused,
	// offered again at the next question for one.
	kept string
}

// errQuit ends the console on the user's request or at end of input.
var errQuit = errors.New("quit")

// Run asks which case to work on (or starts one) and holds the conversation
// until the case is finished, the user types "stop", or input ends. Ctrl-C
// (ctx ending) and Ctrl-D (end of input) leave at once, at every prompt,
// with the case as it was saved: a line typed but not ended with Enter is
// not taken.
func (con *Console) Run(ctx context.Context) error {
	t := TextsFor(con.Lang)
	done := make(chan struct{})
	defer close(done)
	lines := readLines(con.In, done)
	var current *record.Case // for "samenvatting" at any prompt
	read := func(prompt string) (string, error) {
		for {
			fmt.Fprint(con.Out, prompt)
			var r lineRead
			select {
			case <-ctx.Done():
				fmt.Fprintln(con.Out)
				return "", errQuit
			case r = <-lines:
			}
			if r.err != nil {
				if r.partial != "" {
					fmt.Fprint(con.Out, con.say().Unfinished)
				}
				if errors.Is(r.err, io.EOF) {
					return "", errQuit
				}
				return "", fmt.Errorf("console: read: %w", r.err)
			}
			line := strings.TrimSpace(r.line)
			// Reserved words are never an answer: they work at every prompt.
			switch strings.ToLower(line) {
			case "help", "?", "hulp":
				fmt.Fprintln(con.Out, "\n"+con.say().Help)
				continue
			case "stop", "quit", "exit":
				return "", errQuit
			case "samenvatting", "summary":
				if current != nil {
					fmt.Fprintln(con.Out, "\n"+PlainSummary(con.Engine.Summarize(current), func(s string) string { return s }, con.Loc))
					continue
				}
			}
			// terug and wijzig change an earlier answer, then the open
			// question is asked again.
			if word, arg, _ := strings.Cut(line, " "); IsReserved(line) && (isCorrect(word) || strings.EqualFold(line, "terug") || strings.EqualFold(line, "back")) {
				if current == nil || len(current.Answers) == 0 {
					fmt.Fprintln(con.Out, "! "+con.say().NothingYet)
					continue
				}
				if !isCorrect(word) {
					arg = "" // terug: the previous answer
				}
				return "", &correctRequest{back: !isCorrect(word), step: strings.TrimSpace(arg)}
			}
			// A card asked for is shown, and the same question asked again.
			if text, ok := con.cardCommand(line); ok {
				fmt.Fprintln(con.Out, "\n"+text)
				continue
			}
			return line, nil
		}
	}
	if err := con.askName(read); err != nil {
		if errors.Is(err, errQuit) {
			return nil
		}
		return err
	}
	c, err := con.pick(ctx, t, read)
	if err != nil {
		if errors.Is(err, errQuit) {
			return nil
		}
		return err
	}
	current = c
	err = con.converse(ctx, c, t, read, func(nc *record.Case) { current = nc })
	if errors.Is(err, errQuit) || (err != nil && ctx.Err() != nil) {
		fmt.Fprintln(con.Out, con.say().Saved)
		return nil
	}
	return err
}

// correctRequest is "terug" (back) or "wijzig [stap]" typed at a prompt.
type correctRequest struct {
	back bool
	step string
}

func (*correctRequest) Error() string { return "console: correct an answer" }

// isCorrect reports whether word asks to change an answer.
func isCorrect(word string) bool {
	return strings.EqualFold(word, "wijzig") || strings.EqualFold(word, "change")
}

// correct changes an earlier answer of c: the previous one (terug) or that
// of the step typed or chosen (wijzig). It shows the question with its
// current answer, takes the new answer as an answer is taken, and says
// which later answers build on it.
func (con *Console) correct(ctx context.Context, c *record.Case, req *correctRequest, t *Texts, read func(string) (string, error)) (*record.Case, error) {
	idx, ok := con.stepToCorrect(c, req, read)
	if !ok {
		return c, nil
	}
	p, _ := con.Engine.PromptAt(c, idx)
	if cur, ok := c.AnswerTo(p.StepID); ok {
		fmt.Fprintln(con.Out, "\n"+PlainPrompt(p, t))
		fmt.Fprintf(con.Out, "  "+con.say().NowF+"\n", con.Engine.AnswerText(c, cur))
	}
	line, err := read("> ")
	var other *correctRequest
	if errors.As(err, &other) {
		return con.correct(ctx, c, other, t, read) // another answer to change instead
	}
	if err != nil {
		return c, err
	}
	in, err := con.input(p, t, line, read)
	if err != nil {
		var ce consoleError
		if errors.As(err, &ce) {
			fmt.Fprintln(con.Out, "! "+ce.Error())
			return c, nil
		}
		return c, err
	}
	var corr Correction
	c, err = con.update(ctx, c, func(cc *record.Case) error {
		var err error
		corr, err = con.Engine.Correct(cc, p.StepID, in)
		return err
	})
	if err != nil {
		return c, con.report(err)
	}
	fmt.Fprintf(con.Out, con.say().ChangedF+"\n", corr.Step.Number)
	if len(corr.Review) > 0 {
		var names []string
		for _, r := range corr.Review {
			names = append(names, fmt.Sprintf("%d. %s", r.Number, r.Label))
		}
		fmt.Fprintf(con.Out, con.say().ReviewF+"\n", strings.Join(names, "; "))
	}
	return c, nil
}

// stepToCorrect is the index of the step to change: for terug the
// answered question just before the open one, for wijzig the number typed
// or asked.
func (con *Console) stepToCorrect(c *record.Case, req *correctRequest, read func(string) (string, error)) (int, bool) {
	answered := map[int]bool{}
	last := -1 // the answered question just before the open one
	for _, a := range c.Answers {
		if st, ok := con.Engine.Cards().Step(a.Step); ok {
			answered[st.Index] = true
			if st.Index < c.Step && st.Index > last {
				last = st.Index
			}
		}
	}
	if req.back {
		return last, last >= 0
	}
	number := req.step
	if number == "" {
		fmt.Fprintln(con.Out, "\n"+con.say().AnsweredSteps)
		for i := range con.Engine.Total() {
			if answered[i] {
				p, _ := con.Engine.PromptAt(c, i)
				a, _ := c.AnswerTo(p.StepID)
				fmt.Fprintf(con.Out, "  %d. %s: %s\n", p.Number, p.Label, con.Engine.AnswerText(c, a))
			}
		}
		line, err := read(con.say().WhichStep)
		if err != nil {
			return 0, false
		}
		number = line
	}
	n, err := strconv.Atoi(strings.TrimSpace(number))
	if err != nil || n < 1 || n > con.Engine.Total() || !answered[n-1] {
		fmt.Fprintln(con.Out, "! "+TextsFor(con.Lang).NotAnswered)
		return 0, false
	}
	return n - 1, true
}

// askName asks for the caseworker's name when it is not known, once: it
// signs every answer, as a Slack user id does in Slack. A name that holds
// personal data beyond a name (a BSN, an e-mail address) is refused.
func (con *Console) askName(read func(string) (string, error)) error {
	for strings.TrimSpace(con.User) == "" {
		name, err := read(con.say().NamePrompt)
		if err != nil {
			return err
		}
		name = CleanText(name)
		switch {
		case name == "" || len([]rune(name)) > 80:
			fmt.Fprintln(con.Out, "! "+con.say().NameRule)
		case len(FindPersonalData(name)) > 0:
			fmt.Fprintln(con.Out, "! "+con.say().NameRule)
		default:
			con.User = name
		}
	}
	return nil
}

// lineRead is one line of the console's input, or how the input ended:
// partial is what was typed after the last Enter.
type lineRead struct {
	line, partial string
	err           error
}

// readLines reads r a line at a time in the background, so that a prompt
// can end at once when the context does (Ctrl-C) while a read waits. It
// stops when done is closed (or, if it waits in a read, when that read
// returns).
func readLines(r io.Reader, done <-chan struct{}) <-chan lineRead {
	ch := make(chan lineRead)
	go func() {
		defer close(ch)
		br := bufio.NewReaderSize(r, 64*1024)
		for {
			s, err := br.ReadString('\n')
			next := lineRead{line: s}
			if err != nil {
				next = lineRead{partial: strings.TrimSpace(s), err: err}
			}
			select {
			case ch <- next:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

// say returns the console's own texts in its language.
func (con *Console) say() *consoleTexts { return consoleTextsFor(con.Lang) }

func (con *Console) pick(ctx context.Context, t *Texts, read func(string) (string, error)) (*record.Case, error) {
	open, err := con.Store.OpenCases(ctx, ConsoleChannel)
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(con.Out, con.say().Banner)
	fmt.Fprintln(con.Out, CardTextsFor(con.Lang).ConsoleHint)
	if len(open) > 0 {
		fmt.Fprintln(con.Out, con.say().OpenCases)
		for i, c := range open {
			fmt.Fprintf(con.Out, "  %d. %s %s (%s)\n", i+1, c.Key(), c.Title, con.Engine.ProgressText(c))
		}
		fmt.Fprintf(con.Out, "  %d. %s\n", len(open)+1, t.NewCaseTitle)
		for {
			line, err := read(con.say().Choice)
			if err != nil {
				return nil, err
			}
			n, err := strconv.Atoi(line)
			if err == nil && n >= 1 && n <= len(open) {
				return open[n-1], nil
			}
			if err == nil && n == len(open)+1 {
				break
			}
			fmt.Fprintln(con.Out, t.ChooseOne)
		}
	}
	fmt.Fprintf(con.Out, "\n%s\n", t.NewCaseTitle)
	for {
		title, err := read(t.TitleLabel + " (" + t.TitleHint + ")\n> ")
		if err != nil {
			return nil, err
		}
		scheme, err := read(t.SchemeLabel + " (" + t.SchemeHint + ")\n> ")
		if err != nil {
			return nil, err
		}
		c, err := con.Engine.NewCase(Start{Channel: ConsoleChannel, Title: title, Scheme: scheme, By: con.User, Lang: con.Lang})
		if ue, ok := AsError(err); ok {
			fmt.Fprintln(con.Out, ue.In(con.Lang))
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := con.Store.CreateCase(ctx, c); err != nil {
			return nil, err
		}
		if c, err = con.Store.UpdateCase(ctx, c.ID, func(s *record.Case) error { s.Thread = s.Key(); return nil }); err != nil {
			return nil, err
		}
		fmt.Fprintf(con.Out, "\n"+t.StartedF+"\n", c.Key())
		return c, nil
	}
}

func (con *Console) converse(ctx context.Context, c *record.Case, t *Texts, read func(string) (string, error), onCase func(*record.Case)) error {
	for {
		onCase(c)
		p, ok := con.Engine.Prompt(c)
		if !ok {
			fmt.Fprintln(con.Out, "\n"+PlainSummary(con.Engine.Summarize(c), func(s string) string { return s }, con.Loc))
			return nil
		}
		if c.Status == record.StatusPaused {
			var err error
			if c, err = con.onHold(ctx, c, t, read); err != nil {
				return err
			}
			continue
		}
		p = p.WithoutEscalation() // no team lead receives it here
		line, err := read("\n" + PlainPrompt(p, t) + "\n> ")
		var req *correctRequest
		if errors.As(err, &req) {
			if c, err = con.correct(ctx, c, req, t, read); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if pro, text, ok := ParseArgument(line); ok {
			var arg record.Argument
			c, err = con.update(ctx, c, func(cc *record.Case) error {
				var err error
				arg, err = con.Engine.AddArgument(cc, ArgumentInput{Pro: pro, Text: text, Value: con.askValue(p), By: con.User})
				return err
			})
			if err == nil {
				fmt.Fprintf(con.Out, t.ArgumentAddedF+"\n", "#"+strconv.Itoa(arg.N), arg.Text)
			}
			if err := con.report(err); err != nil {
				return err
			}
			continue
		}
		in, err := con.input(p, t, line, read)
		if errors.As(err, &req) {
			if c, err = con.correct(ctx, c, req, t, read); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			if errors.Is(err, errQuit) || ctx.Err() != nil {
				return err
			}
			fmt.Fprintln(con.Out, err.Error())
			continue
		}
		c, err = con.update(ctx, c, func(cc *record.Case) error {
			_, err := con.Engine.Answer(cc, in)
			return err
		})
		if _, refused := AsError(err); refused && strings.TrimSpace(in.Text) != "" {
			// What was typed is shown back, to edit rather than retype,
			// and a reason or rationale is kept for the next try.
			con.report(err)
			fmt.Fprintf(con.Out, con.say().YourTextF+"\n", CleanText(in.Text))
			con.kept = in.Text
			continue
		}
		if err := con.report(err); err != nil {
			return err
		}
		if err == nil {
			con.kept = ""
		}
	}
}

// onHold shows why a paused case waits and resumes it when the user types
// "verder" (or "hervat"); "stop" leaves it on hold.
func (con *Console) onHold(ctx context.Context, c *record.Case, t *Texts, read func(string) (string, error)) (*record.Case, error) {
	why := t.Status[record.StatusPaused]
	if ev, ok := c.Waiting(); ok {
		why = t.WaitingLabel + ": " + ev.Reason
	}
	fmt.Fprintf(con.Out, "\n[%s] %s\n", c.Key(), why)
	line, err := read(con.say().ResumeOrStop)
	if err != nil {
		return c, err
	}
	switch strings.ToLower(line) {
	case "verder", "hervat", "resume", "continue":
		c, err = con.update(ctx, c, func(cc *record.Case) error { return con.Engine.Resume(cc, con.User, true) })
		return c, con.report(err)
	}
	return c, nil
}

// askValue is empty: the console keeps argument entry to one line.
func (con *Console) askValue(Prompt) string { return "" }

func (con *Console) update(ctx context.Context, c *record.Case, fn func(*record.Case) error) (*record.Case, error) {
	nc, err := con.Store.UpdateCase(ctx, c.ID, fn)
	if err != nil {
		return c, err
	}
	return nc, nil
}

// report prints a user error and swallows it; other errors are returned.
func (con *Console) report(err error) error {
	if err == nil {
		return nil
	}
	if ue, ok := AsError(err); ok {
		fmt.Fprintln(con.Out, "! "+ue.In(con.Lang))
		return nil
	}
	return err
}

// consoleError is a typing mistake at the console; its text is shown.
type consoleError string

func (e consoleError) Error() string { return string(e) }

// input turns a typed line into an answer for p, asking for a reason or
// rationale where the choice needs one.
func (con *Console) input(p Prompt, t *Texts, line string, read func(string) (string, error)) (Input, error) {
	in := Input{Seq: p.Seq, Step: p.StepID, By: con.User, Lead: true, NoLeads: true}
	pickOne := func(s string) (Choice, error) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > len(p.Options) {
			return Choice{}, consoleError(fmt.Sprintf(con.say().NumberF, len(p.Options)))
		}
		return p.Options[n-1], nil
	}
	switch p.Kind {
	case cards.KindText:
		in.Text = line
	case cards.KindArguments:
		if !strings.EqualFold(line, "klaar") && !strings.EqualFold(line, "done") {
			return in, consoleError(con.say().ArgumentOrDone)
		}
	case cards.KindMulti:
		if line == "0" || line == "" || strings.EqualFold(line, "geen") || strings.EqualFold(line, "none") {
			return in, nil
		}
		for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' }) {
			ch, err := pickOne(part)
			if err != nil {
				return in, consoleError(fmt.Sprintf(con.say().NumbersF, len(p.Options)))
			}
			in.Choices = append(in.Choices, ch.ID)
		}
	default:
		ch, err := pickOne(line)
		if err != nil {
			return in, err
		}
		in.Choices = []string{ch.ID}
		if p.NeedsText(ch.ID) {
			label := p.TextLabel(ch.ID, t)
			if con.kept != "" {
				label += " " + con.say().KeptHint
			}
			text, err := read(label + "\n> ")
			if err != nil {
				return in, err
			}
			if text == "" {
				text = con.kept
			}
			in.Text = text
		}
	}
	return in, nil
}

// PlainPrompt renders a prompt as plain text with numbered options.
func PlainPrompt(p Prompt, t *Texts) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s\n", p.CaseKey, fmt.Sprintf(t.PhaseStepF, p.Phase, p.Number, p.Total))
	if p.Reading != "" {
		fmt.Fprintf(&b, "%s: ", t.SignalsFound)
		if len(p.Signals) == 0 {
			fmt.Fprintln(&b, t.NoSignals)
		} else {
			fmt.Fprintln(&b, strings.Join(p.Signals, "; "))
		}
		fmt.Fprintf(&b, "%s: %s\n\n", t.ReadingLabel, p.Reading)
	}
	if len(p.Recall) > 0 {
		fmt.Fprintf(&b, "%s:\n", t.Recalled)
		for _, r := range p.Recall {
			fmt.Fprintf(&b, "  • %s: %s\n", r.Label, r.Answer)
		}
		fmt.Fprintln(&b)
	}
	fmt.Fprintln(&b, unbold(p.Text))
	if p.Help != "" {
		fmt.Fprintf(&b, "  (%s)\n", p.Help)
	}
	if p.SchemeTitle != "" {
		fmt.Fprintf(&b, "  %s:\n", p.SchemeTitle)
		for _, l := range strings.Split(unbold(p.SchemeText), "\n") {
			fmt.Fprintf(&b, "    %s\n", l)
		}
	}
	if p.Notice != "" {
		fmt.Fprintf(&b, "  ! %s\n", unbold(p.Notice))
	}
	for i, o := range p.Options {
		if o.Help != "" {
			fmt.Fprintf(&b, "  %d. %s — %s\n", i+1, o.Text, o.Help)
			continue
		}
		fmt.Fprintf(&b, "  %d. %s\n", i+1, o.Text)
	}
	switch p.Kind {
	case cards.KindMulti:
		fmt.Fprintf(&b, "  %s\n", t.MultiHint)
	case cards.KindArguments:
		fmt.Fprintf(&b, "  %s\n", fmt.Sprintf(t.TallyF, len(p.Pro), len(p.Contra)))
		for _, a := range p.Pro {
			fmt.Fprintf(&b, "   + %s\n", a.Text)
		}
		for _, a := range p.Contra {
			fmt.Fprintf(&b, "   − %s\n", a.Text)
		}
		fmt.Fprintf(&b, "  %s\n", t.ArgsReplyHint)
	}
	for _, s := range p.See {
		fmt.Fprintf(&b, "  %s: %s\n", t.SeeAlso, s)
	}
	return strings.TrimRight(b.String(), "\n")
}

// unbold drops Slack's *bold* marks from a text for the terminal.
func unbold(s string) string { return strings.ReplaceAll(s, "*", "") }
