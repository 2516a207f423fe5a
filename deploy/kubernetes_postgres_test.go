package deploy

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// The Kubernetes example for PostgreSQL as an operator relies on it: at
// least two replicas that never all stop at once during a rollout or a
// drain, the database URL (it holds a password) only in the Secret, no
// volume for a database file, and the same probes and hardening as the
// single-replica StatefulSet.
func TestKubernetesPostgres(t *testing.T) {
	const file = "kubernetes/maatwerkbot-postgres.yaml"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]map[string]any{}
	for _, doc := range yamlDocs(t, file, data) {
		kind := fmt.Sprint(doc["kind"])
		if get(doc, "metadata", "namespace") != nil {
			t.Errorf("%s sets a namespace; the file is meant for kubectl -n", kind)
		}
		kinds[kind] = doc
	}
	for _, k := range []string{"Secret", "ConfigMap", "Deployment", "PodDisruptionBudget", "Service"} {
		if kinds[k] == nil {
			t.Fatalf("no %s; have %v", k, keys(kinds))
		}
	}
	if kinds["StatefulSet"] != nil {
		t.Error("a StatefulSet with a volume is the bbolt setup (maatwerkbot.yaml); replicas on PostgreSQL keep no state")
	}
	dep, secret, cm := kinds["Deployment"], kinds["Secret"], kinds["ConfigMap"]
	if r, ok := get(dep, "spec", "replicas").(int); !ok || r < 2 {
		t.Errorf("replicas = %v, want at least 2", get(dep, "spec", "replicas"))
	}
	if u := get(dep, "spec", "strategy", "rollingUpdate", "maxUnavailable"); u != 0 {
		t.Errorf("rollingUpdate.maxUnavailable = %v, want 0: a rollout must never stop every replica", u)
	}
	if m := get(kinds["PodDisruptionBudget"], "spec", "minAvailable"); m != 1 {
		t.Errorf("PodDisruptionBudget minAvailable = %v, want 1", m)
	}

	db := fmt.Sprint(get(secret, "stringData", "MAATWERK_DB"))
	if !strings.HasPrefix(db, "postgres://") {
		t.Errorf("Secret MAATWERK_DB = %q, want a postgres:// URL", db)
	}
	if get(cm, "data", "MAATWERK_DB") != nil {
		t.Error("ConfigMap sets MAATWERK_DB: the URL holds a password and belongs in the Secret")
	}
	for k := range asMap(get(cm, "data")) {
		if strings.Contains(k, "TOKEN") || strings.Contains(k, "SECRET") || strings.HasSuffix(k, "_KEY") {
			t.Errorf("ConfigMap holds %s; secrets belong in the Secret", k)
		}
	}

	pod := get(dep, "spec", "template", "spec")
	c := get(pod, "containers", 0)
	if v := get(pod, "volumes"); v != nil {
		t.Errorf("pod has volumes %v; the replicas keep their state in PostgreSQL", v)
	}
	for probe, path := range map[string]string{"livenessProbe": "/healthz", "readinessProbe": "/readyz"} {
		if p := get(c, probe, "httpGet", "path"); p != path {
			t.Errorf("%s path = %v, want %s", probe, p, path)
		}
	}
	if get(pod, "securityContext", "runAsNonRoot") != true || get(c, "securityContext", "readOnlyRootFilesystem") != true {
		t.Error("not hardened like maatwerkbot.yaml (runAsNonRoot, readOnlyRootFilesystem)")
	}
	for _, from := range asSlice(get(c, "envFrom")) {
		for ref, kind := range map[string]string{"secretRef": "Secret", "configMapRef": "ConfigMap"} {
			if n := get(from, ref, "name"); n != nil && n != get(kinds[kind], "metadata", "name") {
				t.Errorf("%s %v names no %s in the file", ref, n, kind)
			}
		}
	}
}
