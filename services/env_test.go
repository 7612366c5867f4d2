package services

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"

	"gorm.io/gorm"

	"liaison/models/modeltest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	modeltest.DropTemplate()
	os.Exit(code)
}

const testPassword = "correct horse battery staple"

var (
	hashOnce   sync.Once
	sharedHash string
)

// testHash hashes the shared test password once per test binary.
func testHash() string {
	hashOnce.Do(func() { sharedHash, _ = HashPassword(testPassword) })
	return sharedHash
}

// env is one test's world: a fresh database with the fixture, the services
// and an actor per fixture user.
type env struct {
	t   *testing.T
	db  *gorm.DB
	svc *Services
	fx  modeltest.Fixture
	ctx context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := modeltest.DB(t)
	fx := modeltest.Seed(t, db, testHash())
	svc := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Config{})
	return &env{t: t, db: db, svc: svc, fx: fx, ctx: context.Background()}
}

// as returns the actor of a fixture user, e.g. e.as("a.officer").
func (e *env) as(key string) Actor {
	u, ok := e.fx.Users[key]
	if !ok {
		e.t.Fatalf("no fixture user %q", key)
	}
	return Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role, Origin: Origin{ClientAddr: "192.0.2.1", RequestID: "test"}}
}

func ptr[T any](v T) *T { return &v }

// must returns the value of a call that the test expects to succeed; an
// error panics, which fails the test with the stack of the call.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("unexpected error: %v", err))
	}
	return v
}

// fieldErrors returns the field names of a *ValidationError, or fails.
func fieldErrors(t *testing.T, err error) []string {
	t.Helper()
	verr, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("want *ValidationError, got %T %v", err, err)
	}
	var out []string
	for _, f := range verr.Fields {
		out = append(out, f.Field)
	}
	return out
}

// readRows runs sql and gathers its rows into a map: row scans the current
// row (through scan) and returns its key and value, or false to leave it
// out. The maintained tables' tests compare two such maps, the table's and
// a recount's.
func readRows[V any](t *testing.T, e *env, sql string, row func(scan func(dest ...any) error) (string, V, bool)) map[string]V {
	t.Helper()
	rows, err := e.db.Raw(sql).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]V{}
	for rows.Next() {
		key, value, ok := row(rows.Scan)
		if ok {
			out[key] = value
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
