package render

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// ActCardShare is the "Deel in kanaal" button under a card shown on
// request; its value is "<card id>|<lang>".
const ActCardShare = "mw.cardshare"

// MaxReplyBytes bounds a card sent as the slash command's immediate answer:
// Socket Mode drops ack payloads of 20 KB or more. Larger cards
// go through the response_url.
const MaxReplyBytes = 12000

// CardList renders the list of cards: one line each, and how to open one.
func (r Renderer) CardList(set *cards.Set, lang cards.Lang, command string) ([]slack.Block, string) {
	ct := dialogs.CardTextsFor(lang)
	blocks := []slack.Block{slack.NewHeaderBlock(Plain(Clip(ct.ListTitle, MaxHeaderText)))}
	for _, g := range dialogs.SourceGroups(dialogs.CardList(set, lang), ct) {
		blocks = append(blocks, ContextBlock("*"+g.Heading+"*"))
		for _, c := range g.Cards {
			if len(blocks) >= MaxBlocks-2 {
				break
			}
			blocks = append(blocks, Section("*"+c.Title+"* · `"+c.ID+"`\n"+c.Line))
		}
	}
	blocks = append(blocks, ContextBlock(ct.Attribution), ContextBlock(EscapePlain(fmt.Sprintf(ct.ListHintF, command))))
	return blocks, ct.ListTitle
}

// Card renders a card as one or more messages (a long card is split, each
// part within Slack's limits). With share, the last part ends in the "Deel
// in kanaal" button; sharedBy, when set, says who posted it in the channel.
func (r Renderer) Card(v dialogs.CardView, lang cards.Lang, share bool, sharedBy string) ([][]slack.Block, string) {
	ct := dialogs.CardTextsFor(lang)
	t := dialogs.TextsFor(lang)
	var body []slack.Block
	if sharedBy != "" {
		body = append(body, ContextBlock(fmt.Sprintf(ct.SharedByF, Mention(sharedBy))))
	}
	if v.Purpose != "" {
		body = append(body, Section("_"+strings.TrimSpace(v.Purpose)+"_"))
	}
	if v.Grid != nil {
		body = append(body, r.variantBlocks(v, ct)...)
	} else {
		for _, it := range v.Items {
			body = append(body, slack.NewDividerBlock())
			body = append(body, Section(cardItemText(it)))
			var notes []string
			if it.Help != "" {
				notes = append(notes, ":information_source: "+it.Help)
			}
			if len(it.See) > 0 {
				notes = append(notes, t.SeeAlso+": "+strings.Join(it.See, " · "))
			}
			if len(notes) > 0 {
				body = append(body, ContextBlock(strings.Join(notes, "\n")))
			}
		}
	}
	var tail []slack.Block
	if share {
		btn := slack.NewButtonBlockElement(ActCardShare, v.ID+"|"+string(lang), Plain(Clip(ct.Share, maxButtonText)))
		tail = append(tail, slack.NewActionBlock("card."+v.ID, btn))
	}
	// Room for the header (or the continuation line) and the button.
	parts := SplitBlocks(body, MaxMessageChars-1000, MaxBlocks-2)
	if len(parts) == 0 {
		parts = [][]slack.Block{nil}
	}
	title := Clip(v.Title, MaxHeaderText)
	for i := range parts {
		head := slack.Block(slack.NewHeaderBlock(Plain(title)))
		if i > 0 {
			head = ContextBlock(fmt.Sprintf("*%s* (%s %d/%d)", title, ct.Continued, i+1, len(parts)))
		}
		parts[i] = append([]slack.Block{head}, parts[i]...)
	}
	parts[len(parts)-1] = append(parts[len(parts)-1], tail...)
	return parts, Clip(v.Title+": "+v.Purpose, 3000)
}

// cardItemText is an item's title (unless its text already says it), its
// text and its options as a list.
func cardItemText(it dialogs.CardViewItem) string {
	var b strings.Builder
	if it.Title != "" && !strings.Contains(it.Text, it.Title) && !strings.HasPrefix(it.Text, "*") {
		b.WriteString("*" + it.Title + "*\n")
	}
	b.WriteString(it.Text)
	for _, o := range it.Options {
		b.WriteString("\n• " + o.Text)
		if o.Help != "" {
			b.WriteString(" — _" + o.Help + "_")
		}
	}
	return b.String()
}

// variantBlocks renders the essay's 2×2: the explanation of the axes, the
// four variants as a grid of fields (two columns, as Slack shows fields),
// each with its one line and its description, then the dilemmas.
func (r Renderer) variantBlocks(v dialogs.CardView, ct *dialogs.CardTexts) []slack.Block {
	g := v.Grid
	var blocks []slack.Block
	if g.Intro != "" {
		blocks = append(blocks, Section(g.Intro))
	}
	axes := fmt.Sprintf("*%s*\n→ %s: %s | %s\n↓ %s: %s | %s", ct.Variants,
		ct.AxisSingle, ct.No, ct.Yes, ct.AxisGroups, ct.No, ct.Yes)
	var fields []*slack.TextBlockObject
	for row := range 2 {
		for col := range 2 {
			cell := g.Cells[row][col]
			if cell == nil {
				fields = append(fields, md("—"))
				continue
			}
			f := "*" + cell.Title + "*\n_" + cell.Line + "_\n" + "`" + ct.Place(cell) + "`"
			fields = append(fields, md(Clip(f, maxFieldText)))
		}
	}
	// The descriptions in the essay's order, from little to much maatwerk.
	var texts []string
	for _, v := range g.Order {
		texts = append(texts, "• *"+v.Title+"*: "+v.Text)
	}
	blocks = append(blocks, slack.NewDividerBlock(), slack.NewSectionBlock(md(axes), fields, nil))
	if len(texts) > 0 {
		blocks = append(blocks, Section(strings.Join(texts, "\n")))
	}
	if len(v.Dilemmas) > 0 {
		var lines []string
		for _, d := range v.Dilemmas {
			l := "• *" + d.Text + "*"
			if d.Help != "" {
				l += " — " + d.Help
			}
			lines = append(lines, l)
		}
		blocks = append(blocks, slack.NewDividerBlock(), Section("*"+v.DilemmasTitle+"*\n"+strings.Join(lines, "\n")))
	}
	return blocks
}

// optionHelp lists the options of a question that explain themselves in one
// line (the four variants do), so the choice is made knowing what each
// means; "" when no option has help.
func optionHelp(opts []dialogs.Choice) string {
	var lines []string
	for _, o := range opts {
		if o.Help != "" {
			lines = append(lines, "*"+o.Text+"*: "+o.Help)
		}
	}
	return strings.Join(lines, "\n")
}
