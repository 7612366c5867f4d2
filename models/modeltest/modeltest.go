// Package modeltest gives tests a fresh, fully migrated database of the kind
// named by LIAISON_TEST_DB: "sqlite" (default) or "postgres". The PostgreSQL
// server is LIAISON_TEST_PG (default: the local trust-auth server). When it
// cannot be reached the test is skipped, except under CI=true, where a
// skipped database suite would hide failures and so fails instead.
package modeltest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"liaison/models"
)

// DefaultPostgres is the server used when LIAISON_TEST_PG is unset.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Kind is the database kind this test run uses.
func Kind() string {
	if os.Getenv("LIAISON_TEST_DB") == models.Postgres {
		return models.Postgres
	}
	return models.SQLite
}

// DB returns a fresh migrated database for one test, removed at its end.
func DB(t testing.TB) *gorm.DB {
	t.Helper()
	db, _ := Open(t)
	return db
}

// Open is DB, also returning the DSN (for tests that start a process).
func Open(t testing.TB) (*gorm.DB, string) {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var dsn string
	if Kind() == models.Postgres {
		dsn = freshPostgres(t)
	} else {
		dsn = "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	db, err := models.Open(dsn, quiet)
	if err != nil {
		t.Fatalf("open %s: %v", Kind(), err)
	}
	if Kind() == models.SQLite {
		if err := models.Migrate(db); err != nil {
			t.Fatalf("migrate: %v", err)
		}
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return db, dsn
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// Empty returns a new database with no tables at all, removed at the
// test's end: for tests of the migrations themselves, such as an upgrade
// from an early schema.
func Empty(t testing.TB) (*gorm.DB, string) {
	t.Helper()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "empty.db")
	if Kind() == models.Postgres {
		dsn = newPostgres(t, "")
	}
	db, err := models.Open(dsn, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("open %s: %v", Kind(), err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return db, dsn
}

// freshPostgres clones a database from a template migrated once per test
// binary, which costs a few milliseconds instead of a full migration.
func freshPostgres(t testing.TB) string {
	return newPostgres(t, "migrated")
}

// newPostgres creates a database, a clone of the migrated template or
// (template "") an empty one, dropped at the test's end.
func newPostgres(t testing.TB, template string) string {
	t.Helper()
	server := os.Getenv("LIAISON_TEST_PG")
	if server == "" {
		server = DefaultPostgres
	}
	admin, err := models.Open(server, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL unreachable in CI: %v", err)
		}
		t.Skipf("PostgreSQL unreachable, skipping: %v", err)
	}
	sqlAdmin, _ := admin.DB()
	defer sqlAdmin.Close()

	if template == "" {
		return createDatabase(t, admin, server, "")
	}
	templateOnce.Do(func() {
		templateName = "liaison_tpl_" + randomSuffix()
		if templateErr = admin.Exec("CREATE DATABASE " + templateName).Error; templateErr != nil {
			return
		}
		tplDB, err := models.Open(withDatabase(server, templateName), slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			templateErr = err
			return
		}
		templateErr = models.Migrate(tplDB)
		if s, err := tplDB.DB(); err == nil {
			_ = s.Close()
		}
	})
	if templateErr != nil {
		t.Fatalf("prepare template database: %v", templateErr)
	}
	return createDatabase(t, admin, server, templateName)
}

// createDatabase makes a database (from a template, when one is named)
// and drops it when the test ends.
func createDatabase(t testing.TB, admin *gorm.DB, server, template string) string {
	t.Helper()
	name := "liaison_t_" + randomSuffix()
	create := "CREATE DATABASE " + name
	if template != "" {
		create += " TEMPLATE " + template
	}
	if err := admin.Exec(create).Error; err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		cleaner, err := models.Open(server, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			return
		}
		_ = cleaner.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").Error
		if s, err := cleaner.DB(); err == nil {
			_ = s.Close()
		}
	})
	return withDatabase(server, name)
}

// DropTemplate removes the per-binary template; call it from TestMain.
func DropTemplate() {
	if templateName == "" {
		return
	}
	server := os.Getenv("LIAISON_TEST_PG")
	if server == "" {
		server = DefaultPostgres
	}
	admin, err := models.Open(server, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return
	}
	_ = admin.Exec("DROP DATABASE IF EXISTS " + templateName + " WITH (FORCE)").Error
	if s, err := admin.DB(); err == nil {
		_ = s.Close()
	}
}

func withDatabase(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		panic(fmt.Sprintf("LIAISON_TEST_PG is not a URL: %v", err))
	}
	u.Path = "/" + name
	return u.String()
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return strings.ToLower(hex.EncodeToString(b))
}
