package dialogs

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// This file holds what the method asks of the conversation beyond asking
// the questions in order: the decision honours the stated mandate, "more
// information needed" pauses the case instead of deciding it, a question
// shows the earlier answers it builds on and the scheme's own ground for
// maatwerk, and a week after the decision the caseworker looks back on the
// conversation with the inwoner.

// LookBackAfter is how long after the decision the bot asks the caseworker
// to look back on the conversation with the inwoner.
const LookBackAfter = 7 * 24 * time.Hour

// Recalled is an earlier answer shown under a question that builds on it.
type Recalled struct {
	Label  string
	Answer string
}

// waitForInfo puts c on hold at the decision step: the facts are gathered
// first (Awb 3:2). The decision step stays open with a new sequence number,
// so that the buttons shown before are recognised as stale; Resume opens it
// again.
func (e *Engine) waitForInfo(c *record.Case, in Input, note string) Outcome {
	now := e.now()
	c.Status = record.StatusPaused
	c.Log = append(c.Log, record.Event{Kind: record.EventWaiting, By: in.By, At: now, Reason: note})
	c.Seq++
	c.UpdatedAt = now
	p := e.promptFor(c, e.cursor(c), c.Seq)
	ev := c.Log[len(c.Log)-1]
	return Outcome{Answered: p, Waiting: &ev}
}

// stepWithRole returns the step whose item has role r.
func (e *Engine) stepWithRole(r cards.Role) (cards.Step, bool) {
	for _, st := range e.set.Steps() {
		if st.Item.Role == r {
			return st, true
		}
	}
	return cards.Step{}, false
}

// mandate returns where the mandate lies by the answer to the mandate
// question, and that answer's text; "" when not answered or unclear.
func (e *Engine) mandate(c *record.Case) (cards.Mandate, string) {
	st, ok := e.stepWithRole(cards.RoleMandate)
	if !ok {
		return "", ""
	}
	a, ok := c.AnswerTo(st.ID)
	if !ok || len(a.Choices) != 1 {
		return "", ""
	}
	for _, o := range st.Options {
		if o.ID == a.Choices[0] {
			return o.Mandate, o.Text.In(c.Lang)
		}
	}
	return "", ""
}

// outsideMandate reports whether choosing ch at the decision would take a
// decision the starter said is someone else's to take.
func (e *Engine) outsideMandate(c *record.Case, in Input, ch Choice) (string, bool) {
	if in.Lead || ch.Escalates || ch.MoreInfo || in.NoLeads {
		return "", false
	}
	m, who := e.mandate(c)
	if m != cards.MandateLead && m != cards.MandateElsewhere {
		return "", false
	}
	return who, true
}

// notice returns what the engine adds under question st of c: at the
// decision, where the mandate lies when it is not the caseworker's own.
// alone is the same where no team lead can receive the decision (the
// console, a workspace without team leads): not "refer it", but "record it
// only with the consent of whoever holds the mandate".
func (e *Engine) notice(c *record.Case, st cards.Step) (notice, alone string) {
	if st.Item.Kind != cards.KindDecision {
		return "", ""
	}
	m, who := e.mandate(c)
	t := TextsFor(c.Lang)
	switch m {
	case cards.MandateLead:
		return fmt.Sprintf(t.MandateLeadF, who), fmt.Sprintf(t.MandateAloneF, who)
	case cards.MandateElsewhere:
		return fmt.Sprintf(t.MandateElsewhereF, who), fmt.Sprintf(t.MandateAloneF, who)
	}
	return "", ""
}

// recall returns the earlier answers question st builds on.
func (e *Engine) recall(c *record.Case, st cards.Step) []Recalled {
	var out []Recalled
	for _, ref := range st.Item.Recall {
		a, ok := c.AnswerTo(ref)
		if !ok {
			continue
		}
		it, _, ok := e.itemOf(ref)
		if !ok {
			continue
		}
		out = append(out, Recalled{Label: itemLabel(it, c.Lang), Answer: e.AnswerText(c, a)})
	}
	return out
}

// scheme returns the entry of st's schemes card that the case's scheme
// names, if any.
func (e *Engine) scheme(c *record.Case, st cards.Step) (title, text string, ok bool) {
	if st.Item.Schemes == "" || strings.TrimSpace(c.Scheme) == "" {
		return "", "", false
	}
	card, found := e.set.Card(st.Item.Schemes)
	if !found {
		return "", "", false
	}
	for _, it := range card.Items {
		if slices.ContainsFunc(it.Matches, func(m string) bool { return containsWord(c.Scheme, m) }) {
			return it.Title.In(c.Lang), it.Text.In(c.Lang), true
		}
	}
	return "", "", false
}

// containsWord reports whether phrase occurs in s as whole words, ignoring
// case: "pw" is found in "PW art. 18" but not in "pwned".
func containsWord(s, phrase string) bool {
	s, phrase = strings.ToLower(s), strings.ToLower(strings.TrimSpace(phrase))
	if phrase == "" {
		return false
	}
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], phrase)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(phrase)
		before, after := rune(' '), rune(' ')
		if start > 0 {
			before = lastRune(s[:start])
		}
		if end < len(s) {
			after = []rune(s[end:])[0]
		}
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		from = start + 1
	}
	return false
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

// LookBackQuestion returns the question asked when the caseworker looks
// back on the conversation, in c's language, and whether the content has
// one.
func (e *Engine) LookBackQuestion(c *record.Case) (text, help string, ok bool) {
	for _, card := range e.set.Cards {
		for _, it := range card.Items {
			if it.Role == cards.RoleLookBack {
				return it.Text.In(c.Lang), it.Help.In(c.Lang), true
			}
		}
	}
	return "", "", false
}

// RecordLookBack records the caseworker's look back on the conversation
// with the inwoner. It may be given once the decision is taken, also after
// the case closed; a later answer replaces an earlier one. Only the
// starter or a team lead may give it. Errors are *Error.
func (e *Engine) RecordLookBack(c *record.Case, by string, lead bool, text string) error {
	if c.LookBack == nil {
		return userError(CodeInvalid, "", func(t *Texts) string { return t.NoLookBack })
	}
	if err := mayManage(c, by, lead); err != nil {
		return err
	}
	text = CleanText(text)
	if err := CheckText("text", text, true); err != nil {
		return err
	}
	now := e.now()
	lb := c.LookBack
	if lb.Asked.IsZero() {
		lb.Asked = now
	}
	lb.Text, lb.By, lb.At = text, by, now
	c.UpdatedAt = now
	return nil
}

// scheduleLookBack plans the look back after a decision that is to be told
// to the inwoner: one that applies maatwerk or the rule.
func (e *Engine) scheduleLookBack(c *record.Case, at time.Time) {
	if _, _, ok := e.LookBackQuestion(c); !ok || c.LookBack != nil {
		return
	}
	c.LookBack = &record.LookBack{Due: at.Add(LookBackAfter)}
}

// cursor is the index of c's open step. A case asked under the current
// content keeps its own position; a case started under other content is
// placed at the first step of the current flow it has not answered, so a
// question added since is asked and none is asked twice.
func (e *Engine) cursor(c *record.Case) int {
	if c.CardsVersion == e.set.Version || c.Status == record.StatusClosed {
		return c.Step
	}
	return e.firstUnanswered(c)
}

func (e *Engine) firstUnanswered(c *record.Case) int {
	for i, st := range e.set.Steps() {
		if _, ok := c.AnswerTo(st.ID); !ok {
			return i
		}
	}
	return e.Total()
}
