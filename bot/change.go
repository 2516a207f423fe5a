package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// changeClick opens the form that changes an answer, for whoever gave it,
// the starter or a team lead, while the case is not closed; anyone else
// is told why not, only for them.
func (b *Bot) changeClick(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	user := cb.User.ID
	target := clickTarget{responseURL: cb.ResponseURL, channel: cb.Channel.ID, user: user}
	id, ok := render.ParseChangeBlockID(act.BlockID)
	if !ok {
		return
	}
	c, err := b.store.Case(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		b.tell(ctx, target, fmt.Sprintf(dialogs.TextsFor(b.dir.LangFor(ctx, user)).UnknownCaseF, record.FormatKey(id)))
		return
	}
	if err != nil {
		b.tell(ctx, target, b.userMessage(err, b.dir.LangFor(ctx, user)))
		return
	}
	target.thread = c.Thread
	if cb.Channel.ID != "" && cb.Channel.ID != c.Channel {
		b.tell(ctx, target, dialogs.TextsFor(b.dir.LangFor(ctx, user)).NotInThisChannel)
		return
	}
	step := act.Value
	p, err := b.engine.CanCorrect(c, step, user, b.dir.Lead(ctx, user))
	if err != nil {
		b.tell(ctx, target, b.userMessage(err, b.dir.LangFor(ctx, user)))
		return
	}
	cur, _ := c.AnswerTo(step)
	m := render.Meta{CaseID: c.ID, Step: step, Channel: c.Channel, ResponseURL: cb.ResponseURL, Lang: string(c.Lang)}
	b.openModal(ctx, target, dialogs.TextsFor(c.Lang).ModalFailed, cb.TriggerID, b.render.ChangeModal(c, p, cur, m))
}

// changeInput is the changed answer of the form submitted in cb. A
// motivering submitted again as the form warned about it (m.Warned,
// m.WarnedKey) goes on despite those warnings.
func (b *Bot) changeInput(ctx context.Context, cb slack.InteractionCallback, m render.Meta) dialogs.Input {
	user := cb.User.ID
	in := dialogs.Input{Step: m.Step, Text: render.ViewValue(cb.View.State, render.BlkText), By: user, Lead: b.dir.Lead(ctx, user),
		NoLeads: !b.dir.HasLeads()}
	if choices := render.ViewValues(cb.View.State, render.BlkChoice); len(choices) > 0 {
		in.Choices = choices
	} else if choice := render.ViewValue(cb.View.State, render.BlkChoice); choice != "" {
		in.Choices = []string{choice}
	}
	if len(m.Warned) > 0 && m.WarnedKey == motiveringKey(in.Text) {
		for _, w := range m.Warned {
			in.Despite = append(in.Despite, record.WarningKind(w))
		}
	}
	return in
}

// changeSubmit records the changed answer in of the form (Engine.Correct)
// and brings the case's messages in line: the answered question shows the
// new answer, and the open question, which may recall it, is drawn again.
// The one who changed it is told which later answers build on it. A
// changed decision with warnings not gone on despite is refused with
// CodeWarning (see warnedChangeForm).
func (b *Bot) changeSubmit(ctx context.Context, m render.Meta, in dialogs.Input) error {
	user := in.By
	var corr dialogs.Correction
	c, err := b.changeCase(ctx, m.CaseID, func(c *record.Case) (delivery.SyncOpts, error) {
		var err error
		if corr, err = b.engine.Correct(c, m.Step, in); err != nil {
			return delivery.SyncOpts{}, err
		}
		return delivery.SyncOpts{Answered: []string{m.Step}, RefreshPrompt: true}, nil
	})
	if err != nil {
		return err
	}
	t := dialogs.TextsFor(b.dir.LangFor(ctx, user))
	text := fmt.Sprintf(t.ChangedF, corr.Step.Number)
	if len(corr.Review) > 0 {
		var names []string
		for _, r := range corr.Review {
			names = append(names, fmt.Sprintf("%d. %s", r.Number, r.Label))
		}
		text += " " + fmt.Sprintf(t.ReviewF, render.UserText(strings.Join(names, "; ")))
	}
	b.tell(ctx, clickTarget{channel: c.Channel, thread: c.Thread, user: user}, text)
	return nil
}

// warnedChangeForm is the answer to the change form of the decision whose
// submission in has warnings: the same form again with the warnings above
// the choice and the motivering as submitted, and in its metadata what was
// warned about, so that submitting the same motivering again records the
// change despite them. A changed motivering is checked again. Nil when the
// case cannot be read or the answer no longer be changed (the caller then
// shows the warnings as a field error).
func (b *Bot) warnedChangeForm(ctx context.Context, m render.Meta, in dialogs.Input, warnings []dialogs.Warning) *slack.ViewSubmissionResponse {
	c, err := b.store.Case(ctx, m.CaseID)
	if err != nil {
		b.log.Error("warned change form: read case", "case", record.FormatKey(m.CaseID), "err", err)
		return nil
	}
	p, err := b.engine.CanCorrect(c, m.Step, in.By, in.Lead)
	if err != nil {
		return nil
	}
	cur, _ := c.AnswerTo(m.Step)
	m.Warned = nil
	for _, w := range warnings {
		m.Warned = append(m.Warned, string(w.Kind))
	}
	m.WarnedKey = motiveringKey(in.Text)
	view := b.render.WarnedChangeModal(c, p, cur, m, warnings, in.Choices, dialogs.CleanText(in.Text))
	return slack.NewUpdateViewSubmissionResponse(&view)
}
