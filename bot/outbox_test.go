package bot

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// TestSyncOptsRoundTrip: every field of SyncOpts survives the outbox.
func TestSyncOptsRoundTrip(t *testing.T) {
	var o delivery.SyncOpts
	v := reflect.ValueOf(&o).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		f = reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem()
		switch f.Kind() {
		case reflect.Bool:
			f.SetBool(true)
		case reflect.String:
			f.SetString("x")
		case reflect.Slice:
			// two elements, each with every field set
			el := f.Type().Elem()
			s := reflect.MakeSlice(f.Type(), 2, 2)
			for j := range 2 {
				switch el.Kind() {
				case reflect.String:
					s.Index(j).SetString(string(rune('a' + j)))
				case reflect.Struct:
					for k := range el.NumField() {
						s.Index(j).Field(k).SetString(string(rune('a' + j + k)))
					}
				default:
					t.Fatalf("syncOpts.%s: element kind %s not covered by this test", v.Type().Field(i).Name, el.Kind())
				}
			}
			f.Set(s)
		default:
			t.Fatalf("syncOpts.%s: kind %s not covered by this test", v.Type().Field(i).Name, f.Kind())
		}
	}
	if got := delivery.OptsOf(o.Payload()); !reflect.DeepEqual(got, o) {
		t.Errorf("round trip lost a field: %+v → %s → %+v", o, o.Payload(), got)
	}
}

func postsTo(s *fakeslack.Server, method, channel string) (ok, failed int) {
	for _, c := range s.CallsTo(method) {
		if c.Params["channel"] != channel {
			continue
		}
		if c.Error == "" && c.Status == http.StatusOK {
			ok++
		} else {
			failed++
		}
	}
	return ok, failed
}

// TestOutboxHonoursRetryAfterAndKeepsChannelOrder: Slack answers 429 with
// Retry-After, then 503; the root message waits for Retry-After, then backs
// off, and arrives once. A second case in the same channel waits behind it;
// a case in another channel does not.
func TestOutboxHonoursRetryAfterAndKeepsChannelOrder(t *testing.T) {
	clk := &testClock{t: time.Now()}
	web := fakeslack.New(t, testToken)
	h := newHarness(t, web, "", func(c *Config) { c.Now = clk.Now })
	web.FailNext("chat.postMessage", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 30})

	h.drive.OK(h.send.Command("/maatwerk", alice, channel, "Eerste casus"))
	h.bot.out.FlushOutbox(t.Context())
	h.drive.OK(h.send.Command("/maatwerk", alice, channel, "Tweede casus"))
	const other = "C0OTHER01"
	h.drive.OK(h.send.Command("/maatwerk", bob, other, "Casus elders"))
	h.bot.out.FlushOutbox(t.Context())

	if ok, failed := postsTo(web, "chat.postMessage", channel); ok != 0 || failed != 1 {
		t.Fatalf("before Retry-After: %d posts ok, %d failed in %s; want 0 and 1 (the 429)", ok, failed, channel)
	}
	if ok, _ := postsTo(web, "chat.postMessage", other); ok != 2 {
		t.Errorf("the other channel waited for this one: %d posts, want root and first question", ok)
	}
	jobs, _ := h.store.Jobs(t.Context(), 0)
	if len(jobs) != 2 || jobs[0].LastError == "" || !strings.Contains(jobs[0].LastError, "rate limit") {
		t.Fatalf("owed after the 429: %+v", jobs)
	}

	clk.Add(29 * time.Second)
	h.bot.out.FlushOutbox(t.Context())
	if _, failed := postsTo(web, "chat.postMessage", channel); failed != 1 {
		t.Fatalf("retried %d times before Retry-After passed", failed-1)
	}
	web.FailNext("chat.postMessage", 1, fakeslack.Fault{Status: http.StatusServiceUnavailable})
	clk.Add(2 * time.Second) // Retry-After has passed: the 503 comes
	h.bot.out.FlushOutbox(t.Context())
	if ok, failed := postsTo(web, "chat.postMessage", channel); ok != 0 || failed != 2 {
		t.Fatalf("after Retry-After: %d ok, %d failed; want the 503", ok, failed)
	}
	clk.Add(5 * time.Second) // past the backoff
	h.bot.out.FlushOutbox(t.Context())
	h.bot.Wait()

	var roots []string
	for _, m := range web.Messages(channel) {
		if m.ThreadTS == "" && m.User == fakeslack.BotUserID {
			roots = append(roots, m.Text)
		}
	}
	if len(roots) != 2 || !strings.Contains(roots[0], "Eerste") || !strings.Contains(roots[1], "Tweede") {
		t.Errorf("root messages in %s = %q; want each once, first case first", channel, roots)
	}
	if n := h.store.OutboxLen(); n != 0 {
		t.Errorf("outbox still owes %d jobs", n)
	}
	// Slack pacing (429) is expected under load; a 5xx is a warning.
	logs := h.logs.String()
	if !strings.Contains(logs, `"level":"INFO","msg":"slack delivery failed; will retry"`) ||
		!strings.Contains(logs, `"level":"WARN","msg":"slack delivery failed; will retry"`) {
		t.Errorf("want the 429 logged as INFO and the 503 as WARN:\n%s", logs)
	}
}

// TestOutboxGivesUpOnRefusalAndShowsIt: an error Slack would repeat is not
// retried for ever; the case shows it on its root message.
func TestOutboxGivesUpOnRefusalAndShowsIt(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Casus met weigering")
	h.slack.FailNext("chat.update", 1, fakeslack.Fault{Error: "msg_too_long"})
	h.drive.Answer(alice, root)
	h.bot.Wait()
	h.bot.out.FlushOutbox(t.Context()) // the delivery in progress has ended
	c, err := h.store.CaseByThread(t.Context(), channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) != 1 || !strings.Contains(c.Problems[0].What, "msg_too_long") {
		t.Fatalf("problems on the case = %+v", c.Problems)
	}
	if n := h.store.OutboxLen(); n != 0 {
		t.Errorf("a refused job is still owed (%d)", n)
	}
	// The next change shows the problem on the root message.
	h.drive.Answer(alice, root)
	h.bot.Wait()
	if got := h.drive.Root(root); !strings.Contains(string(got.Blocks), "msg_too_long") {
		t.Errorf("root message does not show the refused delivery: %s", got.Blocks)
	}
}

// TestEventAcceptedBeforeCrashIsHandledAfterRestart: an event that was
// accepted (and so acknowledged) but not handled when the process died is
// handled at the next start.
func TestEventAcceptedBeforeCrashIsHandledAfterRestart(t *testing.T) {
	web := fakeslack.New(t, testToken)
	db := t.TempDir() + "/m.db"
	h := newHarness(t, web, db)
	root := h.drive.Start(alice, "Casus voor de herstart")
	h.stop()

	// What the handler stores before it acknowledges, without handling it.
	st := mustOpenStore(t, db)
	ts := web.AddUserMessage(channel, root.TS, bob, "voor: de regel gaat hier voorbij aan het doel")
	body, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": "EvCRASH1", "team_id": fakeslack.TeamID,
		"event": map[string]any{"type": "message", "channel": channel, "user": bob, "ts": ts, "thread_ts": root.TS,
			"text": "voor: de regel gaat hier voorbij aan het doel", "channel_type": "channel"}})
	if first, _, err := st.AcceptEvent(t.Context(), "EvCRASH1", time.Now(), body); err != nil || !first {
		t.Fatal(first, err)
	}
	st.Close()

	h2 := newHarness(t, web, db)
	h2.bot.Wait()
	web.WaitFor(t, 5*time.Second, "the replayed argument", func() bool {
		c, err := h2.store.CaseByThread(t.Context(), channel, root.TS)
		return err == nil && len(c.Arguments) == 1
	})
	// A late redelivery of the same event by Slack changes nothing.
	h2.drive.OK(h2.send.Event("EvCRASH1", map[string]any{"type": "message", "channel": channel, "user": bob, "ts": ts,
		"thread_ts": root.TS, "text": "voor: de regel gaat hier voorbij aan het doel", "channel_type": "channel"}, 1))
	h2.bot.Wait()
	c, _ := h2.store.CaseByThread(t.Context(), channel, root.TS)
	if len(c.Arguments) != 1 || c.Arguments[0].By != bob {
		t.Errorf("arguments after replay and redelivery = %+v", c.Arguments)
	}
	// The replay takes the event out of the inbox once handled.
	web.WaitFor(t, 5*time.Second, "an empty inbox", func() bool {
		in, err := h2.store.Inbox(t.Context())
		return err == nil && len(in) == 0
	})
}

func mustOpenStore(tb testing.TB, path string) *store.Store {
	tb.Helper()
	st, err := store.Open(tb.Context(), path, store.Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	return st
}
