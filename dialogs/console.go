package dialogs

import (
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
	// Report writes the case's document for the dossier (a PDF) and says
	// where: the console's 'verslag'. Nil offers no document.
	Report func(ctx context.Context, c *record.Case) (file string, err error)

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
			case "verslag", "report":
				if current != nil && con.Report != nil {
					con.writeReport(ctx, current)
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

// writeReport writes c's document and says where, or why not.
func (con *Console) writeReport(ctx context.Context, c *record.Case) {
	file, err := con.Report(ctx, c)
	if err != nil {
		fmt.Fprintf(con.Out, "! "+con.say().ReportFailedF+"\n", err)
		return
	}
	fmt.Fprintf(con.Out, con.say().ReportDoneF+"\n", c.Key(), file)
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
	// Each field is checked as it is typed: a refused one is asked again
	// on its own, and nothing typed before it is lost.
	ask := func(prompt string, check func(string) error) (string, error) {
		for {
			s, err := read(prompt)
			if err != nil {
				return "", err
			}
			ue, ok := AsError(check(s))
			if !ok {
				return s, nil
			}
			fmt.Fprintln(con.Out, ue.In(con.Lang))
		}
	}
	for {
		title, err := ask(t.TitleLabel+" ("+t.TitleHint+")\n> ", CheckTitle)
		if err != nil {
			return nil, err
		}
		scheme, err := ask(t.SchemeLabel+" ("+t.SchemeHint+")\n> ", CheckScheme)
		if err != nil {
			return nil, err
		}
		zaak, err := ask(t.ZaaknummerLabel+" ("+t.ZaaknummerHint+" "+t.Optional+")\n> ", CheckZaaknummer)
		if err != nil {
			return nil, err
		}
		c, err := con.Engine.NewCase(Start{Channel: ConsoleChannel, Title: title, Scheme: scheme, Zaaknummer: zaak, By: con.User, Lang: con.Lang})
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
			if con.Report == nil {
				return nil
			}
			// The case is done: offer its document for the dossier once
			// ('verslag' is answered in read), then leave.
			if _, err := read("\n" + con.say().ReportAsk); err != nil && !errors.Is(err, errQuit) {
				return err
			}
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
		answer := func(cc *record.Case, in Input) error {
			_, err := con.Engine.Answer(cc, in)
			return err
		}
		c, err = con.update(ctx, c, func(cc *record.Case) error { return answer(cc, in) })
		c, in, err = con.despite(ctx, c, in, err, read, answer)
		if errors.As(err, &req) {
			if c, err = con.correct(ctx, c, req, t, read); err != nil {
				return err
			}
			continue
		}
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

// despite handles a decision refused for warnings (err with CodeWarning),
// whether answered or corrected: it shows them and asks whether to record
// the decision anyway ("ja") or with a new motivering, and tries again with
// apply (Engine.Answer or Engine.Correct), which checks it again. It
// returns the case, the answer and the error of the last try, or the error
// of reading (Ctrl-C, Ctrl-D, stop, a correction asked for).
func (con *Console) despite(ctx context.Context, c *record.Case, in Input, err error, read func(string) (string, error), apply func(*record.Case, Input) error) (*record.Case, Input, error) {
	for {
		ue, ok := AsError(err)
		if !ok || ue.Code != CodeWarning {
			return c, in, err
		}
		fmt.Fprintln(con.Out)
		for _, w := range ue.Warnings {
			fmt.Fprintln(con.Out, "! "+w.Text)
		}
		line, rerr := read(con.say().WarnGoOn)
		if rerr != nil {
			return c, in, rerr
		}
		switch {
		case isYes(line):
			in.Despite = nil
			for _, w := range ue.Warnings {
				in.Despite = append(in.Despite, w.Kind)
			}
		case line == "":
			continue // asked again
		default:
			in.Text, in.Despite = line, nil
		}
		c, err = con.update(ctx, c, func(cc *record.Case) error { return apply(cc, in) })
	}
}

// isYes reports whether a typed line says yes, in either language.
func isYes(line string) bool {
	switch strings.ToLower(strings.TrimRight(strings.TrimSpace(line), ".!")) {
	case "ja", "j", "yes", "y":
		return true
	}
	return false
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
