package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/render/rendertest"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// commandReply sends "/maatwerk <text>" as user and decodes the immediate
// answer.
func commandReply(t *testing.T, h *harness, user, text string) (reply struct {
	ResponseType string          `json:"response_type"`
	Text         string          `json:"text"`
	Blocks       json.RawMessage `json:"blocks"`
}) {
	t.Helper()
	before := len(h.slack.CallsTo("response_url"))
	r := h.drive.OK(h.send.Command("/maatwerk", user, channel, text))
	if len(r.Body) == 0 {
		// A card too large for the immediate answer comes through the
		// response_url: the first part has the header, the last the
		// share button.
		h.bot.Wait()
		calls := h.slack.CallsTo("response_url")[before:]
		if len(calls) == 0 {
			t.Fatalf("/maatwerk %s: no answer and nothing through the response_url", text)
		}
		reply.ResponseType, reply.Text = calls[0].Params["response_type"], calls[0].Params["text"]
		var all []json.RawMessage
		for _, c := range calls {
			var part []json.RawMessage
			json.Unmarshal([]byte(c.Params["blocks"]), &part)
			all = append(all, part...)
		}
		reply.Blocks, _ = json.Marshal(all)
		return reply
	}
	if err := json.Unmarshal(r.Body, &reply); err != nil {
		t.Fatalf("/maatwerk %s: answer is not JSON: %v: %s", text, err, r.Body)
	}
	return reply
}

// headers returns the header texts of blocks.
func headers(blocks json.RawMessage) []string {
	var bl []struct {
		Type string `json:"type"`
		Text struct {
			Text string `json:"text"`
		} `json:"text"`
	}
	json.Unmarshal(blocks, &bl)
	var out []string
	for _, b := range bl {
		if b.Type == "header" {
			out = append(out, b.Text.Text)
		}
	}
	return out
}

func TestCardCommandShowsTheCard(t *testing.T) {
	h := newHarness(t, nil, "")
	tests := []struct{ text, header string }{
		{"kaart signalen", "Signalenkaart"},
		{"kaart Signalenkaart", "Signalenkaart"},
		{"KAART SIGNALEN", "Signalenkaart"},
		{"card signals", "Signalenkaart"},
		{"kaart signalen kaart", "Signalenkaart"},
		{"kaart argumenten", "Argumentenkaart"},
		{"kaart vragen", "Vragenkaart"},
		{"kaart vragenkaart beleid", "Vragenkaart beleid"},
		{"kaart beleid", "Vragenkaart beleid"},
		{"kaart maatwerk", "Vragenkaart maatwerk"},
		{"kaart communicatiekaart", "Communicatiekaart"},
		{"kaart communication", "Communicatiekaart"},
		{"kaart varianten", "Vier varianten"},
		{"kaart dilemma's", "Dilemma's"},
		{"kaart dynamieken", "Dynamieken"},
		{"kaarten dynamics", "Dynamieken"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			rep := commandReply(t, h, alice, tt.text)
			if rep.ResponseType != "ephemeral" {
				t.Errorf("response_type %q, want ephemeral", rep.ResponseType)
			}
			if got := headers(rep.Blocks); len(got) != 1 || got[0] != tt.header {
				t.Errorf("headers %q, want [%s]", got, tt.header)
			}
			if len(fakeslack.Actions(rep.Blocks)) != 1 {
				t.Errorf("want one share button: %s", rep.Blocks)
			}
		})
	}
	h.bot.Wait()
	if n := len(h.slack.Messages(channel)); n != 0 {
		t.Errorf("showing cards posted %d messages in the channel", n)
	}
}

func TestCardListAndUnknownCard(t *testing.T) {
	h := newHarness(t, nil, "")
	rep := commandReply(t, h, alice, "kaart")
	if rep.ResponseType != "ephemeral" || len(headers(rep.Blocks)) != 1 || headers(rep.Blocks)[0] != "De kaarten" {
		t.Fatalf("list: %+v", rep)
	}
	for _, c := range mustCards(t).Cards {
		if !strings.Contains(string(rep.Blocks), c.Title.NL) || !strings.Contains(string(rep.Blocks), "`"+c.ID+"`") {
			t.Errorf("the list lacks %s", c.ID)
		}
	}
	if !strings.Contains(string(rep.Blocks), "/maatwerk kaart") {
		t.Errorf("the list does not say how to open a card")
	}

	rep = commandReply(t, h, alice, "kaart <onzin>")
	if rep.ResponseType != "ephemeral" || len(rep.Blocks) != 0 {
		t.Fatalf("unknown card: %+v", rep)
	}
	for _, want := range []string{"&lt;onzin&gt;", "`signalen`", "`argumenten`", "`vragen`", "`beleid`", "`maatwerk`", "`communicatie`", "`varianten`"} {
		if !strings.Contains(rep.Text, want) {
			t.Errorf("unknown card answer %q lacks %q", rep.Text, want)
		}
	}
}

func TestVariantsCommand(t *testing.T) {
	h := newHarness(t, nil, "")
	for _, text := range []string{"varianten", "kaart varianten"} {
		rep := commandReply(t, h, alice, text)
		raw := string(rep.Blocks)
		for _, want := range []string{"Vier varianten", "Standaardisatie", "Hardheidsclausule", "Beleidscategorie", "Standaardmaatwerk",
			"Weinig maatwerk: niet voor groepen, niet voor het losse geval", "Voor het losse geval: nee", "Voor bepaalde groepen: ja", "Dilemma's", "Maatwerk ↔ rechtsgelijkheid"} {
			if !strings.Contains(raw, want) {
				t.Errorf("%s: lacks %q", text, want)
			}
		}
		// The 2×2 is one section with four fields, in reading order.
		var bl []struct {
			Fields []struct {
				Text string `json:"text"`
			} `json:"fields"`
		}
		json.Unmarshal(rep.Blocks, &bl)
		var grid []string
		for _, b := range bl {
			for _, f := range b.Fields {
				grid = append(grid, strings.SplitN(f.Text, "\n", 2)[0])
			}
		}
		want := []string{"*Standaardisatie*", "*Hardheidsclausule*", "*Beleidscategorie*", "*Standaardmaatwerk*"}
		if strings.Join(grid, ",") != strings.Join(want, ",") {
			t.Errorf("%s: grid %q, want %q", text, grid, want)
		}
	}
}

func TestShareCardInChannel(t *testing.T) {
	h := newHarness(t, nil, "")
	rep := commandReply(t, h, alice, "kaart signalen")
	h.bot.Wait()
	if n := len(h.slack.Messages(channel)); n != 0 {
		t.Fatalf("%d messages in the channel before sharing", n)
	}
	private := fakeslack.Message{Channel: channel, TS: "1700000000.000001", User: alice, Blocks: rep.Blocks, Text: rep.Text}
	acts := fakeslack.Actions(rep.Blocks)
	if len(acts) != 1 || acts[0].ActionID != render.ActCardShare {
		t.Fatalf("actions %+v, want the share button", acts)
	}
	h.drive.OK(h.send.Click(bob, private, acts[0], "", nil))
	var shared fakeslack.Message
	h.slack.WaitFor(t, 10*time.Second, "the card in the channel", func() bool {
		for _, m := range h.slack.Messages(channel) {
			if m.User == fakeslack.BotUserID && m.ThreadTS == "" {
				shared = m
				return true
			}
		}
		return false
	})
	if got := headers(shared.Blocks); len(got) != 1 || got[0] != "Signalenkaart" {
		t.Errorf("shared message headers %q", got)
	}
	if !strings.Contains(text(shared), "Gedeeld door <@"+bob+">") {
		t.Errorf("the shared card does not say who shared it: %s", shared.Blocks)
	}
	if len(fakeslack.Actions(shared.Blocks)) != 0 {
		t.Errorf("the shared card still has a share button")
	}
	if len(h.slack.Ephemerals(channel)) != 0 {
		t.Errorf("sharing sent an ephemeral message: %+v", h.slack.Ephemerals(channel))
	}
	h.bot.Wait()
	deleted := false
	for _, c := range h.slack.CallsTo("response_url") {
		if c.Params["delete_original"] == "true" && c.Error == "" {
			deleted = true
		}
	}
	if !deleted {
		t.Errorf("the private card was not removed after sharing")
	}
}

func TestShareCardBotNotInChannel(t *testing.T) {
	h := newHarness(t, nil, "")
	h.slack.SetNotInChannel(channel)
	rep := commandReply(t, h, alice, "kaart vragen")
	private := fakeslack.Message{Channel: channel, TS: "1700000000.000001", User: alice, Blocks: rep.Blocks}
	h.drive.OK(h.send.Click(alice, private, fakeslack.Actions(rep.Blocks)[0], "", nil))
	h.bot.Wait()
	told := false
	for _, c := range h.slack.CallsTo("response_url") {
		if strings.Contains(c.Params["text"], "/invite") {
			told = true
		}
	}
	if !told {
		t.Errorf("the user was not told to invite the bot: %v", h.slack.CallsTo("response_url"))
	}
}

func TestEnglishUserGetsEnglish(t *testing.T) {
	h := newHarness(t, nil, "")
	h.slack.AddUser(alice, "Alice", "en-GB")
	h.slack.AddUser(bob, "Bob", "nl-NL")

	rep := commandReply(t, h, alice, "kaart")
	if got := headers(rep.Blocks); len(got) != 1 || got[0] != "The cards" {
		t.Errorf("English user's list headers %q", got)
	}
	rep = commandReply(t, h, alice, "help")
	if !strings.Contains(rep.Text, "helps you think a case through") || !strings.Contains(rep.Text, "/maatwerk card") {
		t.Errorf("English user's help: %q", rep.Text)
	}
	if n := len(h.slack.CallsTo("users.info")); n != 1 {
		t.Errorf("%d users.info calls for two commands of one user, want 1", n)
	}
	for _, c := range h.slack.CallsTo("users.info") {
		if c.Params["include_locale"] != "true" {
			t.Errorf("users.info without include_locale: %v", c.Params)
		}
	}

	rep = commandReply(t, h, bob, "kaart signals")
	if got := headers(rep.Blocks); len(got) != 1 || got[0] != "Signalenkaart" {
		t.Errorf("Dutch user's card headers %q", got)
	}

	// The new-case modal of an English user is in English.
	h.drive.OK(h.send.Command("/maatwerk", alice, channel, ""))
	h.slack.WaitFor(t, 10*time.Second, "the new-case modal", func() bool { return len(h.slack.Views()) == 1 })
	if v := string(h.slack.Views()[0]); !strings.Contains(v, `"New case"`) || strings.Contains(v, "Nieuwe casus") {
		t.Errorf("English user's modal: %s", v)
	}

	// The case an English user starts is in English.
	root := h.drive.Start(alice, "Rent arrears after a late benefit")
	if !strings.Contains(text(root), "Started by") {
		t.Errorf("English user's case root is not English: %s", root.Blocks)
	}
	c, err := h.store.Case(t.Context(), 1)
	if err != nil || c.Lang != cards.EN {
		t.Errorf("stored case lang %v, err %v", c.Lang, err)
	}
	if n := len(h.slack.CallsTo("users.info")); n != 2 {
		t.Errorf("%d users.info calls for two users, want 2 (one each)", n)
	}
}

func TestUsersInfoFailureFallsBack(t *testing.T) {
	h := newHarness(t, nil, "")
	h.slack.AddUser(alice, "Alice", "en-GB")
	h.slack.FailNext("users.info", 1, fakeslack.Fault{Status: 500})
	rep := commandReply(t, h, alice, "kaart")
	if got := headers(rep.Blocks); len(got) != 1 || got[0] != "De kaarten" {
		t.Errorf("after a users.info failure: headers %q, want the default (Dutch)", got)
	}
	if strings.Contains(rep.Text, "mis") {
		t.Errorf("the user was told about the failure: %q", rep.Text)
	}
	// Unknown users (users.info answers user_not_found) get the default too.
	rep = commandReply(t, h, "UNOBODY01", "kaart")
	if got := headers(rep.Blocks); len(got) != 1 || got[0] != "De kaarten" {
		t.Errorf("unknown user: headers %q", got)
	}
}

// TestLongCardArrivesInParts shows an organisation's card too long for one
// message: the command answers at once with nothing, and the parts arrive
// privately, in order, through the response_url, each accepted by Slack.
func TestLongCardArrivesInParts(t *testing.T) {
	sentence := "Een lange uitleg over maatwerk in de praktijk van de uitvoering. " // 65 characters
	var b strings.Builder
	b.WriteString("id: lang\ntitle: {nl: Lange kaart, en: Long card}\npurpose: {nl: Veel tekst., en: Much text.}\nitems:\n")
	for i := range 30 {
		fmt.Fprintf(&b, "  - id: item-%d\n    kind: info\n    text: {nl: \"Item %d. %s\", en: \"Item %d.\"}\n    help: {nl: Hulp, en: Help}\n",
			i, i, strings.Repeat(sentence, 15), i)
	}
	fsys := fstest.MapFS{
		"lang.yaml":  {Data: []byte(b.String())},
		"vraag.yaml": {Data: []byte("id: vraag\ntitle: {nl: Vraag, en: Question}\npurpose: {nl: Doel, en: Aim}\nitems:\n  - id: een\n    kind: text\n    text: {nl: \"Een?\", en: \"One?\"}\n    help: {nl: Hulp, en: Help}\n")},
		"flow.yaml":  {Data: []byte("version: \"1\"\nphases:\n  - id: p\n    title: {nl: Fase, en: Phase}\n    steps: [vraag/een]\n")},
	}
	set, err := cards.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	fake := fakeslack.New(t, testToken)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "m.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bot := New(ctx, Config{BotToken: testToken, APIURL: fake.APIURL(), Lang: cards.NL}, st, dialogs.New(set, nil),
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	rep := bot.command(ctx, slack.SlashCommand{UserID: alice, ChannelID: channel, Text: "kaart lang", ResponseURL: fake.ResponseURL("lang")})
	bot.Wait()
	if rep != nil {
		t.Fatalf("immediate answer %+v; a long card must come through the response_url", rep)
	}
	var posts []fakeslack.Call
	for _, c := range fake.CallsTo("response_url") {
		if c.ID == "lang" {
			posts = append(posts, c)
		}
	}
	if len(posts) < 2 || len(posts) > fakeslack.ResponseURLUses {
		t.Fatalf("%d posts to the response_url, want 2 to %d", len(posts), fakeslack.ResponseURLUses)
	}
	all := ""
	for i, c := range posts {
		if c.Error != "" || c.Params["response_type"] != "ephemeral" {
			t.Errorf("part %d: error %q, response_type %q", i+1, c.Error, c.Params["response_type"])
		}
		var blocks []slack.Block
		var bl slack.Blocks
		if err := json.Unmarshal([]byte(c.Params["blocks"]), &bl); err != nil {
			t.Fatalf("part %d: %v", i+1, err)
		}
		blocks = bl.BlockSet
		for _, p := range rendertest.BlockProblems(t, blocks) {
			t.Errorf("part %d: %s", i+1, p)
		}
		all += c.Params["blocks"]
	}
	last := 0
	for i := range 30 {
		at := strings.Index(all, fmt.Sprintf("Item %d. ", i))
		if at < last {
			t.Errorf("item %d missing or out of order", i)
		}
		last = at
	}
	t.Logf("%d parts", len(posts))
	if strings.Count(all, render.ActCardShare) != 1 {
		t.Errorf("want one share button over all parts")
	}
}

// BenchmarkCardSignalen renders the signals card for one user: the work of
// one "/maatwerk kaart signalen" besides the HTTP round trip.
func BenchmarkCardSignalen(b *testing.B) {
	set, err := cards.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	r := render.Renderer{Engine: dialogs.New(set, nil)}
	for b.Loop() {
		c, _ := dialogs.FindCard(set, "Signalenkaart")
		parts, _ := r.Card(dialogs.ViewCard(set, c, cards.NL), cards.NL, true, "")
		if _, err := json.Marshal(parts[0]); err != nil {
			b.Fatal(err)
		}
	}
}
