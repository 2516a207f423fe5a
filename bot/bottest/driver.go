package bottest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// Driver takes cases through the conversation.
type Driver struct {
	T       testing.TB
	Slack   *fakeslack.Server
	Send    *fakeslack.Sender
	Channel string
	Command string
	// Timeout bounds each wait for the bot; default 10 s.
	Timeout time.Duration
}

func (d *Driver) timeout() time.Duration {
	if d.Timeout == 0 {
		return 10 * time.Second
	}
	return d.Timeout
}

func (d *Driver) command() string {
	if d.Command == "" {
		return "/maatwerk"
	}
	return d.Command
}

// OK fails the test unless the app answered 200.
func (d *Driver) OK(r fakeslack.Response, err error) fakeslack.Response {
	d.T.Helper()
	if err != nil {
		d.T.Fatalf("request to the app: %v", err)
	}
	if r.Status != http.StatusOK {
		d.T.Fatalf("app answered %d: %s", r.Status, r.Body)
	}
	return r
}

// Start types "/maatwerk <title>" as user and waits for the root message
// and the first question in its thread. It returns the root message.
func (d *Driver) Start(user, title string) fakeslack.Message {
	d.T.Helper()
	before := len(d.roots())
	d.OK(d.Send.Command(d.command(), user, d.Channel, title))
	var root fakeslack.Message
	d.Slack.WaitFor(d.T, d.timeout(), "root message and first question", func() bool {
		roots := d.roots()
		if len(roots) <= before {
			return false
		}
		root = roots[len(roots)-1]
		_, ok := d.openPrompt(root)
		return ok
	})
	return root
}

// roots are the bot's top-level messages in the channel.
func (d *Driver) roots() []fakeslack.Message {
	var out []fakeslack.Message
	for _, m := range d.Slack.Messages(d.Channel) {
		if m.ThreadTS == "" && m.User == fakeslack.BotUserID && !m.Deleted {
			out = append(out, m)
		}
	}
	return out
}

// Root returns the current state of a root message.
func (d *Driver) Root(root fakeslack.Message) fakeslack.Message {
	m, _ := d.Slack.Message(d.Channel, root.TS)
	return m
}

// openPrompt is the newest bot message in the thread that still has
// controls.
func (d *Driver) openPrompt(root fakeslack.Message) (fakeslack.Message, bool) {
	thread := d.Slack.Thread(d.Channel, root.TS)
	for i := len(thread) - 1; i >= 0; i-- {
		m := thread[i]
		if m.User == fakeslack.BotUserID && !m.Deleted && len(Controls(m.Blocks)) > 0 {
			return m, true
		}
	}
	return fakeslack.Message{}, false
}

// CurrentPrompt returns the open question of the case as it is now,
// without waiting.
func (d *Driver) CurrentPrompt(root fakeslack.Message) (fakeslack.Message, bool) {
	return d.openPrompt(root)
}

// OpenPrompt waits for the open question of the case and returns it.
func (d *Driver) OpenPrompt(root fakeslack.Message) fakeslack.Message {
	d.T.Helper()
	var p fakeslack.Message
	d.Slack.WaitFor(d.T, d.timeout(), "an open question in the thread", func() bool {
		var ok bool
		p, ok = d.openPrompt(root)
		return ok
	})
	return p
}

// Summary returns the broadcast summary of the case, if posted.
func (d *Driver) Summary(root fakeslack.Message) (fakeslack.Message, bool) {
	for _, m := range d.Slack.Thread(d.Channel, root.TS) {
		if m.Broadcast && m.User == fakeslack.BotUserID {
			return m, true
		}
	}
	return fakeslack.Message{}, false
}

// Find returns the action of p whose action id starts with prefix.
func Find(p fakeslack.Message, prefix string) (fakeslack.Action, bool) {
	for _, a := range fakeslack.Actions(p.Blocks) {
		if strings.HasPrefix(a.ActionID, prefix) {
			return a, true
		}
	}
	return fakeslack.Action{}, false
}

// Kind names the kind of question a prompt message asks, from its controls.
func Kind(p fakeslack.Message) string {
	switch {
	case has(p, "mw.checks"):
		return "multi"
	case has(p, "mw.argsdone"):
		return "arguments"
	case has(p, "mw.answer"):
		return "text"
	case has(p, "mw.select"):
		return "select"
	case has(p, "mw.choose."):
		return "choice"
	}
	return ""
}

func has(p fakeslack.Message, prefix string) bool { _, ok := Find(p, prefix); return ok }

// LastView returns the newest view the app opened, waiting until there are
// more than n.
func (d *Driver) LastView(n int) json.RawMessage {
	d.T.Helper()
	var v json.RawMessage
	d.Slack.WaitFor(d.T, d.timeout(), "a modal to open", func() bool {
		views := d.Slack.Views()
		if len(views) <= n {
			return false
		}
		v = views[len(views)-1]
		return true
	})
	return v
}

// Answer answers the open question of the case as user, the way a person
// would: ticking the first two boxes, clicking the first choice (and giving
// the reason its modal asks), replying in the thread to a free-text
// question, adding arguments for and against (one by reply, one in the
// modal) before moving on. It waits until the question shows the answer and
// returns the answered prompt's ts.
func (d *Driver) Answer(user string, root fakeslack.Message) string {
	d.T.Helper()
	p := d.OpenPrompt(root)
	switch Kind(p) {
	case "multi":
		checks, _ := Find(p, "mw.checks")
		confirm, _ := Find(p, "mw.confirm")
		ticked := checks.Options
		if len(ticked) > 2 {
			ticked = ticked[:2]
		}
		d.OK(d.Send.Click(user, p, confirm, "", map[string][]string{checks.ActionID: ticked}))
	case "choice", "select":
		var act fakeslack.Action
		selected := ""
		if Kind(p) == "select" {
			act, _ = Find(p, "mw.select")
			selected = act.Options[0]
		} else {
			act, _ = Find(p, "mw.choose.")
		}
		views := len(d.Slack.Views())
		d.OK(d.Send.Click(user, p, act, selected, nil))
		if d.waitAnsweredOrView(p, views) {
			d.OK(d.Send.Submit(user, d.LastView(views), map[string]map[string]string{
				"text": {"input": "Ik doe dit omdat de gevolgen anders onevenredig zijn, ondanks het risico op precedent."},
			}))
		}
	case "text":
		if _, err := d.Send.Reply(user, d.Channel, root.TS, "De regel wil bestaanszekerheid bieden; daar draait het hier om."); err != nil {
			d.T.Fatal(err)
		}
	case "arguments":
		if _, err := d.Send.Reply(user, d.Channel, root.TS, "voor: de schuld is ontstaan door een fout van de overheid zelf"); err != nil {
			d.T.Fatal(err)
		}
		add, _ := Find(p, "mw.argadd")
		views := len(d.Slack.Views())
		d.OK(d.Send.Click(user, p, add, "", nil))
		d.OK(d.Send.Submit(user, d.LastView(views), map[string]map[string]string{
			"procon": {"input": "=contra"},
			"text":   {"input": "andere huishoudens in dezelfde situatie krijgen dit niet"},
			"value":  {"input": "=rechtsgelijkheid"},
		}))
		d.Slack.WaitFor(d.T, d.timeout(), "both arguments in the tally", func() bool {
			m, _ := d.Slack.Message(d.Channel, p.TS)
			return strings.Contains(string(m.Blocks), "andere huishoudens") && strings.Contains(string(m.Blocks), "fout van de overheid")
		})
		p, _ = d.Slack.Message(d.Channel, p.TS)
		done, _ := Find(p, "mw.argsdone")
		d.OK(d.Send.Click(user, p, done, "", nil))
	default:
		d.T.Fatalf("the open question has no controls I know: %s", p.Blocks)
	}
	d.Slack.WaitFor(d.T, d.timeout(), "the question to show its answer", func() bool {
		m, _ := d.Slack.Message(d.Channel, p.TS)
		return len(Controls(m.Blocks)) == 0
	})
	return p.TS
}

// waitAnsweredOrView waits until the click either answered p or opened a
// modal (more than views views); it reports whether a modal opened.
func (d *Driver) waitAnsweredOrView(p fakeslack.Message, views int) bool {
	modal := false
	d.Slack.WaitFor(d.T, d.timeout(), "the click to answer or open a modal", func() bool {
		if len(d.Slack.Views()) > views {
			modal = true
			return true
		}
		m, _ := d.Slack.Message(d.Channel, p.TS)
		return len(Controls(m.Blocks)) == 0
	})
	return modal
}

// RunToSummary answers every open question as user until the summary is
// posted, and returns it. It fails after max answers.
func (d *Driver) RunToSummary(user string, root fakeslack.Message, max int) fakeslack.Message {
	d.T.Helper()
	for i := 0; i < max; i++ {
		if s, ok := d.Summary(root); ok {
			return s
		}
		d.Answer(user, root)
		d.Slack.WaitFor(d.T, d.timeout(), "the next question or the summary", func() bool {
			_, open := d.openPrompt(root)
			_, done := d.Summary(root)
			return open || done
		})
	}
	if s, ok := d.Summary(root); ok {
		return s
	}
	d.T.Fatalf("no summary after %d answers", max)
	return fakeslack.Message{}
}

// Describe is a one-line description of a message, for failure output.
func Describe(m fakeslack.Message) string {
	return fmt.Sprintf("%s ts=%s thread=%s text=%q", m.Channel, m.TS, m.ThreadTS, m.Text)
}

// RootsForTest returns the bot's top-level messages in the channel.
func (d *Driver) RootsForTest() []fakeslack.Message { return d.roots() }

// Controls are the actions of a question message that answer it: all but
// the Wijzig button of an answered question (mw.change) and the summary's
// Verslag button (mw.report), so an empty list means the question is
// answered (or the message is no question).
func Controls(blocks json.RawMessage) []fakeslack.Action {
	return fakeslack.ActionsExcept(blocks, "mw.change", "mw.report")
}
