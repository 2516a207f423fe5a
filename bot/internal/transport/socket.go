package transport

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// RunSocket serves Socket Mode until ctx ends. Every envelope is
// acknowledged by its envelope_id; a dropped connection is reopened with
// backoff (slack-go reconnects on Slack's disconnect frames itself, and
// watches the ping interval for a connection that went deaf).
func (srv *Server) RunSocket(ctx context.Context) error {
	client := socketmode.New(srv.api, socketmode.OptionPingInterval(30*time.Second))
	go srv.socketEvents(ctx, client)
	backoff := time.Second
	for {
		start := time.Now()
		err := client.RunContext(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if time.Since(start) > time.Minute {
			backoff = time.Second
		}
		srv.log.Warn("socket mode connection ended; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, time.Minute)
	}
}

func (srv *Server) socketEvents(ctx context.Context, client *socketmode.Client) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt, ok := <-client.Events:
			if !ok {
				return
			}
			srv.socketEvent(ctx, client, evt)
		}
	}
}

func (srv *Server) socketEvent(ctx context.Context, client *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnected:
		srv.log.Info("socket mode connected")
	case socketmode.EventTypeDisconnect, socketmode.EventTypeConnectionError:
		srv.log.Warn("socket mode connection problem", "type", evt.Type, "err", evt.Data)
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			return
		}
		var payload any
		actx, cancel := context.WithTimeout(ctx, ackBudget)
		if rep := srv.command(actx, cmd); rep != nil {
			payload = rep
		}
		cancel()
		srv.ack(client, evt.Request, payload)
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok || evt.Request == nil {
			return
		}
		actx, cancel := context.WithTimeout(ctx, ackBudget)
		resp := srv.interaction(actx, cb)
		cancel()
		srv.ack(client, evt.Request, resp)
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok || evt.Request == nil {
			return
		}
		var outer struct {
			EventID string `json:"event_id"`
		}
		json.Unmarshal(evt.Request.Payload, &outer)
		if err := srv.acceptEvent(ctx, outer.EventID, evt.Request.Payload, ev); err != nil {
			// Not acknowledged: Slack delivers it again.
			srv.log.Error("accept event", "err", err)
			return
		}
		srv.ack(client, evt.Request, nil)
	}
}

func (srv *Server) ack(client *socketmode.Client, req *socketmode.Request, payload any) {
	if payload == nil {
		client.Ack(*req)
		return
	}
	raw, err := json.Marshal(payload)
	if err != nil || len(raw) >= 20_000 {
		srv.log.Error("socket mode ack payload unusable", "err", fmt.Errorf("%d bytes: %v", len(raw), err))
		client.Ack(*req)
		return
	}
	client.Ack(*req, payload)
}
