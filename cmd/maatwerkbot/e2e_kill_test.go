package main

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestKillDuringLoadLosesNothing: the bot gets a load of answers (clicks)
// and thread arguments (events) while Slack rate-limits and fails on
// purpose; it is killed with SIGKILL in the middle. After a restart every
// acknowledged answer and argument is in the store exactly once, and every
// message owed to Slack is delivered.
func TestKillDuringLoadLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds load; skipped with -short")
	}
	slack := fakeslack.New(t, e2eToken)
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	p := startBot(t, slack, db)
	d := driver(t, slack, p)

	const cases = 8
	const user = "UCASEWRK1"
	var roots []fakeslack.Message
	for i := range cases {
		roots = append(roots, d.Start(user, fmt.Sprintf("Casus onder belasting %c", 'A'+i)))
	}
	prompts := make([]fakeslack.Message, cases)
	for i, r := range roots {
		prompts[i] = d.OpenPrompt(r)
		if bottest.Kind(prompts[i]) != "multi" {
			t.Fatalf("first question of the flow is %s; this test clicks checkboxes", bottest.Kind(prompts[i]))
		}
	}

	// Slack misbehaves from now on.
	slack.FailNext("chat.update", 4, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 1})
	slack.FailNext("chat.postMessage", 2, fakeslack.Fault{Status: http.StatusInternalServerError})
	slack.FailNext("reactions.add", 2, fakeslack.Fault{Status: http.StatusBadGateway})

	send := d.Send
	var (
		mu         sync.Mutex
		ackedArgs  = map[string]string{} // message ts → text
		ackedClick = map[int]bool{}      // case index
		acks       atomic.Int32
		killed     = make(chan struct{})
		killOnce   sync.Once
	)
	kill := func() {
		killOnce.Do(func() {
			p.cmd.Process.Kill()
			close(killed)
		})
	}
	var wg sync.WaitGroup
	for i := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-killed:
					return
				default:
				}
				if n == 3 {
					checks, _ := bottest.Find(prompts[i], "mw.checks")
					confirm, _ := bottest.Find(prompts[i], "mw.confirm")
					r, err := send.Click(user, prompts[i], confirm, "", map[string][]string{checks.ActionID: checks.Options[:1]})
					if err == nil && r.Status == http.StatusOK {
						mu.Lock()
						ackedClick[i] = true
						mu.Unlock()
						acks.Add(1)
					}
					continue
				}
				text := fmt.Sprintf("voor: argument %c%c onder belasting", 'a'+i, 'a'+n%26)
				ts := slack.AddUserMessage(e2eChan, roots[i].TS, "UCOLLEGA1", text)
				r, err := send.Event("EvLOAD"+ts, map[string]any{"type": "message", "channel": e2eChan,
					"user": "UCOLLEGA1", "text": text, "ts": ts, "thread_ts": roots[i].TS, "channel_type": "channel"}, 0)
				if err == nil && r.Status == http.StatusOK {
					mu.Lock()
					ackedArgs[ts] = text
					mu.Unlock()
					if acks.Add(1) >= 120 {
						kill()
					}
				}
			}
		}()
	}
	wg.Wait()
	<-p.done

	// What the killed process left owed.
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatalf("open the database after the kill: %v", err)
	}
	owed := st.OutboxLen()
	inbox, _ := st.Inbox(context.Background())
	st.Close()

	p2 := startBot(t, slack, db)
	d2 := driver(t, slack, p2)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("restarted bot's log:\n%s", p2.out)
		}
	})
	// Every owed message arrives: each answered question shows its answer
	// and the next question is asked; each case's arguments are on the
	// open question's tally.
	slack.WaitFor(t, 30*time.Second, "all owed messages delivered", func() bool {
		for i, r := range roots {
			mu.Lock()
			clicked := ackedClick[i]
			mu.Unlock()
			first, _ := slack.Message(e2eChan, prompts[i].TS)
			answered := len(bottest.Controls(first.Blocks)) == 0
			if clicked != answered {
				return false
			}
			if clicked {
				open, ok := d2.CurrentPrompt(r)
				if !ok || open.TS == prompts[i].TS {
					return false
				}
			}
		}
		return true
	})
	// Updates Slack asked to wait for (429) come last: root messages.
	slack.WaitFor(t, 30*time.Second, "the outbox to be empty", func() bool { return outboxDepth(t, p2) == 0 })
	p2.stop(t)

	st, err = store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	found := map[string]int{}
	for i, r := range roots {
		c, err := st.CaseByThread(context.Background(), e2eChan, r.TS)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range c.Arguments {
			found[a.Ref]++
		}
		mu.Lock()
		clicked := ackedClick[i]
		mu.Unlock()
		if clicked && len(c.Answers) != 1 {
			t.Errorf("case %s: the acknowledged answer is not stored once (%d answers)", c.Key(), len(c.Answers))
		}
	}
	lost, doubled := 0, 0
	for ts := range ackedArgs {
		switch found[ts] {
		case 0:
			lost++
		case 1:
		default:
			doubled++
		}
	}
	if lost > 0 || doubled > 0 {
		t.Errorf("of %d acknowledged arguments, %d lost and %d stored twice", len(ackedArgs), lost, doubled)
	}
	if n := st.OutboxLen(); n != 0 {
		t.Errorf("after the restart the outbox still owes %d jobs", n)
	}
	failed := 0
	for _, c := range slack.Calls() {
		if c.Error != "" {
			failed++
		}
	}
	t.Logf("acknowledged before the kill: %d arguments, %d answers; stored after: %d arguments (lost %d, twice %d); "+
		"owed at the kill: %d outbox jobs and %d unhandled events, owed after the restart: %d; Slack failures injected and met: %d",
		len(ackedArgs), len(ackedClick), len(found), lost, doubled, owed, len(inbox), st.OutboxLen(), failed)
	if !strings.Contains(p2.out.String(), "stopped") {
		t.Errorf("the restarted bot did not log a clean stop:\n%s", p2.out)
	}
}

// TestEndToEndHotBackupAndRestore: "maatwerkbot backup FILE" copies the
// database while the bot runs; starting a bot on the copy restores it.
func TestEndToEndHotBackupAndRestore(t *testing.T) {
	slack := fakeslack.New(t, e2eToken)
	dir := t.TempDir()
	db := filepath.Join(dir, "maatwerk.db")
	p := startBot(t, slack, db)
	d := driver(t, slack, p)
	root := d.Start("UCASEWRK1", "Casus in de backup")
	d.Answer("UCASEWRK1", root)

	file := filepath.Join(dir, "backup.db")
	cmd := exec.Command(binary, "backup", file)
	cmd.Env = baseEnv(db)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("backup while the bot runs: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "backup of") {
		t.Errorf("backup output: %s", out)
	}
	// The bot went on working meanwhile.
	d.Answer("UCASEWRK1", root)
	p.stop(t)

	// Restore: start the bot on the copy. The case is there, at the step
	// it had when the copy was made.
	p2 := startBot(t, slack, file)
	p2.stop(t)
	st, err := store.Open(context.Background(), file, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.CaseByThread(context.Background(), e2eChan, root.TS)
	if err != nil {
		t.Fatalf("case in the restored database: %v", err)
	}
	if len(c.Answers) != 1 {
		t.Errorf("restored case has %d answers, want the 1 given before the backup", len(c.Answers))
	}
}

// TestSIGTERMStopsInBoundedTimeAndKeepsWhatIsOwed: Slack rate-limits with a
// long Retry-After, so messages are owed when SIGTERM comes. The bot stops
// within its shutdown bound without waiting for Slack, keeps what it owes
// in the database, and delivers it after the next start.
func TestSIGTERMStopsInBoundedTimeAndKeepsWhatIsOwed(t *testing.T) {
	slack := fakeslack.New(t, e2eToken)
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	p := startBot(t, slack, db)
	d := driver(t, slack, p)
	root := d.Start("UCASEWRK1", "Casus bij het stoppen")
	prompt := d.OpenPrompt(root)

	slack.FailNext("chat.update", 50, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 3})
	rootBefore, _ := slack.Message(e2eChan, root.TS)
	checks, _ := bottest.Find(prompt, "mw.checks")
	confirm, _ := bottest.Find(prompt, "mw.confirm")
	d.OK(d.Send.Click("UCASEWRK1", prompt, confirm, "", map[string][]string{checks.ActionID: checks.Options[:1]}))
	slack.WaitFor(t, 10*time.Second, "the first rate-limited update", func() bool {
		for _, c := range slack.CallsTo("chat.update") {
			if c.Status == http.StatusTooManyRequests {
				return true
			}
		}
		return false
	})

	start := time.Now()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, p.out)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("still running 15 s after SIGTERM:\n%s", p.out)
	}
	took := time.Since(start)
	// Owed: the root message's update, which Slack rate-limited. (The
	// answered question was updated through the click's response_url.)
	if !strings.Contains(p.out.String(), `"outbox_owed":1`) {
		t.Errorf("the bot did not report the owed messages at stop:\n%s", p.out)
	}
	t.Logf("stopped %v after SIGTERM with a message owed to a rate-limited Slack", took.Round(time.Millisecond))

	slack.ClearFaults("chat.update") // Slack is well again
	p2 := startBot(t, slack, db)
	driver(t, slack, p2)
	slack.WaitFor(t, 15*time.Second, "the owed update after the restart", func() bool {
		m, _ := slack.Message(e2eChan, root.TS)
		return m.Updated > rootBefore.Updated
	})
	if m, _ := slack.Message(e2eChan, prompt.TS); len(bottest.Controls(m.Blocks)) != 0 {
		t.Errorf("the answered question still asks: %s", m.Blocks)
	}
}
