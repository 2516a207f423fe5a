package render

import (
	"encoding/json"
	"strings"

	"github.com/slack-go/slack"
)

// LineSections puts lines into as few sections as fit Slack's limit of
// 3,000 characters each, keeping every line whole.
func LineSections(lines []string) []slack.Block {
	var blocks []slack.Block
	for len(lines) > 0 {
		n, size := 0, 0
		for n < len(lines) && size+len(lines[n]) < maxSectionText-10 {
			size += len(lines[n]) + 1
			n++
		}
		n = max(n, 1)
		blocks = append(blocks, Section(strings.Join(lines[:n], "\n")))
		lines = lines[n:]
	}
	return blocks
}

func Plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

func md(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func Section(text string) *slack.SectionBlock {
	return slack.NewSectionBlock(md(Clip(text, maxSectionText)), nil, nil)
}

func ContextBlock(texts ...string) *slack.ContextBlock {
	var els []slack.MixedElement
	for _, t := range texts {
		if t != "" {
			els = append(els, md(Clip(t, maxContextText)))
		}
	}
	return slack.NewContextBlock("", els...)
}

// MaxMessageChars keeps one message's blocks well below the size at which
// Slack answers msg_blocks_too_long (seen at about 12–13k characters).
const MaxMessageChars = 10000

// SplitBlocks cuts blocks into messages of at most maxChars characters of
// JSON and maxN blocks each.
func SplitBlocks(blocks []slack.Block, maxChars, maxN int) [][]slack.Block {
	var out [][]slack.Block
	var cur []slack.Block
	size := 0
	for _, bl := range blocks {
		raw, _ := json.Marshal(bl)
		if len(cur) > 0 && (size+len(raw) > maxChars || len(cur) >= maxN) {
			out = append(out, cur)
			cur, size = nil, 0
		}
		cur = append(cur, bl)
		size += len(raw)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
