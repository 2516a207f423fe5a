package bot

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// The Workflow Builder step "Start maatwerkcasus" (issue 17.6): a custom
// step (a function in the app manifest, deploy/slack/*.yaml) that an
// intake workflow can run. Slack sends function_executed with the step's
// inputs; the bot starts the case as /maatwerk does and completes the step
// with functions.completeSuccess (the case's id and the link to its
// thread, for the workflow's next steps) or functions.completeError (why
// no case was started, which the workflow's runner reads).

// WorkflowStep is the callback_id of the step in the manifest, and the
// Workflow* names are its input and output parameters; the manifest test
// in cmd/maatwerkbot holds deploy/slack/*.yaml to them.
const (
	WorkflowStep = "start_maatwerkcasus"

	WorkflowChannel    = "channel"    // slack#/types/channel_id, required
	WorkflowTitle      = "title"      // string, required
	WorkflowScheme     = "scheme"     // string
	WorkflowZaaknummer = "zaaknummer" // string
	WorkflowStartedBy  = "started_by" // slack#/types/user_id

	WorkflowCaseID   = "case_id"   // "MW-0042"
	WorkflowCaseLink = "case_link" // the permalink of the case's root message
)

// WorkflowInputs returns the step's input parameters.
func WorkflowInputs() []string {
	return []string{WorkflowChannel, WorkflowTitle, WorkflowScheme, WorkflowZaaknummer, WorkflowStartedBy}
}

// WorkflowOutputs returns the step's output parameters.
func WorkflowOutputs() []string { return []string{WorkflowCaseID, WorkflowCaseLink} }

// rootWait bounds how long the step waits for the case's root message, so
// that case_link can point at the case's thread; past it the link points
// at the channel (the root comes when Slack lets the outbox post it).
const rootWait = 20 * time.Second

// completeWindow is how long a completion waits out Slack's rate limit.
const completeWindow = 30 * time.Second

// completeTries is how often a completion is tried when Slack is not
// reached or answers with a server error.
const completeTries = 3

// errStepNotInChannel: the bot could not post the case in the chosen
// channel, and the case was taken back (see delivery.postRoot).
var errStepNotInChannel = errors.New("workflow step: the bot is not in the channel")

var (
	channelIDShape = regexp.MustCompile(`^[CG][A-Z0-9]{2,30}$`)
	userIDShape    = regexp.MustCompile(`^[UW][A-Z0-9]{2,30}$`)
)

// functionExecuted runs the workflow step of ev: it starts the case once
// per function execution and completes the step. team is the workspace the
// event came from, for the channel link.
func (b *Bot) functionExecuted(ctx context.Context, team string, ev *slackevents.FunctionExecutedEvent) error {
	if ev.FunctionExecutionID == "" {
		return nil
	}
	by := inputString(ev.Inputs, WorkflowStartedBy)
	if !userIDShape.MatchString(by) {
		by = "" // not a person: the bot starts the case
	}
	lang := b.dir.LangFor(ctx, by)
	t := dialogs.TextsFor(lang)
	if ev.Function.CallbackID != WorkflowStep {
		b.log.WarnContext(ctx, "workflow step of an unknown function", "callback_id", fmt.Sprintf("%.60q", ev.Function.CallbackID))
		return b.completeStep(ctx, ev, nil, t.WorkflowUnknownStep)
	}
	ch := inputString(ev.Inputs, WorkflowChannel)
	if !channelIDShape.MatchString(ch) {
		return b.completeStep(ctx, ev, nil, t.WorkflowNoChannel)
	}
	c, err := b.startCaseOnce(ctx, ev.FunctionExecutionID, dialogs.Start{
		Channel:    ch,
		Team:       team,
		Title:      inputString(ev.Inputs, WorkflowTitle),
		Scheme:     inputString(ev.Inputs, WorkflowScheme),
		Zaaknummer: inputString(ev.Inputs, WorkflowZaaknummer),
		By:         cmp.Or(by, b.selfID(ctx)),
		Lang:       lang,
	})
	if ue, ok := dialogs.AsError(err); ok {
		return b.completeStep(ctx, ev, nil, fmt.Sprintf(t.WorkflowRefusedF, inputLabel(t, ue.Field), ue.In(lang)))
	}
	if err != nil {
		return errors.Join(err, b.completeStep(ctx, ev, nil, t.WorkflowFailed))
	}
	link, err := b.caseLink(ctx, c, team)
	switch {
	case errors.Is(err, errStepNotInChannel):
		return b.completeStep(ctx, ev, nil, t.WorkflowNotInChannel)
	case err != nil:
		return errors.Join(err, b.completeStep(ctx, ev, nil, t.WorkflowFailed))
	}
	return b.completeStep(ctx, ev, map[string]string{WorkflowCaseID: c.Key(), WorkflowCaseLink: link}, "")
}

// startCaseOnce starts the case of function execution exec, or returns the
// case an earlier delivery of the same execution started: Slack may send
// function_executed again, and the inbox replays an event that a restart
// interrupted. Errors are *dialogs.Error or internal.
func (b *Bot) startCaseOnce(ctx context.Context, exec string, s dialogs.Start) (*record.Case, error) {
	c, err := b.engine.NewCase(s)
	if err != nil {
		return nil, err
	}
	existing, err := b.store.CreateCaseOnce(ctx, "fn:"+exec, c, b.cfg.Now(), delivery.SyncOpts{}.Payload())
	if err != nil {
		return nil, fmt.Errorf("start case of workflow step: %w", err)
	}
	if existing != 0 {
		c, err := b.store.Case(ctx, existing)
		if errors.Is(err, store.ErrNotFound) {
			return nil, errStepNotInChannel // taken back when its root could not be posted
		}
		return c, err
	}
	b.out.Kick()
	b.log.InfoContext(ctx, "case started by a workflow step", "case", c.Key(), "channel", c.Channel)
	return c, nil
}

// caseLink returns the permalink of the case's root message. It delivers
// the outbox at once and waits, at most rootWait, for the root to be
// posted: a workflow's next step (a message to the requester, a ticket)
// wants the case's thread, not just its channel. If the root is not there
// in time (Slack's rate limits), or Slack gives no permalink, the link
// points at the channel. It returns errStepNotInChannel when the root
// could not be posted because the bot is not in the channel.
func (b *Bot) caseLink(ctx context.Context, c *record.Case, team string) (string, error) {
	sleep := b.cfg.Sleep
	if sleep == nil {
		sleep = delivery.Sleep
	}
	deadline := b.cfg.Now().Add(rootWait)
	for {
		b.out.DeliverDue(ctx)
		cur, err := b.store.Case(ctx, c.ID)
		if errors.Is(err, store.ErrNotFound) {
			return "", errStepNotInChannel
		}
		if err != nil {
			return "", err
		}
		if cur.Thread != "" {
			if link := b.dir.Permalink(ctx, cur.Channel, cur.Thread); link != "" {
				return link, nil
			}
			break
		}
		if !b.cfg.Now().Before(deadline) {
			b.log.InfoContext(ctx, "workflow step: root message not posted yet; the step links to the channel", "case", c.Key())
			break
		}
		if err := sleep(ctx, time.Second); err != nil {
			return "", err
		}
	}
	q := url.Values{"channel": {c.Channel}}
	if team != "" {
		q.Set("team", team)
	}
	return "https://slack.com/app_redirect?" + q.Encode(), nil
}

// completeStep completes the step of ev: with outputs, or when errText is
// not empty as failed with errText, which the workflow's runner reads. It
// calls with the execution's own token (bot_access_token), within the
// rate-limit holds; the bot token is used only for an event that has none
// (replayed from the inbox, which does not keep the token). A step that
// Slack says is completed already (a redelivered event) is fine.
func (b *Bot) completeStep(ctx context.Context, ev *slackevents.FunctionExecutedEvent, outputs map[string]string, errText string) error {
	api := b.api
	if ev.BotAccessToken != "" {
		opts := []slack.Option{slack.OptionHTTPClient(b.fnHTTP)}
		if b.cfg.APIURL != "" {
			opts = append(opts, slack.OptionAPIURL(b.cfg.APIURL))
		}
		api = slack.New(ev.BotAccessToken, opts...)
	}
	method := "functions.completeSuccess"
	call := func() error {
		return api.FunctionCompleteSuccessContext(ctx, ev.FunctionExecutionID, slack.FunctionCompleteSuccessRequestOptionOutput(outputs))
	}
	if errText != "" {
		method = "functions.completeError"
		call = func() error { return api.FunctionCompleteErrorContext(ctx, ev.FunctionExecutionID, errText) }
	}
	sleep := b.cfg.Sleep
	if sleep == nil {
		sleep = delivery.Sleep
	}
	var err error
	for try := 1; ; try++ {
		err = b.out.WithinLimit(ctx, method, completeWindow, call)
		var se slack.SlackErrorResponse
		switch {
		case err == nil:
			return nil
		case errors.As(err, &se) && se.Err == "execution_not_in_running_state":
			b.log.InfoContext(ctx, "workflow step was completed before", "method", method)
			return nil
		case errors.As(err, &se), try == completeTries, ctx.Err() != nil:
			return fmt.Errorf("workflow step: %s: %w", method, err)
		}
		if err := sleep(ctx, time.Duration(try)*2*time.Second); err != nil {
			return err
		}
	}
}

// inputString returns the string value of a step's input, trimmed; "" when
// it is missing or not a string.
func inputString(inputs map[string]any, name string) string {
	s, _ := inputs[name].(string)
	return strings.TrimSpace(s)
}

// inputLabel names the input an error is about, as the new-case form does.
func inputLabel(t *dialogs.Texts, field string) string {
	switch field {
	case "scheme":
		return t.SchemeLabel
	case "zaaknummer":
		return t.ZaaknummerLabel
	}
	return t.TitleLabel
}

// withoutStepToken returns an event body to keep in the inbox: a
// function_executed event without its bot_access_token (a token stays out
// of the database), anything else as it is; nil when the body cannot be
// read, so that the event is handled from memory only.
func withoutStepToken(body []byte, ev slackevents.EventsAPIEvent) []byte {
	if _, ok := ev.InnerEvent.Data.(*slackevents.FunctionExecutedEvent); !ok {
		return body
	}
	var outer map[string]json.RawMessage
	var inner map[string]json.RawMessage
	if json.Unmarshal(body, &outer) != nil || json.Unmarshal(outer["event"], &inner) != nil {
		return nil
	}
	delete(inner, "bot_access_token")
	raw, err := json.Marshal(inner)
	if err != nil {
		return nil
	}
	outer["event"] = raw
	kept, err := json.Marshal(outer)
	if err != nil {
		return nil
	}
	return kept
}
