package services

import (
	"context"

	"gorm.io/gorm"

	"liaison/models"
)

// Import batches side by side. A bulk load into a database nothing else
// uses (models.WithBulkLoad) may run the next batch's transaction while
// this one writes: the next reads and checks its references and builds its
// rows (work for this process), while this one's rows stream into the
// server (work for the server), so that neither waits for the other. Their
// writes still take turns, in the order the batches were started: ids are
// handed out in that order and the data do not depend on timing.
//
// A batch with a turn takes its lock on everyone (models.LockAllPeople)
// when its turn comes, not when it begins: the lock is held until commit,
// and taken first it would keep the next batch from starting at all. That
// is sound only where nothing else writes people meanwhile, which is why
// only a bulk load may take turns.

type writeTurnKey struct{}

// writeTurn is a batch's place in the order of writes.
type writeTurn struct {
	// wait blocks until the batch before has ended; an error when it did
	// not commit, or when ctx ends first.
	wait func(ctx context.Context) error
}

// TakesTurns reports whether this database can run import batches side
// by side (WithWriteTurn): PostgreSQL. SQLite has one writer, whose
// transaction holds the write lock from its start; a batch that began
// before the one ahead of it would wait for it holding what it waits for.
func (s *ImportService) TakesTurns() bool { return takesTurns(s.db) }

func takesTurns(db *gorm.DB) bool { return db.Name() == models.Postgres }

// WithWriteTurn returns ctx for an import batch of a bulk load that may
// begin beside the batch before it and writes only once wait has returned
// nil (the batch before has committed); ctx must be marked by
// models.WithBulkLoad, and the database one that TakesTurns, or the turn is
// ignored and the batch runs as any.
func WithWriteTurn(ctx context.Context, wait func(ctx context.Context) error) context.Context {
	return context.WithValue(ctx, writeTurnKey{}, &writeTurn{wait: wait})
}

// turnOf is the write turn of tx's batch, nil outside a bulk load into
// PostgreSQL that takes turns.
func turnOf(tx *gorm.DB) *writeTurn {
	ctx := tx.Statement.Context
	t, _ := ctx.Value(writeTurnKey{}).(*writeTurn)
	if t == nil || !models.IsBulkLoad(ctx) || !takesTurns(tx) {
		return nil
	}
	return t
}

// lockPeopleAtStart takes the lock on everyone at the start of a batch's
// transaction, unless the batch takes turns (then awaitWriteTurn does).
func lockPeopleAtStart(tx *gorm.DB) error {
	if turnOf(tx) != nil {
		return nil
	}
	return models.LockAllPeople(tx)
}

// awaitWriteTurn is called before a batch's first write (reserveIDs): for a
// batch that takes turns it waits for the batch before to commit, then
// takes the lock on everyone. Without a turn it returns at once. Waiting
// again once the turn has come returns at once.
func awaitWriteTurn(tx *gorm.DB) error {
	t := turnOf(tx)
	if t == nil {
		return nil
	}
	if err := t.wait(tx.Statement.Context); err != nil {
		return err
	}
	return models.LockAllPeople(tx)
}
