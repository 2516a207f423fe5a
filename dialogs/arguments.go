package dialogs

import (
	"slices"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// What people add beside the answers: arguments for and against, and remarks.

// ArgumentInput is a new argument.
type ArgumentInput struct {
	Pro   bool
	Text  string
	Value string
	By    string
	Ref   string
}

// AddArgument records an argument on c. Arguments may be added at any step
// while the case is open, and late, after it closed (the summary then
// changes); not while it is paused. Errors are *Error.
func (e *Engine) AddArgument(c *record.Case, in ArgumentInput) (record.Argument, error) {
	if c.Status == record.StatusPaused {
		return record.Argument{}, e.checkOpen(c)
	}
	text := CleanText(in.Text)
	if err := CheckText("text", text, true); err != nil {
		return record.Argument{}, err
	}
	if in.Value != "" && !slices.ContainsFunc(e.values(), func(o cards.Option) bool { return o.ID == in.Value }) {
		return record.Argument{}, userError(CodeInvalid, "value", func(t *Texts) string { return t.UnknownOption })
	}
	a := record.Argument{
		N: len(c.Arguments) + 1, Pro: in.Pro, Text: text, Value: in.Value,
		By: in.By, Ref: in.Ref, At: e.now(),
	}
	c.Arguments = append(c.Arguments, a)
	c.UpdatedAt = a.At
	return a, nil
}

// values returns the values an argument may touch: the options of the first
// arguments step.
func (e *Engine) values() []cards.Option {
	for _, st := range e.set.Steps() {
		if st.Item.Kind == cards.KindArguments {
			return st.Options
		}
	}
	return nil
}

// ValueText returns the display text of an argument value.
func (e *Engine) ValueText(id string, lang cards.Lang) string {
	for _, o := range e.values() {
		if o.ID == id {
			return o.Text.In(lang)
		}
	}
	return id
}

// AddRemark keeps free discussion on the case. Errors are *Error.
func (e *Engine) AddRemark(c *record.Case, by, text, ref string) error {
	text = CleanText(text)
	if text == "" {
		return nil
	}
	if err := CheckText("text", text, true); err != nil {
		return err
	}
	now := e.now()
	c.Discussion = append(c.Discussion, record.Remark{By: by, Text: text, Ref: ref, At: now})
	c.UpdatedAt = now
	return nil
}
