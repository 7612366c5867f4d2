package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestBadConfigurationFailsWithOneClearLine(t *testing.T) {
	cases := []struct{ name, value, want string }{
		{"LIAISON_ADDR", "8080", "LIAISON_ADDR"},
		{"LIAISON_DB", "mysql://x", "LIAISON_DB"},
		{"LIAISON_DB", "sqlite:", "LIAISON_DB"},
		{"LIAISON_LOG_LEVEL", "loud", "LIAISON_LOG_LEVEL"},
		{"LIAISON_TRUSTED_PROXIES", "10.0.0.0/8,not-an-ip", "LIAISON_TRUSTED_PROXIES"},
		{"LIAISON_SESSION_IDLE", "forever", "LIAISON_SESSION_IDLE"},
		{"LIAISON_MAX_ACTIVE_REQUESTS", "many", "LIAISON_MAX_ACTIVE_REQUESTS"},
		{"LIAISON_MAX_ACTIVE_REQUESTS", "-1", "LIAISON_MAX_ACTIVE_REQUESTS"},
		{"LIAISON_MAX_QUEUED_REQUESTS", "-5", "LIAISON_MAX_QUEUED_REQUESTS"},
		{"LIAISON_MAX_QUEUE_WAIT", "0s", "LIAISON_MAX_QUEUE_WAIT"},
		{"LIAISON_MAX_QUEUE_WAIT", "soon", "LIAISON_MAX_QUEUE_WAIT"},
		{"LIAISON_MFA_REQUIRED_ROLES", "admin,boss", "LIAISON_MFA_REQUIRED_ROLES"},
	}
	for _, c := range cases {
		t.Run(c.name+"="+c.value, func(t *testing.T) {
			t.Setenv(c.name, c.value)
			_, err := loadConfig()
			if err == nil {
				t.Fatal("accepted")
			}
			if msg := err.Error(); !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q should be one line naming %s", msg, c.want)
			}
		})
	}
}

func TestDefaultsAreUsable(t *testing.T) {
	c, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DB != "sqlite:data/liaison.db" || len(c.TrustedProxies) != 0 {
		t.Fatalf("defaults = %+v", c)
	}
}

func TestVersionAndOpenAPICommands(t *testing.T) {
	var out bytes.Buffer
	if err := run("version", &out); err != nil || !strings.HasPrefix(out.String(), "liaison ") {
		t.Fatalf("version: %v %q", err, out.String())
	}
	out.Reset()
	if err := run("openapi", &out); err != nil || !strings.Contains(out.String(), `"/api/v1/organizations"`) {
		t.Fatalf("openapi: %v", err)
	}
	if err := run("frobnicate", &out); err == nil {
		t.Fatal("unknown command accepted")
	}
}
