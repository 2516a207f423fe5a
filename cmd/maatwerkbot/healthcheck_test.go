package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// healthServer serves /healthz with status and everything else with 404.
func healthServer(t *testing.T, status int) (port string) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		w.Write([]byte("ok\n"))
	}))
	t.Cleanup(srv.Close)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return port
}

func TestHealthcheckHealthy(t *testing.T) {
	port := healthServer(t, http.StatusOK)
	for _, addr := range []string{":" + port, "127.0.0.1:" + port, "0.0.0.0:" + port} {
		t.Run(addr, func(t *testing.T) {
			t.Setenv("MAATWERK_LISTEN_ADDR", addr)
			var out bytes.Buffer
			if err := healthcheckCmd(t.Context(), &out); err != nil {
				t.Fatal(err)
			}
			if want := "ok: http://127.0.0.1:" + port + "/healthz\n"; out.String() != want {
				t.Errorf("output %q, want %q", out.String(), want)
			}
		})
	}
}

func TestHealthcheckUnhealthy(t *testing.T) {
	down := healthServer(t, http.StatusServiceUnavailable)

	// A port where nothing listens any more.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, closed, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()

	tests := []struct{ addr, want string }{
		{":" + down, "503"},
		{":" + closed, "connection refused"},
		{"3000", "MAATWERK_LISTEN_ADDR"},
		{"127.0.0.1:", "no port"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			t.Setenv("MAATWERK_LISTEN_ADDR", tt.addr)
			var out bytes.Buffer
			err := healthcheckCmd(t.Context(), &out)
			if err == nil {
				t.Fatalf("healthy; output %q", out.String())
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if out.Len() != 0 {
				t.Errorf("output %q on failure", out.String())
			}
		})
	}
}

func TestHealthURL(t *testing.T) {
	tests := map[string]string{
		":3000":          "http://127.0.0.1:3000/healthz",
		"0.0.0.0:3000":   "http://127.0.0.1:3000/healthz",
		"[::]:3000":      "http://127.0.0.1:3000/healthz",
		"[::1]:8080":     "http://[::1]:8080/healthz",
		"10.1.2.3:3000":  "http://10.1.2.3:3000/healthz",
		"localhost:3000": "http://localhost:3000/healthz",
		":http":          "http://127.0.0.1:80/healthz",
	}
	for addr, want := range tests {
		got, err := healthURL(addr)
		if err != nil || got != want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
}
