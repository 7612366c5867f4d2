package query

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// A write that PostgreSQL rolled back to break a deadlock, or could not
// serialize, is run again and succeeds without the caller seeing the
// failure; any other error is returned at once; a write that keeps
// colliding gives up after conflictAttempts tries.
func TestWritesAreRetriedAfterADeadlock(t *testing.T) {
	deadlock := fmt.Errorf("insert: %w", &pgconn.PgError{Code: "40P01", Message: "deadlock detected"})
	serialization := &pgconn.PgError{Code: "40001", Message: "could not serialize access"}
	other := &pgconn.PgError{Code: "23505", Message: "duplicate key"}
	for _, c := range []struct {
		name     string
		failures []error
		wantErr  error
		wantRuns int
	}{
		{"deadlock then success", []error{deadlock, deadlock}, nil, 3},
		{"serialization failure then success", []error{serialization}, nil, 2},
		{"another error", []error{other, nil}, other, 1},
		{"always a deadlock", []error{deadlock, deadlock, deadlock, deadlock, deadlock}, deadlock, conflictAttempts},
	} {
		t.Run(c.name, func(t *testing.T) {
			runs := 0
			err := RetryConflicts(context.Background(), func() error {
				runs++
				if runs <= len(c.failures) {
					return c.failures[runs-1]
				}
				return nil
			})
			if !errors.Is(err, c.wantErr) || runs != c.wantRuns {
				t.Fatalf("error %v after %d runs; want %v after %d", err, runs, c.wantErr, c.wantRuns)
			}
		})
	}
}
