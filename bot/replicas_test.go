package bot

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/bot/internal/delivery"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// fakeDB is what PostgreSQL keeps for several replicas: a lease per
// channel and the scheduler role. A lease left by an owner that did not
// release it (it died) is taken over once it has run out.
type fakeDB struct {
	mu     sync.Mutex
	leases map[string]fakeLease
	sched  string // the owner holding the scheduler role; "": the first to ask
}

type fakeLease struct {
	owner string
	until time.Time
}

func newFakeDB() *fakeDB { return &fakeDB{leases: map[string]fakeLease{}} }

// as is the database as replica owner sees it.
func (db *fakeDB) as(owner string) Replicas { return fakeReplica{db, owner} }

// lease sets channel's lease as if owner had claimed it.
func (db *fakeDB) lease(channel, owner string, until time.Time) {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.leases[channel] = fakeLease{owner, until}
}

func (db *fakeDB) setScheduler(owner string) {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.sched = owner
}

type fakeReplica struct {
	db    *fakeDB
	owner string
}

func (r fakeReplica) ClaimChannels(ctx context.Context, owner string, channels []string, lease time.Duration) ([]store.Claim, error) {
	r.db.mu.Lock()
	defer r.db.mu.Unlock()
	now := time.Now()
	var out []store.Claim
	for _, ch := range channels {
		l, ok := r.db.leases[ch]
		if ok && l.owner != owner && now.Before(l.until) {
			continue // held by a live replica
		}
		r.db.leases[ch] = fakeLease{owner, now.Add(lease)}
		out = append(out, store.Claim{Channel: ch, TakenOver: ok && l.owner != owner})
	}
	return out, nil
}

func (r fakeReplica) ReleaseChannels(ctx context.Context, owner string, channels []string) error {
	r.db.mu.Lock()
	defer r.db.mu.Unlock()
	for _, ch := range channels {
		if r.db.leases[ch].owner == owner {
			delete(r.db.leases, ch)
		}
	}
	return nil
}

func (r fakeReplica) TryScheduler(ctx context.Context) (bool, error) {
	r.db.mu.Lock()
	defer r.db.mu.Unlock()
	if r.db.sched == "" {
		r.db.sched = r.owner
	}
	return r.db.sched == r.owner, nil
}

// replicaOf returns a second bot on h's database and fake Slack, set up
// as mod says; its outbox runs only when the test asks (Wait, DeliverDue).
func replicaOf(t *testing.T, h *harness, mod func(*Config)) *Bot {
	t.Helper()
	cfg := Config{
		BotToken: testToken, SigningSecret: testSecret, APIURL: h.slack.APIURL(),
		Command: "/maatwerk", Lang: cards.NL, TeamLeads: []string{lead}, Location: time.UTC,
	}
	mod(&cfg)
	ctx, cancel := context.WithCancel(context.Background())
	b := New(ctx, cfg, h.store, dialogs.New(mustCards(t), cfg.Now), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := b.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Wait(); cancel() }) // before h.stop closes the store
	return b
}

// threadMessages are the bot's replies in a thread.
func threadMessages(fs *fakeslack.Server, channel, thread string) []fakeslack.Message {
	var out []fakeslack.Message
	for _, m := range fs.Messages(channel) {
		if m.ThreadTS == thread && m.TS != thread && m.User == fakeslack.BotUserID && !m.Deleted {
			out = append(out, m)
		}
	}
	return out
}

// Two replicas share one database: a channel's outbox is delivered by the
// replica holding its lease, the other skips it; both delivering at once
// post every message once.
func TestReplicasDeliverEachChannelOnce(t *testing.T) {
	db := newFakeDB()
	db.lease(channel, "B", time.Now().Add(time.Hour)) // B is delivering the channel
	h := newHarness(t, nil, "", func(c *Config) { c.Replicas, c.Owner = db.as("A"), "A" })
	b := replicaOf(t, h, func(c *Config) { c.Replicas, c.Owner = db.as("B"), "B" })

	h.drive.OK(h.send.Command("/maatwerk", alice, channel, "Casus tijdens de lease van B"))
	h.bot.Wait()
	if n := len(botMessages(h.slack, channel)); n != 0 {
		t.Fatalf("A posted %d root messages in a channel B holds", n)
	}
	if s := h.bot.out.ClaimStats(); s.Skipped == 0 {
		t.Errorf("A's claims %+v: the channel held by B is not counted as skipped", s)
	}
	b.Wait() // B delivers (and releases the channel)
	if n := len(botMessages(h.slack, channel)); n != 1 {
		t.Fatalf("%d root messages after B delivered, want 1", n)
	}

	// Both deliver the same channel at once: one gets it.
	h.drive.OK(h.send.Command("/maatwerk", alice, channel, "Casus die beide replica's zien"))
	var wg sync.WaitGroup
	wg.Go(func() { h.bot.Wait() })
	wg.Go(func() { b.out.DeliverDue(context.Background()) })
	wg.Wait()
	h.bot.Wait()
	b.Wait()
	roots := botMessages(h.slack, channel)
	if len(roots) != 2 {
		t.Fatalf("%d root messages, want 2", len(roots))
	}
	for _, r := range roots {
		if n := len(threadMessages(h.slack, channel, r.TS)); n != 1 {
			t.Errorf("case %q: %d messages in its thread, want the first question once", r.Text, n)
		}
	}
}

// forgetPrompt makes the store forget the first question of the case of
// root, as a replica that posted it and died before FinishJobs leaves it:
// the question is in Slack, the job still owed. It returns the question's
// Posts key and ts.
func forgetPrompt(t *testing.T, h *harness, root fakeslack.Message) (id int64, key, ts string) {
	t.Helper()
	ctx := t.Context()
	var c *record.Case
	// The question is posted, then recorded: wait for the record.
	h.slack.WaitFor(t, 5*time.Second, "the first question recorded", func() bool {
		var err error
		if c, err = h.store.CaseByThread(ctx, channel, root.TS); err != nil {
			t.Fatal(err)
		}
		for k, v := range c.Posts {
			if strings.HasPrefix(k, "step:") {
				key, ts = k, v
			}
		}
		return key != ""
	})
	if _, err := h.store.UpdateCase(ctx, c.ID, func(c *record.Case) error { delete(c.Posts, key); return nil }); err != nil {
		t.Fatal(err)
	}
	job := store.Job{Case: c.ID, Channel: channel, Payload: delivery.SyncOpts{}.Payload(), Created: time.Now()}
	if err := h.store.Enqueue(ctx, job); err != nil {
		t.Fatal(err)
	}
	return c.ID, key, ts
}

// A replica posts a question and dies before recording it; its lease runs
// out and A takes the channel over: A finds the question in Slack by its
// metadata and adopts it instead of posting it again. Without the
// takeover (the job looks fresh, the lease was released) it would be
// posted twice: the window this closes.
func TestTakeOverAdoptsPostedButUnrecordedMessage(t *testing.T) {
	db := newFakeDB()
	h := newHarness(t, nil, "", func(c *Config) { c.Replicas, c.Owner = db.as("A"), "A" })
	root := h.drive.Start(alice, "Casus van een replica die stierf")
	before := len(threadMessages(h.slack, channel, root.TS))

	db.lease(channel, "X", time.Now().Add(time.Hour)) // X delivers the channel …
	id, key, ts := forgetPrompt(t, h, root)
	h.bot.Wait()
	if n := len(threadMessages(h.slack, channel, root.TS)); n != before {
		t.Fatalf("A posted in a channel X holds: %d messages, want %d", n, before)
	}
	db.lease(channel, "X", time.Now().Add(-time.Second)) // … and dies: its lease runs out
	h.bot.out.Kick()
	h.bot.Wait()

	if n := len(threadMessages(h.slack, channel, root.TS)); n != before {
		t.Errorf("%d messages in the thread after the takeover, want %d: the question was posted again", n, before)
	}
	c, err := h.store.Case(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Post(key) != ts {
		t.Errorf("Posts[%s] = %q, want the ts found in Slack %q", key, c.Post(key), ts)
	}
	if h.store.OutboxLen() != 0 {
		t.Errorf("%d jobs still owed", h.store.OutboxLen())
	}
	if s := h.bot.out.ClaimStats(); s.TakenOver != 1 {
		t.Errorf("claims %+v, want one taken over", s)
	}

	// The control: the same loss without a takeover is posted again.
	forgetPrompt(t, h, root)
	h.bot.out.Kick()
	h.bot.Wait()
	if n := len(threadMessages(h.slack, channel, root.TS)); n != before+1 {
		t.Errorf("control: %d messages, want %d (the forgotten question posted again)", n, before+1)
	}
}

// The one process is killed with -9 right after posting a case's root
// message: on the restart the job is older than the process, so the root
// is looked up in the channel's history by its metadata and adopted, and
// nothing is posted twice.
func TestRestartAdoptsRootPostedButUnrecorded(t *testing.T) {
	h := newHarness(t, nil, "")
	root := h.drive.Start(alice, "Casus vlak voor kill -9")
	all := len(h.slack.Messages(channel))
	ctx := t.Context()
	c, err := h.store.CaseByThread(ctx, channel, root.TS)
	if err != nil {
		t.Fatal(err)
	}
	h.cancel() // the process dies …
	<-h.outboxDone
	if _, err := h.store.UpdateCase(ctx, c.ID, func(c *record.Case) error {
		c.Thread, c.Posts = "", nil // … before it recorded anything it posted
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	job := store.Job{Case: c.ID, Channel: channel, Payload: delivery.SyncOpts{}.Payload(), Created: time.Now().Add(-time.Minute)}
	if err := h.store.Enqueue(ctx, job); err != nil {
		t.Fatal(err)
	}

	b := replicaOf(t, h, func(*Config) {}) // the restart
	b.Wait()
	if n := len(h.slack.Messages(channel)); n != all {
		t.Errorf("%d messages in the channel after the restart, want %d: something was posted twice", n, all)
	}
	got, err := h.store.Case(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Thread != root.TS || got.Post(delivery.PostRoot) != root.TS {
		t.Errorf("thread %q, root %q; want the root found in Slack %q", got.Thread, got.Post(delivery.PostRoot), root.TS)
	}
	if len(got.Posts) < 2 {
		t.Errorf("Posts %v: the question in the thread was not adopted", got.Posts)
	}
	if h.store.OutboxLen() != 0 {
		t.Errorf("%d jobs still owed", h.store.OutboxLen())
	}
}

// Only the replica holding the scheduler role posts the digest; when the
// role moves (its holder died) the new holder does not post it again.
// /readyz says which replica holds it; both are ready.
func TestSchedulerRoleOnlyHolderPostsDigest(t *testing.T) {
	loc := amsterdam(t)
	path, _ := seedFile(t, loc)
	fs := fakeslack.New(t, testToken)
	clock := &testClock{}
	clock.Set(novemberDigest(loc))
	db := newFakeDB()
	db.setScheduler("B")
	h := newHarness(t, fs, path, func(c *Config) {
		c.Now, c.Location, c.Lang, c.Replicas, c.Owner = clock.Now, loc, cards.NL, db.as("A"), "A"
	})
	b := replicaOf(t, h, func(c *Config) {
		c.Now, c.Location, c.Replicas, c.Owner = clock.Now, loc, db.as("B"), "B"
	})
	ctx := t.Context()

	if next := h.bot.schedulerPass(ctx, time.Time{}); !next.IsZero() {
		t.Errorf("standby replica A ticked (next %v)", next)
	}
	if n := len(botMessages(fs, chanA)); n != 0 {
		t.Fatalf("standby replica A posted %d digests", n)
	}
	if ok, why := h.bot.Ready(ctx); !ok || !strings.HasSuffix(why, "\nscheduler: standby") {
		t.Errorf("A: Ready = %v, %q; want ready, scheduler: standby", ok, why)
	}
	b.schedulerPass(ctx, time.Time{})
	b.Wait()
	if n := len(botMessages(fs, chanA)); n != 1 {
		t.Fatalf("%d digests after B's tick, want 1", n)
	}
	if ok, why := b.Ready(ctx); !ok || !strings.HasSuffix(why, "\nscheduler: held") {
		t.Errorf("B: Ready = %v, %q; want ready, scheduler: held", ok, why)
	}

	db.setScheduler("A") // B died; A gets the role and ticks at once
	h.bot.schedulerPass(ctx, time.Time{})
	h.bot.Wait()
	if !h.bot.HoldsScheduler() {
		t.Errorf("A does not hold the role")
	}
	if n := len(botMessages(fs, chanA)); n != 1 {
		t.Errorf("%d digests after the role moved, want 1", n)
	}
	if got := b.schedulerPass(ctx, time.Time{}); !got.IsZero() || b.HoldsScheduler() {
		t.Errorf("B still schedules after losing the role")
	}
}

// The look-up after a takeover is rate-limited the first time (Slack
// allows conversations.replies once a minute to some apps): the channel's
// lease is kept and the case stays to be looked up, so the next pass — no
// longer a takeover — still looks first, and the question is not posted
// twice.
func TestTakeOverLookupRetriedAfterARateLimit(t *testing.T) {
	db := newFakeDB()
	h := newHarness(t, nil, "", func(c *Config) { c.Replicas, c.Owner = db.as("A"), "A" })
	root := h.drive.Start(alice, "Casus waarvan de eerste blik werd afgeremd")
	before := len(threadMessages(h.slack, channel, root.TS))

	db.lease(channel, "X", time.Now().Add(time.Hour))
	id, key, ts := forgetPrompt(t, h, root)
	h.bot.Wait()
	h.slack.FailNext("conversations.replies", 1, fakeslack.Fault{Status: http.StatusTooManyRequests, RetryAfter: 1})
	db.lease(channel, "X", time.Now().Add(-time.Second)) // X died
	h.bot.out.Kick()
	h.slack.WaitFor(t, 10*time.Second, "the owed job delivered after the retry", func() bool { return h.store.OutboxLen() == 0 })
	h.bot.Wait()

	if n := len(threadMessages(h.slack, channel, root.TS)); n != before {
		t.Errorf("%d messages in the thread, want %d: the question was posted again after the look-up was rate-limited", n, before)
	}
	if c, err := h.store.Case(t.Context(), id); err != nil || c.Post(key) != ts {
		t.Errorf("Posts[%s] = %q (%v), want the ts found in Slack %q", key, c.Post(key), err, ts)
	}
	if n := len(h.slack.CallsTo("conversations.replies")); n < 2 {
		t.Errorf("conversations.replies asked %d times, want the refused look-up and the one after", n)
	}
}
