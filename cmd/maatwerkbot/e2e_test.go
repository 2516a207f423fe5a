package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export/exporttest/pdftext"
	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

const (
	e2eToken  = "xoxb-e2e-token-0123456789"
	e2eSecret = "e2e-signing-secret-abcdef"
	e2eChan   = "C0E2ETEST"
)

// binary is the maatwerkbot binary built once for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "maatwerkbot-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "maatwerkbot")
	// Static, as it is released (CGO_ENABLED=0, see deploy/Dockerfile); the
	// same flags as deploy's TestStaticBuild, so the two share the cache.
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	build.Stderr = os.Stderr
	if err := withBuildLock(build.Run); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := pgtest.Main(m) // m.Run, then stop the PostgreSQL cluster tests may have started
	os.RemoveAll(dir)
	os.Exit(code)
}

// process is a running maatwerkbot.
type process struct {
	cmd  *exec.Cmd
	addr string
	out  *lockedBuffer
	done chan error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func baseEnv(db string) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"MAATWERK_DB=" + db,
	}
}

// outboxDepth reads the bot's outbox depth from its /metrics.
func outboxDepth(t *testing.T, p *process) int {
	t.Helper()
	n := metric(t, p, "maatwerk_outbox_depth")
	if n < 0 {
		t.Fatal("no maatwerk_outbox_depth in /metrics")
	}
	return n
}

// startBot runs the binary in HTTP mode against slack and waits until it is
// healthy.
func startBot(t *testing.T, slack *fakeslack.Server, db string) *process {
	t.Helper()
	return startBotEnv(t, slack, db)
}

// startBotEnv is startBot with more environment variables.
func startBotEnv(t *testing.T, slack *fakeslack.Server, db string, env ...string) *process {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(binary)
	cmd.Env = append(baseEnv(db),
		"SLACK_BOT_TOKEN="+e2eToken,
		"SLACK_SIGNING_SECRET="+e2eSecret,
		"SLACK_API_URL="+slack.APIURL(),
		"MAATWERK_MODE=http",
		"MAATWERK_LISTEN_ADDR="+addr,
		"MAATWERK_TEAM_LEADS=ULEAD0001",
	)
	cmd.Env = append(cmd.Env, env...)
	p := &process{cmd: cmd, addr: addr, out: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() { p.stop(t) })
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		select {
		case err := <-p.done:
			t.Fatalf("maatwerkbot exited at start (%v):\n%s", err, p.out)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("maatwerkbot not healthy after 15 s:\n%s", p.out)
	return nil
}

// stop sends SIGTERM and waits for a clean exit.
func (p *process) stop(t *testing.T) {
	if p.cmd.ProcessState != nil || p.cmd.Process == nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		p.done <- err
		if err != nil {
			t.Errorf("maatwerkbot did not exit cleanly on SIGTERM: %v\n%s", err, p.out)
		}
	case <-time.After(15 * time.Second):
		p.cmd.Process.Kill()
		t.Errorf("maatwerkbot did not stop within 15 s of SIGTERM")
	}
	if strings.Contains(p.out.String(), e2eToken) || strings.Contains(p.out.String(), e2eSecret) {
		t.Errorf("a token or the signing secret reached the log")
	}
}

func driver(t *testing.T, slack *fakeslack.Server, p *process) *bottest.Driver {
	send := &fakeslack.Sender{AppURL: "http://" + p.addr, Secret: e2eSecret, Slack: slack}
	return &bottest.Driver{T: t, Slack: slack, Send: send, Channel: e2eChan, Timeout: 15 * time.Second}
}

func steps(t *testing.T) int {
	set, err := cards.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	return len(set.Steps())
}

func TestEndToEndCaseFromSlashCommandToSummary(t *testing.T) {
	slack := fakeslack.New(t, e2eToken)
	slack.AddUser("UCASEWRK1", "Casusbehandelaar", "nl-NL")
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	p := startBot(t, slack, db)
	d := driver(t, slack, p)

	root := d.Start("UCASEWRK1", "Terugvordering bijstand na te laat gemelde erfenis")
	summary := d.RunToSummary("UCASEWRK1", root, steps(t)+2)
	if !summary.Broadcast || summary.ThreadTS != root.TS {
		t.Errorf("summary is not a broadcast reply in the case thread: %s", bottest.Describe(summary))
	}
	for _, want := range []string{"Samenvatting van MW-0001", "Terugvordering bijstand", "Besluit"} {
		if !strings.Contains(string(summary.Blocks), want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	counts := map[string]int{}
	for _, c := range slack.Calls() {
		counts[c.Method]++
		if c.Error != "" {
			t.Errorf("Slack answered %s with %s", c.Method, c.Error)
		}
	}
	t.Logf("Web API calls for one whole case: %v", counts)
	if counts["users.info"] > 1 {
		t.Errorf("%d users.info calls for one user's case; the language is cached", counts["users.info"])
	}
	for _, m := range []string{"auth.test", "chat.postMessage", "chat.update", "views.open", "reactions.add"} {
		if counts[m] == 0 {
			t.Errorf("no %s call", m)
		}
	}
}

func TestEndToEndRestartMidCase(t *testing.T) {
	slack := fakeslack.New(t, e2eToken)
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	p := startBot(t, slack, db)
	d := driver(t, slack, p)
	root := d.Start("UCASEWRK1", "Casus over een herstart heen")
	for i := 0; i < 7; i++ {
		d.Answer("UCASEWRK1", root)
	}
	p.stop(t)

	p2 := startBot(t, slack, db)
	d2 := driver(t, slack, p2)
	open := d2.OpenPrompt(root)
	if !strings.Contains(string(open.Blocks), fmt.Sprintf("stap 8 van %d", steps(t))) {
		t.Fatalf("after restart the open question is not step 8: %s", open.Blocks)
	}
	summary := d2.RunToSummary("UCASEWRK1", root, steps(t))
	if !strings.Contains(string(summary.Blocks), "Casus over een herstart heen") {
		t.Errorf("summary after restart: %s", summary.Blocks)
	}
}

func TestSecondProcessOnSameDatabaseFailsAtOnce(t *testing.T) {
	slack := fakeslack.New(t, e2eToken)
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	startBot(t, slack, db)

	cmd := exec.Command(binary)
	cmd.Env = append(baseEnv(db), "SLACK_BOT_TOKEN="+e2eToken, "SLACK_SIGNING_SECRET="+e2eSecret,
		"SLACK_API_URL="+slack.APIURL(), "MAATWERK_LISTEN_ADDR="+freeAddr(t))
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("second process on the same database did not fail:\n%s", out)
	}
	if !strings.Contains(string(out), "in use by another process") {
		t.Errorf("unclear message: %s", out)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second process took %v to give up", d)
	}
}

func TestConfigurationProblemsStopTheStart(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want []string
	}{
		{"nothing set", nil, []string{"SLACK_BOT_TOKEN is not set", "MAATWERK_MODE=http needs SLACK_SIGNING_SECRET"}},
		{"socket without app token", []string{"SLACK_BOT_TOKEN=xoxb-1", "MAATWERK_MODE=socket"},
			[]string{"MAATWERK_MODE=socket needs SLACK_APP_TOKEN"}},
		{"several at once", []string{"SLACK_BOT_TOKEN=xoxp-user", "MAATWERK_MODE=webhook", "MAATWERK_LANG=de", "MAATWERK_TIMEZONE=Mars/Olympus"},
			[]string{"not a bot token", `MAATWERK_MODE="webhook"`, `MAATWERK_LANG="de"`, `MAATWERK_TIMEZONE="Mars/Olympus"`}},
		{"not a number", []string{"MAATWERK_RETENTION_DAYS=twee jaar"}, []string{"MAATWERK_RETENTION_DAYS"}},
		{"replica timings", []string{"MAATWERK_OUTBOX_LEASE=0s", "MAATWERK_REPLICA_CHECK=1h"},
			[]string{"MAATWERK_OUTBOX_LEASE=0s: must be 1s to 10m", "MAATWERK_REPLICA_CHECK=1h0m0s: must be 1s to 10m"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(binary)
			cmd.Env = append(baseEnv(filepath.Join(t.TempDir(), "x.db")), tt.env...)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("started despite bad configuration:\n%s", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(cmd.Env[2][len("MAATWERK_DB="):]), "x.db")); err == nil {
				t.Errorf("a database was created despite bad configuration")
			}
		})
	}
}

func TestHelpListsEveryVariable(t *testing.T) {
	out, err := exec.Command(binary, "--help").CombinedOutput()
	if err != nil {
		t.Fatalf("--help: %v\n%s", err, out)
	}
	for _, v := range []string{"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL",
		"MAATWERK_MODE", "MAATWERK_LISTEN_ADDR", "MAATWERK_DB", "MAATWERK_LANG", "MAATWERK_TIMEZONE",
		"MAATWERK_TEAM_LEADS", "MAATWERK_RETENTION_DAYS", "MAATWERK_CARDS_DIR", "MAATWERK_COMMAND", "console",
		"MAATWERK_TEAM_LEAD_GROUP", "MAATWERK_OUTBOX_LEASE", "MAATWERK_REPLICA_CHECK", "export"} {
		if !strings.Contains(string(out), v) {
			t.Errorf("--help does not mention %s", v)
		}
	}
}

// TestConsoleWholeCase runs "maatwerkbot console" and answers its prompts
// the way a person at a terminal would, reading each prompt before typing.
func TestConsoleWholeCase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	transcript := runConsole(t, db, 40, "Kostendelersnorm bij tijdelijke opvang van een zus", "")
	for _, want := range []string{"Je naam", "[MW-0001] Signalen · stap 1 van", "Samenvatting van MW-0001", "Argumenten voor maatwerk",
		"Argumenten tegen maatwerk", "Besluit:", "Deelnemers: Anna de Vries"} {
		if !strings.Contains(transcript, want) {
			t.Errorf("console transcript lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("transcript:\n%s", transcript)
	}
}

// TestConsoleRecordForTheDossier runs a case in the console with the
// answer to step 3 changed after step 9, and checks the summary (the
// current answer, the caseworker's name, local time, the decision first)
// and the PDF the console's 'verslag' writes: the case id, the zaaknummer,
// the decision and its motivering, each argument with its author, the
// changed answer marked with both versions, and the content version.
func TestConsoleRecordForTheDossier(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	started := time.Now().In(ams)
	transcript := consoleRun{db: db, max: 40, title: "Kostendelersnorm bij tijdelijke opvang", correctAt: 9, correct: 3, wantReport: true,
		env: []string{"MAATWERK_ORG=Gemeente Zuidbroek", "MAATWERK_TIMEZONE=Europe/Amsterdam"}}.run(t)
	defer func() {
		if t.Failed() {
			t.Logf("transcript:\n%s", transcript)
		}
	}()
	if !strings.Contains(transcript, "Gewijzigd: stap 3") {
		t.Fatalf("the answer to step 3 was not changed")
	}
	sum := transcript[strings.LastIndex(transcript, "Samenvatting van MW-0001"):]
	decision, args := strings.Index(sum, "Besluit:"), strings.Index(sum, "Argumenten voor maatwerk")
	if decision < 0 || args < 0 || decision > args {
		t.Errorf("the summary does not give the decision first (Besluit at %d, arguments at %d)", decision, args)
	}
	for _, want := range []string{"Anna de Vries", "Zaaknummer: Z-2026-00123"} {
		if !strings.Contains(sum, want) {
			t.Errorf("the summary lacks %q", want)
		}
	}
	if !strings.Contains(sum, started.Format("15:")) && !strings.Contains(sum, started.Add(time.Hour).Format("15:")) {
		t.Errorf("the summary has no time in Europe/Amsterdam (%s)", started.Format("15:04"))
	}

	files, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "MW-0001-verslag-*.pdf"))
	if len(files) != 1 {
		t.Fatalf("the console wrote %d documents, want 1", len(files))
	}
	if !strings.Contains(transcript, "Het verslag van MW-0001 staat in "+filepath.Base(files[0])) {
		t.Errorf("the console did not say where the document is")
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	txt, err := pdftext.Extract(b)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(txt), " ")
	for _, want := range []string{"MW-0001", "Z-2026-00123", "Gemeente Zuidbroek", "Besluit", "Motivering",
		"ik doe dit omdat de gevolgen anders onevenredig zijn",
		"de opvang is tijdelijk en voorkomt dakloosheid Anna de Vries",
		"de norm geldt voor iedereen die een woning deelt Anna de Vries",
		"gewijzigd, eerdere antwoorden in de bijlage", "Bijlage: gewijzigde antwoorden", "inhoud versie 20"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	// Both versions of step 3 in the appendix: the first with more
	// choices than the second.
	appendix := flat[strings.Index(flat, "Bijlage: gewijzigde antwoorden"):]
	first := "1. De regel laat ruimte: beleidsregel, hardheidsclausule of beoordelingsruimte, De regel lijkt geen ruimte te laten, terwijl die nodig is Anna de Vries"
	second := "2. De regel laat ruimte: beleidsregel, hardheidsclausule of beoordelingsruimte Anna de Vries"
	if i, j := strings.Index(appendix, first), strings.Index(appendix, second); !strings.Contains(appendix, "3. De regel") || i < 0 || j < i {
		t.Errorf("the appendix does not list step 3 with both versions: %s", appendix)
	}
	if t.Failed() {
		t.Logf("PDF text:\n%s", txt)
	}
}

func TestConsoleContinuesACaseAfterStop(t *testing.T) {
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	first := runConsole(t, db, 4, "Onderbroken in de terminal", "")
	if !strings.Contains(first, "De casus is bewaard") {
		t.Fatalf("console did not confirm the case is saved:\n%s", first)
	}
	second := runConsole(t, db, 40, "", "1")
	if !strings.Contains(second, "MW-0001 Onderbroken in de terminal") || !strings.Contains(second, "stap 5 van") {
		t.Errorf("second session did not offer or continue the open case:\n%s", second)
	}
	if !strings.Contains(second, "Samenvatting van MW-0001") {
		t.Errorf("second session did not finish the case:\n%s", second)
	}
}

// runConsole answers up to max questions, then types "stop" (or ends when
// the summary appears). title starts a new case; pick chooses from the list
// of open cases.
func runConsole(t *testing.T, db string, max int, title, pick string) string {
	t.Helper()
	return consoleRun{db: db, max: max, title: title, pick: pick}.run(t)
}

// consoleRun is a console session run by runConsole, with what it may do
// besides answering: change an earlier answer, and ask for the document.
type consoleRun struct {
	db         string
	max        int
	title      string
	pick       string
	env        []string // added to the environment
	correctAt  int      // after this many answers, type "wijzig <correct>" …
	correct    int      // … and answer that step with "1"; 0: no correction
	wantReport bool     // type 'verslag' when the case is done
}

func (cr consoleRun) run(t *testing.T) string {
	t.Helper()
	db, max, title, pick := cr.db, cr.max, cr.title, cr.pick
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "console")
	cmd.Env = append(baseEnv(db), cr.env...)
	cmd.Dir = filepath.Dir(db) // where 'verslag' writes the document
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var transcript strings.Builder
	r := bufio.NewReader(stdout)
	var screen strings.Builder
	answered := 0
	pendingArgs := []string{"voor: de opvang is tijdelijk en voorkomt dakloosheid", "tegen: de norm geldt voor iedereen die een woning deelt", "klaar"}
	say := func(s string) {
		transcript.WriteString(s + "\n")
		io.WriteString(stdin, s+"\n")
		screen.Reset()
	}
	correcting, corrected, reported := false, false, false
	for {
		b, err := r.ReadByte()
		if err != nil {
			break
		}
		transcript.WriteByte(b)
		screen.WriteByte(b)
		s := screen.String()
		switch {
		case strings.HasSuffix(s, "> ") && strings.Contains(s, "Typ 'verslag'"):
			if cr.wantReport && !reported {
				reported = true
				say("verslag")
				continue
			}
			say("")
		case correcting && strings.HasSuffix(s, "> ") && strings.Contains(s, fmt.Sprintf("stap %d van", cr.correct)):
			correcting = false
			say("1")
		case strings.HasSuffix(s, "> ") && strings.Contains(s, "Je naam"):
			say("Anna de Vries")
		case strings.HasSuffix(s, "Keuze: "):
			say(pick)
		case strings.HasSuffix(s, "> ") && strings.Contains(s, "Korte omschrijving"):
			say(title)
		case strings.HasSuffix(s, "> ") && strings.Contains(s, "Regeling of regel"):
			say("Participatiewet")
		case strings.HasSuffix(s, "> ") && strings.Contains(s, "Zaaknummer"):
			say("Z-2026-00123")
		case strings.HasSuffix(s, "> ") && strings.Contains(s, "('voor: …'"):
			if len(pendingArgs) == 0 {
				pendingArgs = []string{"klaar"}
			}
			say(pendingArgs[0])
			pendingArgs = pendingArgs[1:]
			if len(pendingArgs) == 0 {
				answered++
			}
		case strings.HasSuffix(s, "> ") && strings.Contains(s, "[MW-"):
			if answered >= max {
				say("stop")
				continue
			}
			if cr.correct > 0 && !corrected && answered == cr.correctAt {
				corrected, correcting = true, true
				say(fmt.Sprintf("wijzig %d", cr.correct))
				continue
			}
			answered++
			switch {
			case strings.Contains(s, "(nummers met komma's"):
				say("1,2")
			case strings.Contains(s, "\n  1. "):
				say("1")
			default:
				say("Tekst als antwoord op deze vraag, zonder persoonsgegevens.")
			}
		case strings.HasSuffix(s, "> "):
			say("Motivering: ik doe dit omdat de gevolgen anders onevenredig zijn, ondanks de precedentwerking.")
		}
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("console exited with %v:\n%s", err, transcript.String())
	}
	return transcript.String()
}
