package main

import "testing"

func TestGCDefaults(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want gcTuning
	}{
		{env: nil, want: gcTuning{percent: 400, memLimit: 48 << 20}},
		{env: map[string]string{"GOGC": "100"}, want: gcTuning{memLimit: 48 << 20}},
		{env: map[string]string{"GOMEMLIMIT": "512MiB"}, want: gcTuning{percent: 400}},
		{env: map[string]string{"GOGC": "off", "GOMEMLIMIT": "1GiB"}, want: gcTuning{}},
	} {
		if got := gcDefaults(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("gcDefaults(%v) = %+v, want %+v", tt.env, got, tt.want)
		}
	}
}
