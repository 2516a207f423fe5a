package render

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

func TestMessagePlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"wat doen we hiermee?", "wat doen we hiermee?"},
		{"<@U0BOB0002> wat doen we hiermee?", "@… wat doen we hiermee?"},
		{"<@U0BOB0002|bob> kijk even", "@bob kijk even"},
		{"zie <#C0CASES01|casussen> en <#C0OTHER>", "zie #casussen en #…"},
		{"<!here> <!channel> <!subteam^S0LEADS|@teamleiders>", "@here @channel @teamleiders"},
		{"<!date^1700000000^{date}|14 november>", "14 november"},
		{"lees <https://wetten.overheid.nl/x|de wet> of <https://example.org>", "lees de wet of https://example.org"},
		{"mail <mailto:jan@example.nl|jan@example.nl>", "mail jan@example.nl"},
		{"a &lt;b&gt; &amp;amp; c", "a <b> &amp; c"},
		{"5 &lt; 6 &gt; 4", "5 < 6 > 4"}, // Slack escapes a typed < and >: every <…> is markup
	}
	for _, tt := range tests {
		if got := MessagePlainText(tt.in); got != tt.want {
			t.Errorf("MessagePlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestGoldenShortcutForms: the new-case form as the shortcuts open it —
// from a message (its description copied, or not copied because of
// personal data) and from anywhere (with the channel picker) — and the
// root message of a case started from a message.
func TestGoldenShortcutForms(t *testing.T) {
	r, e := goldenRenderer(t)
	const link = "https://gemeente.slack.com/archives/C0GOLDEN/p1700000000000200?thread_ts=1700000000.000100&cid=C0GOLDEN"
	for _, lang := range cards.Langs() {
		m := Meta{Channel: "C0GOLDEN", ResponseURL: "https://hooks.slack.com/app/x", Lang: string(lang), Source: link}
		from := r.ShortcutCaseModal(lang, m, NewCaseForm{Title: "Wat doen we hiermee? Huurachterstand", FromMessage: true})
		checkGolden(t, fmt.Sprintf("%s/modal-new-case-from-message", lang), from)
		notCopied := r.ShortcutCaseModal(lang, m, NewCaseForm{FromMessage: true, Found: []dialogs.PersonalData{dialogs.BSN, dialogs.Phone}})
		checkGolden(t, fmt.Sprintf("%s/modal-new-case-not-copied", lang), notCopied)
		global := r.ShortcutCaseModal(lang, Meta{Lang: string(lang)}, NewCaseForm{PickChannel: true})
		checkGolden(t, fmt.Sprintf("%s/modal-new-case-pick-channel", lang), global)

		raw, _ := json.Marshal(notCopied)
		if strings.Contains(string(raw), "Huurachterstand") || !strings.Contains(string(raw), dialogs.BSN.Describe(string(lang))) {
			t.Errorf("%s: the form without a copy: %s", lang, raw)
		}
		raw, _ = json.Marshal(global)
		for _, want := range []string{`"type":"conversations_select"`, `"response_url_enabled":true`, `"include":["public","private"]`, `"exclude_bot_users":true`} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("%s: the channel picker lacks %s: %s", lang, want, raw)
			}
		}
		if strings.Contains(string(raw), "default_to_current_conversation") {
			t.Errorf("%s: the channel picker defaults to the current conversation", lang)
		}

		c := goldenCase(t, e, lang, 0, false)
		c.Source = link
		blocks, text := r.Root(c)
		checkGolden(t, fmt.Sprintf("%s/root-from-message", lang), message{text, blocks})
		raw, _ = json.Marshal(blocks)
		if !strings.Contains(string(raw), `https://gemeente.slack.com/archives/C0GOLDEN/p1700000000000200?thread_ts=1700000000.000100\u0026amp;cid=C0GOLDEN|`) {
			t.Errorf("%s: root without the link to the source: %s", lang, raw)
		}
		c.Source = "https://evil.example/archives/C0GOLDEN/p1"
		blocks, _ = r.Root(c)
		if raw, _ := json.Marshal(blocks); strings.Contains(string(raw), "evil.example") {
			t.Errorf("%s: a source that is no permalink is linked: %s", lang, raw)
		}
	}
}
