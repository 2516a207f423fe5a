package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// attackRun is the memory attack of issue 14: n connections to the bot's
// interactivity endpoint, each announcing and sending a body of just under
// 1 MiB and then waiting, unsigned or (signed) with a fresh timestamp and a
// signature of the right shape that does not match. While they are open it
// measures the bot's resident memory and how long /healthz takes.
func attackRun(ctx context.Context, o options, out io.Writer) error {
	slack := fakeslack.NewServer(loadBotToken)
	defer slack.Close()
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	bot, err := startChild(ctx, o.bin, nil, append(botEnv(slack, addr, o.database()), o.botEnv...), addr, "/readyz", filepath.Join(o.dir, "maatwerkbot.log"))
	if err != nil {
		return err
	}
	defer bot.stop()
	before, err := memory(bot.cmd.Process.Pid)
	if err != nil {
		return err
	}
	const size = 1<<20 - 1024
	chunk := []byte(strings.Repeat("x", 64<<10))
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		conns []net.Conn
		codes = map[string]int{}
	)
	for i := 0; i < o.attack; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				mu.Lock()
				codes["dial error"]++
				mu.Unlock()
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			head := "POST /slack/interactivity HTTP/1.1\r\nHost: bot\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
				"Content-Length: " + strconv.Itoa(size) + "\r\n"
			if o.attackSigned {
				head += "X-Slack-Request-Timestamp: " + strconv.FormatInt(time.Now().Unix(), 10) + "\r\n" +
					"X-Slack-Signature: v0=" + strings.Repeat("0", 64) + "\r\n"
			}
			c.Write([]byte(head + "\r\n"))
			for sent := 0; sent < size-len(chunk); sent += len(chunk) {
				if _, err := c.Write(chunk); err != nil {
					break
				}
			}
			// Then wait, as the attacker does; read the answer if one comes.
			c.SetReadDeadline(time.Now().Add(30 * time.Second))
			buf := make([]byte, 64)
			n, _ := c.Read(buf)
			status := "no answer"
			if f := strings.Fields(string(buf[:n])); len(f) > 1 {
				status = f[1]
			}
			mu.Lock()
			codes[status]++
			mu.Unlock()
		}()
	}
	// Measure while the attack is under way.
	time.Sleep(2 * time.Second)
	client := &http.Client{Timeout: 10 * time.Second}
	var lat []time.Duration
	peak := before
	for range 20 {
		st := time.Now()
		resp, err := client.Get(bot.base + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		lat = append(lat, time.Since(st))
		if m, err := memory(bot.cmd.Process.Pid); err == nil && m.rssKB > peak.rssKB {
			peak.rssKB = m.rssKB
		}
		time.Sleep(100 * time.Millisecond)
	}
	wg.Wait()
	after, _ := memory(bot.cmd.Process.Pid)
	mu.Lock()
	for _, c := range conns {
		c.Close()
	}
	mu.Unlock()
	slices.Sort(lat)
	kind := "unsigned"
	if o.attackSigned {
		kind = "signed-looking (fresh timestamp, wrong signature)"
	}
	fmt.Fprintf(out, "attack: %d %s connections, each sending %d bytes and then waiting\n", o.attack, kind, size)
	fmt.Fprintf(out, "answers: %v\n", codes)
	fmt.Fprintf(out, "bot VmRSS before %.1f MB, highest seen during %.1f MB, VmHWM %.1f MB\n",
		float64(before.rssKB)/1024, float64(peak.rssKB)/1024, float64(after.hwmKB)/1024)
	fmt.Fprintf(out, "/healthz during the attack: median %v, p95 %v, max %v (20 probes)\n", lat[len(lat)/2], lat[len(lat)*95/100], lat[len(lat)-1])
	return nil
}
