package query

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

// PostgreSQL may end a transaction to break a deadlock (two writers each
// holding a row the other needs: the maintained tables of migrations 0007
// and 0009 lock rows of several organizations or people in one write) or
// because it could not serialize it. The write was rolled back whole and
// is correct to run again; the client should not see a failure for it.
// SQLite runs one writer at a time and never reports either.

// conflictAttempts bounds how often one write is tried.
const conflictAttempts = 4

// Transaction runs fn in a transaction, again from the start when
// PostgreSQL rolled it back for a deadlock or a serialization failure. fn
// must not keep state from one attempt to the next.
func Transaction(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	return RetryConflicts(ctx, func() error { return db.WithContext(ctx).Transaction(fn) })
}

// RetryConflicts runs op, a whole transaction, up to conflictAttempts times
// while it fails with a deadlock or a serialization failure, waiting a few
// random milliseconds between attempts so that the writers that collided
// do not collide again.
func RetryConflicts(ctx context.Context, op func() error) error {
	for attempt := 1; ; attempt++ {
		err := op()
		if attempt == conflictAttempts || !IsConflict(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt) * time.Duration(1+rand.IntN(10)) * time.Millisecond):
		}
	}
}

// IsConflict reports a PostgreSQL deadlock (40P01) or serialization
// failure (40001).
func IsConflict(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40P01" || pgErr.Code == "40001")
}
