package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// socketSlack is Slack's Socket Mode side: apps.connections.open hands out a
// WebSocket URL on this server, which says hello and sends envelopes; every
// other Web API method goes to the fake Web API.
type socketSlack struct {
	t        *testing.T
	web      *fakeslack.Server
	srv      *httptest.Server
	opens    atomic.Int32
	conns    chan *websocket.Conn
	mu       sync.Mutex
	acks     map[string]json.RawMessage
	envelope atomic.Int32
}

func newSocketSlack(t *testing.T, web *fakeslack.Server) *socketSlack {
	s := &socketSlack{t: t, web: web, conns: make(chan *websocket.Conn, 4), acks: map[string]json.RawMessage{}}
	target, _ := url.Parse(strings.TrimSuffix(web.APIURL(), "/api/"))
	proxy := httputil.NewSingleHostReverseProxy(target)
	mux := http.NewServeMux()
	mux.HandleFunc("/api/apps.connections.open", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer xapp-test-app-token" {
			fmt.Fprint(w, `{"ok":false,"error":"invalid_auth"}`)
			return
		}
		s.opens.Add(1)
		fmt.Fprintf(w, `{"ok":true,"url":"ws://%s/link"}`, r.Host)
	})
	mux.HandleFunc("/link", func(w http.ResponseWriter, r *http.Request) {
		up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			t.Logf("upgrade %s: %v %v", r.URL, err, r.Header)
			return
		}
		c.WriteJSON(map[string]any{"type": "hello", "num_connections": 1,
			"connection_info": map[string]any{"app_id": fakeslack.AppID}, "debug_info": map[string]any{"host": "fake"}})
		go func() { // read acks until the connection closes
			for {
				var ack struct {
					EnvelopeID string          `json:"envelope_id"`
					Payload    json.RawMessage `json:"payload"`
				}
				if err := c.ReadJSON(&ack); err != nil {
					return
				}
				s.mu.Lock()
				s.acks[ack.EnvelopeID] = ack.Payload
				s.mu.Unlock()
			}
		}()
		s.conns <- c
	})
	mux.Handle("/", proxy)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

// send writes an envelope on conn and waits for its ack.
func (s *socketSlack) send(conn *websocket.Conn, typ string, payload any) json.RawMessage {
	s.t.Helper()
	id := fmt.Sprintf("env-%d", s.envelope.Add(1))
	raw, _ := json.Marshal(payload)
	if err := conn.WriteJSON(map[string]any{"envelope_id": id, "type": typ, "payload": json.RawMessage(raw),
		"accepts_response_payload": typ != "events_api"}); err != nil {
		s.t.Fatal(err)
	}
	var ack json.RawMessage
	s.web.WaitFor(s.t, 5*time.Second, "ack of "+id, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		var ok bool
		ack, ok = s.acks[id]
		return ok
	})
	return ack
}

// socketBot starts a bot in Socket Mode on a harness's store and fake
// Slack, through a fake Socket Mode server, and returns the harness, that
// server, the bot and its connection; the test's cleanup stops the bot.
func socketBot(t *testing.T) (*harness, *socketSlack, *Bot, *websocket.Conn) {
	t.Helper()
	web := fakeslack.New(t, testToken)
	sock := newSocketSlack(t, web)
	h := newHarness(t, web, "")
	ctx, cancel := context.WithCancel(context.Background())
	b := New(ctx, Config{BotToken: testToken, AppToken: "xapp-test-app-token", APIURL: sock.srv.URL + "/api/",
		Command: "/maatwerk", Lang: "nl", Location: time.UTC}, h.store, h.bot.engine, h.bot.log)
	if err := b.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 2)
	go func() { done <- b.RunSocket(ctx) }()
	go func() { done <- b.RunOutbox(ctx) }()
	t.Cleanup(func() {
		b.Wait()
		cancel()
		<-done
		<-done
	})
	return h, sock, b, <-sock.conns
}

func TestSocketModeCaseAndReconnect(t *testing.T) {
	h, sock, b, conn := socketBot(t)
	web := h.slack

	// A slash command arrives as an envelope; its ack carries the answer.
	ack := sock.send(conn, "slash_commands", map[string]any{"command": "/maatwerk", "text": "help",
		"user_id": alice, "channel_id": channel, "team_id": fakeslack.TeamID})
	if !strings.Contains(string(ack), "ephemeral") || !strings.Contains(string(ack), "/maatwerk") {
		t.Errorf("ack of help does not carry the help text: %s", ack)
	}
	sock.send(conn, "slash_commands", map[string]any{"command": "/maatwerk", "text": "Casus via Socket Mode",
		"user_id": alice, "channel_id": channel, "team_id": fakeslack.TeamID, "response_url": web.ResponseURL("sock")})
	d := &bottest.Driver{T: t, Slack: web, Channel: channel}
	var root fakeslack.Message
	web.WaitFor(t, 5*time.Second, "root message", func() bool {
		roots := d.RootsForTest()
		if len(roots) == 0 {
			return false
		}
		root = roots[0]
		return true
	})
	p := d.OpenPrompt(root)

	// Slack asks for a reconnect; the bot opens a new connection and goes on.
	conn.WriteJSON(map[string]any{"type": "disconnect", "reason": "refresh_requested"})
	conn.Close()
	var conn2 *websocket.Conn
	select {
	case conn2 = <-sock.conns:
	case <-time.After(10 * time.Second):
		t.Fatal("no reconnect after disconnect")
	}
	if sock.opens.Load() < 2 {
		t.Errorf("apps.connections.open called %d times, want a second call", sock.opens.Load())
	}

	// A click arrives as an interactive envelope.
	checks, _ := bottest.Find(p, "mw.checks")
	confirm, _ := bottest.Find(p, "mw.confirm")
	sock.send(conn2, "interactive", map[string]any{
		"type": "block_actions", "user": map[string]any{"id": alice}, "channel": map[string]any{"id": channel},
		"container": map[string]any{"type": "message", "message_ts": p.TS, "channel_id": channel},
		"actions":   []any{map[string]any{"type": "button", "action_id": confirm.ActionID, "block_id": confirm.BlockID, "value": "ok"}},
		"state": map[string]any{"values": map[string]any{confirm.BlockID: map[string]any{checks.ActionID: map[string]any{
			"type": "checkboxes", "selected_options": []any{map[string]any{"value": checks.Options[0]}}}}}},
	})
	web.WaitFor(t, 5*time.Second, "the question to show its answer", func() bool {
		m, _ := web.Message(channel, p.TS)
		return len(bottest.Controls(m.Blocks)) == 0
	})

	// A thread reply arrives as an events_api envelope, twice (a redelivery).
	ts := web.AddUserMessage(channel, root.TS, bob, "voor: via de socket")
	event := map[string]any{"type": "event_callback", "event_id": "EvSOCKET1", "team_id": fakeslack.TeamID,
		"event": map[string]any{"type": "message", "channel": channel, "user": bob, "text": "voor: via de socket",
			"ts": ts, "thread_ts": root.TS, "channel_type": "channel"}}
	sock.send(conn2, "events_api", event)
	sock.send(conn2, "events_api", event)
	b.Wait()
	c, err := h.store.CaseByThread(context.Background(), channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}
	if c.Step != 1 || len(c.Arguments) != 1 || c.Arguments[0].By != bob {
		t.Errorf("after socket traffic: step %d, arguments %+v", c.Step, c.Arguments)
	}
}
