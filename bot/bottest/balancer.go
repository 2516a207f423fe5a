package bottest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"sync/atomic"
	"syscall"
)

// Balancer stands in front of several replicas of the bot the way a
// Kubernetes Service or a load balancer does for Slack's requests: each
// request goes to the next replica in turn, and a replica that refuses
// the connection (it is down) is skipped and the request tried on the
// next one. A request a replica took and did not answer (it was killed
// while handling it) fails, as it would for Slack, which then retries.
type Balancer struct {
	srv      *httptest.Server
	backends []*url.URL
	next     atomic.Uint64

	mu   sync.Mutex
	sent map[string]int // backend → requests answered
}

// NewBalancer starts a balancer over the replicas' base URLs
// (http://127.0.0.1:PORT).
func NewBalancer(replicas ...string) (*Balancer, error) {
	if len(replicas) == 0 {
		return nil, errors.New("bottest: a balancer needs at least one replica")
	}
	b := &Balancer{sent: map[string]int{}}
	for _, r := range replicas {
		u, err := url.Parse(r)
		if err != nil {
			return nil, fmt.Errorf("bottest: replica %q: %w", r, err)
		}
		b.backends = append(b.backends, u)
	}
	b.srv = httptest.NewServer(http.HandlerFunc(b.serve))
	return b, nil
}

// URL is the balancer's base URL: send Slack's requests here.
func (b *Balancer) URL() string { return b.srv.URL }

// Close stops the balancer.
func (b *Balancer) Close() { b.srv.Close() }

// Answered returns how many requests each replica answered, by base URL.
func (b *Balancer) Answered() map[string]int {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]int, len(b.sent))
	for k, v := range b.sent {
		out[k] = v
	}
	return out
}

func (b *Balancer) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	start := b.next.Add(1)
	for i := range len(b.backends) {
		be := b.backends[(int(start)+i)%len(b.backends)]
		refused := false
		proxy := &httputil.ReverseProxy{
			Rewrite: func(pr *httputil.ProxyRequest) { pr.SetURL(be); pr.Out.Host = pr.In.Host },
			ErrorHandler: func(w http.ResponseWriter, _ *http.Request, err error) {
				if errors.Is(err, syscall.ECONNREFUSED) || isDialError(err) {
					refused = true // not delivered: the next replica may take it
					return
				}
				http.Error(w, "replica did not answer: "+err.Error(), http.StatusBadGateway)
			},
		}
		out := r.Clone(r.Context())
		out.Body = io.NopCloser(bytes.NewReader(body))
		proxy.ServeHTTP(w, out)
		if refused {
			continue
		}
		b.mu.Lock()
		b.sent[be.String()]++
		b.mu.Unlock()
		return
	}
	http.Error(w, "no replica accepted the connection", http.StatusServiceUnavailable)
}

func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
