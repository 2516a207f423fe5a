package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"
	_ "time/tzdata" // time zones also in a container without zoneinfo

	"github.com/maatwerkbot/maatwerkbot/bot"
	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/export"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

const help = `maatwerkbot — denkhulp bij maatwerk, in Slack

Usage:
  maatwerkbot                   serve Slack (Socket Mode or HTTP, see MAATWERK_MODE)
  maatwerkbot console           hold a case conversation in this terminal (no Slack needed)
  maatwerkbot backup FILE       write a consistent copy of the database while the bot runs
                                (on PostgreSQL: a bbolt file holding all of it)
  maatwerkbot migrate -from FILE -to postgres://…
                                copy a bbolt database into PostgreSQL (again: only what changed)
  maatwerkbot export --channel C [--format csv|json] [FILE]
                                write one channel's cases as CSV or JSON (also while the bot
                                runs; in Slack, team leads use /maatwerk export)
  maatwerkbot cards check DIR   validate an organisation's card files
  maatwerkbot cards export DIR  write the built-in card files to DIR as a starting point
  maatwerkbot manifest [--http URL]
                                print the Slack app manifest (Socket Mode, or HTTP mode at URL)
  maatwerkbot healthcheck       ask the bot on this host whether it is up (for HEALTHCHECK)
  maatwerkbot check [-repair [-drop]]
                                check the database file (MAATWERK_DB) for damage and list the records
                                set aside as unreadable; -repair puts back those that read again,
                                -drop also deletes the rest. Stop the bot first
  maatwerkbot --help            this text and every configuration variable

`

// run is the program: it returns instead of exiting, so tests can call it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := ""
	if len(args) > 0 {
		cmd = args[0]
	}
	switch cmd {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(stdout, help)
		return usage(stdout)
	case "":
		return serve(ctx, stderr)
	case "console":
		return console(ctx, args[1:], stdin, stdout)
	case "backup":
		if len(args) != 2 {
			return errors.New("usage: maatwerkbot backup FILE")
		}
		return backup(ctx, args[1], stdout)
	case "export":
		return exportCmd(ctx, args[1:], stdout)
	case "migrate":
		return migrateCmd(ctx, args[1:], stdout)
	case "cards":
		return cardsCmd(args[1:], stdout)
	case "manifest":
		return manifestCmd(args[1:], stdout)
	case "healthcheck":
		return healthcheckCmd(ctx, stdout)
	case "check":
		return checkCmd(ctx, args[1:], stdout)
	}
	return fmt.Errorf("unknown command %q; see maatwerkbot --help", cmd)
}

// loadCards loads the organisation's cards if configured, else the built-in
// ones.
func loadCards(cfg *config) (*cards.Set, error) {
	if cfg.CardsDir != "" {
		set, err := cards.LoadDir(cfg.CardsDir)
		if err != nil {
			return nil, fmt.Errorf("MAATWERK_CARDS_DIR=%s:\n%w", cfg.CardsDir, err)
		}
		return set, nil
	}
	set, err := cards.LoadEmbedded()
	if err != nil {
		return nil, fmt.Errorf("built-in cards: %w", err)
	}
	return set, nil
}

// serve runs the bot until ctx ends (a signal): it opens the database,
// connects to Slack, serves HTTP (and Socket Mode), runs the background
// workers, and on shutdown lets the work in flight finish.
func serve(ctx context.Context, stderr io.Writer) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if err := cfg.check(true); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	gcPercent, memLimit := gcDefaults(os.Getenv).apply()
	if cfg.CPUProfile != "" {
		stop, err := startCPUProfile(cfg.CPUProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	set, err := loadCards(cfg)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()

	// Background work gets its own context: on shutdown, in-flight posting
	// may finish (bounded below) after the listeners stopped.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	b, err := newBot(work, cfg, st, dialogs.New(set, nil), log)
	if err != nil {
		return err
	}
	if err := b.Connect(ctx); err != nil {
		return fmt.Errorf("cannot reach Slack with SLACK_BOT_TOKEN: %w", err)
	}
	log.Info("maatwerkbot starting", "mode", cfg.Mode, "db", store.Redacted(cfg.DB), "cards", set.Version, "steps", len(set.Steps()),
		"gogc", gcPercent, "gomemlimit_mib", memLimit>>20)

	srv, ln, err := listen(cfg, b)
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String())
	errc := make(chan error, 2)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- err
		}
	}()
	if cfg.Mode == "socket" {
		go func() { errc <- b.RunSocket(ctx) }()
	}
	workers := runWorkers(ctx, work, b, st, log)
	select {
	case <-ctx.Done():
	case err := <-errc:
		if err != nil {
			log.Error("server stopped", "err", err)
		}
	}
	shutdown(ctx, log, srv, b, st, cancelWork)
	workers.Wait()
	log.Info("stopped", "outbox_owed", st.OutboxLen())
	return nil
}

// startCPUProfile writes a CPU profile to path until stop is called
// (MAATWERK_CPU_PROFILE).
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("MAATWERK_CPU_PROFILE: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("MAATWERK_CPU_PROFILE: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// openStore opens the database, logging each record it has to set aside.
func openStore(ctx context.Context, cfg *config, log *slog.Logger) (*store.Store, error) {
	opts := cfg.storeOptions()
	opts.OnQuarantine = func(bucket, key string, err error) {
		log.Warn("record set aside: it cannot be read; the rest goes on (see maatwerkbot check)", "bucket", bucket, "key", key, "err", err)
	}
	st, err := store.Open(ctx, cfg.DB, opts)
	if err != nil {
		return nil, err
	}
	// From now on the bot works on this database: a migration may no
	// longer copy over it (maatwerkbot migrate).
	if err := st.ServingStarted(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// newBot is the bot of the configuration; work bounds its background work.
func newBot(work context.Context, cfg *config, st *store.Store, engine *dialogs.Engine, log *slog.Logger) (*bot.Bot, error) {
	dist, err := distributedConfig(cfg)
	if err != nil {
		return nil, err
	}
	return bot.New(work, bot.Config{
		Distributed:   dist,
		BotToken:      cfg.BotToken,
		AppToken:      cfg.AppToken,
		SigningSecret: cfg.SigningSecret,
		APIURL:        cfg.APIURL,
		Command:       cfg.Command,
		Lang:          cfg.lang,
		TeamLeads:     cfg.TeamLeads,
		TeamLeadGroup: cfg.TeamLeadGroup,
		Location:      cfg.loc,
		RetentionDays: cfg.RetentionDays,
		NudgeDays:     cfg.NudgeDays,
		PatternMin:    cfg.PatternMin,
		PatternWeeks:  cfg.PatternWeeks,
		RootInterval:  bot.DefaultRootInterval,
		Org:           cfg.Org,
		OnUninstall:   cfg.OnUninstall,
		OutboxLease:   cfg.OutboxLease,
		ReplicaCheck:  cfg.ReplicaCheck,
	}, st, engine, log), nil
}

// listen opens MAATWERK_LISTEN_ADDR with the server of the mode: Slack's
// routes and the ops endpoints over HTTP, or in Socket Mode (where Slack
// talks over the WebSocket) only /healthz, /readyz and /metrics.
func listen(cfg *config, b *bot.Bot) (*http.Server, net.Listener, error) {
	srv := b.NewServer(cfg.ListenAddr)
	if cfg.Mode == "socket" {
		srv.Handler = b.OpsHandler()
	}
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return nil, nil, fmt.Errorf("listen on MAATWERK_LISTEN_ADDR=%s: %w", cfg.ListenAddr, err)
	}
	return srv, ln, nil
}

// runWorkers starts the outbox, the housekeeping and the hot backups on the
// work context (they go on during shutdown until the work in flight is
// done) and the scheduler on ctx (it stops at the signal).
func runWorkers(ctx, work context.Context, b *bot.Bot, st *store.Store, log *slog.Logger) *sync.WaitGroup {
	var workers sync.WaitGroup
	workers.Go(func() { b.RunOutbox(work) })
	workers.Go(func() { b.RunMaintenance(work, 24*time.Hour) })
	workers.Go(func() {
		if st.Shared() {
			return // maatwerkbot backup reads PostgreSQL itself
		}
		if err := st.ServeBackups(work, log); err != nil {
			log.Warn("hot backups are not available; stop the bot to back up", "err", err)
		}
	})
	workers.Go(func() { b.RunScheduler(ctx) }) // weekly digests; catches up a missed one at start
	return &workers
}

// shutdown stops the listener, then finishes the requests' background work
// and delivers what the outbox can, for at most 10 seconds; what Slack
// refuses now stays owed in the database for the next start.
func shutdown(ctx context.Context, log *slog.Logger, srv *http.Server, b *bot.Bot, st *store.Store, cancelWork context.CancelFunc) {
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	done := make(chan struct{})
	go func() { b.Wait(); close(done) }()
	select {
	case <-done:
	case <-shutCtx.Done():
		log.Warn("shutdown: stopping work still in flight", "outbox", st.OutboxLen())
	}
	cancelWork()
	<-done
}

// localConfig is the configuration and content of the subcommands that work
// on the database without Slack.
func localConfig() (*config, *cards.Set, error) {
	cfg, err := loadConfig()
	if err != nil {
		return nil, nil, err
	}
	if err := cfg.check(false); err != nil {
		return nil, nil, err
	}
	set, err := loadCards(cfg)
	if err != nil {
		return nil, nil, err
	}
	return cfg, set, nil
}

// console holds a case conversation in the terminal. The answers are
// signed with --user NAME, else MAATWERK_USER, else the name the console
// asks for first.
func console(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	fs.SetOutput(stdout)
	name := fs.String("user", "", "the name your answers are signed with (default: $MAATWERK_USER, else asked)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("usage: maatwerkbot console [--user NAME]")
	}
	cfg, set, err := localConfig()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DB, cfg.storeOptions())
	if err != nil {
		return err
	}
	defer st.Close()
	engine := dialogs.New(set, nil)
	env := docEnv{Loc: cfg.loc, Org: cfg.Org, Now: time.Now}
	con := &dialogs.Console{
		Engine: engine, Store: st, In: stdin, Out: stdout, User: cmp.Or(*name, cfg.User), Lang: cfg.lang, Loc: cfg.loc,
		Report: func(_ context.Context, c *record.Case) (string, error) {
			file := export.ReportFileName(c, env.Now().In(env.Loc), export.PDF)
			err := writeFile(file, io.Discard, func(w io.Writer) error { return env.writeDocument(w, engine, c, export.PDF) }, "")
			return file, err
		},
	}
	return con.Run(ctx)
}

func backup(ctx context.Context, file string, stdout io.Writer) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if err := cfg.check(false); err != nil {
		return err
	}
	n, err := store.Backup(ctx, cfg.DB, file)
	if err != nil {
		return err
	}
	if store.IsPostgres(cfg.DB) {
		fmt.Fprintf(stdout, "backup of %s written to %s (%d bytes, a bbolt file); restore into a new, empty PostgreSQL database with "+
			"maatwerkbot migrate -from %s -to postgres://…, or start one bot with MAATWERK_DB=%s\n", store.Redacted(cfg.DB), file, n, file, file)
		return nil
	}
	fmt.Fprintf(stdout, "backup of %s written to %s (%d bytes); restore by starting maatwerkbot with MAATWERK_DB=%s\n", cfg.DB, file, n, file)
	return nil
}

func cardsCmd(args []string, stdout io.Writer) error {
	if len(args) != 2 || (args[0] != "check" && args[0] != "export") {
		return errors.New("usage: maatwerkbot cards check DIR | maatwerkbot cards export DIR")
	}
	dir := args[1]
	if args[0] == "export" {
		if err := cards.Export(dir); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "de ingebouwde kaarten staan nu in %s; zet MAATWERK_CARDS_DIR=%s om ze te gebruiken\n", dir, dir)
		return nil
	}
	set, err := cards.LoadDir(dir)
	if err != nil {
		return fmt.Errorf("%s:\n%w", dir, err)
	}
	fmt.Fprintf(stdout, "%s: in orde — %d kaarten, %d vragen in het gesprek, versie %s\n", dir, len(set.Cards), len(set.Steps()), set.Version)
	return nil
}
