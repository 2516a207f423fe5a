package render

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// Digest renders a weekly digest as one message: a header with the week,
// its period and channel, a section per part and the essay's reasoning as
// context under the patterns. Cases link to their threads (links by thread
// ts). With post set, a button offers to post it in the channel. Long lists
// are cut shorter until the message stays below MaxMessageChars. The second
// value is the notification text.
func (r Renderer) Digest(d dialogs.Digest, command string, links map[string]string, post *DigestRef) ([]slack.Block, string) {
	t := dialogs.DigestTextsFor(d.Lang)
	ref := func(c dialogs.DigestCase) string {
		if url := links[c.Thread]; url != "" && c.Thread != "" {
			return "<" + url + "|" + c.Key + ">"
		}
		return c.Key
	}
	title, period := dialogs.DigestHeading(d)
	if d.Empty() {
		post = nil // nothing worth posting
	}
	var blocks []slack.Block
	for _, maxLines := range []int{dialogs.DefaultMaxLines, 8, 4, 2} {
		f := dialogs.DigestFormat{Command: command, Ref: ref, Escape: UserText, MaxLines: maxLines, MaxTitle: maxDigestTitle}
		fits := true
		blocks = []slack.Block{
			slack.NewHeaderBlock(Plain(Clip(title, MaxHeaderText))),
			ContextBlock(period + " · <#" + d.Channel + ">"),
		}
		secs := dialogs.DigestSections(d, f)
		if len(secs) == 0 {
			blocks = append(blocks, Section(t.Nothing))
		}
		for _, s := range secs {
			lines := make([]string, 0, len(s.Lines)+1)
			lines = append(lines, "*"+EscapePlain(s.Title)+"*")
			for _, l := range s.Lines {
				lines = append(lines, "• "+l)
			}
			text := strings.Join(lines, "\n")
			fits = fits && utf8.RuneCountInString(text) <= maxSectionText
			blocks = append(blocks, Section(text))
			if len(s.Notes) > 0 {
				blocks = append(blocks, ContextBlock(s.Notes...))
			}
		}
		if post != nil {
			btn := slack.NewButtonBlockElement(ActDigestPost, digestRefValue(*post), Plain(Clip(t.PostButton, maxButtonText)))
			blocks = append(blocks, slack.NewActionBlock("digest.actions", btn))
		}
		raw, _ := json.Marshal(blocks)
		if fits && len(raw) <= MaxMessageChars {
			break
		}
	}
	return blocks, title + " (" + period + ")"
}

// maxDigestTitle shortens case titles in the digest.
const maxDigestTitle = 80

func digestRefValue(ref DigestRef) string {
	raw, _ := json.Marshal(ref)
	return string(raw)
}

// ActDigestPost is the action id of the "Plaats in kanaal" button under an
// on-demand digest; its value is a DigestRef.
const ActDigestPost = "mw.digest.post"

// DigestRef names a digest in a button's value.
type DigestRef struct {
	Channel string `json:"ch"`
	Week    string `json:"w"`
}
