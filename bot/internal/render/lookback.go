package render

import (
	"fmt"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// Ids of the look-back button and form.
const (
	ActLookBack = "mw.lookback"
	CbLookBack  = "mw.lookback.form"
	// LookBackBlockPrefix starts the block id of the button: "lb.<case id>".
	LookBackBlockPrefix = "lb."
)

// LookBack renders the look-back message: the question for the starter,
// with a button, or, once given, the answer and who gave it.
func (r Renderer) LookBack(c *record.Case) ([]slack.Block, string, bool) {
	q, help, ok := r.Engine.LookBackQuestion(c)
	if !ok || c.LookBack == nil {
		return nil, "", false
	}
	t := dialogs.TextsFor(c.Lang)
	var decided time.Time
	if c.Decision != nil {
		decided = c.Decision.At
	}
	ask := fmt.Sprintf(t.LookBackAskF, Mention(c.StartedBy), c.Key(), r.Day(decided, c.Lang))
	blocks := []slack.Block{Section(ask), Section(q)}
	if help != "" {
		blocks = append(blocks, ContextBlock(":information_source: "+help))
	}
	if lb := c.LookBack; lb.Text != "" {
		blocks = append(blocks, Section(":white_check_mark: *"+t.LookBackLabel+"*\n"+UserText(lb.Text)+"\n_"+
			fmt.Sprintf(t.LookBackByF, Mention(lb.By), r.Date(lb.At, c.Lang))+"_"))
	} else {
		btn := slack.NewButtonBlockElement(ActLookBack, strconv.FormatInt(c.ID, 10), Plain(t.LookBackBtn)).WithStyle(slack.StylePrimary)
		blocks = append(blocks, slack.NewActionBlock(LookBackBlockPrefix+strconv.FormatInt(c.ID, 10), btn))
	}
	return blocks, Clip(c.Key()+" · "+t.LookBackLabel, 3000), true
}

// LookBackModal is the form behind the look-back button.
func (r Renderer) LookBackModal(c *record.Case, m Meta) slack.ModalViewRequest {
	t := dialogs.TextsFor(c.Lang)
	q, help, _ := r.Engine.LookBackQuestion(c)
	initial := ""
	if c.LookBack != nil {
		initial = c.LookBack.Text
	}
	return Modal(CbLookBack, t.LookBackTitle, t, m,
		Section(q),
		textInput(BlkText, t.LookBackLabel, help, "", initial, true, dialogs.MaxText, false))
}
