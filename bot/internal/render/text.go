package render

import (
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

func Mention(user string) string {
	if user == "" {
		return "?"
	}
	return "<@" + user + ">"
}

// Clip shortens s to at most n characters, ending in an ellipsis.
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:n-1]), func(r rune) bool { return r == ' ' }) + "…"
}

// UserText makes text a person typed safe to show in mrkdwn, in blocks and
// in a message's notification text: it is data, never markup. &, < and >
// are escaped, so no mention (<!channel>, <@U…>, <!subteam^…>) and no
// disguised link (<https://…|label>) can form, and a typed "&lt;" shows as
// typed. Slack's mrkdwn has no escape for its formatting characters, so a
// zero-width space stands on both sides of each (* _ ~ `): Slack opens
// bold, italics, strike-through or code only at a delimiter with a word
// boundary before it and text after it, and closes only at one with text
// before it and a boundary after it. Whether Slack counts the zero-width
// space as part of a word or as a space, one of the two sides breaks each
// rule, so a user's delimiter neither opens nor closes, nor pairs with the
// bot's own. A zero-width space also follows each @, so that a typed
// "@channel" or "@here" is never read as a mention, and precedes a > that
// starts a line, which would quote it. The text shows as typed; only the
// bot's own markup may sit around it.
func UserText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := true
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			if lineStart {
				b.WriteRune(ZeroWidthSpace)
			}
			b.WriteString("&gt;")
		case '*', '_', '~', '`':
			b.WriteRune(ZeroWidthSpace)
			b.WriteRune(r)
			b.WriteRune(ZeroWidthSpace)
		case '@':
			b.WriteRune(r)
			b.WriteRune(ZeroWidthSpace)
		default:
			b.WriteRune(r)
		}
		lineStart = r == '\n'
	}
	return b.String()
}

// ZeroWidthSpace breaks a formatting character's hold on its neighbours.
const ZeroWidthSpace = '\u200b'

// NoUnfurl is the option for a message that may hold user text: Slack
// shows no preview of a link a person typed under the bot's name. (The bot
// never sets parse or link_names, which would turn a typed @channel into a
// mention.)
func NoUnfurl() slack.MsgOption {
	return slack.MsgOptionCompose(slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl())
}

// EscapePlain escapes &, < and > for mrkdwn: for text the bot composes
// itself that may hold a name or a command but no markup of a user's.
func EscapePlain(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Unescape undoes Slack's escaping of &, < and > in text it delivers.
func Unescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// Bold sets a question in bold unless the content already uses bold. Slack
// bolds within one line only, so a question of several lines has its first
// line in bold.
func Bold(s string) string {
	if strings.Contains(s, "*") {
		return s
	}
	first, rest, multi := strings.Cut(s, "\n")
	if strings.TrimSpace(first) == "" {
		return s
	}
	if multi {
		return "*" + strings.TrimSpace(first) + "*\n" + rest
	}
	return "*" + s + "*"
}
