package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/transport"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// interaction handles a block action or a view submission. The returned
// value, if not nil, is the acknowledgement's body (field errors of a modal).
// Answers are stored before it returns; Slack calls run in the background.
func (b *Bot) interaction(ctx context.Context, cb slack.InteractionCallback) any {
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		// A click is one action; Slack sends no more. A payload with many
		// is not Slack's and costs no more than one.
		acts := cb.ActionCallback.BlockActions
		if len(acts) > maxActions {
			b.log.Warn("block_actions with more actions than a click has; the rest ignored", "actions", len(acts))
			acts = acts[:maxActions]
		}
		for _, act := range acts {
			b.blockAction(ctx, cb, act)
		}
	case slack.InteractionTypeViewSubmission:
		return b.viewSubmission(ctx, cb)
	case slack.InteractionTypeMessageAction, slack.InteractionTypeShortcut:
		b.shortcut(ctx, cb)
	}
	return nil
}

// maxActions is how many actions of one block_actions payload are handled.
const maxActions = 1

// clickTarget is where to tell the clicking user about a problem.
type clickTarget struct {
	responseURL, channel, thread, user string
}

func (b *Bot) tell(ctx context.Context, target clickTarget, text string) {
	b.spawn(ctx, "ephemeral", func(ctx context.Context) error {
		b.out.EphemeralIn(ctx, target.responseURL, target.channel, target.thread, target.user, text)
		return nil
	})
}

// clickHandler handles a click on a button.
type clickHandler func(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction)

// clickTable maps the action ids of the buttons that are not on a case's
// question to their handlers (see blockAction).
func clickTable(b *Bot) map[string]clickHandler {
	return map[string]clickHandler{
		render.ActChecks:     func(context.Context, slack.InteractionCallback, *slack.BlockAction) {}, // ticking a box changes nothing until Bevestigen
		render.ActDigestPost: b.digestPostClick,
		render.ActLookBack:   b.lookBackClick,
		render.ActCardShare: func(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
			b.shareCard(ctx, cb, act)
		},
		actEraseConfirm:  b.eraseClick,
		actEraseCancel:   b.eraseClick,
		render.ActChange: b.changeClick,
		render.ActReport: func(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
			b.look.reportClick(ctx, cb, act) // b.look is set after the table
		},
		render.ActNudgeGo:    b.nudgeClick,
		render.ActNudgeOpen:  b.nudgeClick,
		render.ActNudgePause: b.nudgeClick,
		render.ActNudgeClose: b.nudgeClick,
	}
}

// blockAction routes a click: by its action id (clickTable), to the team
// lead's DM (leadAction), or else to the case question it is on.
func (b *Bot) blockAction(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	if h, ok := b.clicks[act.ActionID]; ok {
		h(ctx, cb, act)
		return
	}
	if b.leadAction(ctx, cb, act) {
		return
	}
	c, seq, target, ok := b.clickedCase(ctx, cb, act)
	if !ok {
		return
	}
	p, _ := b.engine.Prompt(c)
	t := dialogs.TextsFor(c.Lang)
	user := cb.User.ID
	in := dialogs.Input{Seq: seq, Step: p.StepID, By: user, Lead: b.dir.LeadFor(ctx, p.StepID, user), NoLeads: !b.dir.HasLeads(),
		Leads: b.dir.DecisionLeads(ctx, p.StepID)}
	m := render.Meta{CaseID: c.ID, Seq: seq, Step: p.StepID, ResponseURL: cb.ResponseURL, MessageTS: cb.Container.MessageTs, Channel: c.Channel}
	switch {
	case strings.HasPrefix(act.ActionID, render.ActChoosePrefix), act.ActionID == render.ActSelect:
		choice := act.Value
		if act.ActionID == render.ActSelect {
			choice = act.SelectedOption.Value
		}
		if err := b.engine.CheckChoice(c, in, choice); err != nil {
			b.tell(ctx, target, b.userMessage(err, b.dir.LangFor(ctx, user)))
			return
		}
		if p.NeedsText(choice) {
			m.Choice = choice
			b.openModal(ctx, target, t.ModalFailed, cb.TriggerID, b.render.AnswerModal(c, p, choice, m))
			return
		}
		in.Choices = []string{choice}
	case act.ActionID == render.ActConfirm:
		if cb.BlockActionState != nil {
			for _, o := range cb.BlockActionState.Values[act.BlockID][render.ActChecks].SelectedOptions {
				in.Choices = append(in.Choices, o.Value)
			}
		}
	case act.ActionID == render.ActAnswer:
		b.openModal(ctx, target, t.ModalFailed+" "+t.ModalFailedReply, cb.TriggerID, b.render.AnswerModal(c, p, "", m))
		return
	case act.ActionID == render.ActArgAdd:
		b.openModal(ctx, target, t.ModalFailed+" "+t.ModalFailedArgument, cb.TriggerID, b.render.ArgumentModal(c, p.Values, m))
		return
	case act.ActionID == render.ActArgsDone:
	default:
		b.log.Info("ignored an unknown action", "action_id", render.Clip(act.ActionID, 60))
		return
	}
	if err := b.answer(ctx, c.ID, in, delivery.Clicked{TS: cb.Container.MessageTs, URL: cb.ResponseURL}); err != nil {
		b.tell(ctx, target, b.userMessage(err, c.Lang))
	}
}

// clickedCase reads the case whose question was clicked and checks that the
// click is on its open question, in its own channel. When not, it has told
// the user why and ok is false.
func (b *Bot) clickedCase(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) (c *record.Case, seq int, target clickTarget, ok bool) {
	user := cb.User.ID
	target = clickTarget{responseURL: cb.ResponseURL, channel: cb.Channel.ID, user: user}
	caseID, seq, ok := render.ParsePromptBlockID(act.BlockID)
	if !ok {
		b.log.Info("unknown action", "action_id", render.Clip(act.ActionID, 60))
		lang := b.dir.LangFor(ctx, user)
		b.tell(ctx, target, fmt.Sprintf(dialogs.TextsFor(lang).UnknownButtonF, b.cfg.Command))
		return nil, 0, target, false
	}
	c, err := b.store.Case(ctx, caseID)
	if errors.Is(err, store.ErrNotFound) {
		t := dialogs.TextsFor(b.dir.LangFor(ctx, user))
		b.tell(ctx, target, fmt.Sprintf(t.UnknownCaseF, record.FormatKey(caseID)))
		return nil, 0, target, false
	}
	if err != nil {
		b.tell(ctx, target, b.userMessage(err, b.dir.LangFor(ctx, user)))
		return nil, 0, target, false
	}
	target.thread = c.Thread
	if cb.Channel.ID != "" && cb.Channel.ID != c.Channel {
		// A case's buttons live in its own thread: a click that claims to
		// come from elsewhere is not a click on them.
		b.log.Warn("click on a case from another channel refused", "case", c.Key())
		b.tell(ctx, target, dialogs.TextsFor(b.dir.LangFor(ctx, user)).NotInThisChannel)
		return nil, 0, target, false
	}
	if err := b.engine.Check(c, seq, ""); err != nil {
		b.tell(ctx, target, b.userMessage(err, c.Lang))
		return nil, 0, target, false
	}
	return c, seq, target, true
}

// openModal opens view in the background with the trigger of a click or
// command; target is whom to tell, and failed what, when Slack does not
// open it.
func (b *Bot) openModal(ctx context.Context, target clickTarget, failed, trigger string, view slack.ModalViewRequest) {
	b.spawn(ctx, "open modal", func(ctx context.Context) error {
		return b.out.OpenView(ctx, target.responseURL, target.channel, target.thread, target.user, failed, trigger, view)
	})
}

// errHandled says a thread message was taken into the case before (it is
// handled again after a crash): nothing to do, nothing to tell.
var errHandled = errors.New("bot: message already handled")

// changeCase is how every handler changes a case: fn runs on the stored
// case inside one transaction and says what changed on screen; that is
// stored as an outbox job in the same transaction, and the outbox worker
// brings the case's Slack messages in line (see syncCase and outbox.go).
// Errors from fn come back unchanged (*dialogs.Error for the user).
func (b *Bot) changeCase(ctx context.Context, id int64, fn func(*record.Case) (delivery.SyncOpts, error)) (*record.Case, error) {
	transport.NoteCase(ctx, id)
	c, err := b.store.ChangeCase(ctx, id, b.cfg.Now(), func(c *record.Case) (json.RawMessage, error) {
		o, err := fn(c)
		if err != nil {
			return nil, err
		}
		return o.Payload(), nil
	})
	if err != nil {
		return nil, err
	}
	b.out.Kick()
	return c, nil
}

// answer stores an answer and updates Slack in the background; via is the
// message the user clicked to answer, if any.
func (b *Bot) answer(ctx context.Context, id int64, in dialogs.Input, via delivery.Clicked) error {
	var out dialogs.Outcome
	_, err := b.changeCase(ctx, id, func(c *record.Case) (delivery.SyncOpts, error) {
		if c.HasRef(in.Ref) {
			return delivery.SyncOpts{}, errHandled
		}
		var err error
		out, err = b.engine.Answer(c, in)
		return delivery.SyncOpts{Answered: []string{out.Answered.StepID}, RefreshPrompt: out.Escalated != nil || out.Waiting != nil}.WithVia(via), err
	})
	if err != nil {
		return err
	}
	b.log.InfoContext(ctx, "answer recorded", "case", record.FormatKey(id), "step", out.Answered.StepID, "finished", out.Finished)
	return nil
}

// addArgument stores an argument and refreshes the tally in the background;
// via is the message the user clicked to add it, if any.
func (b *Bot) addArgument(ctx context.Context, id int64, in dialogs.ArgumentInput, via delivery.Clicked) (record.Argument, error) {
	var arg record.Argument
	_, err := b.changeCase(ctx, id, func(c *record.Case) (delivery.SyncOpts, error) {
		if c.HasRef(in.Ref) {
			return delivery.SyncOpts{}, errHandled
		}
		var err error
		arg, err = b.engine.AddArgument(c, in)
		return b.argumentSync(c).WithVia(via), err
	})
	return arg, err
}

// viewSubmission handles a modal's submission once: a submission that
// arrives again for the same view and state (a double click on Submit, a
// retry) is acknowledged without doing it again. One that was refused with
// field errors may be corrected and sent again.
func (b *Bot) viewSubmission(ctx context.Context, cb slack.InteractionCallback) any {
	key := ""
	if cb.View.ID != "" {
		key = "view:" + cb.View.ID + ":" + cb.View.Hash
		seen, err := b.store.SeenEvent(ctx, key, b.cfg.Now())
		if err != nil {
			b.log.Error("view dedup failed", "err", err)
		} else if seen {
			return nil
		}
	}
	resp := b.viewSubmit(ctx, cb)
	if resp != nil && key != "" {
		if err := b.store.ForgetEvent(ctx, key); err != nil {
			b.log.Error("view dedup: forget refused submission", "err", err)
		}
	}
	return resp
}

func (b *Bot) viewSubmit(ctx context.Context, cb slack.InteractionCallback) any {
	m, ok := render.ParseMeta(cb.View.PrivateMetadata)
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
		msg := b.fieldMessage(err, lang)
		block := blocks[""]
		if ue, ok := dialogs.AsError(err); ok {
			if blk, ok := blocks[ue.Field]; ok {
				block = blk
			}
		}
		return slack.NewErrorsViewSubmissionResponse(map[string]string{block: msg})
	}
	switch cb.View.CallbackID {
	case cbSettings:
		return b.settingsSubmit(ctx, cb, m, lang)
	case render.CbNewCase:
		if u := render.ViewValue(state, render.BlkUrgency); u != "" && !render.ValidUrgency(u) {
			return slack.NewErrorsViewSubmissionResponse(map[string]string{render.BlkUrgency: dialogs.TextsFor(lang).UnknownOption})
		}
		channel, responseURL, ok := newCaseChannel(cb, m)
		if !ok {
			return slack.NewErrorsViewSubmissionResponse(map[string]string{render.BlkChannel: dialogs.TextsFor(lang).ChannelWrong})
		}
		_, err := b.startCase(ctx, dialogs.Start{
			Channel:    channel,
			Team:       cb.Team.ID,
			Enterprise: cb.Enterprise.ID,
			Title:      render.ViewValue(state, render.BlkTitle),
			Scheme:     render.ViewValue(state, render.BlkScheme),
			Zaaknummer: render.ViewValue(state, render.BlkZaak),
			Urgency:    render.ViewValue(state, render.BlkUrgency),
			By:         user,
			Lang:       lang,
			Source:     m.Source,
		}, responseURL)
		if err != nil {
			return fieldErr(err, map[string]string{"": render.BlkTitle, "title": render.BlkTitle, "scheme": render.BlkScheme, "zaaknummer": render.BlkZaak})
		}
	case render.CbAnswer:
		in := dialogs.Input{Seq: m.Seq, Step: m.Step, Text: render.ViewValue(state, render.BlkText), By: user, Lead: b.dir.LeadFor(ctx, m.Step, user),
			NoLeads: !b.dir.HasLeads(), Leads: b.dir.DecisionLeads(ctx, m.Step)}
		if m.Choice != "" {
			in.Choices = []string{m.Choice}
		}
		if len(m.Warned) > 0 && m.WarnedKey == motiveringKey(in.Text) {
			// Submitted again as warned about: recorded despite them.
			for _, w := range m.Warned {
				in.Despite = append(in.Despite, record.WarningKind(w))
			}
		}
		err := b.answer(ctx, m.CaseID, in, delivery.Clicked{TS: m.MessageTS, URL: m.ResponseURL})
		if ue, ok := dialogs.AsError(err); ok && ue.Code == dialogs.CodeWarning {
			if resp := b.warnedForm(ctx, m, in.Text, ue.Warnings); resp != nil {
				return resp
			}
		}
		if err != nil {
			return fieldErr(err, map[string]string{"": render.BlkText})
		}
	case render.CbChange:
		in := b.changeInput(ctx, cb, m)
		err := b.changeSubmit(ctx, m, in)
		if ue, ok := dialogs.AsError(err); ok && ue.Code == dialogs.CodeWarning {
			if resp := b.warnedChangeForm(ctx, m, in, ue.Warnings); resp != nil {
				return resp
			}
		}
		if err != nil {
			return fieldErr(err, map[string]string{"": render.BlkText, "text": render.BlkText, "choice": render.BlkChoice})
		}
	case render.CbArgument:
		in := dialogs.ArgumentInput{
			Pro:   render.ViewValue(state, render.BlkProCon) == "pro",
			Text:  render.ViewValue(state, render.BlkText),
			Value: render.ViewValue(state, render.BlkValue),
			By:    user,
		}
		if _, err := b.addArgument(ctx, m.CaseID, in, delivery.Clicked{TS: m.MessageTS, URL: m.ResponseURL}); err != nil {
			return fieldErr(err, map[string]string{"": render.BlkText, "value": render.BlkValue})
		}
	case render.CbLookBack:
		if err := b.recordLookBack(ctx, m, user, render.ViewValue(state, render.BlkText)); err != nil {
			return fieldErr(err, map[string]string{"": render.BlkText})
		}
	case render.CbLeadBack:
		if err := b.returnToStarter(ctx, m, user, render.ViewValue(state, render.BlkText)); err != nil {
			return fieldErr(err, map[string]string{"": render.BlkText})
		}
	case render.CbNudgePause, render.CbNudgeClose:
		return b.nudgeSubmit(ctx, cb, m, fieldErr)
	}
	return nil
}
