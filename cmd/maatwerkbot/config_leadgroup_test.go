package main

import (
	"strings"
	"testing"
)

func TestConfigTeamLeadGroup(t *testing.T) {
	tests := []struct {
		value, want string // want: "" for valid, else part of the problem
	}{
		{"", ""},
		{"S0LEADS01", ""},
		{" S0LEADS01 ", ""},
		{"teamleiders", "MAATWERK_TEAM_LEAD_GROUP=\"teamleiders\": give the user group's id"},
		{"@teamleiders", "MAATWERK_TEAM_LEAD_GROUP"},
		{"S1,S2", "MAATWERK_TEAM_LEAD_GROUP"},
	}
	for _, tt := range tests {
		t.Setenv("MAATWERK_TEAM_LEAD_GROUP", tt.value)
		cfg, err := loadConfig()
		if err != nil {
			t.Fatal(err)
		}
		err = cfg.check(false)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.value, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: %v, want a problem with %q", tt.value, err, tt.want)
		case tt.want == "" && cfg.TeamLeadGroup != strings.TrimSpace(tt.value):
			t.Errorf("%q: kept %q", tt.value, cfg.TeamLeadGroup)
		}
	}
}
