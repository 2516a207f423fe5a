package main

import (
	binenc "encoding/binary"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/maatwerkbot/maatwerkbot/bot/fakeslack"
)

// One outbox job that does not decode is set aside while the bot goes on:
// the log says so once, /readyz turns 503 with the reason, /metrics counts
// it, and maatwerkbot check lists it and -repair -drop removes it. On main
// the bad job stopped every delivery while /readyz said ok.
func TestUnreadableRecordIsSetAsideAndReported(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "maatwerk.db")
	runConsole(t, db, 3, "Een casus", "")
	bdb, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("outbox")).Put(binenc.BigEndian.AppendUint64(nil, 99), []byte(`{"case":1,"created":"not-a-time"}`))
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	slack := fakeslack.New(t, e2eToken)
	p := startBot(t, slack, db)
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + p.addr + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := get("/readyz")
		if code == http.StatusServiceUnavailable && strings.Contains(body, "set aside") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz %d %q; want 503 naming the record set aside\n%s", code, body, p.out)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, m := get("/metrics"); !strings.Contains(m, "maatwerk_quarantined_records 1") {
		t.Errorf("/metrics lacks the quarantined record")
	}
	if n := strings.Count(p.out.String(), "record set aside"); n != 1 {
		t.Errorf("the log names the record %d times, want once:\n%s", n, p.out)
	}
	p.stop(t)

	check := func(args ...string) (string, error) {
		cmd := exec.Command(binary, append([]string{"check"}, args...)...)
		cmd.Env = baseEnv(db)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := check(); err == nil || !strings.Contains(out, "apart gezet: outbox 99") {
		t.Errorf("check: %v\n%s", err, out)
	}
	if out, err := check("-repair", "-drop"); !strings.Contains(out, "verwijderd: 1") || err != nil {
		t.Errorf("check -repair -drop: %v\n%s", err, out)
	}
	if out, err := check(); err != nil || !strings.Contains(out, "in orde") {
		t.Errorf("check after the repair: %v\n%s", err, out)
	}
}
