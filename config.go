package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"

	"liaison/mail"
	"liaison/models"
	"liaison/services"
)

// config is read from the environment once, in main, and passed down.
type config struct {
	Addr            string        `env:"LIAISON_ADDR" envDefault:"127.0.0.1:8080"`
	DB              string        `env:"LIAISON_DB" envDefault:"sqlite:data/liaison.db"`
	AdminEmail      string        `env:"LIAISON_ADMIN_EMAIL"`
	AdminPassword   string        `env:"LIAISON_ADMIN_PASSWORD"`
	LogLevel        string        `env:"LIAISON_LOG_LEVEL" envDefault:"info"`
	TrustedProxies  []string      `env:"LIAISON_TRUSTED_PROXIES" envSeparator:","`
	SessionIdle     time.Duration `env:"LIAISON_SESSION_IDLE" envDefault:"1h"`
	SessionAbsolute time.Duration `env:"LIAISON_SESSION_ABSOLUTE" envDefault:"12h"`
	// MaxActive bounds the API requests served at once (the rest queue in
	// arrival order); 0 sizes it to the machine (api.Deps.MaxActive).
	MaxActive int `env:"LIAISON_MAX_ACTIVE_REQUESTS" envDefault:"0"`
	// SQLiteSynchronous is "normal" (a commit survives a killed process)
	// or "full" (it also survives a power cut; slower writes).
	SQLiteSynchronous string `env:"LIAISON_SQLITE_SYNCHRONOUS" envDefault:"normal"`
	// BackupDir, BackupEvery and BackupKeep schedule backups of a SQLite
	// database: every BackupEvery into BackupDir, the newest BackupKeep kept.
	BackupDir   string        `env:"LIAISON_BACKUP_DIR"`
	BackupEvery time.Duration `env:"LIAISON_BACKUP_EVERY" envDefault:"24h"`
	BackupKeep  int           `env:"LIAISON_BACKUP_KEEP" envDefault:"7"`
	// MaxQueued and MaxQueueWait bound the queue of API requests waiting
	// for a place; past either, a request is answered 503 with Retry-After.
	MaxQueued    int           `env:"LIAISON_MAX_QUEUED_REQUESTS" envDefault:"0"`
	MaxQueueWait time.Duration `env:"LIAISON_MAX_QUEUE_WAIT" envDefault:"5s"`
	// MetricsToken, when set, is the bearer token /metrics requires.
	MetricsToken string `env:"LIAISON_METRICS_TOKEN"`
	// MFARequiredRoles must use two-factor sign-in; their users may only
	// enrol until they have.
	MFARequiredRoles []string `env:"LIAISON_MFA_REQUIRED_ROLES" envSeparator:","`
	// Single sign-on (OpenID Connect): on when the issuer, client ID and
	// client secret are all set.
	OIDCIssuer       string `env:"LIAISON_OIDC_ISSUER"`
	OIDCClientID     string `env:"LIAISON_OIDC_CLIENT_ID"`
	OIDCClientSecret string `env:"LIAISON_OIDC_CLIENT_SECRET"`
	OIDCLabel        string `env:"LIAISON_OIDC_LABEL" envDefault:"single sign-on"`
	// PublicURL is where browsers reach Liaison; single sign-on's redirect
	// URI is PublicURL/auth/oidc/callback. Empty: taken from each request.
	PublicURL string `env:"LIAISON_PUBLIC_URL"`
	// PasswordLogin false leaves single sign-on as the only way in.
	PasswordLogin bool `env:"LIAISON_PASSWORD_LOGIN" envDefault:"true"`
	// SecretKey seals the secrets stored in the database (two-factor
	// secrets); SecretKeyFile holds one when SecretKey is not set, made at
	// first start (secret_key.go). Several processes on one PostgreSQL
	// database must share the key: set LIAISON_SECRET_KEY on each.
	SecretKey     string `env:"LIAISON_SECRET_KEY"`
	SecretKeyFile string `env:"LIAISON_SECRET_KEY_FILE"`
	// SMTPURL and MailFrom turn mail on: smtp://user:pass@host:587
	// (STARTTLS) or smtps://…:465 (TLS from the start). Without them,
	// notifications stay in the app. Links in mails use PublicURL.
	SMTPURL  string `env:"LIAISON_SMTP_URL"`
	MailFrom string `env:"LIAISON_MAIL_FROM"`
	// DueSoonDays is how many days before its due date a commitment's owner
	// is told it is due soon.
	DueSoonDays int `env:"LIAISON_DUE_SOON_DAYS" envDefault:"3"`
}

// loadConfig reads and checks the configuration; its error is one line
// naming the variable at fault.
func loadConfig() (config, error) {
	var c config
	if err := env.Parse(&c); err != nil {
		var agg env.AggregateError
		if errors.As(err, &agg) && len(agg.Errors) > 0 {
			err = agg.Errors[0]
		}
		var pe env.ParseError
		if errors.As(err, &pe) {
			if f, ok := reflect.TypeOf(c).FieldByName(pe.Name); ok {
				return c, fmt.Errorf("%s: %v", f.Tag.Get("env"), pe.Err)
			}
		}
		return c, err
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return c, fmt.Errorf("LIAISON_ADDR: %q is not host:port", c.Addr)
	}
	if err := models.ValidateDSN(c.DB); err != nil {
		return c, err
	}
	if _, err := c.level(); err != nil {
		return c, err
	}
	for _, p := range c.TrustedProxies {
		p = strings.TrimSpace(p)
		if _, err := netip.ParsePrefix(p); err != nil {
			if _, err := netip.ParseAddr(p); err != nil {
				return c, fmt.Errorf("LIAISON_TRUSTED_PROXIES: %q is neither an address nor a CIDR", p)
			}
		}
	}
	if c.SessionIdle <= 0 || c.SessionAbsolute <= 0 {
		return c, errors.New("LIAISON_SESSION_IDLE and LIAISON_SESSION_ABSOLUTE must be positive durations")
	}
	if c.MaxActive < 0 || c.MaxActive > 10000 {
		return c, fmt.Errorf("LIAISON_MAX_ACTIVE_REQUESTS: %d is not between 0 (sized to the machine) and 10000", c.MaxActive)
	}
	if c.DueSoonDays < 1 || c.DueSoonDays > 60 {
		return c, fmt.Errorf("LIAISON_DUE_SOON_DAYS: %d is not between 1 and 60", c.DueSoonDays)
	}
	if (c.SMTPURL == "") != (c.MailFrom == "") {
		return c, errors.New("LIAISON_SMTP_URL and LIAISON_MAIL_FROM go together: set both to send mail, or neither")
	}
	if c.SMTPURL != "" {
		if _, err := mail.New(c.SMTPURL, c.MailFrom); err != nil {
			return c, err
		}
		if c.PublicURL == "" {
			return c, errors.New("LIAISON_PUBLIC_URL: mails link to Liaison, so sending mail needs the address people reach it at")
		}
	}
	if c.SQLiteSynchronous != "normal" && c.SQLiteSynchronous != "full" {
		return c, fmt.Errorf("LIAISON_SQLITE_SYNCHRONOUS: %q is neither normal nor full", c.SQLiteSynchronous)
	}
	if c.BackupEvery < time.Minute {
		return c, errors.New("LIAISON_BACKUP_EVERY must be a duration of a minute or more")
	}
	if c.BackupKeep < 1 || c.BackupKeep > 10000 {
		return c, fmt.Errorf("LIAISON_BACKUP_KEEP: %d is not between 1 and 10000", c.BackupKeep)
	}
	if _, sqlite := models.SQLitePath(c.DB); c.BackupDir != "" && !sqlite {
		return c, errors.New("LIAISON_BACKUP_DIR: scheduled backups are for SQLite; back up PostgreSQL with pg_dump")
	}
	if c.MaxQueued < 0 || c.MaxQueued > 1000000 {
		return c, fmt.Errorf("LIAISON_MAX_QUEUED_REQUESTS: %d is not between 0 (16 per place) and 1000000", c.MaxQueued)
	}
	if c.MaxQueueWait <= 0 || c.MaxQueueWait > 10*time.Minute {
		return c, errors.New("LIAISON_MAX_QUEUE_WAIT must be a duration between 1ms and 10m")
	}
	for i, r := range c.MFARequiredRoles {
		c.MFARequiredRoles[i] = strings.TrimSpace(r)
		if !slices.Contains(models.Roles, c.MFARequiredRoles[i]) {
			return c, fmt.Errorf("LIAISON_MFA_REQUIRED_ROLES: %q is not a role (%s)", r, strings.Join(models.Roles, ", "))
		}
	}
	if c.SecretKey != "" {
		if err := services.ValidSecretKey([]byte(c.SecretKey)); err != nil {
			return c, fmt.Errorf("LIAISON_SECRET_KEY: %v (make one with: openssl rand -hex 32)", err)
		}
	}
	if err := c.checkSignIn(); err != nil {
		return c, err
	}
	if (c.AdminEmail == "") != (c.AdminPassword == "") && c.AdminPassword != "" {
		return c, errors.New("LIAISON_ADMIN_PASSWORD is set but LIAISON_ADMIN_EMAIL is not")
	}
	return c, nil
}

func (c config) level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("LIAISON_LOG_LEVEL: %q is not debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// checkSignIn checks the settings of single sign-on and password sign-in.
func (c config) checkSignIn() error {
	set := map[string]bool{"LIAISON_OIDC_ISSUER": c.OIDCIssuer != "", "LIAISON_OIDC_CLIENT_ID": c.OIDCClientID != "",
		"LIAISON_OIDC_CLIENT_SECRET": c.OIDCClientSecret != ""}
	oidc := set["LIAISON_OIDC_ISSUER"] && set["LIAISON_OIDC_CLIENT_ID"] && set["LIAISON_OIDC_CLIENT_SECRET"]
	if !oidc {
		for _, name := range []string{"LIAISON_OIDC_ISSUER", "LIAISON_OIDC_CLIENT_ID", "LIAISON_OIDC_CLIENT_SECRET"} {
			if !set[name] && (set["LIAISON_OIDC_ISSUER"] || set["LIAISON_OIDC_CLIENT_ID"] || set["LIAISON_OIDC_CLIENT_SECRET"]) {
				return fmt.Errorf("%s is not set: single sign-on needs LIAISON_OIDC_ISSUER, LIAISON_OIDC_CLIENT_ID and LIAISON_OIDC_CLIENT_SECRET", name)
			}
		}
	}
	if c.OIDCIssuer != "" {
		if err := checkBaseURL(c.OIDCIssuer); err != nil {
			return fmt.Errorf("LIAISON_OIDC_ISSUER: %v", err)
		}
	}
	if c.PublicURL != "" {
		if err := checkBaseURL(c.PublicURL); err != nil {
			return fmt.Errorf("LIAISON_PUBLIC_URL: %v", err)
		}
	}
	if l := strings.TrimSpace(c.OIDCLabel); l == "" || len(l) > 60 || strings.ContainsAny(l, "\r\n") {
		return fmt.Errorf("LIAISON_OIDC_LABEL: %q is not a name of 1 to 60 characters on one line", c.OIDCLabel)
	}
	if !c.PasswordLogin && !oidc {
		return errors.New("LIAISON_PASSWORD_LOGIN=false would leave no way to sign in: set up single sign-on (LIAISON_OIDC_ISSUER, LIAISON_OIDC_CLIENT_ID, LIAISON_OIDC_CLIENT_SECRET) first")
	}
	return nil
}

// checkBaseURL accepts an absolute https URL without query or fragment;
// plain http only for a loopback host (a provider on this machine, tests).
func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("%q is not an absolute URL like https://example.org", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		if ip, err := netip.ParseAddr(host); (err == nil && ip.IsLoopback()) || host == "localhost" {
			return nil
		}
		return fmt.Errorf("%q must use https (plain http only on this machine)", raw)
	}
	return fmt.Errorf("%q is not an http(s) URL", raw)
}
