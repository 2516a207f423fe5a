package transport

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/jsoncut"
)

// Handler serves HTTP mode: POST /slack/commands, /slack/interactivity and
// /slack/events (each signed by Slack), and the operations endpoints GET
// /healthz, /readyz and /metrics (ops.go). A request whose signature fails
// gets 401, one larger than 1 MiB gets 413, and neither changes anything.
func (srv *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /slack/commands", srv.serveCommand)
	mux.HandleFunc("POST /slack/interactivity", srv.serveInteraction)
	mux.HandleFunc("POST /slack/events", srv.serveEvents)
	srv.registerOps(mux)
	return srv.instrument(mux)
}

// NewServer returns the HTTP server for addr with timeouts that suit Slack's
// 3-second deadline and a bounded header size.
func (srv *Server) NewServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
}

// ackBudget bounds the work a command or an interaction does before it is
// acknowledged: every Web API call on that path gets this context, so a
// slow Slack cannot push the answer past Slack's 3 seconds. Work after the
// answer runs in the background (spawn) with its own time.
const ackBudget = 2500 * time.Millisecond

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if v == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	json.NewEncoder(w).Encode(v)
}

func (srv *Server) serveCommand(w http.ResponseWriter, r *http.Request) {
	body, ok := srv.verify.verified(w, r)
	if !ok {
		return
	}
	// The same signed command sent again (a replay within the signing
	// window, or a retry) starts nothing twice: the signature covers the
	// timestamp and the body, whose trigger_id is new for every command a
	// person types, so two commands typed alike still differ.
	if seen, err := srv.store.SeenEvent(r.Context(), "cmd:"+r.Header.Get("X-Slack-Signature"), srv.cfg.Now()); err != nil {
		srv.log.Error("command dedup failed", "err", err)
	} else if seen {
		w.WriteHeader(http.StatusOK)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	cmd := slack.SlashCommand{
		TeamID:       form.Get("team_id"),
		EnterpriseID: form.Get("enterprise_id"),
		ChannelID:    form.Get("channel_id"),
		UserID:       form.Get("user_id"),
		Command:      form.Get("command"),
		Text:         form.Get("text"),
		ResponseURL:  form.Get("response_url"),
		TriggerID:    form.Get("trigger_id"),
	}
	ctx, cancel := context.WithTimeout(r.Context(), ackBudget)
	defer cancel()
	if rep := srv.command(ctx, cmd); rep != nil {
		writeJSON(w, rep)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (srv *Server) serveInteraction(w http.ResponseWriter, r *http.Request) {
	body, ok := srv.verify.verified(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	cb, err := DecodeInteraction(jsoncut.SlimPayload([]byte(form.Get("payload"))))
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), ackBudget)
	defer cancel()
	if resp := srv.interaction(ctx, cb); resp != nil {
		writeJSON(w, resp)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (srv *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	body, ok := srv.verify.verified(w, r)
	if !ok {
		return
	}
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// An event of a type this bot does not know (Slack adds them) is
		// acknowledged, so that Slack does not send it again; only what is
		// not an event at all is refused.
		var outer struct {
			Type  string `json:"type"`
			Event struct {
				Type string `json:"type"`
			} `json:"event"`
		}
		if json.Unmarshal(body, &outer) == nil && outer.Type == slackevents.CallbackEvent {
			srv.log.Info("event of an unknown type acknowledged and ignored", "type", fmt.Sprintf("%.60q", outer.Event.Type))
			w.WriteHeader(http.StatusOK)
			return
		}
		http.Error(w, "bad event", http.StatusBadRequest)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		var ch struct {
			Challenge string `json:"challenge"`
		}
		json.Unmarshal(body, &ch)
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(ch.Challenge))
		return
	case slackevents.CallbackEvent:
		var outer struct {
			EventID string `json:"event_id"`
		}
		json.Unmarshal(body, &outer)
		if err := srv.acceptEvent(r.Context(), outer.EventID, body, ev); err != nil {
			// Not acknowledged: Slack delivers it again.
			srv.log.Error("accept event", "err", err)
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
}
