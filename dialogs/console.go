package dialogs

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

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
	// User is the name recorded as author of the answers.
	User string
	Lang cards.Lang
}

// errQuit ends the console on the user's request or at end of input.
var errQuit = errors.New("quit")

// Run asks which case to work on (or starts one) and holds the conversation
// until the case is finished, the user types "stop", or input ends.
func (con *Console) Run(ctx context.Context) error {
	t := TextsFor(con.Lang)
	in := bufio.NewScanner(con.In)
	in.Buffer(make([]byte, 64*1024), 1024*1024)
	read := func(prompt string) (string, error) {
		for {
			fmt.Fprint(con.Out, prompt)
			if !in.Scan() {
				if err := in.Err(); err != nil {
					return "", fmt.Errorf("console: read: %w", err)
				}
				return "", errQuit
			}
			line := strings.TrimSpace(in.Text())
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			// A card asked for is shown, and the same question asked again.
			if text, ok := con.cardCommand(line); ok {
				fmt.Fprintln(con.Out, "\n"+text)
				continue
			}
			return line, nil
		}
	}
	c, err := con.pick(ctx, t, read)
	if err != nil {
		if errors.Is(err, errQuit) {
			return nil
		}
		return err
	}
	err = con.converse(ctx, c, t, read)
	if errors.Is(err, errQuit) {
		fmt.Fprintln(con.Out, con.say().Saved)
		return nil
	}
	return err
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

func (con *Console) converse(ctx context.Context, c *record.Case, t *Texts, read func(string) (string, error)) error {
	for {
		p, ok := con.Engine.Prompt(c)
		if !ok {
			fmt.Fprintln(con.Out, "\n"+PlainSummary(con.Engine.Summarize(c), func(s string) string { return s }))
			return nil
		}
		if c.Status == record.StatusPaused {
			var err error
			if c, err = con.onHold(ctx, c, t, read); err != nil {
				return err
			}
			continue
		}
		line, err := read("\n" + PlainPrompt(p, t) + "\n> ")
		if err != nil {
			return err
		}
		switch strings.ToLower(line) {
		case "stop", "quit", "exit":
			return errQuit
		case "samenvatting", "summary":
			fmt.Fprintln(con.Out, "\n"+PlainSummary(con.Engine.Summarize(c), func(s string) string { return s }))
			continue
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
		if err := con.report(err); err != nil {
			return err
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
	case "stop", "quit", "exit":
		return c, errQuit
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
				return in, err
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
			text, err := read(p.TextLabel(ch.ID, t) + "\n> ")
			if err != nil {
				return in, err
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
