package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == floorServeArg {
		if err := serveFloor(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "maatwerk-load:", err)
		os.Exit(1)
	}
}

// options are the command-line flags.
type options struct {
	bin           string
	rate          float64
	duration      time.Duration
	cases         int
	floorDuration time.Duration
	ceilingCalls  int
	slackLimits   bool
	channels      int
	dir           string
	keep          bool
	cpuProfile    string
	botEnv        []string
	attack        int
	attackSigned  bool
	db            string
	replicas      int
}

func parseFlags(args []string, out io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("maatwerk-load", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&o.bin, "bin", "", "the maatwerkbot binary to run (required; build it with go build -o)")
	fs.Float64Var(&o.rate, "rate", 200, "target requests per second (commands and interactions together)")
	fs.DurationVar(&o.duration, "duration", 60*time.Second, "how long to drive the bot")
	fs.IntVar(&o.cases, "cases", 64, "cases in flight at once (each one is a simulated caseworker)")
	fs.DurationVar(&o.floorDuration, "floor-duration", 15*time.Second, "how long to measure the floor (0: skip)")
	fs.IntVar(&o.ceilingCalls, "ceiling-calls", 0, "also measure the ceiling (for -floor-duration, at -rate): the floor plus this many Web API calls per request (0: skip)")
	fs.BoolVar(&o.slackLimits, "slack-limits", false, "have the fake Slack enforce Slack's rate limits (tiers per method, chat.postMessage 1/s per channel), answering 429 with Retry-After")
	fs.IntVar(&o.channels, "channels", 0, "let the cases share this many channels, as a team's cases share its channel (0: a channel per case)")
	fs.StringVar(&o.dir, "dir", "", "working directory for the database and the bot's log (default: a new temporary one)")
	fs.BoolVar(&o.keep, "keep", false, "keep the working directory")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the load generator and fake Slack (not the bot: see MAATWERK_CPU_PROFILE) to this file")
	fs.IntVar(&o.attack, "attack", 0, "instead of the load: open this many connections that each send just under 1 MiB to /slack/interactivity and wait, and report the bot's memory and /healthz latency meanwhile")
	fs.BoolVar(&o.attackSigned, "attack-signed", false, "with -attack: send a fresh timestamp and a signature of the right shape (that does not match) instead of none")
	fs.StringVar(&o.db, "db", "", "the bot's database: a postgres:// URL of an empty database (default: a bbolt file in -dir)")
	fs.IntVar(&o.replicas, "replicas", 1, "run this many replicas of the bot on one database (needs a postgres:// -db), behind a balancer that takes turns")
	fs.Func("env", "extra environment variable for the bot, e.g. -env GOGC=200 (repeatable)", func(v string) error {
		if !strings.Contains(v, "=") {
			return fmt.Errorf("-env %q: want NAME=value", v)
		}
		o.botEnv = append(o.botEnv, v)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case o.bin == "":
		return o, errors.New("-bin is required: go build -o /tmp/maatwerkbot ./cmd/maatwerkbot")
	case o.rate <= 0 || o.cases <= 0 || o.duration <= 0:
		return o, errors.New("-rate, -cases and -duration must be positive")
	case o.channels < 0:
		return o, errors.New("-channels must not be negative")
	case o.replicas < 1:
		return o, errors.New("-replicas must be at least 1")
	case o.replicas > 1 && !isPostgres(o.db):
		return o, errors.New("-replicas above 1 needs -db postgres://…: replicas share a PostgreSQL database (a bbolt file has one process)")
	}
	return o, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	o, err := parseFlags(args, out)
	if err != nil {
		return err
	}
	if o.dir == "" {
		if o.dir, err = os.MkdirTemp("", "maatwerk-load-"); err != nil {
			return err
		}
		if !o.keep {
			defer os.RemoveAll(o.dir)
		}
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if o.attack > 0 {
		return attackRun(ctx, o, out)
	}
	res, err := loadRun(ctx, o)
	if err != nil {
		return err
	}
	res.print(out)
	if o.floorDuration > 0 {
		fo := o
		fo.duration = o.floorDuration
		floor, err := floorRun(ctx, fo, 0)
		if err != nil {
			return fmt.Errorf("floor: %w", err)
		}
		floor.print(out)
		p99 := res.clientAll().quantile(0.99)
		f99 := floor.lat.quantile(0.99)
		fmt.Fprintf(out, "\nratio p99/floor p99: %.2f× (%v / %v; goal ≤ 2.5×)\n", float64(p99)/float64(f99), p99, f99)
	}
	if o.ceilingCalls > 0 && o.floorDuration > 0 {
		co := o
		co.duration = o.floorDuration
		ceiling, err := floorRun(ctx, co, o.ceilingCalls)
		if err != nil {
			return fmt.Errorf("ceiling: %w", err)
		}
		ceiling.print(out)
	}
	if o.keep {
		fmt.Fprintf(out, "\nworking directory kept: %s\n", o.dir)
	}
	if res.problems() > 0 {
		return fmt.Errorf("%d problems (see above)", res.problems())
	}
	return nil
}

// isPostgres says whether db names a PostgreSQL database rather than a
// bbolt file.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}
