package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"

	"liaison/models"
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
	// MaxQueued and MaxQueueWait bound the queue of API requests waiting
	// for a place; past either, a request is answered 503 with Retry-After.
	MaxQueued    int           `env:"LIAISON_MAX_QUEUED_REQUESTS" envDefault:"0"`
	MaxQueueWait time.Duration `env:"LIAISON_MAX_QUEUE_WAIT" envDefault:"5s"`
	// MetricsToken, when set, is the bearer token /metrics requires.
	MetricsToken string `env:"LIAISON_METRICS_TOKEN"`
	// MFARequiredRoles must use two-factor sign-in; their users may only
	// enrol until they have.
	MFARequiredRoles []string `env:"LIAISON_MFA_REQUIRED_ROLES" envSeparator:","`
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
