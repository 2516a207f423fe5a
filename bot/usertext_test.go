package bot

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// What a person can type that Slack would turn into a notification or a
// disguised link, as Slack delivers it to the bot (a typed "&lt;" arrives
// as "&amp;lt;").
var hostile = []string{
	"<!channel>", "<!here>", "<!everyone>", "<@U0BOGUS1>", "<!subteam^S0TEAM|@team>",
	"<https://evil.example/x|de officiële regeling>", "&amp;lt;!channel&amp;gt;", "*vet* _schuin_ ~door~ `code`",
}

// liveToken finds markup in what the bot sent that only a person could have
// put there: a broadcast, a mention of someone the test never uses, a user
// group, or a link whose label hides its address.
var liveToken = regexp.MustCompile(`<!(?:channel|here|everyone)[^>]*>|<@U0BOGUS1[^>]*>|<!subteam\^[^>]*>|<https?://evil\.example[^>]*>`)

// formatted finds the user's formatting characters standing as markup:
// without the zero-width space that userText puts after each.
var formatted = regexp.MustCompile("\\*vet\\*|_schuin_|~door~|`code`")

// TestUserTextNeverPingsOrDisguisesALink: a title, free-text answers, a
// reason, arguments and remarks full of mentions, broadcasts and disguised
// links reach no message, block or notification text of the bot's as live
// markup — not the root, the thread, the summary broadcast to the channel,
// nor the ephemeral answers. On main before this change the title and the
// argument reached Slack as live <!channel> and <https://…|label> tokens.
func TestUserTextNeverPingsOrDisguisesALink(t *testing.T) {
	h := newHarness(t, nil, "")
	all := strings.Join(hostile, " ")
	root := h.drive.Start(alice, "Casus <!channel> <@U0BOGUS1> <https://evil.example/t|hier> *vet*")

	// A remark and two arguments in the thread, before the questions.
	h.reply(bob, root, "Kijk even "+all)
	h.reply(bob, root, "voor: "+all)
	h.reply(alice, root, "tegen: <!here> zie <https://evil.example/y|hier>")

	// Every free-text answer carries it too.
	for i := 0; i < 40; i++ {
		// The last answer closes the case: then a summary comes, not a
		// question.
		h.slack.WaitFor(t, 10*time.Second, "the next question or the summary", func() bool {
			_, open := h.drive.CurrentPrompt(root)
			_, done := h.drive.Summary(root)
			return open || done
		})
		if _, ok := h.drive.Summary(root); ok {
			break
		}
		p := h.drive.OpenPrompt(root)
		if Kind := strings.Contains(string(p.Blocks), `"mw.answer"`); Kind {
			h.reply(alice, root, "Antwoord "+all)
			h.slack.WaitFor(t, 5*time.Second, "the text answer to be taken", func() bool {
				m, _ := h.slack.Message(channel, p.TS)
				return len(fakeslack.Actions(m.Blocks)) == 0
			})
			continue
		}
		h.drive.Answer(alice, root)
	}
	if _, ok := h.drive.Summary(root); !ok {
		t.Fatal("no summary")
	}
	h.reply(alice, root, botMention+"samenvatting")
	h.bot.Wait()

	c := h.caseOf(root)
	if !strings.Contains(c.Title, "<!channel>") {
		t.Fatalf("the title was not stored as typed: %q", c.Title)
	}
	checked := 0
	check := func(where, v string) {
		checked++
		if m := liveToken.FindString(v); m != "" {
			t.Errorf("%s carries the live token %q:\n%s", where, m, v)
		}
		if m := formatted.FindString(v); m != "" {
			t.Errorf("%s shows user text as markup %q:\n%s", where, m, v)
		}
	}
	for _, call := range h.slack.Calls() {
		switch call.Method {
		case "chat.postMessage", "chat.update", "chat.postEphemeral", "response_url", "views.open", "views.publish":
		default:
			continue
		}
		if v := call.Params["text"]; v != "" {
			check(call.Method+" text", v)
		}
		for _, field := range []string{"blocks", "view"} {
			for _, v := range mrkdwnTexts(call.Params[field]) {
				check(call.Method+" "+field, v)
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d texts checked: the test looks in the wrong place", checked)
	}
	// What a person typed shows as typed: the escaped tokens are there.
	summary, _ := h.drive.Summary(root)
	summary, _ = h.slack.Message(channel, summary.TS)
	if s := strings.Join(mrkdwnTexts(string(summary.Blocks)), "\n"); !strings.Contains(s, "&lt;!channel&gt;") {
		t.Errorf("the summary does not show the typed <!channel> as text: %s", s)
	}
}

func TestUserText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<!channel>", "&lt;!channel&gt;"},
		{"<https://x.example|label>", "&lt;https://x.example|label&gt;"},
		{"&lt;!here&gt;", "&amp;lt;!here&amp;gt;"},
		{"*vet*", "*\u200bvet*\u200b"},
		{"a_b ~c~ `d`", "a_\u200bb ~\u200bc~\u200b `\u200bd`\u200b"},
		{"gewoon € 12,50", "gewoon € 12,50"},
	} {
		if got := userText(tc.in); got != tc.want {
			t.Errorf("userText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// mrkdwnTexts returns every mrkdwn text in a JSON value (blocks or a
// view): the texts Slack parses for markup. Plain text is shown as it is.
func mrkdwnTexts(raw string) []string {
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return nil
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if x["type"] == "mrkdwn" {
				if s, ok := x["text"].(string); ok {
					out = append(out, s)
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}
