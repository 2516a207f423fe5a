package deploy

import (
	"bufio"
	"bytes"
	"context"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The Kubernetes manifest as an operator relies on it: one replica with its
// own volume, tokens only from the Secret, probes on the bot's endpoints,
// bounded resources, no root.
func TestKubernetesStructure(t *testing.T) {
	data, err := os.ReadFile("kubernetes/maatwerkbot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]map[string]any{}
	for _, doc := range yamlDocs(t, "kubernetes/maatwerkbot.yaml", data) {
		kinds[fmt.Sprint(doc["kind"])] = doc
	}
	sts, secret, cm := kinds["StatefulSet"], kinds["Secret"], kinds["ConfigMap"]
	if sts == nil || secret == nil || cm == nil {
		t.Fatalf("want a StatefulSet, a Secret and a ConfigMap; have %v", keys(kinds))
	}
	if kinds["Deployment"] != nil {
		t.Error("a Deployment may run two pods during a rollout; bbolt allows one")
	}
	if r := get(sts, "spec", "replicas"); r != 1 {
		t.Errorf("replicas = %v, want 1", r)
	}
	pod := get(sts, "spec", "template", "spec")
	c := get(pod, "containers", 0)

	// The database on a persistent volume claim, mounted where MAATWERK_DB points.
	claim := get(sts, "spec", "volumeClaimTemplates", 0)
	if claim == nil || get(claim, "spec", "resources", "requests", "storage") == nil {
		t.Fatal("no volumeClaimTemplate with a storage request")
	}
	name := get(claim, "metadata", "name")
	mounted := false
	for _, m := range asSlice(get(c, "volumeMounts")) {
		if get(m, "name") == name && strings.HasPrefix(fmt.Sprint(get(cm, "data", "MAATWERK_DB")), fmt.Sprint(get(m, "mountPath"))+"/") {
			mounted = true
		}
	}
	if !mounted {
		t.Errorf("claim %v is not mounted at the directory of MAATWERK_DB", name)
	}

	// Secrets come from the Secret by name; the ConfigMap holds none.
	for _, ref := range []struct{ key, kind string }{{"secretRef", "Secret"}, {"configMapRef", "ConfigMap"}} {
		found := false
		for _, from := range asSlice(get(c, "envFrom")) {
			if n := get(from, ref.key, "name"); n != nil {
				found = true
				if n != get(kinds[ref.kind], "metadata", "name") {
					t.Errorf("%s %v names no %s in the file", ref.key, n, ref.kind)
				}
			}
		}
		if !found {
			t.Errorf("container has no envFrom %s", ref.key)
		}
	}
	for k := range asMap(get(cm, "data")) {
		if strings.Contains(k, "TOKEN") || strings.Contains(k, "SECRET") {
			t.Errorf("ConfigMap holds %s; secrets belong in the Secret", k)
		}
	}
	for _, k := range []string{"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"} {
		if _, ok := asMap(get(secret, "stringData"))[k]; !ok {
			t.Errorf("Secret lacks %s", k)
		}
	}

	// Probes on the bot's own endpoints and port.
	port := fmt.Sprint(get(c, "ports", 0, "containerPort"))
	if !strings.HasSuffix(fmt.Sprint(get(cm, "data", "MAATWERK_LISTEN_ADDR")), ":"+port) {
		t.Errorf("containerPort %s is not the port of MAATWERK_LISTEN_ADDR", port)
	}
	for probe, path := range map[string]string{"livenessProbe": "/healthz", "readinessProbe": "/readyz"} {
		if p := get(c, probe, "httpGet", "path"); p != path {
			t.Errorf("%s path = %v, want %s", probe, p, path)
		}
		if p := fmt.Sprint(get(c, probe, "httpGet", "port")); p != port && p != "http" {
			t.Errorf("%s port = %v, want %s", probe, p, port)
		}
	}

	// Bounded resources.
	for _, r := range []string{"cpu", "memory"} {
		if get(c, "resources", "limits", r) == nil || get(c, "resources", "requests", r) == nil {
			t.Errorf("no %s request and limit", r)
		}
	}

	// Not root, no way to become root.
	if get(pod, "securityContext", "runAsNonRoot") != true || get(c, "securityContext", "runAsNonRoot") != true {
		t.Error("runAsNonRoot not set on pod and container")
	}
	if u, ok := get(pod, "securityContext", "runAsUser").(int); !ok || u == 0 {
		t.Errorf("runAsUser = %v", get(pod, "securityContext", "runAsUser"))
	}
	if get(c, "securityContext", "allowPrivilegeEscalation") != false {
		t.Error("allowPrivilegeEscalation is not false")
	}
	if drop := strs(get(c, "securityContext", "capabilities", "drop")); len(drop) != 1 || drop[0] != "ALL" {
		t.Errorf("capabilities drop = %v, want [ALL]", drop)
	}
}

func keys(m map[string]map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func asSlice(v any) []any        { s, _ := v.([]any); return s }
func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }

// The Dockerfile, read as text (the test machines have no Docker daemon):
// a static build, a non-root final stage, the data volume where MAATWERK_DB
// points, the port of MAATWERK_LISTEN_ADDR, and a HEALTHCHECK that needs no
// shell.
func TestDockerfileStructure(t *testing.T) {
	data, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var (
		froms            []string
		user, expose     string
		volume, health   string
		env              = map[string]string{}
		staticBuild      bool
		inEnv, continued bool
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		if continued {
			word, rest = "", line
		} else {
			inEnv = false
		}
		continued = strings.HasSuffix(line, "\\")
		rest = strings.TrimSpace(strings.TrimSuffix(rest, "\\"))
		switch word {
		case "FROM":
			froms = append(froms, rest)
		case "USER":
			user = rest
		case "EXPOSE":
			expose = rest
		case "VOLUME":
			volume = rest
		case "HEALTHCHECK":
			health = rest
		case "ENV":
			inEnv = true
		case "RUN":
			if strings.Contains(rest, "CGO_ENABLED=0") {
				staticBuild = true
			}
		case "":
			if strings.Contains(rest, "CGO_ENABLED=0") {
				staticBuild = true
			}
			if strings.HasPrefix(rest, "CMD") {
				health += " " + rest
			}
		}
		if inEnv {
			for _, kv := range strings.Fields(rest) {
				if k, v, ok := strings.Cut(kv, "="); ok {
					env[k] = v
				}
			}
		}
	}
	if len(froms) < 2 || !strings.Contains(froms[len(froms)-1], "distroless/static") {
		t.Errorf("want a build stage and a distroless/static final stage, have %q", froms)
	}
	if !staticBuild {
		t.Error("the build does not set CGO_ENABLED=0: the binary would need libc")
	}
	if uid, _, _ := strings.Cut(user, ":"); uid == "" || uid == "0" || uid == "root" {
		t.Errorf("USER %q: the bot must not run as root", user)
	}
	if db := env["MAATWERK_DB"]; volume == "" || !strings.HasPrefix(db, volume+"/") {
		t.Errorf("MAATWERK_DB=%s is not on the VOLUME %s", db, volume)
	}
	if addr := env["MAATWERK_LISTEN_ADDR"]; expose == "" || !strings.HasSuffix(addr, ":"+expose) {
		t.Errorf("EXPOSE %s is not the port of MAATWERK_LISTEN_ADDR=%s", expose, addr)
	}
	if !regexp.MustCompile(`CMD \["/maatwerkbot", "healthcheck"\]`).MatchString(health) {
		t.Errorf("HEALTHCHECK %q: want the exec form of maatwerkbot healthcheck (no shell in distroless)", health)
	}
}

// systemd-analyze verify checks the unit as systemd would load it: unknown
// keys, bad values, a missing executable. It is run where systemd is
// installed, with ExecStart pointed at an executable that exists here.
func TestSystemdUnitVerifies(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze not installed")
	}
	data, err := os.ReadFile("systemd/maatwerkbot.service")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("ExecStart=/usr/local/bin/maatwerkbot\n")) {
		t.Fatal("ExecStart is not /usr/local/bin/maatwerkbot; update this test and the install steps")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	unit := filepath.Join(t.TempDir(), "maatwerkbot.service")
	if err := os.WriteFile(unit, bytes.Replace(data, []byte("ExecStart=/usr/local/bin/maatwerkbot"), []byte("ExecStart="+exe), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, analyze, "verify", unit).CombinedOutput()
	// Unknown keys are only warnings (exit 0): any output counts.
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// The binary builds without cgo into a static executable, as the Dockerfile
// and the systemd instructions build it; the test logs its size (the image
// is about this, less the symbols that -ldflags=-s -w strip, plus
// distroless/static, about 2 MB). It builds without -trimpath and -ldflags,
// so that it shares the build cache with the other tests' builds: with
// them, a cold `go test ./...` compiled every dependency once more.
func TestStaticBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "maatwerkbot")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, gobin, "build", "-o", bin, "../cmd/maatwerkbot")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var out []byte
	if err := withBuildLock(func() (err error) { out, err = cmd.CombinedOutput(); return err }); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Skipf("not an ELF binary on this platform: %v", err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary has a dynamic loader (PT_INTERP): it is not static")
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the binary needs shared libraries: %v", libs)
	}
	st, err := os.Stat(bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("static binary: %.1f MB", float64(st.Size())/(1<<20))
}
