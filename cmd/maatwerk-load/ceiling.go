package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// The ceiling is the floor with the Web API calls every answer owes Slack:
// after acknowledging a request, the floor server makes calls Web API calls
// (a chat.postMessage-sized form with 3 KB of blocks, answered as Slack
// answers) to a minimal endpoint in this process, through a queue worked by
// as many workers as the bot delivers channels at once. No Slack logic, no
// case, no rendering: what any bot that answers in Slack would spend at
// least, on this machine, with its load generator beside it. The run
// reports the rate at which everything owed was delivered too.

// ceilingWorkers is how many calls the floor server makes at once (the
// bot's maxParallelChannels).
const ceilingWorkers = 16

// apiCallBody is one Web API call as slack-go sends chat.postMessage: a
// form with the token, channel, text and 3 KB of blocks.
func apiCallBody() []byte {
	blocks := `[` + strings.Repeat(`{"type":"section","text":{"type":"mrkdwn","text":"Signalen: de uitkomst staat haaks op het doel van de regel"}},`, 30)
	blocks = strings.TrimSuffix(blocks, ",") + `]`
	return []byte(url.Values{"token": {loadBotToken}, "channel": {"C0CEILING"}, "text": {"Vraag"}, "blocks": {blocks}}.Encode())
}

// caller makes the floor server's Web API calls.
type caller struct {
	api    string
	client *http.Client
	body   []byte
	queue  chan int
	owed   atomic.Int64
	failed atomic.Int64
}

func newCaller(api string) *caller {
	c := &caller{
		api: api, body: apiCallBody(), queue: make(chan int, 1<<20),
		client: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 2 * ceilingWorkers}},
	}
	for range ceilingWorkers {
		go c.work()
	}
	return c
}

// owe queues n calls for one acknowledged request.
func (c *caller) owe(n int) {
	c.owed.Add(int64(n))
	c.queue <- n
}

func (c *caller) work() {
	for n := range c.queue {
		for range n {
			if err := c.call(); err != nil {
				c.failed.Add(1)
			}
			c.owed.Add(-1)
		}
	}
}

// call posts one form and decodes the answer as slack-go would.
func (c *caller) call() error {
	req, err := http.NewRequest(http.MethodPost, c.api, strings.NewReader(string(c.body)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var answer struct {
		OK      bool   `json:"ok"`
		Channel string `json:"channel"`
		TS      string `json:"ts"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return err
	}
	if !answer.OK {
		return fmt.Errorf("not ok")
	}
	return nil
}

// serveOwed answers GET /owed on the floor server: calls not yet made, and
// calls that failed.
func (c *caller) serveOwed(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "%d %d\n", c.owed.Load(), c.failed.Load())
}

// minimalAPI is the endpoint the ceiling's calls go to: it reads the form,
// as Slack must, and answers ok.
func minimalAPI() (url string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	var seq atomic.Int64
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("channel") == "" {
			http.Error(w, `{"ok":false,"error":"invalid_arguments"}`, http.StatusOK)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.%06d"}`, r.PostForm.Get("channel"), seq.Add(1)%1000000)
	})}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/api/chat.postMessage", func() { srv.Shutdown(context.Background()) }, nil
}

// waitOwed polls the floor server until nothing is owed (or ctx ends) and
// returns the calls that failed.
func waitOwed(ctx context.Context, base string) (failed int64, err error) {
	client := &http.Client{Timeout: 5 * time.Second}
	for {
		resp, err := client.Get(base + "/owed")
		if err != nil {
			return 0, err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var owed int64
		if _, err := fmt.Sscan(string(body), &owed, &failed); err != nil {
			return 0, fmt.Errorf("owed: %q: %w", body, err)
		}
		if owed == 0 {
			return failed, nil
		}
		select {
		case <-ctx.Done():
			return failed, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
