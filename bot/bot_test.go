package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/transport"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

const (
	testToken  = "xoxb-test-token"
	testSecret = "test-signing-secret"
	channel    = "C0CASES01"
	alice      = "UALICE001" // caseworker
	bob        = "UBOB00002" // colleague
	lead       = "ULEAD0003" // team lead
)

// harness is the bot's real HTTP handler against a fake Slack.
type harness struct {
	t      testing.TB
	slack  *fakeslack.Server
	send   *fakeslack.Sender
	drive  *bottest.Driver
	bot    *Bot
	store  *store.Store
	srv    *httptest.Server
	logs   *syncBuffer
	cancel context.CancelFunc
	// outboxDone is closed when the outbox worker has stopped.
	outboxDone chan struct{}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func mustCards(tb testing.TB) *cards.Set {
	tb.Helper()
	set, err := cards.LoadEmbedded()
	if err != nil {
		tb.Fatalf("embedded cards: %v", err)
	}
	return set
}

// newHarness starts a bot on dbPath ("" for a fresh temporary file).
func newHarness(t testing.TB, slack *fakeslack.Server, dbPath string, mods ...func(*Config)) *harness {
	t.Helper()
	if slack == nil {
		slack = fakeslack.New(t, testToken)
	}
	if dbPath == "" {
		dbPath = filepath.Join(t.TempDir(), "maatwerk.db")
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, err := store.Open(ctx, dbPath, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	cfg := Config{
		BotToken: testToken, SigningSecret: testSecret, APIURL: slack.APIURL(),
		Command: "/maatwerk", Lang: cards.NL, TeamLeads: []string{lead}, Location: time.UTC,
	}
	for _, mod := range mods {
		mod(&cfg)
	}
	b := New(ctx, cfg, st, dialogs.New(mustCards(t), cfg.Now), slog.New(slog.NewJSONHandler(logs, nil)))
	// The fake signs with the real time; only the bot's own clock may be
	// the test's.
	b.tr.SetVerifierClock(time.Now)
	if err := b.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	outboxDone := make(chan struct{})
	go func() { b.RunOutbox(ctx); close(outboxDone) }()
	srv := httptest.NewServer(b.Handler())
	h := &harness{t: t, slack: slack, bot: b, store: st, srv: srv, logs: logs, cancel: cancel, outboxDone: outboxDone}
	h.send = &fakeslack.Sender{AppURL: srv.URL, Secret: testSecret, Slack: slack}
	h.drive = &bottest.Driver{T: t, Slack: slack, Send: h.send, Channel: channel}
	t.Cleanup(h.stop)
	return h
}

// stop shuts the bot down as the program does: no new requests, in-flight
// work finished, database closed.
func (h *harness) stop() {
	if h.srv == nil {
		return
	}
	h.srv.Close()
	h.bot.Wait()
	h.cancel()
	<-h.outboxDone
	h.store.Close()
	h.srv = nil
	if strings.Contains(h.logs.String(), testToken) || strings.Contains(h.logs.String(), testSecret) {
		h.t.Errorf("a token or secret reached the log")
	}
}

func TestSlackSigningVector(t *testing.T) {
	// Slack's own worked example of a v0 signature ("Verifying requests from
	// Slack"): the fake's signer, independent of the verifier, gets it.
	body := []byte("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
	const want = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
	secret := "8f742231b10e8888abcd99yyyzzz85a5"
	if got := fakeslack.Sign(secret, "1531420618", body); got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
	// The verifier (slack-go's SecretsVerifier behind the header checks)
	// on the same body, signed by the fake at times around now.
	now := time.Now()
	signed := func(at time.Time, key string) http.Header {
		ts := strconv.FormatInt(at.Unix(), 10)
		return http.Header{"X-Slack-Request-Timestamp": {ts}, "X-Slack-Signature": {fakeslack.Sign(key, ts, body)}}
	}
	tests := []struct {
		name string
		hdr  http.Header
		body []byte
		want error
	}{
		{"now", signed(now, secret), body, nil},
		{"4 minutes ago", signed(now.Add(-4*time.Minute), secret), body, nil},
		{"6 minutes ago", signed(now.Add(-6*time.Minute), secret), body, transport.ErrStale},
		{"6 minutes ahead", signed(now.Add(6*time.Minute), secret), body, transport.ErrStale},
		{"body changed", signed(now, secret), append(bytes.Clone(body), 'x'), transport.ErrBadSignature},
		{"no signature", http.Header{"X-Slack-Request-Timestamp": {strconv.FormatInt(now.Unix(), 10)}}, body, transport.ErrNoSignature},
		{"no timestamp", http.Header{"X-Slack-Signature": {want}}, body, transport.ErrNoSignature},
		{"other secret", signed(now, "other"), body, transport.ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := transport.Verifier{Secret: secret, Now: func() time.Time { return now }}
			if err := v.Verify(tt.hdr, tt.body); err != tt.want {
				t.Fatalf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestForgedRequestsGet401AndChangeNothing(t *testing.T) {
	h := newHarness(t, nil, "")
	form := "command=%2Fmaatwerk&text=Vervalste+casus&channel_id=" + channel + "&user_id=" + alice
	tests := []struct {
		name   string
		path   string
		secret string
		ts     time.Time
	}{
		{"unsigned command", "/slack/commands", "", time.Now()},
		{"wrong secret", "/slack/commands", "not-the-secret", time.Now()},
		{"replayed after 6 minutes", "/slack/commands", testSecret, time.Now().Add(-6 * time.Minute)},
		{"from the future", "/slack/commands", testSecret, time.Now().Add(6 * time.Minute)},
		{"forged interaction", "/slack/interactivity", "not-the-secret", time.Now()},
		{"forged event", "/slack/events", "not-the-secret", time.Now()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &fakeslack.Sender{AppURL: h.srv.URL, Secret: tt.secret, Slack: h.slack, Now: func() time.Time { return tt.ts }}
			r, err := s.Post(tt.path, "application/x-www-form-urlencoded", []byte(form), nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", r.Status)
			}
			if strings.Contains(string(r.Body), "Vervalste") {
				t.Errorf("the answer echoes the body: %s", r.Body)
			}
		})
	}
	h.bot.Wait()
	if n := len(h.slack.Calls()); n != 1 { // auth.test at start only
		t.Errorf("forged requests caused %d Web API calls: %v", n-1, h.slack.Calls())
	}
	if list, _ := h.store.ListCases(context.Background(), channel, store.Filter{}); len(list) != 0 {
		t.Errorf("forged requests stored %d cases", len(list))
	}
	if strings.Contains(h.logs.String(), "Vervalste") {
		t.Errorf("a forged body reached the log")
	}
}

func TestURLVerificationAndHealth(t *testing.T) {
	h := newHarness(t, nil, "")
	r := h.drive.OK(h.send.Post("/slack/events", "application/json",
		[]byte(`{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`), nil))
	if string(r.Body) != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("challenge answer %q", r.Body)
	}
	resp, err := http.Get(h.srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.TrimSpace(string(b)) != "ok" {
		t.Errorf("healthz: %d %q", resp.StatusCode, b)
	}
}

func TestWholeCaseInSlack(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Huurachterstand door te late toeslag")
	if root.ThreadTS != "" || root.Channel != channel {
		t.Fatalf("root message is not top-level in the channel: %s", bottest.Describe(root))
	}
	if !strings.Contains(root.Text, "MW-0001") || !strings.Contains(text(root), "Huurachterstand") {
		t.Errorf("root message lacks case id or title: %s", root.Blocks)
	}
	total := len(mustCards(t).Steps())
	summary := h.drive.RunToSummary(alice, root, total+2)

	// Every question was a reply in the thread, and each shows who answered.
	thread := h.slack.Thread(channel, root.TS)
	answered := 0
	for _, m := range thread {
		if strings.Contains(text(m), "antwoordde") {
			answered++
			if !strings.Contains(text(m), "<@"+alice+">") {
				t.Errorf("answered question does not say who answered: %s", m.Blocks)
			}
			if len(bottest.Controls(m.Blocks)) != 0 {
				t.Errorf("answered question still has buttons: %s", m.Blocks)
			}
		}
	}
	if answered != total {
		t.Errorf("%d answered questions in the thread, want %d", answered, total)
	}
	if !summary.Broadcast || summary.ThreadTS != root.TS {
		t.Errorf("summary is not a broadcast reply in the case thread: %s", bottest.Describe(summary))
	}
	for _, want := range []string{"Samenvatting van MW-0001", "Aanwezige signalen", "fout van de overheid",
		"andere huishoudens", "Rechtsgelijkheid", "Besluit", "onevenredig", "bestaanszekerheid", "Deelnemers"} {
		if !strings.Contains(text(summary), want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	final := h.drive.Root(root)
	if !strings.Contains(text(final), "afgerond") || final.Updated == 0 {
		t.Errorf("root message does not show the completed status: %s", final.Blocks)
	}
	// The argument reply got a reaction.
	reacted := false
	for _, m := range h.slack.Thread(channel, root.TS) {
		if strings.HasPrefix(m.Text, "voor:") && len(m.Reactions) > 0 {
			reacted = true
		}
	}
	if !reacted {
		t.Errorf("the voor: reply was not confirmed with a reaction")
	}
	c, err := h.store.CaseByThread(context.Background(), channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}
	if c.Decision == nil || c.Decision.By != alice || c.Status != record.StatusClosed || len(c.Answers) != total {
		t.Errorf("stored case: decision %+v, status %s, %d answers", c.Decision, c.Status, len(c.Answers))
	}
}

func TestStaleAndDoubleClicksAdvanceOnce(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Dubbel klikken")
	p := h.drive.OpenPrompt(root)
	checks, _ := bottest.Find(p, "mw.checks")
	confirm, _ := bottest.Find(p, "mw.confirm")
	ticked := map[string][]string{checks.ActionID: checks.Options[:1]}

	// Two people confirm the same question at the same moment.
	var wg sync.WaitGroup
	for _, u := range []string{alice, bob} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.drive.OK(h.send.Click(u, p, confirm, "", ticked))
		}()
	}
	wg.Wait()
	h.bot.Wait()
	c, err := h.store.CaseByThread(context.Background(), channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}
	if c.Step != 1 || len(c.Answers) != 1 {
		t.Fatalf("two simultaneous clicks: step %d with %d answers, want step 1 with 1", c.Step, len(c.Answers))
	}
	// The click on the old message, later, is told politely.
	h.drive.OK(h.send.Click(bob, p, confirm, "", ticked))
	h.bot.Wait()
	polite := 0
	for _, call := range h.slack.CallsTo("response_url") {
		if strings.Contains(call.Params["text"], "al beantwoord") {
			polite++
		}
	}
	if polite < 2 {
		t.Errorf("%d polite stale answers, want at least 2 (the losing click and the late one)", polite)
	}
	c, _ = h.store.Case(context.Background(), c.ID)
	if c.Step != 1 {
		t.Errorf("a stale click moved the case to step %d", c.Step)
	}
}

func TestRestartMidCaseContinues(t *testing.T) {
	slack := fakeslack.New(t, testToken)
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	h := newHarness(t, slack, db)
	root := h.drive.Start(alice, "Onderbroken casus")
	for i := 0; i < 6; i++ { // past the signals into the arguments
		h.drive.Answer(alice, root)
	}
	h.stop()

	h2 := newHarness(t, slack, db)
	c, err := h2.store.CaseByThread(context.Background(), channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}
	if c.Step != 6 {
		t.Fatalf("after restart the case is at step %d, want 6", c.Step+1)
	}
	summary := h2.drive.RunToSummary(alice, root, len(mustCards(t).Steps()))
	if !strings.Contains(text(summary), "Onderbroken casus") {
		t.Errorf("summary after restart: %s", summary.Blocks)
	}
}

func TestPersonalDataIsRefusedAndNotStored(t *testing.T) {
	h := newHarness(t, nil, "")
	r := h.drive.OK(h.send.Command("/maatwerk", alice, channel, "Mevrouw met BSN 123456782 heeft schulden"))
	var rep struct{ ResponseType, Text string }
	json.Unmarshal(r.Body, &rep)
	if !strings.Contains(rep.Text, "burgerservicenummer") {
		t.Errorf("the answer does not say what was found: %s", r.Body)
	}
	if !strings.Contains(string(r.Body), `"response_type":"ephemeral"`) {
		t.Errorf("the refusal is not ephemeral: %s", r.Body)
	}
	h.bot.Wait()
	if list, _ := h.store.ListCases(context.Background(), channel, store.Filter{}); len(list) != 0 {
		t.Errorf("a case with a BSN was stored")
	}

	// In a thread: the reply is refused ephemerally and the case untouched.
	root := h.drive.Start(alice, "Casus zonder persoonsgegevens")
	if _, err := h.send.Reply(bob, channel, root.TS, "Bel haar op 06-12345678, of mail jan@example.nl"); err != nil {
		t.Fatal(err)
	}
	h.bot.Wait()
	c, _ := h.store.CaseByThread(context.Background(), channel, root.TS)
	if len(c.Discussion) != 0 {
		t.Errorf("a reply with a phone number was stored: %+v", c.Discussion)
	}
	eph := h.slack.Ephemerals(channel)
	if len(eph) == 0 || !strings.Contains(eph[len(eph)-1].Text, "telefoonnummer") || eph[len(eph)-1].User != bob {
		t.Errorf("bob was not told about the phone number: %+v", eph)
	}
	// Ordinary discussion is kept, attributed.
	h.send.Reply(bob, channel, root.TS, "Ik heb zo'n casus vorig jaar ook gehad.")
	h.bot.Wait()
	c, _ = h.store.CaseByThread(context.Background(), channel, root.TS)
	if len(c.Discussion) != 1 || c.Discussion[0].By != bob {
		t.Errorf("discussion: %+v", c.Discussion)
	}
}

func TestRetriedEventIsHandledOnce(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Dubbele levering")
	ts := h.slack.AddUserMessage(channel, root.TS, bob, "tegen: dit schept een precedent")
	ev := map[string]any{"type": "message", "channel": channel, "user": bob, "text": "tegen: dit schept een precedent",
		"ts": ts, "thread_ts": root.TS, "channel_type": "channel"}
	for retry := 0; retry < 3; retry++ {
		h.drive.OK(h.send.Event("Ev0RETRY01", ev, retry))
	}
	h.bot.Wait()
	c, _ := h.store.CaseByThread(context.Background(), channel, root.TS)
	if len(c.Arguments) != 1 {
		t.Errorf("an event delivered 3 times stored %d arguments, want 1", len(c.Arguments))
	}
}

func TestBotIgnoresBotsAndOtherThreads(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Negeren")
	events := []map[string]any{
		{"type": "message", "channel": channel, "user": fakeslack.BotUserID, "text": "voor: eigen bericht", "ts": "1.1", "thread_ts": root.TS},
		{"type": "message", "channel": channel, "bot_id": "B999", "text": "voor: andere bot", "ts": "1.2", "thread_ts": root.TS},
		{"type": "message", "subtype": "channel_join", "channel": channel, "user": bob, "text": "joined", "ts": "1.3", "thread_ts": root.TS},
		{"type": "message", "channel": channel, "user": bob, "text": "voor: geen casus-thread", "ts": "1.4", "thread_ts": "999.999"},
		{"type": "message", "channel": channel, "user": bob, "text": "voor: geen thread", "ts": "1.5"},
	}
	for i, ev := range events {
		h.drive.OK(h.send.Event("EvIGNORE"+string(rune('A'+i)), ev, 0))
	}
	h.bot.Wait()
	c, _ := h.store.CaseByThread(context.Background(), channel, root.TS)
	if len(c.Arguments) != 0 || len(c.Discussion) != 0 {
		t.Errorf("ignored messages changed the case: %+v %+v", c.Arguments, c.Discussion)
	}
}

func TestMentionsInThread(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Vermelding")
	before := len(h.slack.Thread(channel, root.TS))
	h.send.Reply(bob, channel, root.TS, "<@"+fakeslack.BotUserID+"> samenvatting")
	h.slack.WaitFor(t, 5*time.Second, "summary in thread", func() bool {
		for _, m := range h.slack.Thread(channel, root.TS)[before:] {
			if strings.Contains(text(m), "Samenvatting van MW-0001") && !m.Broadcast {
				return true
			}
		}
		return false
	})
	p := h.drive.OpenPrompt(root)
	h.send.Reply(bob, channel, root.TS, "<@"+fakeslack.BotUserID+"> stap")
	h.slack.WaitFor(t, 5*time.Second, "question re-posted", func() bool {
		q := h.drive.OpenPrompt(root)
		return q.TS != p.TS
	})
	h.bot.Wait()
	c, _ := h.store.CaseByThread(context.Background(), channel, root.TS)
	if len(c.Discussion) != 0 {
		t.Errorf("mentions were kept as discussion: %+v", c.Discussion)
	}
	// Outside a case thread the bot explains how to start one.
	h.send.Reply(bob, channel, "", "<@"+fakeslack.BotUserID+"> help")
	h.bot.Wait()
	eph := h.slack.Ephemerals(channel)
	if len(eph) == 0 || !strings.Contains(eph[len(eph)-1].Text, "/maatwerk") {
		t.Errorf("mention outside a case thread: %+v", eph)
	}
}

func TestBotNotInChannel(t *testing.T) {
	h := newHarness(t, nil, "")
	h.slack.SetNotInChannel("C0PRIVATE")
	h.drive.OK(h.send.Command("/maatwerk", alice, "C0PRIVATE", "Casus in een kanaal zonder bot"))
	h.bot.Wait()
	found := false
	for _, c := range h.slack.CallsTo("response_url") {
		if strings.Contains(c.Params["text"], "/invite") {
			found = true
		}
	}
	if !found {
		t.Errorf("the user was not told to invite the bot")
	}
	if list, _ := h.store.ListCases(context.Background(), "C0PRIVATE", store.Filter{}); len(list) != 0 {
		t.Errorf("an unpostable case was kept")
	}
}

func TestModalStartAndFieldErrors(t *testing.T) {
	h := newHarness(t, nil, "")
	h.drive.OK(h.send.Command("/maatwerk", alice, channel, ""))
	view := h.drive.LastView(0)
	// Personal data in the title: the modal shows a field error.
	r := h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
		"title": {"input": "Meneer, IBAN NL91ABNA0417164300"}, "scheme": {"input": "Wmo"},
	}))
	if !strings.Contains(string(r.Body), `"response_action":"errors"`) || !strings.Contains(string(r.Body), `"title"`) {
		t.Fatalf("no field error for personal data: %s", r.Body)
	}
	// A BSN, or a name, as zaaknummer: the error is shown at that field.
	for _, z := range []string{"123456782", "Jansen"} {
		r = h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
			"title": {"input": "Eigen bijdrage Wmo onbetaalbaar"}, "zaaknummer": {"input": z},
		}))
		if !strings.Contains(string(r.Body), `"response_action":"errors"`) || !strings.Contains(string(r.Body), `"zaaknummer"`) {
			t.Fatalf("no field error for zaaknummer %q: %s", z, r.Body)
		}
	}
	r = h.drive.OK(h.send.Submit(alice, view, map[string]map[string]string{
		"title": {"input": "Eigen bijdrage Wmo onbetaalbaar"}, "scheme": {"input": "Wmo"}, "urgency": {"input": "=hoog"},
		"zaaknummer": {"input": "Z-2026-00123"},
	}))
	if len(bytes.TrimSpace(r.Body)) != 0 {
		t.Fatalf("a valid submission should close the modal, got %s", r.Body)
	}
	h.slack.WaitFor(t, 5*time.Second, "root message", func() bool { return len(h.drive.RootsForTest()) == 1 })
	root := h.drive.RootsForTest()[0]
	for _, want := range []string{"Eigen bijdrage Wmo onbetaalbaar", "Wmo", "hoog", "<@" + alice + ">", "Zaaknummer*\\nZ-2026-00123"} {
		if !strings.Contains(text(root), want) {
			t.Errorf("root lacks %q: %s", want, root.Blocks)
		}
	}
}

// text is a message's blocks as JSON with <, > and & unescaped, for
// searching.
func text(m fakeslack.Message) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(m.Blocks))
}
