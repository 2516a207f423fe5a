package fakeslack

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"
)

// Workflow steps: a custom step (a function in the app's manifest) runs when a workflow reaches it. Slack
// sends the app a function_executed event with the step's inputs, its function_execution_id and a
// short-lived bot_access_token for that execution, and waits until the app calls functions.completeSuccess
// (with the outputs) or functions.completeError (with a message the workflow's runner reads). An execution
// is completed once: Slack answers a second completion with execution_not_in_running_state.

// FunctionRun is one execution of a workflow step as the fake knows it.
type FunctionRun struct {
	// ExecutionID is the function_execution_id, and Token the bot_access_token Slack sends with the event.
	ExecutionID string
	Token       string
	// Completed says whether functions.completeSuccess or functions.completeError accepted a call;
	// Outputs are the outputs of the success and Error the message of the failure. ByToken is the
	// token that completed it: Token, or the bot token.
	Completed bool
	Outputs   map[string]string
	Error     string
	ByToken   string
	// Refused counts completions refused because the run was already completed.
	Refused int
}

// StartFunction begins a workflow step's execution: it returns the run whose ids a function_executed event
// carries (FunctionExecutedEvent) and whose token the functions.* methods accept.
func (s *Server) StartFunction() FunctionRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.st.next()
	run := &FunctionRun{ExecutionID: fmt.Sprintf("Fx%010d", n), Token: fmt.Sprintf("xwfp-fake-%010d", n)}
	if s.st.functions == nil {
		s.st.functions = map[string]*FunctionRun{}
	}
	s.st.functions[run.ExecutionID] = run
	return *run
}

// Function returns the current state of the run with function_execution_id id.
func (s *Server) Function(id string) (FunctionRun, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	run, ok := s.st.functions[id]
	if !ok {
		return FunctionRun{}, false
	}
	out := *run
	out.Outputs = maps.Clone(run.Outputs)
	return out, true
}

// functionToken reports whether token is a run's bot_access_token, which the fake accepts for the
// functions.* methods only.
func (st *state) functionToken(method, token string) bool {
	if !strings.HasPrefix(method, "functions.") {
		return false
	}
	for _, run := range st.functions {
		if run.Token == token {
			return true
		}
	}
	return false
}

// functionRun finds the run a functions.* call is about and checks that it may still be completed with the
// call's token.
func (st *state) functionRun(req *request) (*FunctionRun, *slackError) {
	id := req.params["function_execution_id"]
	if id == "" {
		return nil, errorf("invalid_arguments", "[ERROR] missing required field: function_execution_id")
	}
	run, ok := st.functions[id]
	switch {
	case !ok:
		return nil, errorf("function_execution_not_found")
	case req.token != run.Token && strings.HasPrefix(req.token, "xwfp-"):
		return nil, errorf("invalid_auth") // another execution's token
	case run.Completed:
		run.Refused++
		return nil, errorf("execution_not_in_running_state")
	}
	return run, nil
}

// functionsCompleteSuccess completes a run with its outputs: a JSON object of the output parameters.
func (s *Server) functionsCompleteSuccess(req *request) (map[string]any, *slackError) {
	run, serr := s.st.functionRun(req)
	if serr != nil {
		return nil, serr
	}
	var outputs map[string]string
	if err := json.Unmarshal([]byte(req.params["outputs"]), &outputs); err != nil || outputs == nil {
		return nil, errorf("parameter_validation_failed", "[ERROR] outputs must be an object of the output parameters")
	}
	run.Completed, run.Outputs, run.ByToken = true, outputs, req.token
	return map[string]any{}, nil
}

// functionsCompleteError fails a run with a message for the workflow's runner.
func (s *Server) functionsCompleteError(req *request) (map[string]any, *slackError) {
	run, serr := s.st.functionRun(req)
	if serr != nil {
		return nil, serr
	}
	msg := req.params["error"]
	if strings.TrimSpace(msg) == "" {
		return nil, errorf("invalid_arguments", "[ERROR] missing required field: error")
	}
	run.Completed, run.Error, run.ByToken = true, msg, req.token
	return map[string]any{}, nil
}

// FunctionExecutedEvent returns the function_executed event Slack sends when a workflow reaches the step
// callbackID of run, with the step's inputs; send it with Sender.Event (HTTP) or in an events_api envelope
// (Socket Mode).
func FunctionExecutedEvent(run FunctionRun, callbackID string, inputs map[string]any) map[string]any {
	return map[string]any{
		"type": "function_executed",
		"function": map[string]any{
			"id": "Fn" + strings.TrimPrefix(run.ExecutionID, "Fx"), "callback_id": callbackID, "title": callbackID,
			"type": "app", "app_id": AppID,
		},
		"inputs":                inputs,
		"function_execution_id": run.ExecutionID,
		"workflow_execution_id": "Wx" + strings.TrimPrefix(run.ExecutionID, "Fx"),
		"event_ts":              "1700000000.000001",
		"bot_access_token":      run.Token,
	}
}

// FunctionExecuted sends the function_executed event of run (FunctionExecutedEvent) over HTTP, signed, with
// event id eventID; retry > 0 adds Slack's retry headers.
func (s *Sender) FunctionExecuted(eventID string, run FunctionRun, callbackID string, inputs map[string]any, retry int) (Response, error) {
	return s.Event(eventID, FunctionExecutedEvent(run, callbackID, inputs), retry)
}
