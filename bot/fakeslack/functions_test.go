package fakeslack_test

import (
	"context"
	"maps"
	"testing"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

func TestFunctionCompletion(t *testing.T) {
	ctx := context.Background()
	outputs := map[string]string{"case_id": "MW-0001"}
	tests := []struct {
		name string
		// complete makes the calls against run, with a client on the run's token and one on the bot token.
		complete    func(run fakeslack.FunctionRun, fn, bot *slack.Client) error
		wantErr     string
		wantDone    bool
		wantOutputs map[string]string
		wantError   string
		wantRefused int
	}{
		{"success with the run's token", func(run fakeslack.FunctionRun, fn, _ *slack.Client) error {
			return fn.FunctionCompleteSuccessContext(ctx, run.ExecutionID, slack.FunctionCompleteSuccessRequestOptionOutput(outputs))
		}, "", true, outputs, "", 0},
		{"error with the run's token", func(run fakeslack.FunctionRun, fn, _ *slack.Client) error {
			return fn.FunctionCompleteErrorContext(ctx, run.ExecutionID, "Geen casus gestart")
		}, "", true, nil, "Geen casus gestart", 0},
		{"success with the bot token", func(run fakeslack.FunctionRun, _, bot *slack.Client) error {
			return bot.FunctionCompleteSuccessContext(ctx, run.ExecutionID, slack.FunctionCompleteSuccessRequestOptionOutput(outputs))
		}, "", true, outputs, "", 0},
		{"completed twice", func(run fakeslack.FunctionRun, fn, _ *slack.Client) error {
			if err := fn.FunctionCompleteSuccessContext(ctx, run.ExecutionID, slack.FunctionCompleteSuccessRequestOptionOutput(outputs)); err != nil {
				return err
			}
			return fn.FunctionCompleteErrorContext(ctx, run.ExecutionID, "te laat")
		}, "execution_not_in_running_state", true, outputs, "", 1},
		{"unknown execution", func(_ fakeslack.FunctionRun, fn, _ *slack.Client) error {
			return fn.FunctionCompleteErrorContext(ctx, "FxUNKNOWN", "x")
		}, "function_execution_not_found", false, nil, "", 0},
		{"no outputs", func(run fakeslack.FunctionRun, fn, _ *slack.Client) error {
			return fn.FunctionCompleteSuccessContext(ctx, run.ExecutionID)
		}, "parameter_validation_failed", false, nil, "", 0},
		{"no error message", func(run fakeslack.FunctionRun, fn, _ *slack.Client) error {
			return fn.FunctionCompleteErrorContext(ctx, run.ExecutionID, " ")
		}, "invalid_arguments", false, nil, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, bot := newClient(t)
			run := s.StartFunction()
			fn := slack.New(run.Token, slack.OptionAPIURL(s.APIURL()))
			err := tt.complete(run, fn, bot)
			if got := slackError(err); got != tt.wantErr || (tt.wantErr == "" && err != nil) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			got, ok := s.Function(run.ExecutionID)
			if !ok {
				t.Fatal("the run is gone")
			}
			if got.Completed != tt.wantDone || !maps.Equal(got.Outputs, tt.wantOutputs) || got.Error != tt.wantError || got.Refused != tt.wantRefused {
				t.Errorf("run = %+v, want completed %t, outputs %v, error %q, refused %d", got, tt.wantDone, tt.wantOutputs, tt.wantError, tt.wantRefused)
			}
		})
	}
}

func TestFunctionTokenOnlyForItsRun(t *testing.T) {
	s, _ := newClient(t)
	a, b := s.StartFunction(), s.StartFunction()
	fnA := slack.New(a.Token, slack.OptionAPIURL(s.APIURL()))
	err := fnA.FunctionCompleteErrorContext(context.Background(), b.ExecutionID, "x")
	if slackError(err) != "invalid_auth" {
		t.Errorf("completing another run with a run's token: %v, want invalid_auth", err)
	}
	if _, err := fnA.AuthTestContext(context.Background()); slackError(err) != "invalid_auth" {
		t.Errorf("auth.test with a run's token: %v, want invalid_auth", err)
	}
	if run, _ := s.Function(b.ExecutionID); run.Completed {
		t.Error("the other run was completed")
	}
}
