package main

import (
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
	"github.com/maatwerkbot/maatwerkbot/store/groupcommit"
	"github.com/slack-go/slack"
)

// dialogsAnswer is the stored answer type the check reads.
type dialogsAnswer = record.Answer

// floorServeArg makes this binary the floor server (a child process, like
// the bot): the least a request could cost here — read the body, check its
// HMAC-SHA256 signature, one durable bbolt write (sharing transactions with
// concurrent ones through store/groupcommit, as the store does), answer 200.
const floorServeArg = "-floor-serve"

func serveFloor(args []string) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	dbPath := fs.String("db", "floor.db", "database file")
	calls := fs.Int("calls", 0, "Web API calls owed per request (the ceiling; 0: the floor)")
	api := fs.String("api", "", "where the Web API calls go")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := bolt.Open(*dbPath, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	bucket := []byte("cases")
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucketIfNotExists(bucket); return err }); err != nil {
		return err
	}
	// The same shared transactions as the store's per-request writes.
	gc := groupcommit.New[*bolt.Tx](db.Update)
	defer gc.Close()
	var n atomic.Uint64
	mux := http.NewServeMux()
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	var calling *caller
	if *calls > 0 {
		calling = newCaller(*api)
		mux.HandleFunc("GET /owed", calling.serveOwed)
	}
	mux.HandleFunc("POST /floor", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			http.Error(w, "too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err := verifySigned(r.Header, body); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		key := binary.BigEndian.AppendUint64(nil, n.Add(1)%512)
		if err := gc.Write(func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put(key, body) }); err != nil {
			http.Error(w, "store", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
		if calling != nil {
			calling.owe(*calls)
		}
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); srv.Shutdown(context.Background()) }()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// floorResult is the floor's measurement.
type floorResult struct {
	o        options
	elapsed  time.Duration
	requests int64
	failures int64
	lat      *latencies
	// calls is the number of Web API calls owed per request (the
	// ceiling); drained is how long making the owed ones took after the
	// last request.
	calls   int
	drained time.Duration
	// serverCPU and clientCPU are the CPU time of the floor server and of
	// this process (the requests' sender) during the run.
	serverCPU, clientCPU time.Duration
}

// floorRun drives the floor server with the same rate and concurrency as the
// bot run, each request a signed form of the size of a typical click
// payload (4 KiB).
//
// With calls > 0 it measures the ceiling instead (ceiling.go).
func floorRun(ctx context.Context, o options, calls int) (*floorResult, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	name := "floor"
	args := []string{floorServeArg, "-addr", addr}
	if calls > 0 {
		api, stop, err := minimalAPI()
		if err != nil {
			return nil, err
		}
		defer stop()
		name = "ceiling"
		args = append(args, "-calls", fmt.Sprint(calls), "-api", api)
	}
	args = append(args, "-db", filepath.Join(o.dir, name+".db"))
	c, err := startChild(ctx, self, args, nil, addr, "/readyz", filepath.Join(o.dir, name+".log"))
	if err != nil {
		return nil, err
	}
	defer c.stop()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 4 * o.cases, MaxIdleConnsPerHost: 4 * o.cases,
	}}
	payload := []byte(url.Values{"payload": {strings.Repeat("{\"type\":\"block_actions\"}", 4096/24)}}.Encode())
	res := &floorResult{o: o, lat: &latencies{}, calls: calls}
	pace := newPacer(o.rate)
	stopAt := time.Now().Add(o.duration)
	var (
		wg       sync.WaitGroup
		requests atomic.Int64
		failures atomic.Int64
	)
	selfBefore, err := cpuTime(os.Getpid())
	if err != nil {
		return nil, err
	}
	start := time.Now()
	for range o.cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stopAt) {
				if pace.wait(ctx) != nil {
					return
				}
				ts := fmt.Sprint(time.Now().Unix())
				req, _ := http.NewRequest(http.MethodPost, c.base+"/floor", strings.NewReader(string(payload)))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("X-Slack-Request-Timestamp", ts)
				req.Header.Set("X-Slack-Signature", fakeslack.Sign(loadSecret, ts, payload))
				t := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				res.lat.add(time.Since(t))
				requests.Add(1)
				if err != nil || resp.StatusCode != http.StatusOK {
					failures.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	if calls > 0 {
		failed, err := waitOwed(ctx, c.base)
		if err != nil {
			return nil, err
		}
		failures.Add(failed)
		res.drained = time.Since(start) - res.elapsed
	}
	res.requests, res.failures = requests.Load(), failures.Load()
	if res.serverCPU, err = cpuTime(c.cmd.Process.Pid); err != nil {
		return nil, err
	}
	selfAfter, err := cpuTime(os.Getpid())
	if err != nil {
		return nil, err
	}
	res.clientCPU = selfAfter - selfBefore
	return res, nil
}

func (f *floorResult) print(w io.Writer) {
	if f.calls > 0 {
		fmt.Fprintf(w, "\nceiling (the floor, then %d Web API calls per request to a minimal endpoint, %d at once; no Slack logic):\n",
			f.calls, ceilingWorkers)
		total := f.elapsed + f.drained
		fmt.Fprintf(w, "  %d requests acknowledged in %v; their calls all made %v later: %.0f requests/s, %d failed\n",
			f.requests, f.elapsed.Round(time.Millisecond), f.drained.Round(time.Millisecond),
			float64(f.requests)/total.Seconds(), f.failures)
	} else {
		fmt.Fprintf(w, "\nfloor (HMAC check + one bbolt write with fsync per request, same rate and concurrency, child process):\n")
		fmt.Fprintf(w, "  %d requests in %v = %.0f/s, %d failed\n", f.requests, f.elapsed.Round(time.Millisecond),
			float64(f.requests)/f.elapsed.Seconds(), f.failures)
	}
	fmt.Fprintf(w, "  latency   %s\n", f.lat.summary())
	if f.requests > 0 {
		fmt.Fprintf(w, "  CPU/request  floor server %.3f ms, sender %.3f ms\n",
			f.serverCPU.Seconds()*1000/float64(f.requests), f.clientCPU.Seconds()*1000/float64(f.requests))
	}
}

// verifySigned checks a request's v0 signature as the bot does, with
// slack-go's SecretsVerifier.
func verifySigned(header http.Header, body []byte) error {
	sv, err := slack.NewSecretsVerifier(header, loadSecret)
	if err != nil {
		return err
	}
	sv.Write(body)
	return sv.Ensure()
}
