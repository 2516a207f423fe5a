package bot

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/tenant"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// event handles one Events API callback; it runs after the delivery was
// acknowledged.
func (b *Bot) event(ctx context.Context, ev slackevents.EventsAPIEvent) error {
	ctx = tenant.With(ctx, tenant.Team{Enterprise: ev.EnterpriseID, ID: ev.TeamID})
	switch inner := ev.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		return b.message(ctx, inner)
	case *slackevents.AppMentionEvent:
		return b.mention(ctx, inner)
	case *slackevents.AppHomeOpenedEvent:
		return b.look.appHomeOpened(ctx, ev.TeamID, inner)
	case *slackevents.FunctionExecutedEvent:
		return b.functionExecuted(ctx, ev.TeamID, inner)
	case *slackevents.AppUninstalledEvent:
		return b.appUninstalled(ctx)
	case *slackevents.TokensRevokedEvent:
		b.tokensRevoked(ctx, inner)
		return nil
	}
	return b.channelEvent(ctx, ev)
}

// message handles a message in a channel the bot is in. Only human replies
// in a case's thread count: an argument ("voor: …"), the answer to an open
// free-text question, or else discussion kept on the case.
func (b *Bot) message(ctx context.Context, ev *slackevents.MessageEvent) error {
	switch ev.SubType {
	case "message_changed":
		return b.messageChanged(ctx, ev)
	case "message_deleted":
		return b.messageDeleted(ctx, ev)
	}
	self := b.selfID(ctx)
	if ev.BotID != "" || !isSpeech(ev.SubType) || ev.User == "" || ev.User == self || ev.ThreadTimeStamp == "" ||
		ev.ThreadTimeStamp == ev.TimeStamp {
		return nil
	}
	if containsMention(ev.Text, self) {
		if ev.ChannelType == "im" {
			// Slack sends no app_mention in a DM with the bot.
			return b.mention(ctx, &slackevents.AppMentionEvent{Type: "app_mention", User: ev.User, Text: ev.Text,
				TimeStamp: ev.TimeStamp, ThreadTimeStamp: ev.ThreadTimeStamp, Channel: ev.Channel})
		}
		return nil // a mention: handled once, as app_mention
	}
	c, err := b.store.CaseByThread(ctx, ev.Channel, ev.ThreadTimeStamp)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if c.HasRef(ev.TimeStamp) {
		return nil // handled before a restart (see replayInbox)
	}
	r := &threadReply{b: b, ev: ev, c: c, text: render.Unescape(ev.Text)}
	if pro, rest, ok := dialogs.ParseArgument(r.text); ok {
		r.argument(ctx, pro, rest)
		return nil
	}
	if r.answer(ctx) {
		return nil
	}
	r.remark(ctx)
	return nil
}

// threadReply is a person's reply in a case's thread: an argument ("voor:"
// or "tegen:"), the answer to an open free-text question, or else a remark
// kept as discussion. Nothing typed there is dropped.
type threadReply struct {
	b    *Bot
	ev   *slackevents.MessageEvent
	c    *record.Case
	text string
}

// tell tells the author, in the thread, only for them.
func (r *threadReply) tell(ctx context.Context, text string) {
	r.b.out.EphemeralIn(ctx, "", r.ev.Channel, r.ev.ThreadTimeStamp, r.ev.User, text)
}

// refuse tells the author why the reply was not taken.
func (r *threadReply) refuse(ctx context.Context, err error) {
	r.tell(ctx, r.b.userMessage(err, r.c.Lang))
}

// argument adds the reply as an argument for (pro) or against.
func (r *threadReply) argument(ctx context.Context, pro bool, text string) {
	b, ev := r.b, r.ev
	_, err := b.addArgument(ctx, r.c.ID, dialogs.ArgumentInput{Pro: pro, Text: text, By: ev.User, Ref: ev.TimeStamp}, delivery.Clicked{})
	switch {
	case errors.Is(err, errHandled):
	case err != nil:
		r.refuse(ctx, err)
	default:
		b.out.React(ctx, ev.Channel, ev.TimeStamp, "white_check_mark")
	}
}

// answer takes the reply as the answer to the open free-text question. It
// reports whether the reply is dealt with; if not, it is kept as a remark
// (the author has been told why, where that is news to them).
func (r *threadReply) answer(ctx context.Context) bool {
	b, ev, c := r.b, r.ev, r.c
	t := dialogs.TextsFor(c.Lang)
	if p, ok := b.engine.Prompt(c); ok && c.Status == record.StatusPaused && p.Kind == cards.KindText {
		r.tell(ctx, t.CasePaused) // not an answer while paused
	}
	if b.raced(ctx, c, ev.TimeStamp) {
		// Written while the previous free-text question was open, which
		// someone else answered first: kept as discussion, and said so.
		r.tell(ctx, t.AnswerLost)
		return false
	}
	p, ok := b.engine.Prompt(c)
	if !ok || c.Status != record.StatusOpen || p.Kind != cards.KindText {
		return false
	}
	if dialogs.IsReserved(r.text) {
		// "help", "stop", "wijzig" … typed at a free-text question is not
		// its answer: say how to answer and change, and store nothing.
		r.tell(ctx, t.ThreadHint+" "+t.ReservedHint)
		return true
	}
	err := b.answer(ctx, c.ID, dialogs.Input{Seq: p.Seq, Step: p.StepID, Text: r.text, By: ev.User,
		Lead: b.dir.LeadFor(ctx, p.StepID, ev.User), Ref: ev.TimeStamp}, delivery.Clicked{})
	var ue *dialogs.Error
	switch {
	case errors.Is(err, errHandled):
		return true
	case err == nil:
		b.out.React(ctx, ev.Channel, ev.TimeStamp, "white_check_mark")
		return true
	case errors.As(err, &ue) && ue.Code == dialogs.CodeStale:
		// Someone else answered first: keep this reply as discussion,
		// and say so.
		r.tell(ctx, t.AnswerLost)
		return false
	case errors.As(err, &ue) && (ue.Code == dialogs.CodeClosed || ue.Code == dialogs.CodePaused):
		// Another reply closed (or someone paused) the case while this
		// one was on its way: it is kept as discussion, never dropped.
		r.tell(ctx, t.AnswerAfterClose)
		return false
	}
	r.refuse(ctx, err)
	return true
}

// remark keeps the reply as discussion in the case.
func (r *threadReply) remark(ctx context.Context) {
	b, ev := r.b, r.ev
	_, err := b.store.UpdateCase(ctx, r.c.ID, func(c *record.Case) error {
		if c.HasRef(ev.TimeStamp) {
			return errHandled
		}
		return b.engine.AddRemark(c, ev.User, r.text, ev.TimeStamp)
	})
	if err != nil && !errors.Is(err, errHandled) {
		r.refuse(ctx, err)
	}
}

// mention handles "@maatwerkbot …": in a case thread the commands
// samenvatting and stap; elsewhere, how to start a case.
func (b *Bot) mention(ctx context.Context, ev *slackevents.AppMentionEvent) error {
	if ev.BotID != "" || ev.User == "" || ev.User == b.selfID(ctx) {
		return nil
	}
	text := render.Unescape(ev.Text)
	if self := b.selfID(ctx); self != "" {
		text = strings.ReplaceAll(text, "<@"+self+">", "")
	}
	cmd, rest := dialogs.ParseCommand(text)
	var c *record.Case
	if ev.ThreadTimeStamp != "" {
		var err error
		c, err = b.store.CaseByThread(ctx, ev.Channel, ev.ThreadTimeStamp)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	lang := b.langOf(c)
	t := dialogs.TextsFor(lang)
	if c == nil {
		b.out.EphemeralIn(ctx, "", ev.Channel, ev.ThreadTimeStamp, ev.User, t.NotACaseThread)
		return nil
	}
	switch cmd {
	case dialogs.CmdSummary:
		blocks, fallback := b.render.Summary(c, "")
		for _, part := range render.SplitBlocks(blocks, render.MaxMessageChars, render.MaxBlocks) {
			if _, err := b.out.Post(ctx, c.Channel, c.Thread, false, part, fallback); err != nil {
				return err
			}
		}
	case dialogs.CmdStep:
		p, ok := b.engine.Prompt(c)
		if !ok || c.Status != record.StatusOpen {
			b.out.EphemeralIn(ctx, "", ev.Channel, c.Thread, ev.User, b.userMessage(b.engine.Check(c, c.Seq, ""), lang))
			return nil
		}
		unlock := b.out.LockCase(c.ID)
		defer unlock()
		blocks, fallback := b.render.Prompt(c, p)
		ts, err := b.out.Post(ctx, c.Channel, c.Thread, false, blocks, fallback)
		if err != nil {
			return err
		}
		return b.out.SavePost(ctx, c.ID, record.StepPostKey(p.StepID), ts)
	case dialogs.CmdHelp, dialogs.CmdNone:
		b.out.EphemeralIn(ctx, "", ev.Channel, c.Thread, ev.User, render.EscapePlain(t.ThreadHelp))
	default:
		_, err := b.threadCommand(ctx, ev, c, cmd, rest)
		return err
	}
	return nil
}

// acceptEvent records an Events API delivery (id and payload) before it is
// acknowledged, and handles it in the background if it is the first
// delivery: retries and redeliveries of an accepted event are dropped, and
// an accepted event that the process did not get to handle is handled after
// a restart (replayInbox).
//
// A delivery whose text looks like personal data (anything the privacy
// guard finds anywhere in it, also behind JSON escapes) is not written to
// the inbox: it is
// handled from memory, where the privacy guard refuses it and tells the
// author, so the database never holds it, not even for a moment. Nor does
// it hold a workflow step's token (withoutStepToken).
func (in *inbox) acceptEvent(ctx context.Context, id string, body []byte, ev slackevents.EventsAPIEvent) error {
	keep := withoutStepToken(body, ev)
	if holdsPersonalData(body) {
		keep = nil
	}
	first, seq, err := in.store.AcceptEvent(ctx, id, in.cfg.Now(), keep)
	if err != nil {
		return err
	}
	if first {
		in.sweep.begin(seq) // from now on, not another replica's to sweep up
		handle := func(ctx context.Context) error { return in.handleAccepted(ctx, seq, ev) }
		if key, ts := threadOf(ev); key != "" {
			in.inThreadOrder(key, ts, handle)
		} else {
			in.spawn("event", handle)
		}
	}
	return nil
}

// holdsPersonalData reports whether the privacy guard finds personal data
// in a JSON body or in any string in it, decoded: JSON may escape any
// character ("\/", "\u200b"), and the guard must read what was typed.
func holdsPersonalData(body []byte) bool {
	if len(dialogs.FindPersonalData(string(body))) > 0 {
		return true
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return false
	}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case string:
			return len(dialogs.FindPersonalData(x)) > 0
		case []any:
			return slices.ContainsFunc(x, walk)
		case map[string]any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// handleAccepted handles an accepted event and takes it out of the inbox,
// also when handling failed (it is logged; a retry at every start would not
// cure it), but not when the program stops meanwhile.
func (in *inbox) handleAccepted(ctx context.Context, seq uint64, ev slackevents.EventsAPIEvent) error {
	in.sweep.begin(seq)
	defer in.sweep.end(seq)
	err := in.event(ctx, ev)
	if ctx.Err() != nil {
		return err
	}
	if seq == 0 {
		return err
	}
	if derr := in.store.EventDone(ctx, seq); derr != nil {
		return errors.Join(err, derr)
	}
	return err
}

// replayInbox handles the events accepted before a restart and not yet
// handled.
func (in *inbox) replayInbox(ctx context.Context) {
	if in.store.Shared() {
		return // other replicas may be handling them now: the sweep takes what is left (inbox_sweep.go)
	}
	pending, err := in.store.Inbox(ctx)
	if err != nil {
		in.log.Error("read event inbox", "err", err)
		return
	}
	for _, p := range pending {
		ev, err := slackevents.ParseEvent(json.RawMessage(p.Payload), slackevents.OptionNoVerifyToken())
		if err != nil {
			in.log.Error("drop unreadable event from inbox", "err", err)
			in.store.EventDone(ctx, p.Seq)
			continue
		}
		if err := in.handleAccepted(ctx, p.Seq, ev); err != nil {
			in.log.Error("replayed event failed", "err", err)
		}
	}
	if len(pending) > 0 {
		in.log.Info("replayed events accepted before the restart", "events", len(pending))
	}
}
