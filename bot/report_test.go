package bot

import (
	"bytes"
	"strings"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export/exporttest/pdftext"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// TestReportToDM: the summary's Verslag (PDF) button and "/maatwerk
// verslag MW-0001" send the case's document as a PDF to the asker's direct
// messages with the bot, never into the channel; the document names
// people as Slack knows them, with their ids beside the names, and carries
// the organisation's name. A case of another channel is refused to whoever
// did not take part in it.
func TestReportToDM(t *testing.T) {
	h := newHarness(t, nil, "", func(c *Config) { c.Org = "Gemeente Zuidbroek" })
	h.slack.AddUser(alice, "Anna de Vries", "nl-NL")
	h.slack.AddUser(bob, "Bram Bakker", "nl-NL")
	root := h.drive.Start(alice, "Terugvordering voor het dossier")
	summary := h.drive.RunToSummary(alice, root, 40)
	c := h.caseOf(root)
	if c.Status != record.StatusClosed {
		t.Fatalf("status %s", c.Status)
	}
	btn, ok := bottest.Find(summary, render.ActReport)
	if !ok {
		t.Fatalf("the summary has no Verslag (PDF) button: %s", summary.Blocks)
	}

	// A colleague in the channel clicks: the PDF goes to his DM.
	posted := len(h.slack.Messages(channel))
	h.drive.OK(h.send.Click(bob, summary, btn, "", nil))
	h.bot.Wait()
	f := waitFile(t, h, 1)
	if f.Channel != "D"+bob {
		t.Errorf("the PDF was shared in %q, want bob's DM D%s", f.Channel, bob)
	}
	if !bytes.HasPrefix(f.Content, []byte("%PDF-")) || !strings.HasSuffix(f.Name, ".pdf") || !strings.HasPrefix(f.Name, c.Key()) {
		t.Errorf("file %q (%d bytes) is not the case's PDF", f.Name, len(f.Content))
	}
	txt, err := pdftext.Extract(f.Content)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(txt), " ")
	for _, want := range []string{c.Key(), "Gemeente Zuidbroek", "Terugvordering voor het dossier", "Anna de Vries (" + alice + ")", "Pagina 1 van"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, txt)
		}
	}
	if !lastContains(h.responses(), "staat als pdf in je privéberichten") {
		t.Errorf("bob was not told where the PDF is: %q", h.responses())
	}

	// The command, from another channel: refused for someone who did not
	// take part, sent to the DM of someone who did.
	_, later := commandAnswer(t, h, bob, otherChannel, "verslag "+c.Key())
	if !strings.Contains(later, "hoort bij een ander kanaal") {
		t.Errorf("bob in another channel: %q", later)
	}
	_, later = commandAnswer(t, h, alice, otherChannel, "verslag "+strings.ToLower(c.Key()))
	if !strings.Contains(later, "privéberichten") {
		t.Errorf("alice in another channel: %q", later)
	}
	if f := waitFile(t, h, 2); f.Channel != "D"+alice {
		t.Errorf("the PDF was shared in %q, want alice's DM", f.Channel)
	}
	// A team lead may have any case's record, from anywhere.
	_, later = commandAnswer(t, h, lead, otherChannel, "verslag "+c.Key())
	if !strings.Contains(later, "privéberichten") {
		t.Errorf("the lead in another channel: %q", later)
	}
	if f := waitFile(t, h, 3); f.Channel != "D"+lead {
		t.Errorf("the PDF was shared in %q, want the lead's DM", f.Channel)
	}
	if now, _ := commandAnswer(t, h, alice, channel, "verslag"); !strings.Contains(now, "verslag MW-0042") {
		t.Errorf("no usage for a bare verslag: %q", now)
	}
	if _, later := commandAnswer(t, h, alice, channel, "verslag MW-0999"); !strings.Contains(later, "MW-0999 ken ik niet") {
		t.Errorf("unknown case: %q", later)
	}

	// Never into a channel: every file went to a DM, and the channel got
	// no message from the reports.
	for _, f := range h.slack.Files() {
		if !strings.HasPrefix(f.Channel, "D") {
			t.Errorf("a file was shared in %s", f.Channel)
		}
	}
	if n := len(h.slack.Files()); n != 3 {
		t.Errorf("%d files, want 3", n)
	}
	if n := len(h.slack.Messages(channel)); n != posted {
		t.Errorf("the channel got %d messages from the reports", n-posted)
	}
}
