package dialogs

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

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
