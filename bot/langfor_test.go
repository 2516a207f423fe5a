package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// TestEveryReplyInTheReadersLanguage: search, list, export, settings, the
// digest on demand and the Home tab answer each person in their own Slack
// language (LangFor), not in MAATWERK_LANG; someone Slack tells nothing
// about gets MAATWERK_LANG. On main before this change all of them
// answered an English-speaking user in Dutch.
func TestEveryReplyInTheReadersLanguage(t *testing.T) {
	h := newHarness(t, nil, "")
	const carol = "UCAROL004"
	h.slack.AddUser(carol, "Carol", "en-GB")
	for _, who := range []struct {
		user string
		lang cards.Lang
	}{{carol, cards.EN}, {alice, cards.NL}} {
		lt := dialogs.LookupTextsFor(who.lang)
		dt := dialogs.DigestTextsFor(who.lang)
		t.Run(string(who.lang), func(t *testing.T) {
			if r := commandReply(t, h, who.user, "zoek"); !strings.Contains(r.Text, fmt.Sprintf(lt.SearchUsage, "/maatwerk")) {
				t.Errorf("search usage: %q", r.Text)
			}
			if r := commandReply(t, h, who.user, "instellingen"); !strings.Contains(r.Text, dt.OnlyLeads) {
				t.Errorf("settings refusal: %q", r.Text)
			}
			for _, tc := range []struct{ command, want string }{
				{"lijst", fmt.Sprintf(lt.ListNoOpen, "/maatwerk")},
				{"export", lt.ExportNotLead},
			} {
				h.drive.OK(h.send.Command("/maatwerk", who.user, channel, tc.command))
				h.bot.Wait()
				if !lastContains(h.responses(), tc.want) {
					t.Errorf("%s: %q, want %q", tc.command, h.responses(), tc.want)
				}
			}
			h.drive.OK(h.send.Command("/maatwerk", who.user, channel, "overzicht"))
			h.bot.Wait()
			calls := h.slack.CallsTo("response_url")
			if last := calls[len(calls)-1]; !strings.Contains(last.Params["blocks"], dt.Nothing) {
				t.Errorf("digest on demand: %s", last.Params["blocks"])
			}
			if home := openHome(t, h, who.user, "EvLANG"+string(who.lang)); !strings.Contains(home, lt.HomeMine) {
				t.Errorf("Home: %s", home)
			}
		})
	}
}
