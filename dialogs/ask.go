package dialogs

import (
	"slices"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// The open question of a case: its prompt, as asked or asked before, and the reading of the signals ticked.

// Prompt returns the open question of c, or false when there is none (the
// conversation is complete or the case is closed).
func (e *Engine) Prompt(c *record.Case) (Prompt, bool) {
	if c.Status == record.StatusClosed || e.Done(c) {
		return Prompt{}, false
	}
	return e.promptFor(c, e.cursor(c), c.Seq), true
}

// PromptAt returns the prompt of step index i as it was (or is) asked, for
// showing an answered question again.
func (e *Engine) PromptAt(c *record.Case, i int) (Prompt, bool) {
	if i < 0 || i >= e.Total() {
		return Prompt{}, false
	}
	seq := c.Seq
	if a, ok := c.AnswerTo(e.set.Steps()[i].ID); ok {
		seq = a.Seq
	}
	return e.promptFor(c, i, seq), true
}

func (e *Engine) promptFor(c *record.Case, i, seq int) Prompt {
	st := e.set.Steps()[i]
	lang := c.Lang
	t := TextsFor(lang)
	p := Prompt{
		CaseID:      c.ID,
		CaseKey:     c.Key(),
		Seq:         seq,
		StepID:      st.ID,
		Number:      i + 1,
		Total:       e.Total(),
		Phase:       st.Phase.Title.In(lang),
		Kind:        st.Item.Kind,
		Text:        st.Item.Text.In(lang),
		Label:       itemLabel(st.Item, lang),
		Help:        st.Item.Help.In(lang),
		Placeholder: st.Item.Placeholder.In(lang),
		Reason:      st.Item.Reason.In(lang),
	}
	switch st.Item.Kind {
	case cards.KindYesNo:
		p.Options = yesNoChoices(t)
	case cards.KindArguments:
		p.Values = choices(st.Options, lang)
		p.Pro, p.Contra = c.ActiveArguments()
	default:
		p.Options = choices(st.Options, lang)
	}
	p.Recall = e.recall(c, st)
	p.SchemeTitle, p.SchemeText, _ = e.scheme(c, st)
	p.Notice, p.noticeAlone = e.notice(c, st)
	if len(st.Card.Readings) > 0 && st.Item.Kind != cards.KindMulti {
		p.Signals, p.Reading = e.reading(c, st.Card, lang)
	}
	for _, ref := range st.Item.See {
		if sc, it, err := e.set.Lookup(ref); err == nil {
			label := it.Title.In(lang)
			if label == "" {
				label = clipText(it.Text.In(lang), 80)
			}
			p.See = append(p.See, sc.Title.In(lang)+": "+label)
		}
	}
	return p
}

// reading returns the signals ticked on card's multi steps and the card's
// reading of them.
func (e *Engine) reading(c *record.Case, card *cards.Card, lang cards.Lang) ([]string, string) {
	var signals []string
	strong := false
	for _, st := range e.set.Steps() {
		if st.Card != card || st.Item.Kind != cards.KindMulti {
			continue
		}
		a, ok := c.AnswerTo(st.ID)
		if !ok {
			continue
		}
		for _, o := range st.Options {
			if slices.Contains(a.Choices, o.ID) {
				signals = append(signals, o.Text.In(lang))
				strong = strong || o.Strong
			}
		}
	}
	best := -1
	text := ""
	for _, r := range card.Readings {
		if r.Strong {
			continue
		}
		if r.Min <= len(signals) && r.Min > best {
			best, text = r.Min, r.Text.In(lang)
		}
	}
	if strong {
		for _, r := range card.Readings {
			if r.Strong && r.Min <= len(signals) {
				text = r.Text.In(lang)
			}
		}
	}
	return signals, text
}

// MaxLabel is the most characters of a question's short name (Prompt.Label):
// a label in a record, not the whole question.
const MaxLabel = 60

// itemLabel is an item's short name: its title, or else the first sentence
// of its question ("*Weging.* Je hebt …" is "Weging"), at most MaxLabel
// characters, cut at a word.
func itemLabel(it *cards.Item, lang cards.Lang) string {
	if label := it.Title.In(lang); label != "" {
		return clipWords(label, MaxLabel)
	}
	return shortLabel(it.Text.In(lang))
}

// shortLabel is the first sentence of a question, without a closing full
// stop (a question mark stays), at most MaxLabel characters.
func shortLabel(text string) string {
	s := strings.Join(strings.Fields(unbold(text)), " ")
	if i := strings.IndexAny(s, ".?!"); i >= 0 {
		end := i
		if s[i] == '?' || s[i] == '!' {
			end = i + 1
		}
		s = s[:end]
	}
	return clipWords(s, MaxLabel)
}

// clipWords shortens s to at most n characters, cutting after a whole word
// where there is one, and marks the cut with "…".
func clipWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;") + "…"
}
