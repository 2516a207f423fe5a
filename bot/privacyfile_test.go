package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/dialogs"
)

// TestPersonalDataNeverReachesTheFile: personal data typed anywhere — the
// slash command, a thread reply, an argument, a modal — is refused, and
// none of it is in the database file afterwards (not in a case, not in the
// outbox or the event inbox, not in freed pages) nor in the log.
func TestPersonalDataNeverReachesTheFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	h := newHarness(t, nil, db)
	inputs := []string{
		"123456782",           // BSN (elfproef)
		"NL91ABNA0417164300",  // IBAN
		"j.jansen@example.nl", // e-mail
		"06-12345678",         // mobile
		"+31 20 123 4567",     // international
	}
	h.drive.OK(h.send.Command("/maatwerk", alice, channel, "Mevrouw met BSN "+inputs[0]))
	root := h.drive.Start(alice, "Casus zonder persoonsgegevens")
	h.send.Reply(bob, channel, root.TS, "voor: haar rekening "+inputs[1]+" staat rood")
	h.send.Reply(bob, channel, root.TS, "mail haar op "+inputs[2])
	h.send.Reply(bob, channel, root.TS, "tegen: bel eerst "+inputs[3])
	h.send.Reply(lead, channel, root.TS, "of "+inputs[4])
	h.drive.OK(h.send.Command("/maatwerk", alice, channel, ""))
	view := h.drive.LastView(0)
	r := h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
		"title": {"input": "Huurschuld"}, "scheme": {"input": "rekening " + inputs[1]},
	}))
	if !strings.Contains(string(r.Body), `"errors"`) {
		t.Errorf("the modal accepted an IBAN: %s", r.Body)
	}
	h.bot.Wait()
	eph := h.slack.Ephemerals(channel)
	if len(eph) < 4 {
		t.Errorf("%d people were told, want 4 refusals in the thread", len(eph))
	}
	logs := h.logs.String()
	h.stop()
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		if bytes.Contains(raw, []byte(in)) {
			t.Errorf("%q is in the database file", in)
		}
		if strings.Contains(logs, in) {
			t.Errorf("%q is in the log", in)
		}
	}
}

// TestPersonalDataNotKeptInTheInbox: an accepted event is kept in the inbox
// until handled, except when it looks like personal data. The handling is
// stopped here (the bot's work context is cancelled), so what stays in the
// inbox is what was written there.
func TestPersonalDataNotKeptInTheInbox(t *testing.T) {
	st := mustOpenStore(t, filepath.Join(t.TempDir(), "m.db"))
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stopped := New(ctx, Config{Command: "/maatwerk"}, st, dialogs.New(mustCards(t), nil), slog.New(slog.DiscardHandler))
	body := func(id, text string) []byte {
		raw, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": id, "event": map[string]any{
			"type": "message", "channel": channel, "user": bob, "text": text, "ts": "1.1", "thread_ts": "1.0"}})
		return raw
	}
	// Slack's JSON may escape any character of the text: a slash as \/, a
	// zero-width space or a full-width @ as \uXXXX. The guard reads the text,
	// not its escapes.
	escaped := func(id, jsonText string) []byte {
		return bytes.Replace(body(id, "TEXT"), []byte(`"TEXT"`), []byte(`"`+jsonText+`"`), 1)
	}
	for id, raw := range map[string][]byte{
		"EvPLAIN":     body("EvPLAIN", "voor: een gewoon argument"),
		"EvBSN":       body("EvBSN", "voor: bsn 123456782"),
		"EvSLASHES":   escaped("EvSLASHES", `voor: bsn 111\/222\/333`),
		"EvZEROWIDTH": escaped("EvZEROWIDTH", `voor: 123\u200b456\u200b782`),
		"EvFULLWIDTH": escaped("EvFULLWIDTH", `voor: mail jan\uff20example.nl`),
	} {
		ev, err := slackevents.ParseEvent(json.RawMessage(raw), slackevents.OptionNoVerifyToken())
		if err != nil {
			t.Fatal(err)
		}
		if err := stopped.in.acceptEvent(context.Background(), id, raw, ev); err != nil {
			t.Fatal(err)
		}
	}
	stopped.wg.Wait()
	in, err := st.Inbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(in) != 1 || !strings.Contains(string(in[0].Payload), "EvPLAIN") {
		t.Errorf("inbox = %d events (%v); want only the one without personal data", len(in), in)
	}
	for _, e := range in {
		st.EventDone(context.Background(), e.Seq)
	}
}
