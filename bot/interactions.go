package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// interaction handles a block action or a view submission. The returned
// value, if not nil, is the acknowledgement's body (field errors of a modal).
// Answers are stored before it returns; Slack calls run in the background.
func (b *Bot) interaction(ctx context.Context, cb slack.InteractionCallback) any {
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		for _, act := range cb.ActionCallback.BlockActions {
			b.blockAction(ctx, cb, act)
		}
	case slack.InteractionTypeViewSubmission:
		return b.viewSubmission(ctx, cb)
	}
	return nil
}

// clickTarget is where to tell the clicking user about a problem.
type clickTarget struct {
	responseURL, channel, thread, user string
}

func (b *Bot) tell(target clickTarget, text string) {
	b.spawn("ephemeral", func(ctx context.Context) error {
		b.ephemeralIn(ctx, target.responseURL, target.channel, target.thread, target.user, text)
		return nil
	})
}

func (b *Bot) blockAction(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	if act.ActionID == actChecks {
		return // ticking a box changes nothing until Bevestigen
	}
	caseID, seq, ok := parsePromptBlockID(act.BlockID)
	if !ok {
		b.log.Info("ignored an unknown action", "action_id", clip(act.ActionID, 60))
		return
	}
	user := cb.User.ID
	target := clickTarget{responseURL: cb.ResponseURL, channel: cb.Channel.ID, user: user}
	c, err := b.store.Case(ctx, caseID)
	if errors.Is(err, store.ErrNotFound) {
		t := dialogs.TextsFor(b.cfg.Lang)
		b.tell(target, fmt.Sprintf(t.UnknownCaseF, dialogs.FormatKey(caseID)))
		return
	}
	if err != nil {
		b.tell(target, b.userMessage(err, b.cfg.Lang))
		return
	}
	target.thread = c.Thread
	if err := b.engine.Check(c, seq, ""); err != nil {
		b.tell(target, b.userMessage(err, c.Lang))
		return
	}
	p, _ := b.engine.Prompt(c)
	in := dialogs.Input{Seq: seq, Step: p.StepID, By: user, Lead: b.leadFor(ctx, p.StepID, user)}
	m := meta{CaseID: c.ID, Seq: seq, Step: p.StepID, ResponseURL: cb.ResponseURL, Channel: c.Channel}
	switch {
	case strings.HasPrefix(act.ActionID, actChoosePrefix), act.ActionID == actSelect:
		choice := act.Value
		if act.ActionID == actSelect {
			choice = act.SelectedOption.Value
		}
		if p.NeedsText(choice) {
			m.Choice = choice
			b.openModal(cb.TriggerID, b.render.AnswerModal(c, p, choice, m))
			return
		}
		in.Choices = []string{choice}
	case act.ActionID == actConfirm:
		if cb.BlockActionState != nil {
			for _, o := range cb.BlockActionState.Values[act.BlockID][actChecks].SelectedOptions {
				in.Choices = append(in.Choices, o.Value)
			}
		}
	case act.ActionID == actAnswer:
		b.openModal(cb.TriggerID, b.render.AnswerModal(c, p, "", m))
		return
	case act.ActionID == actArgAdd:
		b.openModal(cb.TriggerID, b.render.ArgumentModal(c, p.Values, m))
		return
	case act.ActionID == actArgsDone:
	default:
		b.log.Info("ignored an unknown action", "action_id", clip(act.ActionID, 60))
		return
	}
	if err := b.answer(ctx, c.ID, in); err != nil {
		b.tell(target, b.userMessage(err, c.Lang))
	}
}

func (b *Bot) openModal(trigger string, view slack.ModalViewRequest) {
	b.spawn("open modal", func(ctx context.Context) error {
		if _, err := b.api.OpenViewContext(ctx, trigger, view); err != nil {
			return fmt.Errorf("views.open: %w", err)
		}
		return nil
	})
}

// changeCase is how every handler changes a case: fn runs on the stored
// case inside one transaction and says what changed on screen; when it
// succeeds the case's Slack messages are brought in line (see syncCase).
// Errors from fn come back unchanged (*dialogs.Error for the user).
func (b *Bot) changeCase(ctx context.Context, id int64, fn func(*dialogs.Case) (syncOpts, error)) (*dialogs.Case, error) {
	var o syncOpts
	c, err := b.store.UpdateCase(ctx, id, func(c *dialogs.Case) error {
		var err error
		o, err = fn(c)
		return err
	})
	if err != nil {
		return nil, err
	}
	b.spawn("sync case", func(ctx context.Context) error { return b.syncCase(ctx, id, o) })
	return c, nil
}

// answer stores an answer and updates Slack in the background.
func (b *Bot) answer(ctx context.Context, id int64, in dialogs.Input) error {
	var out dialogs.Outcome
	_, err := b.changeCase(ctx, id, func(c *dialogs.Case) (syncOpts, error) {
		var err error
		out, err = b.engine.Answer(c, in)
		return syncOpts{answered: []string{out.Answered.StepID}}, err
	})
	if err != nil {
		return err
	}
	b.log.Info("answer recorded", "case", dialogs.FormatKey(id), "step", out.Answered.StepID, "finished", out.Finished)
	return nil
}

// addArgument stores an argument and refreshes the tally in the background.
func (b *Bot) addArgument(ctx context.Context, id int64, in dialogs.ArgumentInput) (dialogs.Argument, error) {
	var arg dialogs.Argument
	_, err := b.changeCase(ctx, id, func(c *dialogs.Case) (syncOpts, error) {
		var err error
		arg, err = b.engine.AddArgument(c, in)
		return syncOpts{refreshPrompt: true}, err
	})
	return arg, err
}

func (b *Bot) viewSubmission(ctx context.Context, cb slack.InteractionCallback) any {
	m, ok := parseMeta(cb.View.PrivateMetadata)
	if !ok {
		return nil
	}
	lang := b.cfg.Lang
	if l, ok := cards.ParseLang(m.Lang); ok {
		lang = l
	}
	state := cb.View.State
	user := cb.User.ID
	fieldErr := func(err error, blocks map[string]string) any {
		msg := b.userMessage(err, lang)
		block := blocks[""]
		if ue, ok := dialogs.AsError(err); ok {
			if blk, ok := blocks[ue.Field]; ok {
				block = blk
			}
		}
		return slack.NewErrorsViewSubmissionResponse(map[string]string{block: msg})
	}
	switch cb.View.CallbackID {
	case cbNewCase:
		c, err := b.startCase(ctx, dialogs.Start{
			Channel: m.Channel,
			Title:   viewValue(state, blkTitle),
			Scheme:  viewValue(state, blkScheme),
			Urgency: viewValue(state, blkUrgency),
			By:      user,
			Lang:    lang,
		})
		if err != nil {
			return fieldErr(err, map[string]string{"": blkTitle, "title": blkTitle, "scheme": blkScheme})
		}
		id := c.ID
		b.spawn("post root", func(ctx context.Context) error { return b.postRoot(ctx, id, m.ResponseURL) })
	case cbAnswer:
		in := dialogs.Input{Seq: m.Seq, Step: m.Step, Text: viewValue(state, blkText), By: user, Lead: b.leadFor(ctx, m.Step, user)}
		if m.Choice != "" {
			in.Choices = []string{m.Choice}
		}
		if err := b.answer(ctx, m.CaseID, in); err != nil {
			return fieldErr(err, map[string]string{"": blkText})
		}
	case cbArgument:
		in := dialogs.ArgumentInput{
			Pro:   viewValue(state, blkProCon) == "pro",
			Text:  viewValue(state, blkText),
			Value: viewValue(state, blkValue),
			By:    user,
		}
		if _, err := b.addArgument(ctx, m.CaseID, in); err != nil {
			return fieldErr(err, map[string]string{"": blkText, "value": blkValue})
		}
	}
	return nil
}
