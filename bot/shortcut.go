package bot

import (
	"cmp"
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// The callback ids of the app's shortcuts, as the app manifest
// (deploy/slack) declares them.
const (
	// CallbackCaseFromMessage is the message shortcut "Maatwerkcasus
	// starten": a case about the message it is used on.
	CallbackCaseFromMessage = "mw.case_from_message"
	// CallbackNewCase is the global shortcut "Nieuwe maatwerkcasus": the
	// new-case form from anywhere, with a channel picker.
	CallbackNewCase = "mw.new_case"
)

// ShortcutCallbacks maps the callback id of each shortcut the bot handles
// to its type in the app manifest ("message" or "global").
func ShortcutCallbacks() map[string]string {
	return map[string]string{CallbackCaseFromMessage: "message", CallbackNewCase: "global"}
}

// permalinkWait bounds the wait for the source message's permalink: the
// form must open within the 3 seconds of its trigger_id, and opens without
// the link rather than not at all.
const permalinkWait = time.Second

// shortcut handles a message shortcut or a global shortcut: both open the
// new-case form. Nothing is stored until the form is submitted.
func (b *Bot) shortcut(ctx context.Context, cb slack.InteractionCallback) {
	user := cb.User.ID
	lang := b.dir.LangFor(ctx, user)
	target := clickTarget{responseURL: cb.ResponseURL, channel: cb.Channel.ID, user: user}
	switch {
	case cb.Type == slack.InteractionTypeMessageAction && cb.CallbackID == CallbackCaseFromMessage:
		b.caseFromMessage(ctx, cb, lang, target)
	case cb.Type == slack.InteractionTypeShortcut && cb.CallbackID == CallbackNewCase:
		view := b.render.ShortcutCaseModal(lang, render.Meta{Lang: string(lang)}, render.NewCaseForm{PickChannel: true})
		b.openModal(ctx, target, dialogs.TextsFor(lang).ModalFailed, cb.TriggerID, view)
	default:
		b.log.Info("ignored an unknown shortcut", "type", string(cb.Type), "callback_id", render.Clip(cb.CallbackID, 60))
	}
}

// caseFromMessage opens the new-case form about a message: its text as
// the description unless it holds personal data (then the form says what
// was found, and copies nothing), and its permalink as the case's source.
// The case goes to the message's channel; a message in a direct
// conversation gets the channel picker instead, and no source (a link
// the channel could not open).
func (b *Bot) caseFromMessage(ctx context.Context, cb slack.InteractionCallback, lang cards.Lang, target clickTarget) {
	title, found := dialogs.TitleFromMessage(render.MessagePlainText(cb.Message.Text))
	if len(found) > 0 {
		b.log.Info("shortcut: the message's text was not copied", "found", found)
	}
	form := render.NewCaseForm{Title: title, FromMessage: true, Found: found}
	m := render.Meta{ResponseURL: cb.ResponseURL, Lang: string(lang)}
	channel, ts := cb.Channel.ID, cmp.Or(cb.MessageTs, cb.Message.Timestamp)
	if caseChannel(channel) {
		m.Channel = channel
	} else {
		form.PickChannel = true
	}
	b.spawn(ctx, "open modal", func(ctx context.Context) error {
		if m.Channel != "" {
			lctx, cancel := context.WithTimeout(ctx, permalinkWait)
			link := b.dir.Permalink(lctx, channel, ts)
			cancel()
			if dialogs.ValidSource(link) {
				m.Source = link
			} else if link != "" {
				b.log.Warn("shortcut: the source's permalink is no Slack permalink; not kept")
			}
		}
		view := b.render.ShortcutCaseModal(lang, m, form)
		return b.out.OpenView(ctx, target.responseURL, target.channel, target.thread, target.user, dialogs.TextsFor(lang).ModalFailed, cb.TriggerID, view)
	})
}

// caseChannel reports whether a case can live in the conversation with
// this id: a channel, public or private, not a direct message.
func caseChannel(id string) bool {
	return len(id) > 1 && (strings.HasPrefix(id, "C") || strings.HasPrefix(id, "G"))
}

// newCaseChannel is where a submitted new-case form starts its case, and
// the response_url to tell the starter there if that fails: the channel
// the form was opened for, or else the one chosen in its picker (with the
// response_url Slack gives for it). ok is false when neither is a
// channel.
func newCaseChannel(cb slack.InteractionCallback, m render.Meta) (channel, responseURL string, ok bool) {
	if m.Channel != "" {
		return m.Channel, m.ResponseURL, true
	}
	channel = render.ViewConversation(cb.View.State, render.BlkChannel)
	if !caseChannel(channel) {
		return "", "", false
	}
	responseURL = m.ResponseURL
	for _, ru := range cb.ResponseURLs {
		if ru.BlockID == render.BlkChannel && ru.ChannelID == channel {
			responseURL = ru.ResponseURL
		}
	}
	return channel, responseURL, true
}
