// Command liaison is the Liaison server: a stakeholder relationship manager
// for the country offices of international organisations.
//
//	liaison [serve]   run the server (migrates first)
//	liaison migrate   bring the database schema up to date and exit
//	liaison demo      load the demo data into a new database and exit
//	liaison check [--repair]  compare every maintained table with a recount (and rebuild those that differ)
//	liaison seed-bench [-scale 1] [-seed 1]  load the benchmark data set into a new database
//	liaison openapi   print the OpenAPI document
//	liaison version   print the version
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"gorm.io/gorm"

	"liaison/api"
	"liaison/demo"
	"liaison/frontend"
	"liaison/models"
	"liaison/seed"
	"liaison/services"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	tuneProcess()
	cmd := "serve"
	if len(os.Args) > 1 {
		cmd = os.Args[1]
	}
	if err := run(cmd, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "liaison:", err)
		os.Exit(1)
	}
}

func run(cmd string, stdout io.Writer) error {
	switch cmd {
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "liaison", version)
		return nil
	case "openapi":
		r, err := api.NewRouter(api.Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: version})
		if err != nil {
			return err
		}
		doc, err := r.API.OpenAPI().MarshalJSON()
		if err != nil {
			return err
		}
		// Indented, so that the committed frontend/openapi.json diffs readably.
		var indented bytes.Buffer
		if err := json.Indent(&indented, doc, "", "  "); err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", indented.Bytes())
		return err
	case "serve", "migrate", "demo", "check", "seed-bench", "backup", "restore", "copy":
	default:
		return fmt.Errorf("unknown command %q (serve, migrate, demo, check, backup, restore, copy, seed-bench, openapi, version)", cmd)
	}

	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if cmd == "restore" {
		// Before the database is opened: nothing may hold it.
		return restore(cfg.DB, os.Args[2:], stdout)
	}
	if path, ok := models.SQLitePath(cfg.DB); ok && cmd == "serve" {
		lock, err := models.HoldSQLite(path)
		if err != nil {
			return err
		}
		defer lock.Release()
	}
	level, _ := cfg.level()
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	var options []models.OpenOption
	if cfg.SQLiteSynchronous == "full" {
		options = append(options, models.SyncEveryCommit())
	}
	db, err := models.Open(cfg.DB, log, options...)
	if err != nil {
		return err
	}
	defer closeDB(db, log)
	if err := models.Migrate(db); err != nil {
		return err
	}
	if cmd == "migrate" {
		log.Info("database is up to date")
		return nil
	}
	switch cmd {
	case "check":
		return check(db, os.Args[2:], stdout)
	case "backup":
		return backup(db, os.Args[2:], stdout)
	case "copy":
		return copyDatabase(db, cfg.DB, os.Args[2:], log, stdout)
	case "seed-bench":
		return seed.Bench(db, os.Args[2:], stdout, os.Stderr)
	}
	key, err := secretKey(cfg)
	if err != nil {
		return err
	}
	svc := services.New(db, log, services.Config{SessionIdle: cfg.SessionIdle, SessionAbsolute: cfg.SessionAbsolute,
		MFARequiredRoles: cfg.MFARequiredRoles, PasswordLoginDisabled: !cfg.PasswordLogin, SecretKey: key,
		MailEnabled: cfg.SMTPURL != "", DueSoonDays: cfg.DueSoonDays,
		OIDC: services.OIDCConfig{Issuer: cfg.OIDCIssuer, ClientID: cfg.OIDCClientID, ClientSecret: cfg.OIDCClientSecret,
			Label: cfg.OIDCLabel}})
	if cmd == "demo" {
		return loadDemo(svc, stdout)
	}
	if err := svc.Auth.SealStoredSecrets(context.Background()); err != nil {
		return err
	}
	if err := bootstrapAdmin(svc, cfg, stdout); err != nil {
		return err
	}
	return serve(cfg, db, svc, log, stdout)
}

// loadDemo fills a new database with the demo data and prints the logins.
func loadDemo(svc *services.Services, stdout io.Writer) error {
	start := time.Now()
	sum, err := demo.Load(context.Background(), svc)
	if errors.Is(err, demo.ErrNotEmpty) && demo.Loaded(context.Background(), svc) {
		fmt.Fprintln(stdout, "The demo is already loaded.")
		printDemoLogins(stdout)
		return nil
	}
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "Loaded the demo in %s: %d organizations, %d contacts, %d visits, %d interactions, %d commitments, %d projects.\n",
		time.Since(start).Round(time.Millisecond), sum.Organizations, sum.Contacts, sum.Visits, sum.Interactions, sum.Commitments, sum.Projects)
	printDemoLogins(stdout)
	return nil
}

// printDemoLogins lists the demo users and their shared password.
func printDemoLogins(w io.Writer) {
	fmt.Fprintf(w, "Demo logins (password %s):\n", demo.Password)
	for _, l := range demo.Logins {
		fmt.Fprintf(w, "  %-28s %-8s %s\n", l.Email, l.Role, l.Office)
	}
}

// bootstrapAdmin creates the first admin on an empty database: from
// LIAISON_ADMIN_EMAIL/PASSWORD, or with a random password printed once.
func bootstrapAdmin(svc *services.Services, cfg config, stdout io.Writer) error {
	email, password, generated := cfg.AdminEmail, cfg.AdminPassword, false
	if email == "" {
		email = "admin@liaison.local"
	}
	if password == "" {
		b := make([]byte, 15)
		_, _ = rand.Read(b)
		password, generated = base64.RawURLEncoding.EncodeToString(b), true
	}
	_, created, err := svc.Auth.Bootstrap(context.Background(), services.FirstAdmin{Email: email, Password: password})
	if err != nil {
		return fmt.Errorf("create the first admin: %w", err)
	}
	if created && generated {
		fmt.Fprintf(stdout, "\nFirst start: created admin %s with password %s (shown once; change it after signing in)\n\n", email, password)
	} else if created {
		fmt.Fprintf(stdout, "First start: created admin %s\n", email)
	}
	return nil
}

func serve(cfg config, db *gorm.DB, svc *services.Services, log *slog.Logger, stdout io.Writer) error {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if err := registerDatabaseMetrics(reg, db, cfg.DB); err != nil {
		return err
	}
	router, err := api.NewRouter(api.Deps{Services: svc, Log: log, Registry: reg, TrustedProxies: cfg.TrustedProxies,
		Version: version, SPA: frontend.Dist(), MaxActive: cfg.MaxActive,
		MaxQueued: cfg.MaxQueued, MaxQueueWait: cfg.MaxQueueWait, MetricsToken: cfg.MetricsToken, PublicURL: cfg.PublicURL})
	if err != nil {
		return fmt.Errorf("LIAISON_TRUSTED_PROXIES: %w", err)
	}
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           router,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go runScheduled(ctx, db, svc, cfg, log)
	queue, err := startQueue(ctx, svc, cfg, log)
	if err != nil {
		return err
	}
	defer stopQueue(queue, log)
	// The address is announced once it is bound: a port already taken
	// ends the start here, with nothing claimed to be running.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("LIAISON_ADDR: %w", err)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", cfg.Addr, "version", version)
	fmt.Fprintf(stdout, "Liaison %s is running at http://%s\n", version, cfg.Addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func closeDB(db *gorm.DB, log *slog.Logger) {
	if sqlDB, err := db.DB(); err == nil {
		if err := sqlDB.Close(); err != nil {
			log.Error("closing database", "error", err.Error())
		}
	}
}
