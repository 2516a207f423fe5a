package render

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// BlkChannel is the block of the new-case form's channel picker (the
// global shortcut's form).
const BlkChannel = "channel"

// slackMarkup matches Slack's markup in a message's text: <@U…>, <#C…|name>,
// <!here>, <!subteam^S…|@team>, <!date^…|fallback>, <https://…|label>.
var slackMarkup = regexp.MustCompile(`<([^<>|]*)(?:\|([^<>]*))?>`)

// MessagePlainText turns the text of a Slack message, as Slack delivers it,
// into plain text: mentions become "@name" (or "@…" when Slack gave no
// name), channel links "#name" (or "#…"), <!here> and the like "@here", a
// date its fallback, a link its label (or its address), and &amp;, &lt;,
// &gt; their characters. Nothing of it stays live: the result is what a
// person might have typed, for dialogs.TitleFromMessage and, shown again,
// for UserText.
func MessagePlainText(s string) string {
	s = slackMarkup.ReplaceAllStringFunc(s, func(m string) string {
		sub := slackMarkup.FindStringSubmatch(m)
		target, label := sub[1], sub[2]
		switch {
		case strings.HasPrefix(target, "@"):
			if label != "" {
				return "@" + strings.TrimPrefix(label, "@")
			}
			return "@…"
		case strings.HasPrefix(target, "#"):
			if label != "" {
				return "#" + strings.TrimPrefix(label, "#")
			}
			return "#…"
		case strings.HasPrefix(target, "!"):
			if label != "" {
				return label
			}
			name, _, _ := strings.Cut(strings.TrimPrefix(target, "!"), "^")
			return "@" + name
		case label != "":
			return label
		}
		return strings.TrimPrefix(target, "mailto:")
	})
	return Unescape(s)
}

// NewCaseForm is what the new-case form of a shortcut shows besides the
// fields of NewCaseModal; the source message's permalink is Meta.Source.
type NewCaseForm struct {
	// Title is the proposed description (dialogs.TitleFromMessage).
	Title string
	// FromMessage says the form was opened on a message; Found are the
	// kinds of personal data seen in its text, which was therefore not
	// copied.
	FromMessage bool
	Found       []dialogs.PersonalData
	// PickChannel adds the channel picker: the form was not opened in a
	// channel the case can go to.
	PickChannel bool
}

// ShortcutCaseModal is the new-case form opened by a shortcut: NewCaseModal
// with, above its fields, the link to the source message, where the
// description came from or why it did not, and the channel picker when
// the case has no channel yet.
func (r Renderer) ShortcutCaseModal(lang cards.Lang, m Meta, f NewCaseForm) slack.ModalViewRequest {
	t := dialogs.TextsFor(lang)
	v := r.NewCaseModal(lang, m, f.Title)
	var head []slack.Block
	if m.Source != "" && dialogs.ValidSource(m.Source) {
		head = append(head, ContextBlock(":link: "+sourceLink(m.Source, t)))
	}
	switch {
	case len(f.Found) > 0:
		head = append(head, ContextBlock(":lock: "+EscapePlain(fmt.Sprintf(t.NotCopiedF, dialogs.DescribeFound(f.Found, lang)))))
	case f.FromMessage && f.Title != "":
		head = append(head, ContextBlock(EscapePlain(t.FromMessageNote)))
	}
	if f.PickChannel {
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeConversations, nil, ActInput)
		sel.DefaultToCurrentConversation = false
		sel.ResponseURLEnabled = true
		sel.Filter = &slack.SelectBlockElementFilter{Include: []string{"public", "private"}, ExcludeBotUsers: true}
		head = append(head, slack.NewInputBlock(BlkChannel, Plain(t.ChannelLabel), Plain(Clip(t.ChannelHint, 2000)), sel))
	}
	v.Blocks.BlockSet = append(head, v.Blocks.BlockSet...)
	return v
}

// ViewConversation is the conversation chosen in a conversations_select
// of a submitted form.
func ViewConversation(st *slack.ViewState, blockID string) string {
	if st == nil {
		return ""
	}
	return st.Values[blockID][ActInput].SelectedConversation
}

// sourceLink is the root message's link to the message a case was started
// from, or "" when it has none.
func sourceLink(link string, t *dialogs.Texts) string {
	if !dialogs.ValidSource(link) {
		return ""
	}
	// Slack escapes & in a link's address as in any text (its own
	// permalinks of thread replies have two parameters).
	return "<" + strings.ReplaceAll(link, "&", "&amp;") + "|" + t.SourceLink + ">"
}
