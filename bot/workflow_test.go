package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// stepInputs are the inputs of an intake workflow's "Start maatwerkcasus"
// step.
func stepInputs() map[string]any {
	return map[string]any{
		WorkflowChannel:    channel,
		WorkflowTitle:      "Bijzondere bijstand voor een wasmachine",
		WorkflowScheme:     "Participatiewet",
		WorkflowZaaknummer: "Z-2026-00123",
		WorkflowStartedBy:  alice,
	}
}

// completed waits until the step of run is completed and returns it.
func completed(t *testing.T, web *fakeslack.Server, run fakeslack.FunctionRun) fakeslack.FunctionRun {
	t.Helper()
	web.WaitFor(t, 10*time.Second, "the workflow step to be completed", func() bool {
		r, _ := web.Function(run.ExecutionID)
		return r.Completed
	})
	r, _ := web.Function(run.ExecutionID)
	return r
}

// onlyCase returns the one case of the test channel.
func onlyCase(t *testing.T, st *store.Store) *record.Case {
	t.Helper()
	cs, err := st.ListCases(context.Background(), channel, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("%d cases in %s, want 1", len(cs), channel)
	}
	return cs[0]
}

// TestWorkflowStepStartsCase: function_executed over HTTP starts the case
// with the step's inputs in the chosen channel, posts its root, and
// completes the step with the case id and the link to its thread, with
// the execution's own token. The same execution delivered again (Slack's
// retry of the event, or a new delivery of the execution) starts no second
// case; the token never reaches the database or the log.
func TestWorkflowStepStartsCase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	h := newHarness(t, nil, db)
	run := h.slack.StartFunction()
	h.drive.OK(h.send.FunctionExecuted("EvFN000001", run, WorkflowStep, stepInputs(), 0))
	got := completed(t, h.slack, run)
	h.bot.Wait()

	c := onlyCase(t, h.store)
	if c.Title != "Bijzondere bijstand voor een wasmachine" || c.Scheme != "Participatiewet" || c.Zaaknummer != "Z-2026-00123" ||
		c.StartedBy != alice || c.Thread == "" {
		t.Errorf("case = title %q, scheme %q, zaaknummer %q, by %s, thread %q", c.Title, c.Scheme, c.Zaaknummer, c.StartedBy, c.Thread)
	}
	if root, ok := h.slack.Message(channel, c.Thread); !ok || !strings.Contains(text(root), c.Key()) {
		t.Errorf("no root message with %s in %s: %+v", c.Key(), channel, root)
	}
	if got.Error != "" || got.Outputs[WorkflowCaseID] != c.Key() {
		t.Errorf("step completed with %v, error %q; want case_id %s", got.Outputs, got.Error, c.Key())
	}
	wantLink := "/archives/" + channel + "/p" + strings.ReplaceAll(c.Thread, ".", "")
	if link := got.Outputs[WorkflowCaseLink]; !strings.HasSuffix(link, wantLink) {
		t.Errorf("case_link = %q, want the root message's permalink (…%s)", link, wantLink)
	}
	if got.ByToken != run.Token {
		t.Errorf("completed with token %q, want the execution's bot_access_token", got.ByToken)
	}

	// Slack's retry of the same event: dropped on its event id.
	h.drive.OK(h.send.FunctionExecuted("EvFN000001", run, WorkflowStep, stepInputs(), 1))
	h.bot.Wait()
	if n := len(h.slack.CallsTo("functions.completeSuccess")); n != 1 {
		t.Errorf("after a retry of the event: %d completions, want 1", n)
	}
	// The same execution under a new event id: no second case; the step
	// is completed again with the same outputs, which Slack refuses as
	// done already, and the bot takes that as success.
	h.drive.OK(h.send.FunctionExecuted("EvFN000002", run, WorkflowStep, stepInputs(), 0))
	h.bot.Wait()
	onlyCase(t, h.store)
	calls := h.slack.CallsTo("functions.completeSuccess")
	if len(calls) != 2 || calls[1].Params["outputs"] != calls[0].Params["outputs"] {
		t.Errorf("after a new delivery: %d completions, want 2 with the same outputs", len(calls))
	}
	if again, _ := h.slack.Function(run.ExecutionID); again.Refused != 1 || again.Outputs[WorkflowCaseID] != c.Key() {
		t.Errorf("run after the new delivery = %+v", again)
	}
	if n := len(h.slack.CallsTo("functions.completeError")); n != 0 {
		t.Errorf("%d calls of functions.completeError", n)
	}

	logs := h.logs.String()
	h.stop()
	if strings.Contains(logs, run.Token) {
		t.Error("the step's token is in the log")
	}
	if strings.Contains(logs, `"level":"ERROR"`) {
		t.Errorf("errors logged:\n%s", logs)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(run.Token)) {
		t.Error("the step's token is in the database file")
	}
}

// TestWorkflowStepRefuses: a step that cannot start a case completes with
// an error that tells the workflow's runner why, in Dutch, and stores and
// posts nothing; personal data in an input is refused by the privacy guard
// as everywhere else.
func TestWorkflowStepRefuses(t *testing.T) {
	tests := []struct {
		name     string
		callback string
		change   func(in map[string]any)
		want     string // in the error the runner reads
		absent   string // nowhere in the database file
	}{
		{"BSN in the title", WorkflowStep, func(in map[string]any) { in[WorkflowTitle] = "Bijstand voor 111222333" },
			"Korte omschrijving: Je tekst lijkt een burgerservicenummer (BSN) te bevatten", "111222333"},
		{"e-mail address in the scheme", WorkflowStep, func(in map[string]any) { in[WorkflowScheme] = "Wmo, mail j.jansen@example.nl" },
			"Regeling of regel: Je tekst lijkt een e-mailadres te bevatten", "j.jansen@example.nl"},
		{"no title", WorkflowStep, func(in map[string]any) { delete(in, WorkflowTitle) },
			"Geen maatwerkcasus gestart. Korte omschrijving: Vul hier iets in.", ""},
		{"a blank title", WorkflowStep, func(in map[string]any) { in[WorkflowTitle] = " \u200b " },
			"Korte omschrijving: Vul hier iets in.", ""},
		{"a zaaknummer without digits", WorkflowStep, func(in map[string]any) { in[WorkflowZaaknummer] = "geen nummer" },
			"Zaaknummer: Een zaaknummer bestaat uit cijfers", ""},
		{"no channel", WorkflowStep, func(in map[string]any) { delete(in, WorkflowChannel) },
			"de stap kreeg geen kanaal", ""},
		{"not a channel id", WorkflowStep, func(in map[string]any) { in[WorkflowChannel] = "#algemeen" },
			"de stap kreeg geen kanaal", ""},
		{"another step", "iets_anders", func(map[string]any) {}, "Deze stap kent maatwerkbot niet", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "m.db")
			h := newHarness(t, nil, db)
			in := stepInputs()
			tt.change(in)
			run := h.slack.StartFunction()
			h.drive.OK(h.send.FunctionExecuted("EvFN000001", run, tt.callback, in, 0))
			got := completed(t, h.slack, run)
			h.bot.Wait()
			if !strings.Contains(got.Error, tt.want) || got.Outputs != nil {
				t.Errorf("step completed with error %q, outputs %v; want an error with %q", got.Error, got.Outputs, tt.want)
			}
			if n, _ := h.store.CountCases(context.Background()); n != 0 {
				t.Errorf("%d cases stored", n)
			}
			if msgs := h.slack.Messages(channel); len(msgs) != 0 {
				t.Errorf("%d messages posted in %s", len(msgs), channel)
			}
			h.stop()
			if tt.absent == "" {
				return
			}
			raw, err := os.ReadFile(db)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(raw, []byte(tt.absent)) {
				t.Errorf("%q is in the database file", tt.absent)
			}
		})
	}
}

// TestWorkflowStepNotInChannel: when the bot is not in the chosen channel
// the case is taken back and the step fails with how to fix it.
func TestWorkflowStepNotInChannel(t *testing.T) {
	h := newHarness(t, nil, "")
	h.slack.SetNotInChannel(channel)
	run := h.slack.StartFunction()
	h.drive.OK(h.send.FunctionExecuted("EvFN000001", run, WorkflowStep, stepInputs(), 0))
	got := completed(t, h.slack, run)
	h.bot.Wait()
	if !strings.Contains(got.Error, "/invite @maatwerkbot") {
		t.Errorf("step completed with error %q, outputs %v; want how to invite the bot", got.Error, got.Outputs)
	}
	if n, _ := h.store.CountCases(context.Background()); n != 0 {
		t.Errorf("%d cases stored", n)
	}
}

// TestWorkflowStepWithoutRunner: a step without "Gestart door" starts the
// case in the bot's name.
func TestWorkflowStepWithoutRunner(t *testing.T) {
	h := newHarness(t, nil, "")
	in := stepInputs()
	delete(in, WorkflowStartedBy)
	run := h.slack.StartFunction()
	h.drive.OK(h.send.FunctionExecuted("EvFN000001", run, WorkflowStep, in, 0))
	if got := completed(t, h.slack, run); got.Outputs[WorkflowCaseID] == "" {
		t.Fatalf("step completed with %+v", got)
	}
	h.bot.Wait()
	if c := onlyCase(t, h.store); c.StartedBy != fakeslack.BotUserID {
		t.Errorf("started by %q, want the bot", c.StartedBy)
	}
}

// TestWorkflowStepSocketMode: the same step over Socket Mode, delivered
// twice in one envelope each (a redelivery), starts one case.
func TestWorkflowStepSocketMode(t *testing.T) {
	h, sock, b, conn := socketBot(t)
	web := h.slack

	run := web.StartFunction()
	event := map[string]any{"type": "event_callback", "event_id": "EvSOCKETFN1", "team_id": fakeslack.TeamID,
		"api_app_id": fakeslack.AppID, "event": fakeslack.FunctionExecutedEvent(run, WorkflowStep, stepInputs())}
	sock.send(conn, "events_api", event)
	sock.send(conn, "events_api", event)
	got := completed(t, web, run)
	b.Wait()
	c := onlyCase(t, h.store)
	if got.Outputs[WorkflowCaseID] != c.Key() || !strings.Contains(got.Outputs[WorkflowCaseLink], channel) || got.ByToken != run.Token {
		t.Errorf("step completed with %+v, want %s and a link into %s", got, c.Key(), channel)
	}
	if n := len(web.CallsTo("functions.completeSuccess")); n != 1 {
		t.Errorf("%d completions, want 1", n)
	}
}

// TestWithoutStepToken: the inbox keeps a function_executed event without
// its token, and everything else as it came.
func TestWithoutStepToken(t *testing.T) {
	run := fakeslack.FunctionRun{ExecutionID: "Fx0000000001", Token: "xwfp-secret-0001"}
	tests := []struct {
		name  string
		inner map[string]any
	}{
		{"function_executed", fakeslack.FunctionExecutedEvent(run, WorkflowStep, stepInputs())},
		{"message", map[string]any{"type": "message", "channel": channel, "user": alice, "text": "xwfp-secret-0001", "ts": "1.2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": "Ev1", "team_id": fakeslack.TeamID, "event": tt.inner})
			ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
			if err != nil {
				t.Fatal(err)
			}
			kept := withoutStepToken(body, ev)
			again, err := slackevents.ParseEvent(kept, slackevents.OptionNoVerifyToken())
			if err != nil {
				t.Fatalf("the kept body does not parse: %v", err)
			}
			fx, isStep := again.InnerEvent.Data.(*slackevents.FunctionExecutedEvent)
			switch {
			case isStep && (bytes.Contains(kept, []byte(run.Token)) || fx.BotAccessToken != ""):
				t.Errorf("the token is kept: %s", kept)
			case isStep && (fx.FunctionExecutionID != run.ExecutionID || fx.Inputs[WorkflowTitle] != stepInputs()[WorkflowTitle]):
				t.Errorf("the kept event lost more than its token: %+v", fx)
			case !isStep && !bytes.Equal(kept, body):
				t.Errorf("another event was changed: %s", kept)
			}
		})
	}
}
