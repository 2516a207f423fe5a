package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/bottest"
	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/store"
)

// result is what one run measured.
type result struct {
	o        options
	elapsed  time.Duration
	d        *driver
	metrics  []sample
	mem      memStat
	botCPU   time.Duration
	selfCPU  time.Duration
	stopErr  error
	lost     int
	checked  int
	logBytes int
	leaked   []string
	missing  []string
}

func (r *result) clientAll() *latencies {
	all := &latencies{}
	for _, l := range r.d.lat {
		for _, d := range l.sorted() {
			all.add(d)
		}
	}
	return all
}

// problems counts what makes the run a failure: request errors, stalled
// cases, lost answers, secrets in the log.
func (r *result) problems() int {
	return int(r.d.failures.Load()+r.d.stalled.Load()) + r.lost + len(r.leaked)
}

func loadRun(ctx context.Context, o options) (*result, error) {
	slack := fakeslack.NewServer(loadBotToken)
	defer slack.Close()
	var (
		bots  []*child
		bases []string
		logs  []string
	)
	for i := range o.replicas {
		addr, err := freeAddr()
		if err != nil {
			return nil, err
		}
		logPath := filepath.Join(o.dir, "maatwerkbot.log")
		if o.replicas > 1 {
			logPath = filepath.Join(o.dir, fmt.Sprintf("maatwerkbot-%d.log", i+1))
		}
		bot, err := startChild(ctx, o.bin, nil, append(botEnv(slack, addr, o.database()), o.botEnv...), addr, "/readyz", logPath)
		if err != nil {
			return nil, err
		}
		defer bot.stop()
		bots, bases, logs = append(bots, bot), append(bases, bot.base), append(logs, logPath)
	}
	appURL := bases[0]
	if len(bots) > 1 {
		lb, err := bottest.NewBalancer(bases...)
		if err != nil {
			return nil, err
		}
		defer lb.Close()
		appURL = lb.URL()
	}

	d := newDriver(slack, appURL, o)
	start := time.Now()
	d.stopAt = start.Add(o.duration)
	runCtx, cancel := context.WithTimeout(ctx, o.duration+30*time.Second)
	defer cancel()
	d.run(runCtx)
	res := &result{o: o, elapsed: time.Since(start), d: d}

	client := &http.Client{Timeout: 5 * time.Second}
	for _, bot := range bots {
		m, err := scrape(client, bot.base+"/metrics")
		if err != nil {
			return nil, err
		}
		res.metrics = append(res.metrics, m...)
		mem, err := memory(bot.cmd.Process.Pid)
		if err != nil {
			return nil, err
		}
		res.mem = res.mem.plus(mem)
		cpu, err := cpuTime(bot.cmd.Process.Pid)
		if err != nil {
			return nil, err
		}
		res.botCPU += cpu
	}
	res.metrics = mergeSamples(res.metrics)
	var err error
	if res.selfCPU, err = cpuTime(os.Getpid()); err != nil {
		return nil, err
	}
	for _, bot := range bots {
		if err := bot.stop(); err != nil && res.stopErr == nil {
			res.stopErr = err
		}
	}

	// Every acknowledged answer must be in the database.
	st, err := store.Open(ctx, o.database(), store.Options{})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	d.mu.Lock()
	acked := d.acked
	d.mu.Unlock()
	for id, seqs := range acked {
		c, err := st.Case(ctx, id)
		if err != nil {
			res.lost += len(seqs)
			res.missing = append(res.missing, fmt.Sprintf("case %d: %v", id, err))
			continue
		}
		for _, seq := range seqs {
			res.checked++
			if !slices.ContainsFunc(c.Answers, func(a dialogsAnswer) bool { return a.Seq == seq }) {
				res.lost++
				res.missing = append(res.missing, fmt.Sprintf("case %d seq %d", id, seq))
			}
		}
	}

	// The bots' logs must hold no secret.
	for _, logPath := range logs {
		logData, err := os.ReadFile(logPath)
		if err != nil {
			return nil, err
		}
		res.logBytes += len(logData)
		for _, s := range []string{loadBotToken, loadSecret} {
			if bytes.Contains(logData, []byte(s)) {
				res.leaked = append(res.leaked, s[:8]+"…")
			}
		}
	}
	return res, nil
}

func (r *result) print(w io.Writer) {
	d := r.d
	n := d.requests.Load()
	fmt.Fprintf(w, "maatwerk-load: bot %s in HTTP mode (child process) against fakeslack on loopback\n", r.o.bin)
	if r.o.replicas > 1 {
		fmt.Fprintf(w, "%d replicas on one PostgreSQL database, behind a balancer that takes turns; memory and CPU below are their sums\n", r.o.replicas)
	} else if isPostgres(r.o.db) {
		fmt.Fprintln(w, "database: PostgreSQL")
	}
	limits := "off"
	if r.o.slackLimits {
		limits = "on"
	}
	channels := "a channel each"
	if r.o.channels > 0 {
		channels = fmt.Sprintf("sharing %d channels", r.o.channels)
	}
	fmt.Fprintf(w, "target %.0f req/s for %v with %d cases in flight (%s); Slack's rate limits %s; extra bot environment: %v\n\n",
		r.o.rate, r.o.duration, r.o.cases, channels, limits, r.o.botEnv)
	fmt.Fprintf(w, "requests      %d in %v = %.0f/s (commands %d, clicks %d, modal submissions %d)\n",
		n, r.elapsed.Round(time.Millisecond), float64(n)/r.elapsed.Seconds(),
		d.lat["command"].count(), d.lat["click"].count(), d.lat["submit"].count())
	fmt.Fprintf(w, "cases         %d started, %d completed to the summary\n", d.started.Load(), d.completed.Load())
	fmt.Fprintf(w, "answers       %d acknowledged, %d checked in the database after shutdown, %d missing\n", r.checked, r.checked, r.lost)
	fmt.Fprintf(w, "errors        %d failed requests, %d stalled waits, %d clicks repeated (5 s without a modal or an answer)",
		d.failures.Load(), d.stalled.Load(), d.reclicks.Load())
	if e := d.firstErr.Load(); e != nil {
		fmt.Fprintf(w, " (first: %s)", *e)
	}
	fmt.Fprintln(w)
	for _, m := range r.missing[:min(5, len(r.missing))] {
		fmt.Fprintf(w, "  missing: %s\n", m)
	}
	fmt.Fprintf(w, "\nack latency, client side (sent → response received):\n")
	fmt.Fprintf(w, "  all       %s\n", r.clientAll().summary())
	for _, k := range []string{"command", "click", "submit"} {
		fmt.Fprintf(w, "  %-9s %s\n", k, d.lat[k].summary())
	}
	fmt.Fprintf(w, "next question shown after an answer was acknowledged (what a caseworker waits for):\n")
	fmt.Fprintf(w, "  next      %s\n", d.next.summary())
	fmt.Fprintf(w, "root message updated after an answer was acknowledged (it shows the case's progress):\n")
	unshown := d.neverShown.Load()
	for _, wk := range d.workers {
		wk.mu.Lock()
		unshown += int64(len(wk.unshown))
		wk.mu.Unlock()
	}
	fmt.Fprintf(w, "  root      %s; %d answers not shown by the end of the case or run\n", d.rootLag.summary(), unshown)
	fmt.Fprintf(w, "ack latency, server side (/metrics, bucket upper bounds):\n")
	for _, kinds := range [][]string{{"commands", "interactivity", "events"}, {"commands"}, {"interactivity"}} {
		p50, total := histQuantile(r.metrics, 0.5, kinds...)
		p99, _ := histQuantile(r.metrics, 0.99, kinds...)
		fmt.Fprintf(w, "  %-28s n=%.0f p50 %s, p99 %s\n", strings.Join(kinds, "+"), total, p50, p99)
	}
	fmt.Fprintf(w, "\nSlack Web API calls by the bot (method, result):\n")
	for _, s := range r.metrics {
		if s.name == "maatwerk_slack_api_calls_total" {
			fmt.Fprintf(w, "  %-28s %-20s %.0f\n", s.labels["method"], s.labels["result"], s.value)
		}
	}
	mb := func(kb int) float64 { return float64(kb) / 1024 }
	fmt.Fprintf(w, "\nbot memory    VmRSS %.1f MB (own %.1f MB, mapped files %.1f MB: program and database), VmHWM (peak) %.1f MB\n",
		mb(r.mem.rssKB), mb(r.mem.anonKB), mb(r.mem.fileKB), mb(r.mem.hwmKB))
	fmt.Fprintf(w, "CPU time      bot %v (%.0f%% of one core), load generator with fakeslack %v (%.0f%%)\n",
		r.botCPU, 100*r.botCPU.Seconds()/r.elapsed.Seconds(), r.selfCPU, 100*r.selfCPU.Seconds()/r.elapsed.Seconds())
	if n > 0 {
		fmt.Fprintf(w, "CPU/request   bot %.3f ms, load generator with fakeslack %.3f ms\n",
			r.botCPU.Seconds()*1000/float64(n), r.selfCPU.Seconds()*1000/float64(n))
	}
	fmt.Fprintf(w, "bot log       %d bytes; secrets found in it: %d\n", r.logBytes, len(r.leaked))
	if r.stopErr != nil {
		fmt.Fprintf(w, "bot shutdown: %v\n", r.stopErr)
	}
}

// database is what the bot's MAATWERK_DB is for the run.
func (o options) database() string {
	if o.db != "" {
		return o.db
	}
	return filepath.Join(o.dir, "maatwerk.db")
}
