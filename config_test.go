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
		{"LIAISON_SQLITE_SYNCHRONOUS", "off", "LIAISON_SQLITE_SYNCHRONOUS"},
		{"LIAISON_BACKUP_EVERY", "10s", "LIAISON_BACKUP_EVERY"},
		{"LIAISON_BACKUP_KEEP", "0", "LIAISON_BACKUP_KEEP"},
		{"LIAISON_MAX_QUEUE_WAIT", "0s", "LIAISON_MAX_QUEUE_WAIT"},
		{"LIAISON_MAX_QUEUE_WAIT", "soon", "LIAISON_MAX_QUEUE_WAIT"},
		{"LIAISON_MFA_REQUIRED_ROLES", "admin,boss", "LIAISON_MFA_REQUIRED_ROLES"},
		{"LIAISON_OIDC_ISSUER", "https://login.example.org", "LIAISON_OIDC_CLIENT_ID"},
		{"LIAISON_OIDC_CLIENT_SECRET", "s3cret", "LIAISON_OIDC_ISSUER"},
		{"LIAISON_PUBLIC_URL", "liaison.example.org", "LIAISON_PUBLIC_URL"},
		{"LIAISON_PUBLIC_URL", "http://liaison.example.org", "LIAISON_PUBLIC_URL"},
		{"LIAISON_PASSWORD_LOGIN", "false", "LIAISON_PASSWORD_LOGIN"},
		{"LIAISON_PASSWORD_LOGIN", "perhaps", "LIAISON_PASSWORD_LOGIN"},
		{"LIAISON_OIDC_LABEL", strings.Repeat("x", 61), "LIAISON_OIDC_LABEL"},
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

func TestSingleSignOnConfiguration(t *testing.T) {
	t.Setenv("LIAISON_OIDC_ISSUER", "ftp://login.example.org")
	t.Setenv("LIAISON_OIDC_CLIENT_ID", "liaison")
	t.Setenv("LIAISON_OIDC_CLIENT_SECRET", "s3cret")
	if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "LIAISON_OIDC_ISSUER") {
		t.Fatalf("an ftp issuer: %v", err)
	}
	t.Setenv("LIAISON_OIDC_ISSUER", "https://login.example.org/realms/staff")
	t.Setenv("LIAISON_PASSWORD_LOGIN", "false")
	t.Setenv("LIAISON_PUBLIC_URL", "https://liaison.example.org")
	c, err := loadConfig()
	if err != nil || c.PasswordLogin || c.OIDCLabel != "single sign-on" {
		t.Fatalf("single sign-on only: %v %+v", err, c)
	}
	t.Setenv("LIAISON_OIDC_ISSUER", "http://127.0.0.1:5556")
	if _, err := loadConfig(); err != nil {
		t.Fatalf("a provider on this machine over http: %v", err)
	}
}
