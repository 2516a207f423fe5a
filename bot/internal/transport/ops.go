package transport

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

func (srv *Server) registerOps(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", srv.serveReady)
	mux.HandleFunc("GET /metrics", srv.serveMetrics)
}

// OpsHandler serves only the operations endpoints: what the HTTP listener
// serves in Socket Mode, where Slack needs no public endpoint.
func (srv *Server) OpsHandler() http.Handler {
	mux := http.NewServeMux()
	srv.registerOps(mux)
	return srv.instrument(mux)
}

func (srv *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	ok, reason := srv.Ready(r.Context())
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	w.Write([]byte(reason + "\n"))
}

func (srv *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	srv.metrics.Handler().ServeHTTP(w, r)
}

// requestInfo is what the log knows about the request being served.
type requestInfo struct {
	id     string
	caseID atomic.Int64
}

type requestKey struct{}

// NoteCase records which case the current request is about, for its log
// line. Outside a request it does nothing.
func NoteCase(ctx context.Context, id int64) {
	if info, ok := ctx.Value(requestKey{}).(*requestInfo); ok {
		info.caseID.Store(id)
	}
}

// requestID is Slack's request timestamp (when present) and 8 random hex
// digits, e.g. "1741000000-3f9a0c1d".
func requestID(r *http.Request) string {
	var buf [4]byte
	rand.Read(buf[:])
	ts := r.Header.Get("X-Slack-Request-Timestamp")
	if ts == "" || len(ts) > 12 || strings.Trim(ts, "0123456789") != "" {
		ts = "0"
	}
	return ts + "-" + hex.EncodeToString(buf[:])
}

// routes are the paths counted by name; others count as "other", so a
// scanner cannot make the metrics unbounded.
var routes = map[string]string{
	"/slack/commands":      "commands",
	"/slack/interactivity": "interactivity",
	"/slack/events":        "events",
	"/healthz":             "",
	"/readyz":              "",
	"/metrics":             "",
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.code == 0 {
		s.code = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(p []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return s.ResponseWriter.Write(p)
}

// instrument gives each request an id in its context, counts it, times the
// acknowledgement of Slack's requests and logs one line for each: request
// id, route, status, duration and the case where known. Never the body, the
// headers or the query: they may carry tokens and personal data.
func (srv *Server) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{id: requestID(r)}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestKey{}, info)))
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		d := time.Since(start)
		path := r.URL.Path
		kind, known := routes[path]
		if !known {
			path = "other"
		}
		srv.metrics.Request(path, sw.code)
		if kind == "" {
			return
		}
		srv.metrics.Ack(kind, d)
		attrs := []slog.Attr{
			slog.String("request_id", info.id),
			slog.String("route", kind),
			slog.Int("status", sw.code),
			slog.Float64("ms", float64(d.Microseconds())/1000),
		}
		if id := info.caseID.Load(); id != 0 {
			attrs = append(attrs, slog.Int64("case_id", id))
		}
		srv.log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	})
}

// ctxHandler adds the request id of the context to every record logged
// with one (log.InfoContext(ctx, …)).
type ctxHandler struct{ slog.Handler }

func (h ctxHandler) Handle(ctx context.Context, r slog.Record) error {
	if info, ok := ctx.Value(requestKey{}).(*requestInfo); ok {
		r.AddAttrs(slog.String("request_id", info.id))
	}
	return h.Handler.Handle(ctx, r)
}

func (h ctxHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return ctxHandler{h.Handler.WithAttrs(attrs)}
}

func (h ctxHandler) WithGroup(name string) slog.Handler {
	return ctxHandler{h.Handler.WithGroup(name)}
}

// Logger returns log with the request id of the context added to every
// record logged with one (log.InfoContext(ctx, …)).
func Logger(log *slog.Logger) *slog.Logger { return slog.New(ctxHandler{log.Handler()}) }
