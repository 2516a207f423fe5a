package dialogs

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

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
// current answer, takes the new answer as an answer is taken (a changed
// decision with its warnings, as at the decision), and says which later
// answers build on it.
func (con *Console) correct(ctx context.Context, c *record.Case, req *correctRequest, t *Texts, read func(string) (string, error)) (*record.Case, error) {
	idx, ok := con.stepToCorrect(c, req, read)
	if !ok {
		return c, nil
	}
	p, _ := con.Engine.PromptAt(c, idx)
	p = p.WithoutEscalation() // as at the question: no team lead receives it here
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
	change := func(cc *record.Case, in Input) error {
		var err error
		corr, err = con.Engine.Correct(cc, p.StepID, in)
		return err
	}
	c, err = con.update(ctx, c, func(cc *record.Case) error { return change(cc, in) })
	// A changed decision is warned about as the decision is.
	c, _, err = con.despite(ctx, c, in, err, read, change)
	if errors.As(err, &other) {
		return con.correct(ctx, c, other, t, read)
	}
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
