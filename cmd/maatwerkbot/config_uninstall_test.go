package main

import (
	"os"
	"strings"
	"testing"
)

func TestConfigOnUninstall(t *testing.T) {
	tests := []struct {
		name, value string
		unset       bool
		want        string // the setting after check
		problem     string // part of the problem; "" for none
	}{
		{name: "unset", unset: true, want: "keep"},
		{name: "empty", value: "", want: "keep"},
		{name: "keep", value: "keep", want: "keep"},
		{name: "erase", value: "erase", want: "erase"},
		{name: "erase, loosely written", value: " Erase ", want: "erase"},
		{name: "Dutch", value: "bewaren", problem: `MAATWERK_ON_UNINSTALL="bewaren": use keep`},
		{name: "delete", value: "delete", problem: "MAATWERK_ON_UNINSTALL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("MAATWERK_ON_UNINSTALL", tt.value)
			if tt.unset {
				os.Unsetenv("MAATWERK_ON_UNINSTALL")
			}
			cfg, err := loadConfig()
			if err != nil {
				t.Fatal(err)
			}
			err = cfg.check(false)
			switch {
			case tt.problem == "" && err != nil:
				t.Errorf("%q: %v", tt.value, err)
			case tt.problem != "" && (err == nil || !strings.Contains(err.Error(), tt.problem)):
				t.Errorf("%q: %v, want a problem with %q", tt.value, err, tt.problem)
			case tt.problem == "" && cfg.OnUninstall != tt.want:
				t.Errorf("%q: OnUninstall = %q, want %q", tt.value, cfg.OnUninstall, tt.want)
			}
		})
	}
}
