package fakeslack_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/slack-go/slack"
)

const token = "xoxb-test-token"

// newClient starts a fake Slack for the test and returns it with a slack-go client pointed at it.
func newClient(t *testing.T) (*fakeslack.Server, *slack.Client) {
	t.Helper()
	s := fakeslack.New(t, token)
	return s, slack.New(token, slack.OptionAPIURL(s.APIURL()))
}

func plain(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, text, false, false)
}

func mrkdwn(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, text, false, false)
}

// slackError returns the Slack error string of err, or "" when err is not a Slack error response.
func slackError(err error) string {
	var resp slack.SlackErrorResponse
	if errors.As(err, &resp) {
		return resp.Err
	}
	return ""
}

// postForm posts a raw form to a Web API method and decodes the answer.
func postForm(t *testing.T, s *fakeslack.Server, method string, auth string, form url.Values) map[string]any {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.APIURL()+method, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if auth != "" {
		req.Header.Set("Authorization", "Bearer "+auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var answer map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		t.Fatalf("%s: decode answer: %v", method, err)
	}
	return answer
}

func TestMessageLifecycle(t *testing.T) {
	s, api := newClient(t)
	ctx := context.Background()

	auth, err := api.AuthTestContext(ctx)
	if err != nil {
		t.Fatalf("AuthTest: %v", err)
	}
	if auth.UserID != fakeslack.BotUserID || auth.BotID != fakeslack.BotID || auth.TeamID != fakeslack.TeamID {
		t.Errorf("AuthTest = %+v", auth)
	}

	channel, rootTS, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("Nieuwe zaak", false))
	if err != nil {
		t.Fatalf("PostMessage root: %v", err)
	}
	if channel != "C1" || rootTS != "1700000000.000100" {
		t.Errorf("PostMessage root = %q, %q", channel, rootTS)
	}

	blocks := []slack.Block{
		slack.NewHeaderBlock(plain("Stap 1")),
		slack.NewSectionBlock(mrkdwn("*Wat is er gebeurd?*"), nil, nil),
		slack.NewActionBlock("acties", slack.NewButtonBlockElement("ja", "1", plain("Ja")).WithStyle(slack.StylePrimary)),
	}
	_, replyTS, msg, err := api.PostMessageWithResponseContext(ctx, "C1",
		slack.MsgOptionText("Stap 1", false), slack.MsgOptionBlocks(blocks...),
		slack.MsgOptionTS(rootTS), slack.MsgOptionBroadcast())
	if err != nil {
		t.Fatalf("PostMessage reply: %v", err)
	}
	if msg.ThreadTimestamp != rootTS || len(msg.Blocks.BlockSet) != 3 || msg.BotID != fakeslack.BotID {
		t.Errorf("reply message = %+v", msg.Msg)
	}

	_, _, text, err := api.UpdateMessageContext(ctx, "C1", replyTS,
		slack.MsgOptionText("Stap 1 (klaar)", false), slack.MsgOptionBlocks(blocks[:2]...))
	if err != nil {
		t.Fatalf("UpdateMessage: %v", err)
	}
	if text != "Stap 1 (klaar)" {
		t.Errorf("UpdateMessage text = %q", text)
	}
	if err := api.AddReactionContext(ctx, "white_check_mark", slack.NewRefToMessage("C1", replyTS)); err != nil {
		t.Fatalf("AddReaction: %v", err)
	}
	err = api.AddReactionContext(ctx, "white_check_mark", slack.NewRefToMessage("C1", replyTS))
	if slackError(err) != "already_reacted" {
		t.Errorf("second AddReaction: err = %v, want already_reacted", err)
	}
	link, err := api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: "C1", Ts: replyTS})
	if err != nil {
		t.Fatalf("GetPermalink: %v", err)
	}
	wantLink := "https://fake.slack.test/archives/C1/p" + strings.ReplaceAll(replyTS, ".", "") +
		"?thread_ts=" + rootTS + "&cid=C1"
	if link != wantLink {
		t.Errorf("permalink = %q, want %q", link, wantLink)
	}

	reply, ok := s.Message("C1", replyTS)
	if !ok {
		t.Fatal("reply not stored")
	}
	if reply.Text != "Stap 1 (klaar)" || reply.Updated != 1 || !reply.Broadcast || reply.ThreadTS != rootTS ||
		reply.User != fakeslack.BotUserID || !slices.Equal(reply.Reactions, []string{"white_check_mark"}) {
		t.Errorf("reply state = %+v", reply)
	}
	var stored []map[string]any
	if err := json.Unmarshal(reply.Blocks, &stored); err != nil || len(stored) != 2 || stored[0]["type"] != "header" {
		t.Errorf("stored blocks = %s (%v)", reply.Blocks, err)
	}
	if got := s.Thread("C1", rootTS); len(got) != 1 || got[0].TS != replyTS {
		t.Errorf("Thread = %+v", got)
	}
	if got := s.Messages("C1"); len(got) != 2 || got[0].TS != rootTS || got[1].TS != replyTS {
		t.Errorf("Messages = %+v", got)
	}
	if calls := s.CallsTo("chat.postMessage"); len(calls) != 2 || calls[1].Params["thread_ts"] != rootTS ||
		calls[1].Params["reply_broadcast"] != "true" || calls[1].Status != http.StatusOK {
		t.Errorf("postMessage calls = %+v", calls)
	}
	if _, hasToken := s.Calls()[0].Params["token"]; hasToken {
		t.Error("Params holds the token")
	}

	if _, _, err := api.DeleteMessageContext(ctx, "C1", replyTS); err != nil {
		t.Fatalf("DeleteMessage: %v", err)
	}
	if m, _ := s.Message("C1", replyTS); !m.Deleted {
		t.Error("message not marked deleted")
	}
	_, _, _, err = api.UpdateMessageContext(ctx, "C1", replyTS, slack.MsgOptionText("weg", false))
	if slackError(err) != "message_not_found" {
		t.Errorf("update of deleted message: err = %v, want message_not_found", err)
	}
}

func TestMessageErrors(t *testing.T) {
	s, api := newClient(t)
	ctx := context.Background()
	userTS := s.AddUserMessage("C1", "", "U1", "hallo")

	long := strings.Repeat("x", 151)
	tooMany := make([]slack.Block, 51)
	for i := range tooMany {
		tooMany[i] = slack.NewDividerBlock()
	}
	bulky := make([]slack.Block, 10)
	for i := range bulky {
		bulky[i] = slack.NewSectionBlock(mrkdwn(strings.Repeat("y", 1500)), nil, nil)
	}
	tests := []struct {
		name    string
		channel string
		options []slack.MsgOption
		want    string
		msg     string // in one of the messages of the answer, if set
	}{
		{"no text", "C1", nil, "no_text", ""},
		{"no channel", "", []slack.MsgOption{slack.MsgOptionText("x", false)}, "channel_not_found", ""},
		{"51 blocks", "C1", []slack.MsgOption{slack.MsgOptionBlocks(tooMany...)}, "invalid_blocks", "no more than 50 items"},
		{"long header", "C1", []slack.MsgOption{slack.MsgOptionBlocks(slack.NewHeaderBlock(plain(long)))}, "invalid_blocks", "less than 151 characters"},
		{"mrkdwn header", "C1", []slack.MsgOption{slack.MsgOptionBlocks(slack.NewHeaderBlock(mrkdwn("x")))}, "invalid_blocks", "must be plain_text"},
		{"empty section text", "C1", []slack.MsgOption{slack.MsgOptionBlocks(slack.NewSectionBlock(mrkdwn(""), nil, nil))}, "invalid_blocks", "more than 0 characters"},
		{"duplicate block_id", "C1", []slack.MsgOption{slack.MsgOptionBlocks(
			slack.NewSectionBlock(mrkdwn("a"), nil, nil, slack.SectionBlockOptionBlockID("b")),
			slack.NewSectionBlock(mrkdwn("b"), nil, nil, slack.SectionBlockOptionBlockID("b")))}, "invalid_blocks", "duplicate block_id"},
		{"long button", "C1", []slack.MsgOption{slack.MsgOptionBlocks(slack.NewActionBlock("",
			slack.NewButtonBlockElement("a", "v", plain(strings.Repeat("k", 76)))))}, "invalid_blocks", "less than 76 characters"},
		{"too long together", "C1", []slack.MsgOption{slack.MsgOptionText("x", false), slack.MsgOptionBlocks(bulky...)}, "msg_blocks_too_long", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := api.PostMessageContext(ctx, tt.channel, tt.options...)
			var resp slack.SlackErrorResponse
			if !errors.As(err, &resp) || resp.Err != tt.want {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
			if tt.msg != "" && !slices.ContainsFunc(resp.ResponseMetadata.Messages, func(m string) bool { return strings.Contains(m, tt.msg) }) {
				t.Errorf("messages = %q, want one with %q", resp.ResponseMetadata.Messages, tt.msg)
			}
		})
	}

	t.Run("blocks not an array", func(t *testing.T) {
		answer := postForm(t, s, "chat.postMessage", token, url.Values{"channel": {"C1"}, "blocks": {`{"type":"divider"}`}})
		if answer["ok"] != false || answer["error"] != "invalid_blocks" {
			t.Errorf("answer = %v", answer)
		}
	})
	t.Run("messages name the block", func(t *testing.T) {
		_, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionBlocks(slack.NewDividerBlock(), slack.NewHeaderBlock(plain(long))))
		var resp slack.SlackErrorResponse
		if !errors.As(err, &resp) || len(resp.ResponseMetadata.Messages) != 1 ||
			!strings.Contains(resp.ResponseMetadata.Messages[0], "[json-pointer:/blocks/1/text/text]") {
			t.Errorf("err = %#v", err)
		}
	})
	t.Run("update of a person's message", func(t *testing.T) {
		_, _, _, err := api.UpdateMessageContext(ctx, "C1", userTS, slack.MsgOptionText("x", false))
		if slackError(err) != "cant_update_message" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("reaction to unknown message", func(t *testing.T) {
		err := api.AddReactionContext(ctx, "eyes", slack.NewRefToMessage("C1", "1600000000.000100"))
		if slackError(err) != "message_not_found" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("reaction to a person's message", func(t *testing.T) {
		if err := api.AddReactionContext(ctx, "eyes", slack.NewRefToMessage("C1", userTS)); err != nil {
			t.Fatal(err)
		}
		if err := api.RemoveReactionContext(ctx, "eyes", slack.NewRefToMessage("C1", userTS)); err != nil {
			t.Fatal(err)
		}
		if m, _ := s.Message("C1", userTS); len(m.Reactions) != 0 {
			t.Errorf("reactions = %v", m.Reactions)
		}
	})
	if got := len(s.Messages("C1")); got != 1 {
		t.Errorf("%d messages stored, want only the person's", got)
	}
	for _, c := range s.CallsTo("chat.postMessage") {
		if c.Error == "" {
			t.Errorf("call %v answered ok", c.Params)
		}
	}
}

func TestNotInChannel(t *testing.T) {
	s, api := newClient(t)
	ctx := context.Background()
	_, ts, err := api.PostMessageContext(ctx, "C2", slack.MsgOptionText("eerst", false))
	if err != nil {
		t.Fatal(err)
	}
	s.SetNotInChannel("C2")
	if _, _, err := api.PostMessageContext(ctx, "C2", slack.MsgOptionText("x", false)); slackError(err) != "not_in_channel" {
		t.Errorf("PostMessage: err = %v, want not_in_channel", err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, "C2", ts, slack.MsgOptionText("x", false)); slackError(err) != "not_in_channel" {
		t.Errorf("UpdateMessage: err = %v, want not_in_channel", err)
	}
	info, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: "C2"})
	if err != nil {
		t.Fatal(err)
	}
	if info.IsMember || info.Name != "kanaal-C2" || !info.IsChannel {
		t.Errorf("conversations.info = %+v", info.GroupConversation)
	}
}

func TestEphemeralAndDM(t *testing.T) {
	s, api := newClient(t)
	ctx := context.Background()
	ts, err := api.PostEphemeralContext(ctx, "C1", "U1", slack.MsgOptionText("alleen voor jou", false))
	if err != nil || ts == "" {
		t.Fatalf("PostEphemeral = %q, %v", ts, err)
	}
	if got := s.Ephemerals("C1"); len(got) != 1 || got[0].User != "U1" || got[0].TS != ts {
		t.Errorf("Ephemerals = %+v", got)
	}
	if len(s.Messages("C1")) != 0 {
		t.Error("ephemeral message stored as message")
	}

	ch, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{"U1"}})
	if err != nil || ch.ID != "DU1" {
		t.Fatalf("OpenConversation = %+v, %v", ch, err)
	}
	channel, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("dm", false))
	if err != nil || channel != "DU1" || len(s.Messages("DU1")) != 1 {
		t.Errorf("post to user: channel %q, err %v, messages %v", channel, err, s.Messages("DU1"))
	}
}

func TestViews(t *testing.T) {
	s, api := newClient(t)
	ctx := context.Background()
	modal := slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plain("Nieuwe zaak"),
		Submit:     plain("Opslaan"),
		CallbackID: "zaak",
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock("naam", plain("Naam"), nil, slack.NewPlainTextInputBlockElement(plain("bijv. Jan"), "naam")),
		}},
	}
	trigger := s.NewTriggerID()
	opened, err := api.OpenViewContext(ctx, trigger, modal)
	if err != nil {
		t.Fatalf("OpenView: %v", err)
	}
	if opened.ID == "" || opened.Hash == "" || opened.CallbackID != "zaak" || len(opened.Blocks.BlockSet) != 1 ||
		opened.State == nil || opened.RootViewID != opened.ID {
		t.Errorf("opened view = %+v", opened.View)
	}
	if _, err := api.OpenViewContext(ctx, trigger, modal); slackError(err) != "exchanged_trigger_id" {
		t.Errorf("second use of trigger: err = %v", err)
	}
	if _, err := api.OpenViewContext(ctx, s.NewExpiredTriggerID(), modal); slackError(err) != "expired_trigger_id" {
		t.Errorf("expired trigger: err = %v", err)
	}
	if _, err := api.PushViewContext(ctx, "any.trigger", modal); err != nil {
		t.Errorf("PushView: %v", err)
	}

	modal.Title = plain("Zaak bijgewerkt")
	updated, err := api.UpdateViewContext(ctx, modal, "", opened.Hash, opened.ID)
	if err != nil {
		t.Fatalf("UpdateView: %v", err)
	}
	if updated.ID != opened.ID || updated.Hash == opened.Hash || updated.Title.Text != "Zaak bijgewerkt" {
		t.Errorf("updated view = %+v", updated.View)
	}
	if _, err := api.UpdateViewContext(ctx, modal, "", opened.Hash, opened.ID); slackError(err) != "hash_conflict" {
		t.Errorf("stale hash: err = %v", err)
	}
	if _, err := api.UpdateViewContext(ctx, modal, "", "", "V-unknown"); slackError(err) != "not_found" {
		t.Errorf("unknown view: err = %v", err)
	}

	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewSectionBlock(mrkdwn("*Jouw zaken*"), nil, nil),
	}}}
	published, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: home})
	if err != nil {
		t.Fatalf("PublishView: %v", err)
	}
	again, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: home})
	if err != nil || again.ID != published.ID || published.Type != slack.VTHomeTab {
		t.Errorf("republished view = %+v, %v", again, err)
	}

	views := s.Views()
	if len(views) != 5 {
		t.Fatalf("Views() has %d views, want 5 (open, push, update, 2× publish)", len(views))
	}
	var last struct {
		ID   string `json:"id"`
		Type string `json:"type"`
	}
	if err := json.Unmarshal(views[4], &last); err != nil || last.ID != published.ID || last.Type != "home" {
		t.Errorf("last view = %s (%v)", views[4], err)
	}
	if c := s.CallsTo("views.open")[0]; c.Params["trigger_id"] != trigger || !strings.HasPrefix(c.Params["view"], "{") {
		t.Errorf("views.open call params = %v", c.Params)
	}

	section := slack.Blocks{BlockSet: []slack.Block{slack.NewSectionBlock(mrkdwn("tekst"), nil, nil)}}
	tests := []struct {
		name  string
		modal slack.ModalViewRequest
		want  string // in one of the messages of the answer
	}{
		{"title too long", slack.ModalViewRequest{Type: slack.VTModal, Title: plain(strings.Repeat("t", 25)), Blocks: section},
			"must be less than 25 characters [json-pointer:/view/title/text]"},
		{"no title", slack.ModalViewRequest{Type: slack.VTModal, Blocks: section}, "missing required field: title"},
		{"no blocks", slack.ModalViewRequest{Type: slack.VTModal, Title: plain("x")}, "[json-pointer:/view/blocks]"},
		{"input without submit", slack.ModalViewRequest{Type: slack.VTModal, Title: plain("x"), Blocks: modal.Blocks},
			"must provide a submit property"},
		{"home as modal", slack.ModalViewRequest{Type: slack.VTHomeTab, Blocks: section}, "must be modal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := api.OpenViewContext(ctx, "t", tt.modal)
			var resp slack.SlackErrorResponse
			if !errors.As(err, &resp) || resp.Err != "invalid_arguments" ||
				!slices.ContainsFunc(resp.ResponseMetadata.Messages, func(m string) bool { return strings.Contains(m, tt.want) }) {
				t.Errorf("err = %#v, want invalid_arguments with %q", err, tt.want)
			}
		})
	}
}

func TestAuth(t *testing.T) {
	s := fakeslack.New(t, token)
	ctx := context.Background()
	wrong := slack.New("xoxb-wrong", slack.OptionAPIURL(s.APIURL()))
	if _, _, err := wrong.PostMessageContext(ctx, "C1", slack.MsgOptionText("x", false)); slackError(err) != "invalid_auth" {
		t.Errorf("PostMessage with wrong token: err = %v", err)
	}
	if _, err := wrong.OpenViewContext(ctx, "t", slack.ModalViewRequest{Type: slack.VTModal, Title: plain("x")}); slackError(err) != "invalid_auth" {
		t.Errorf("OpenView with wrong token: err = %v", err)
	}
	if answer := postForm(t, s, "auth.test", "", nil); answer["error"] != "not_authed" {
		t.Errorf("auth.test without token = %v", answer)
	}
	if answer := postForm(t, s, "chat.scheduleMessage", token, nil); answer["error"] != "unknown_method" {
		t.Errorf("unknown method = %v", answer)
	}
	if answer := postForm(t, s, "auth.test", token, nil); answer["ok"] != true || answer["user_id"] != fakeslack.BotUserID {
		t.Errorf("auth.test with bearer token = %v", answer)
	}
	if len(s.Messages("C1")) != 0 {
		t.Error("unauthenticated post stored")
	}
	apps := slack.New(token, slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken("xapp-1"))
	if _, _, err := apps.StartSocketModeContext(ctx); slackError(err) != "not_allowed_token_type" {
		t.Errorf("apps.connections.open: err = %v", err)
	}
}

func TestFaults(t *testing.T) {
	s, api := newClient(t)
	ctx := context.Background()
	post := func() error {
		_, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("x", false))
		return err
	}

	s.FailNext("chat.postMessage", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 7})
	var rl *slack.RateLimitedError
	if err := post(); !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
		t.Errorf("429: err = %#v, want RateLimitedError of 7s", err)
	}

	s.FailNext("chat.postMessage", 2, fakeslack.Fault{Status: http.StatusInternalServerError})
	for range 2 {
		var sc slack.StatusCodeError
		if err := post(); !errors.As(err, &sc) || sc.Code != http.StatusInternalServerError {
			t.Errorf("500: err = %#v, want StatusCodeError 500", err)
		}
	}

	s.FailNext("chat.postMessage", 1, fakeslack.Fault{Error: "channel_not_found"})
	if err := post(); slackError(err) != "channel_not_found" {
		t.Errorf("ok:false fault: err = %v", err)
	}

	if err := post(); err != nil {
		t.Errorf("post after the faults: %v", err)
	}
	if n := len(s.Messages("C1")); n != 1 {
		t.Errorf("%d messages stored, want 1", n)
	}
	var statuses []int
	for _, c := range s.CallsTo("chat.postMessage") {
		statuses = append(statuses, c.Status)
	}
	if want := []int{429, 500, 500, 200, 200}; !slices.Equal(statuses, want) {
		t.Errorf("statuses = %v, want %v", statuses, want)
	}

	t.Run("slack-go retries a 429", func(t *testing.T) {
		retrying := slack.New(token, slack.OptionAPIURL(s.APIURL()), slack.OptionRetryConfig(slack.RetryConfig{
			MaxRetries: 1, RetryAfterDuration: time.Millisecond,
		}))
		s.FailNext("chat.update", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 1})
		ts := s.Messages("C1")[0].TS
		if _, _, _, err := retrying.UpdateMessageContext(ctx, "C1", ts, slack.MsgOptionText("y", false)); err != nil {
			t.Fatalf("UpdateMessage with retry: %v", err)
		}
		if calls := s.CallsTo("chat.update"); len(calls) != 2 {
			t.Errorf("%d chat.update calls, want 2", len(calls))
		}
	})
}

func TestUsers(t *testing.T) {
	s, api := newClient(t)
	ctx := context.Background()
	s.AddUser("U1", "jan", "nl-NL")
	u, err := api.GetUserInfoContext(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != "U1" || u.Name != "jan" || u.Locale != "nl-NL" || u.TZ != "Europe/Amsterdam" {
		t.Errorf("GetUserInfo = %+v", u)
	}
	u, err = api.GetUserInfoContext(ctx, "U1", slack.GetUserInfoOptionIncludeLocale(false))
	if err != nil || u.Locale != "" {
		t.Errorf("without include_locale: locale %q, err %v", u.Locale, err)
	}
	if _, err := api.GetUserInfoContext(ctx, "U404"); slackError(err) != "user_not_found" {
		t.Errorf("unknown user: err = %v", err)
	}

	s.SetUserGroup("S1", "U1", "U2")
	members, err := api.GetUserGroupMembersContext(ctx, "S1")
	if err != nil || !slices.Equal(members, []string{"U1", "U2"}) {
		t.Errorf("GetUserGroupMembers = %v, %v", members, err)
	}
	if _, err := api.GetUserGroupMembersContext(ctx, "S404"); slackError(err) != "no_such_subteam" {
		t.Errorf("unknown user group: err = %v", err)
	}
}

func TestUploadFile(t *testing.T) {
	s, api := newClient(t)
	content := "zaak;status\n1;open\n"
	f, err := api.UploadFileContext(context.Background(), slack.UploadFileParameters{
		Filename: "export.csv", FileSize: len(content), Content: content, Title: "Export",
		Channel: "C1", ThreadTimestamp: "1700000000.000100",
	})
	if err != nil {
		t.Fatalf("UploadFile: %v", err)
	}
	files := s.Files()
	if len(files) != 1 {
		t.Fatalf("Files = %+v", files)
	}
	got := files[0]
	if got.ID != f.ID || got.Name != "export.csv" || string(got.Content) != content || !got.Completed ||
		got.Title != "Export" || got.Channel != "C1" || got.ThreadTS != "1700000000.000100" || got.Length != len(content) {
		t.Errorf("file = %+v", got)
	}
	var methods []string
	for _, c := range s.Calls() {
		methods = append(methods, c.Method)
	}
	want := []string{"files.getUploadURLExternal", "upload_url", "files.completeUploadExternal"}
	if !slices.Equal(methods, want) {
		t.Errorf("calls = %v, want %v", methods, want)
	}
	if up := s.CallsTo("upload_url")[0]; up.ID != f.ID || up.Params["filename"] != "export.csv" {
		t.Errorf("upload call = %+v", up)
	}
}

func TestResponseURL(t *testing.T) {
	s, api := newClient(t)
	ctx := context.Background()
	u := s.ResponseURL("cmd-1")
	if !strings.HasSuffix(u, "/response/cmd-1") {
		t.Errorf("ResponseURL = %q", u)
	}
	for i := range fakeslack.ResponseURLUses {
		_, _, err := api.PostMessageContext(ctx, "", slack.MsgOptionResponseURL(u, slack.ResponseTypeEphemeral),
			slack.MsgOptionText(fmt.Sprintf("antwoord %d", i), false))
		if err != nil {
			t.Fatalf("post %d to response_url: %v", i, err)
		}
	}
	_, _, err := api.PostMessageContext(ctx, "", slack.MsgOptionResponseURL(u, slack.ResponseTypeEphemeral),
		slack.MsgOptionText("te veel", false))
	if slackError(err) != "used_url" {
		t.Errorf("sixth post: err = %v, want used_url", err)
	}
	calls := s.CallsTo("response_url")
	if len(calls) != 6 || calls[0].ID != "cmd-1" || calls[0].Params["text"] != "antwoord 0" ||
		calls[0].Params["response_type"] != "ephemeral" {
		t.Errorf("response_url calls = %+v", calls)
	}
}

// TestResponseURLReplacesOriginal: a response_url from a click on a message
// replaces that message when asked to, and the observer hears of it.
func TestResponseURLReplacesOriginal(t *testing.T) {
	s, api := newClient(t)
	ctx := context.Background()
	_, ts, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("vraag", false))
	if err != nil {
		t.Fatal(err)
	}
	var heard []string
	s.Observe(func(method string, _ map[string]string, answer map[string]any) {
		heard = append(heard, fmt.Sprint(method, " ", answer["channel"], " ", answer["ts"]))
	})
	u := s.MessageResponseURL("click-1", "C1", ts)
	_, _, err = api.PostMessageContext(ctx, "", slack.MsgOptionReplaceOriginal(u),
		slack.MsgOptionBlocks(slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, "beantwoord", false, false))),
		slack.MsgOptionText("beantwoord", false))
	if err != nil {
		t.Fatalf("replace through response_url: %v", err)
	}
	m, _ := s.Message("C1", ts)
	if m.Text != "beantwoord" || !strings.Contains(string(m.Blocks), "beantwoord") || m.Updated != 1 {
		t.Errorf("message after replace_original = %+v", m)
	}
	if want := []string{"response_url C1 " + ts}; !slices.Equal(heard, want) {
		t.Errorf("observer heard %q; want %q", heard, want)
	}
	if _, _, err := api.DeleteMessageContext(ctx, "C1", ts); err != nil {
		t.Fatal(err)
	}
	_, _, err = api.PostMessageContext(ctx, "", slack.MsgOptionReplaceOriginal(u), slack.MsgOptionText("weer", false))
	if slackError(err) != "message_not_found" {
		t.Errorf("replace of a deleted message: err = %v; want message_not_found", err)
	}
}

func TestConcurrentPosts(t *testing.T) {
	s, api := newClient(t)
	const n = 20
	var wg sync.WaitGroup
	tss := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, tss[i], errs[i] = api.PostMessage("C1", slack.MsgOptionText(fmt.Sprint(i), false))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if slices.Sort(tss); len(slices.Compact(slices.Clone(tss))) != n {
		t.Errorf("ts not unique: %v", tss)
	}
	msgs := s.Messages("C1")
	if len(msgs) != n {
		t.Fatalf("%d messages, want %d", len(msgs), n)
	}
	for i, m := range msgs {
		if m.TS != tss[i] {
			t.Errorf("message %d has ts %s, want %s", i, m.TS, tss[i])
		}
		if i > 0 && m.TS <= msgs[i-1].TS {
			t.Errorf("ts not increasing: %s after %s", m.TS, msgs[i-1].TS)
		}
	}
}

func TestWaitFor(t *testing.T) {
	s, api := newClient(t)
	go func() {
		time.Sleep(20 * time.Millisecond)
		_, _, _ = api.PostMessage("C1", slack.MsgOptionText("later", false))
	}()
	s.WaitFor(t, 2*time.Second, "a message in C1", func() bool { return len(s.Messages("C1")) == 1 })
}

// Example shows a test's view of the fake: point slack-go at it, let the code under test call Slack, and
// read back the workspace.
func Example() {
	s := fakeslack.NewServer("xoxb-example")
	defer s.Close()
	api := slack.New("xoxb-example", slack.OptionAPIURL(s.APIURL()))

	_, ts, err := api.PostMessage("C1", slack.MsgOptionText("Nieuwe zaak", false))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := s.Message("C1", ts)
	fmt.Println(ts, m.Text, len(s.CallsTo("chat.postMessage")))
	// Output: 1700000000.000100 Nieuwe zaak 1
}

// Ensure the raw upload endpoint refuses unknown files, as Slack's does.
func TestUploadUnknownFile(t *testing.T) {
	s := fakeslack.New(t, token)
	u := strings.TrimSuffix(s.APIURL(), "/api/") + "/upload/v1/F404"
	resp, err := http.Post(u, "application/octet-stream", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status = %d, want 404", resp.StatusCode)
	}
}

// TestAnswerStartsWithOK: like Slack, every answer is one JSON object that
// starts with "ok" (clients may stop reading there), with or without other
// fields.
func TestAnswerStartsWithOK(t *testing.T) {
	s := fakeslack.New(t, token)
	for _, tc := range []struct {
		method, auth string
		form         url.Values
		prefix       string
	}{
		{"chat.postMessage", token, url.Values{"channel": {"C0OK"}, "text": {"hallo"}}, `{"ok":true,"channel":"C0OK",`},
		{"auth.test", "", nil, `{"ok":false,"error":"not_authed"}`},
		{"api.nonexistent", token, nil, `{"ok":false,"error":"unknown_method"}`},
	} {
		req, _ := http.NewRequest(http.MethodPost, s.APIURL()+tc.method, strings.NewReader(tc.form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if tc.auth != "" {
			req.Header.Set("Authorization", "Bearer "+tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.HasPrefix(string(body), tc.prefix) || !json.Valid(body) {
			t.Errorf("%s answered %s, want valid JSON starting %s", tc.method, body, tc.prefix)
		}
	}
}

// TestClickPayload: a click carries the clicked message with its blocks, the
// action and the ticked boxes, as one valid JSON payload, signed.
func TestClickPayload(t *testing.T) {
	s := fakeslack.New(t, token)
	var got map[string]any
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Slack-Signature") == "" {
			t.Error("click not signed")
		}
		r.ParseForm()
		if err := json.Unmarshal([]byte(r.PostForm.Get("payload")), &got); err != nil {
			t.Errorf("payload is not JSON: %v: %s", err, r.PostForm.Get("payload"))
		}
	}))
	defer app.Close()
	send := &fakeslack.Sender{AppURL: app.URL, Secret: "geheim", Slack: s}
	blocks := json.RawMessage(`[{"type":"actions","block_id":"p.1.1","elements":[{"type":"button","action_id":"mw.confirm","text":{"type":"plain_text","text":"Bevestigen <nu>"}}]}]`)
	msg := fakeslack.Message{Channel: "C0CLICK", TS: "1.2", ThreadTS: "1.1", Text: "Vraag & antwoord", Blocks: blocks}
	act := fakeslack.Actions(blocks)[0]
	if _, err := send.Click("U0CLICK", msg, act, "", map[string][]string{"mw.checks": {"a"}}); err != nil {
		t.Fatal(err)
	}
	m, _ := got["message"].(map[string]any)
	var want any
	json.Unmarshal(blocks, &want)
	if m == nil || m["text"] != "Vraag & antwoord" || m["ts"] != "1.2" || !reflect.DeepEqual(m["blocks"], want) {
		t.Errorf("message in the payload: %v", got["message"])
	}
	if acts, _ := got["actions"].([]any); len(acts) != 1 {
		t.Errorf("actions: %v", got["actions"])
	}
	if got["type"] != "block_actions" || got["state"] == nil {
		t.Errorf("payload: %v", got)
	}
}

// TestDropFault: a Drop fault closes the connection without an answer, so
// the client sees a network error (a *url.Error, which names the URL), and
// the call log notes it; the next call is answered as usual.
func TestDropFault(t *testing.T) {
	s, _ := newClient(t)
	u := s.ResponseURL("cmd-drop")
	s.FailNext("response_url", 1, fakeslack.Fault{Drop: true})
	post := func() error {
		resp, err := http.Post(u, "application/json", strings.NewReader(`{"text":"hallo"}`))
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	var ue *url.Error
	if err := post(); !errors.As(err, &ue) {
		t.Fatalf("first post: err = %v, want a *url.Error", err)
	}
	if err := post(); err != nil {
		t.Fatalf("second post: %v", err)
	}
	calls := s.CallsTo("response_url")
	if len(calls) != 2 || calls[0].Error != "connection_dropped" || calls[1].Error != "" {
		t.Errorf("response_url calls = %+v", calls)
	}
}
