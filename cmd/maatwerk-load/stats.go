package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// latencies collects durations; safe for concurrent use.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

func (l *latencies) sorted() []time.Duration {
	l.mu.Lock()
	s := slices.Clone(l.d)
	l.mu.Unlock()
	slices.Sort(s)
	return s
}

func (l *latencies) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.d)
}

// quantile returns the q-quantile (nearest rank), 0 when empty.
func (l *latencies) quantile(q float64) time.Duration {
	s := l.sorted()
	if len(s) == 0 {
		return 0
	}
	i := int(q*float64(len(s))+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

func (l *latencies) summary() string {
	s := l.sorted()
	if len(s) == 0 {
		return "none"
	}
	at := func(q float64) time.Duration {
		i := int(q*float64(len(s))+0.5) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	return fmt.Sprintf("n=%d p50=%v p99=%v max=%v", len(s), round(at(0.5)), round(at(0.99)), round(s[len(s)-1]))
}

func round(d time.Duration) time.Duration {
	switch {
	case d > 10*time.Millisecond:
		return d.Round(100 * time.Microsecond)
	default:
		return d.Round(time.Microsecond)
	}
}

// memory reads VmRSS and VmHWM (kB) of a process from /proc.
func memory(pid int) (memStat, error) {
	var m memStat
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return m, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		switch k {
		case "VmRSS":
			m.rssKB = n
		case "VmHWM":
			m.hwmKB = n
		case "RssAnon":
			m.anonKB = n
		case "RssFile":
			m.fileKB = n
		}
	}
	return m, sc.Err()
}

// memStat is a process's resident memory: all of it (and its peak), and
// the parts that are its own (anonymous: Go's heap, stacks) and mapped
// files (the program and the bbolt database, which the kernel can take
// back).
type memStat struct {
	rssKB, hwmKB, anonKB, fileKB int
}

// plus adds another process's memory (replicas).
func (m memStat) plus(o memStat) memStat {
	return memStat{m.rssKB + o.rssKB, m.hwmKB + o.hwmKB, m.anonKB + o.anonKB, m.fileKB + o.fileKB}
}

// mergeSamples adds up the samples with the same name and labels (the
// replicas' counters and histogram buckets), keeping the first one's order.
func mergeSamples(samples []sample) []sample {
	index := map[string]int{}
	var out []sample
	for _, s := range samples {
		keys := make([]string, 0, len(s.labels))
		for k, v := range s.labels {
			keys = append(keys, k+"="+v)
		}
		slices.Sort(keys)
		id := s.name + "{" + strings.Join(keys, ",") + "}"
		if i, ok := index[id]; ok {
			out[i].value += s.value
			continue
		}
		index[id] = len(out)
		out = append(out, s)
	}
	return out
}

// sample is one line of a Prometheus text exposition.
type sample struct {
	name   string
	labels map[string]string
	value  float64
}

// scrape reads GET url (the bot's /metrics).
func scrape(client *http.Client, url string) ([]sample, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return parseExposition(resp.Body)
}

func parseExposition(r io.Reader) ([]sample, error) {
	var out []sample
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s := sample{labels: map[string]string{}}
		rest := line
		if i := strings.IndexByte(line, '{'); i > 0 {
			j := strings.LastIndex(line, "} ")
			if j < i {
				return nil, fmt.Errorf("metrics: bad line %q", line)
			}
			s.name = line[:i]
			for _, kv := range strings.Split(line[i+1:j], ",") {
				k, v, _ := strings.Cut(kv, "=")
				if uq, err := strconv.Unquote(v); err == nil {
					v = uq
				}
				s.labels[k] = v
			}
			rest = line[j+2:]
		} else {
			s.name, rest, _ = strings.Cut(line, " ")
		}
		v, err := strconv.ParseFloat(rest, 64)
		if err != nil {
			return nil, fmt.Errorf("metrics: bad value in %q", line)
		}
		s.value = v
		out = append(out, s)
	}
	return out, sc.Err()
}

// histQuantile estimates a quantile of maatwerk_ack_seconds over the kinds
// given, as the upper bound of the bucket it falls in.
func histQuantile(samples []sample, q float64, kinds ...string) (string, float64) {
	type bucket struct {
		le  float64
		cum float64
	}
	byLE := map[float64]float64{}
	for _, s := range samples {
		if s.name != "maatwerk_ack_seconds_bucket" || !slices.Contains(kinds, s.labels["kind"]) {
			continue
		}
		le, err := strconv.ParseFloat(s.labels["le"], 64)
		if err != nil {
			continue
		}
		byLE[le] += s.value
	}
	var bs []bucket
	for le, c := range byLE {
		bs = append(bs, bucket{le, c})
	}
	slices.SortFunc(bs, func(a, b bucket) int {
		switch {
		case a.le < b.le:
			return -1
		case a.le > b.le:
			return 1
		}
		return 0
	})
	if len(bs) == 0 || bs[len(bs)-1].cum == 0 {
		return "none", 0
	}
	total := bs[len(bs)-1].cum
	for i, b := range bs {
		if b.cum >= q*total {
			if math.IsInf(b.le, 1) && i > 0 {
				return "> " + strconv.FormatFloat(bs[i-1].le*1000, 'g', -1, 64) + " ms", total
			}
			return "≤ " + strconv.FormatFloat(b.le*1000, 'g', -1, 64) + " ms", total
		}
	}
	return "?", total
}

// cpuTime reads the user+system CPU time of a process from /proc.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name (in parentheses, may hold spaces).
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const hz = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / hz, nil
}
