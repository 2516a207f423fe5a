package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// healthcheckCmd asks the bot running on this host whether it is up: GET
// /healthz on MAATWERK_LISTEN_ADDR, with the loopback address when that
// names no host. It returns nil for a 2xx answer. The container image runs it
// as its HEALTHCHECK, because distroless has no shell or curl.
func healthcheckCmd(ctx context.Context, stdout io.Writer) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	u, err := healthURL(cfg.ListenAddr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	// Straight to the local port: no proxy from the environment.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("healthcheck: %s answered %s", u, resp.Status)
	}
	fmt.Fprintf(stdout, "ok: %s\n", u)
	return nil
}

// healthURL turns a listen address into the URL of its /healthz: ":3000"
// and "0.0.0.0:3000" become http://127.0.0.1:3000/healthz.
func healthURL(listenAddr string) (string, error) {
	host, port, err := net.SplitHostPort(listenAddr)
	if err != nil {
		return "", fmt.Errorf("MAATWERK_LISTEN_ADDR=%q: %w", listenAddr, err)
	}
	n, err := net.LookupPort("tcp", port)
	if err != nil || n == 0 {
		return "", fmt.Errorf("MAATWERK_LISTEN_ADDR=%q: no port to check", listenAddr)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return fmt.Sprintf("http://%s/healthz", net.JoinHostPort(host, fmt.Sprint(n))), nil
}
