package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// fuzzBot is the bot behind its real HTTP handler, with a fake Slack, for
// fuzzing: requests are signed correctly and carry arbitrary content. The
// outbox is not run (the fuzzers look at what the handlers do).
func fuzzBot(f *testing.F) (http.Handler, *Bot) {
	web := fakeslack.New(f, testToken)
	st, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"), store.Options{NoSync: true})
	if err != nil {
		f.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	b := New(ctx, Config{BotToken: testToken, SigningSecret: testSecret, APIURL: web.APIURL(), Command: "/maatwerk",
		TeamLeads: []string{lead}, Location: time.UTC}, st, dialogs.New(mustCards(f), nil), slog.New(slog.DiscardHandler))
	if err := b.Connect(ctx); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() {
		cancel()
		b.wg.Wait()
		st.Close()
	})
	return b.Handler(), b
}

// serveSigned sends body to path as Slack would, signed, and returns the
// recorded answer.
func serveSigned(h http.Handler, path, contentType string, body []byte) *httptest.ResponseRecorder {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", fakeslack.Sign(testSecret, ts, body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// checkAnswer: a handler answers 200 (with nothing or JSON Slack can show)
// or 400 for a payload it cannot read; never a crash or a 5xx.
func checkAnswer(t *testing.T, what string, rec *httptest.ResponseRecorder) {
	t.Helper()
	switch rec.Code {
	case http.StatusOK:
	case http.StatusBadRequest:
		return
	default:
		t.Fatalf("%s: status %d: %s", what, rec.Code, rec.Body)
	}
	body := bytes.TrimSpace(rec.Body.Bytes())
	if len(body) == 0 || rec.Header().Get("Content-Type") == "text/plain" {
		return
	}
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s: answer is not JSON: %v: %s", what, err, body)
	}
	if s, ok := v["text"].(string); ok && (utf8.RuneCountInString(s) > 3000 || !utf8.ValidString(s)) {
		t.Fatalf("%s: answer text Slack would refuse (%d runes)", what, utf8.RuneCountInString(s))
	}
}

func FuzzSlashCommandText(f *testing.F) {
	for _, s := range []string{"", "help", "?", "nieuw", "nieuw Huurschuld", "lijst alle", "kaart", "kaart signalen",
		"varianten", "verwijder MW-0001", "verwijder mw-99999999999999999999", "Uitkering stopgezet na verhuizing",
		"zoek huur", "overzicht 2026-W47", "export csv", "instellingen", "bel 0612345678", "&lt;@U1&gt; *vet*",
		"\x00\xff", string(bytes.Repeat([]byte("é"), 4000))} {
		f.Add(s, alice)
		f.Add(s, lead)
	}
	h, _ := fuzzBot(f)
	f.Fuzz(func(t *testing.T, text, user string) {
		form := url.Values{"team_id": {fakeslack.TeamID}, "channel_id": {channel}, "user_id": {user},
			"command": {"/maatwerk"}, "text": {text}, "response_url": {"http://127.0.0.1:1/none"}, "trigger_id": {"1.2.3"}}
		checkAnswer(t, "command", serveSigned(h, "/slack/commands", "application/x-www-form-urlencoded", []byte(form.Encode())))
	})
}

func FuzzInteractionPayload(f *testing.F) {
	for _, s := range []string{
		`{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"actions":[{"action_id":"mw.confirm","block_id":"mw:1:0","value":"ok"}]}`,
		`{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"mw.choose.ja","block_id":"mw:1:3","value":"ja"}],"state":{"values":{"mw:1:0":{"mw.checks":{"type":"checkboxes","selected_options":[{"value":"a"}]}}}}}`,
		`{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"mw.erase.confirm","value":"1|nl"}]}`,
		`{"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"mw.cardshare","value":"signalen|en"}]}`,
		`{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1","hash":"h","callback_id":"mw.newcase","private_metadata":"{\"c\":\"C1\"}","state":{"values":{"title":{"input":{"type":"plain_text_input","value":"Huur"}}}}}}`,
		`{"type":"view_submission","view":{"callback_id":"mw.argument","private_metadata":"not json"}}`,
		`{"type":"shortcut"}`, `{}`, `null`, `[`, ``,
	} {
		f.Add(s)
	}
	h, _ := fuzzBot(f)
	f.Fuzz(func(t *testing.T, payload string) {
		form := url.Values{"payload": {payload}}
		checkAnswer(t, "interaction", serveSigned(h, "/slack/interactivity", "application/x-www-form-urlencoded", []byte(form.Encode())))
	})
}

func FuzzEventPayload(f *testing.F) {
	for _, s := range []string{
		`{"type":"url_verification","challenge":"abc"}`,
		`{"type":"event_callback","event_id":"Ev1","event":{"type":"message","channel":"C1","user":"U1","text":"voor: x","ts":"2.0","thread_ts":"1.0"}}`,
		`{"type":"event_callback","event_id":"Ev2","event":{"type":"app_mention","channel":"C1","user":"U1","text":"<@UBOT0001> stap","ts":"2.0","thread_ts":"1.0"}}`,
		`{"type":"event_callback","event_id":"Ev3","event":{"type":"message","subtype":"message_changed","channel":"C1","message":{"text":"x"}}}`,
		`{"type":"event_callback","event":{"type":"app_home_opened","user":"U1","tab":"home"}}`,
		`{"type":"event_callback","event":null}`, `{"type":"app_rate_limited"}`, `{}`, `[]`, ``,
	} {
		f.Add([]byte(s))
	}
	h, _ := fuzzBot(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		checkAnswer(t, "event", serveSigned(h, "/slack/events", "application/json", body))
	})
}
