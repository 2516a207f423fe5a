package bot

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render/rendertest"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// hostile is what a person can type that Slack would turn into markup.
var hostile = rendertest.Hostile()

// anyToken finds Slack's markup tokens in what the bot sent: mentions,
// broadcasts, channels, user groups, dates and links. botToken says which
// the bot writes itself: a mention of someone in the test, a channel, a
// date, a link to a message of the (fake) workspace. Any other token — a
// broadcast, a user group, the test's bogus user, a link elsewhere — can
// only have come from what a person typed.
var (
	anyToken = regexp.MustCompile(`<[^<>]*>`)
	botToken = regexp.MustCompile(`^<(?:@(?:` + strings.Join([]string{alice, bob, lead, fakeslack.BotUserID}, "|") +
		`)|#C[A-Z0-9]+(?:\|[^>]*)?|!date\^[^>]*|https://fake\.slack\.test/[^|>]*(?:\|[^>]*)?)>$`)
	// typedBroadcast finds @channel, @here or @everyone written out, which
	// Slack may read as a mention in a mrkdwn text object.
	typedBroadcast = regexp.MustCompile(`@(?:channel|here|everyone)`)
)

// formatted finds the user's formatting characters standing as markup:
// without the zero-width space that render.UserText puts after each.
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
				return len(bottest.Controls(m.Blocks)) == 0
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
	if n := len(checkNoUserMarkup(t, h)); n < 50 {
		t.Fatalf("only %d texts checked: the test looks in the wrong place", n)
	}
	// What a person typed shows as typed: the escaped tokens are there.
	summary, _ := h.drive.Summary(root)
	summary, _ = h.slack.Message(channel, summary.TS)
	if s := strings.Join(mrkdwnTexts(string(summary.Blocks)), "\n"); !strings.Contains(s, "&lt;!channel&gt;") {
		t.Errorf("the summary does not show the typed <!channel> as text: %s", s)
	}
}

// checkNoUserMarkup checks every text the bot sent to the fake Slack —
// each message's notification text and the mrkdwn in its blocks, posted,
// updated, ephemeral or through a response_url, and each modal and Home tab
// — for a token not of the bot's own, a written-out broadcast, and the
// user's formatting standing as markup; and that every message the bot
// posted has link previews turned off. It returns the texts it checked,
// each prefixed with the call's method and channel.
func checkNoUserMarkup(t *testing.T, h *harness) []string {
	t.Helper()
	var texts []string
	check := func(where, v string) {
		texts = append(texts, where+": "+v)
		for _, tok := range anyToken.FindAllString(v, -1) {
			if !botToken.MatchString(tok) {
				t.Errorf("%s carries the live token %q:\n%s", where, tok, v)
			}
		}
		if m := typedBroadcast.FindString(v); m != "" {
			t.Errorf("%s carries a written-out %q:\n%s", where, m, v)
		}
		if m := formatted.FindString(v); m != "" {
			t.Errorf("%s shows user text as markup %q:\n%s", where, m, v)
		}
	}
	for _, call := range h.slack.Calls() {
		switch call.Method {
		case "chat.postMessage":
			if call.Params["unfurl_links"] != "false" || call.Params["unfurl_media"] != "false" {
				t.Errorf("chat.postMessage to %s unfurls links: %v", call.Params["channel"], call.Params)
			}
		case "chat.update", "chat.postEphemeral", "response_url", "views.open", "views.update", "views.push", "views.publish":
		default:
			continue
		}
		where := call.Method + " " + call.Params["channel"]
		if v := call.Params["text"]; v != "" {
			check(where+" text", v)
		}
		for _, field := range []string{"blocks", "view"} {
			for _, v := range mrkdwnTexts(call.Params[field]) {
				check(where+" "+field, v)
			}
		}
	}
	return texts
}

// TestUserTextInEveryFlowIsData: an escalation note, a team lead's question
// back, a reason to wait for information, the refusal that quotes it, a
// close reason, and the search, list, digest and Home tab that show the
// case — all full of mentions, broadcasts, disguised links and formatting
// typed in forms and in the thread — reach no message, modal or Home tab
// of the bot's as markup, and every message has link previews off. On main
// before this change the refusal quoted the waiting reason as live
// <!channel> and <https://…|label> tokens, a written-out @channel stood in
// mrkdwn, the bot's messages unfurled links, and the formatting check of
// TestUserTextFormattingShowsAsTyped failed.
func TestUserTextInEveryFlowIsData(t *testing.T) {
	h := newHarness(t, nil, "")
	// As typed in a form: Slack delivers it unescaped.
	typed := "<!channel> <!here> <!everyone> <@U0BOGUS1> <!subteam^S0TEAM|@team> <https://evil.example/x|de regeling> " +
		"&lt;!channel&gt; @channel @here *vet* _schuin_ ~door~ `code`"
	shown := "&amp;lt;!channel&amp;gt;" // the typed "&lt;", shown as typed
	root := h.drive.Start(alice, "Casus <!channel> <@U0BOGUS1> <https://evil.example/t|hier> *vet* @here")

	p := h.answerUntil(alice, root, "mw.choose.voorleggen")
	escalate(t, h, alice, p, "Notitie "+typed)
	dms := h.slack.Messages("D" + lead)
	if len(dms) != 1 {
		t.Fatalf("the lead got %d DMs, want 1", len(dms))
	}
	back, _ := bottest.Find(dms[0], "mw.leadback")
	views := len(h.slack.Views())
	h.drive.OK(h.send.Click(lead, dms[0], back, "", nil))
	h.drive.OK(h.send.Submit(lead, h.drive.LastView(views), map[string]map[string]string{"text": {"input": "Vraag " + typed}}))
	h.bot.Wait()

	p = h.drive.OpenPrompt(root)
	chooseWithReason(t, h, alice, p, "meer-informatie", "Wacht op "+typed)
	// A click on the decision while the case waits is refused, quoting
	// the reason.
	mw, ok := bottest.Find(p, "mw.choose.maatwerk")
	if !ok {
		t.Fatalf("no decision button: %s", p.Blocks)
	}
	told := len(h.responses())
	h.drive.OK(h.send.Click(alice, p, mw, "", nil))
	h.bot.Wait()
	if got := h.responses()[told:]; !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, shown) }) {
		t.Errorf("the refusal does not quote the reason as typed: %q", got)
	}
	openHome(t, h, alice, "EvHOMEUSERTEXT1")
	// Closed early in the thread, with a reason as Slack delivers it.
	h.reply(alice, root, botMention+"sluit Reden "+strings.Join(hostile, " "))
	h.bot.Wait()
	if c := h.caseOf(root); c.Status != record.StatusClosed {
		t.Fatalf("the case is %s, want closed", c.Status)
	}
	for _, text := range []string{"zoek casus", "lijst alles", "overzicht"} {
		h.drive.OK(h.send.Command("/maatwerk", alice, channel, text))
	}
	openHome(t, h, lead, "EvHOMEUSERTEXT2")
	h.bot.Wait()

	texts := checkNoUserMarkup(t, h)
	// The test looks where the user text is: each place shows it escaped.
	for _, where := range []string{"chat.postMessage D" + lead, "chat.update " + channel, "response_url", "views.publish"} {
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, where) && strings.Contains(s, "&lt;!channel&gt;") }) {
			t.Errorf("no %s shows the typed text: the test does not reach it", where)
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
