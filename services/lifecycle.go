package services

import (
	"cmp"
	"context"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// officeRecord is a pointer to a model that embeds models.Record and belongs
// to an office: what archive and restore need to know of a row.
type officeRecord[T any] interface {
	*T
	GetID() int64
	GetVersion() int64
	GetOfficeID() int64
}

// lifecycle describes how one aggregate is archived and restored: the scope
// it is read through (so hidden records stay 404) and who may do each.
type lifecycle struct {
	entity     string
	scope      func(db *gorm.DB, actor Actor, archived bool) *gorm.DB
	mayArchive func(a Actor, officeID int64) bool
	mayRestore func(a Actor, officeID int64) bool
	tallied    bool // commitments: archiving and restoring move the review's tallies
	// attached names the visit and interaction a row hangs from, for the
	// aggregates that the offices organising a visit also archive
	// (visit_partners.go); nil for the others.
	attached func(row any) (visitID, interactionID *int64)
}

// allowsArchive reports whether the actor may archive the row.
func (l lifecycle) allowsArchive(tx *gorm.DB, actor Actor, officeID int64, row any) (bool, error) {
	if l.mayArchive(actor, officeID) {
		return true, nil
	}
	if l.attached == nil {
		return false, nil
	}
	visitID, interactionID := l.attached(row)
	return mayWriteAttached(tx, actor, officeID, visitID, interactionID)
}

// change runs archive or restore, keeping the commitment tallies current.
func (l lifecycle) change(tx *gorm.DB, id int64, f func() error) error {
	if l.tallied {
		return retally(tx, f, "c.id = ?", id)
	}
	return f()
}

// archiveRecord soft-deletes one record when version still matches, with
// its audit event, in one transaction. Errors: ErrNotFound, ErrForbidden,
// ErrStale.
func archiveRecord[T any, P officeRecord[T]](ctx context.Context, db *gorm.DB, l lifecycle, actor Actor, id int64, version *int64) error {
	return writeTx(ctx, db, new(T), id, version, func(tx *gorm.DB) error {
		row := P(new(T))
		if err := l.scope(tx, actor, false).First(row, id).Error; err != nil {
			return notFoundOr(err)
		}
		if ok, err := l.allowsArchive(tx, actor, row.GetOfficeID(), row); err != nil || !ok {
			return cmp.Or(err, ErrForbidden)
		}
		if err := checkVersion(version, row.GetVersion()); err != nil {
			return err
		}
		if err := l.change(tx, id, func() error { return archive(tx, row, row.GetVersion()) }); err != nil {
			return err
		}
		return actor.audit(tx, ActionArchive, l.entity, id, row.GetOfficeID(), nil)
	})
}

// restoreRecord brings one archived record back, with its audit event.
// Errors: ErrNotFound (also when it is not archived), ErrForbidden.
func restoreRecord[T any, P officeRecord[T]](ctx context.Context, db *gorm.DB, l lifecycle, actor Actor, id int64) error {
	return query.Transaction(ctx, db, func(tx *gorm.DB) error {
		row := P(new(T))
		if err := l.scope(tx, actor, true).First(row, id).Error; err != nil {
			return notFoundOr(err)
		}
		if !l.mayRestore(actor, row.GetOfficeID()) {
			return ErrForbidden
		}
		if err := l.change(tx, id, func() error { return restore(tx, row, row.GetVersion()) }); err != nil {
			return err
		}
		return actor.audit(tx, ActionRestore, l.entity, id, row.GetOfficeID(), nil)
	})
}

// adminOnly is the rule for reference data such as projects.
func adminOnly(a Actor, _ int64) bool { return a.IsAdmin() }

// unscoped reads a model every signed-in user may see.
func unscoped(model any, table string) func(db *gorm.DB, actor Actor, archived bool) *gorm.DB {
	return func(db *gorm.DB, _ Actor, archived bool) *gorm.DB { return query.Base(db, model, table, archived) }
}

// The lifecycles of the aggregates.
var (
	organizationLifecycle = lifecycle{entity: models.EntityOrganization, scope: unscoped(&models.Organization{}, "organizations"), mayArchive: Actor.canWriteIn, mayRestore: Actor.canManage}
	contactLifecycle      = lifecycle{entity: models.EntityContact, scope: contactScope, mayArchive: Actor.canWriteIn, mayRestore: Actor.canManage}
	projectLifecycle      = lifecycle{entity: models.EntityProject, scope: unscoped(&models.Project{}, "projects"), mayArchive: adminOnly, mayRestore: adminOnly}
	visitLifecycle        = lifecycle{entity: models.EntityVisit, scope: unscoped(&models.Visit{}, "visits"), mayArchive: Actor.canWriteIn, mayRestore: Actor.canManage}
	interactionLifecycle  = lifecycle{entity: models.EntityInteraction, scope: interactionScope, mayArchive: Actor.canWriteIn, mayRestore: Actor.canManage,
		attached: func(row any) (*int64, *int64) { return row.(*models.Interaction).VisitID, nil }}
	commitmentLifecycle = lifecycle{entity: models.EntityCommitment, scope: commitmentScope, mayArchive: Actor.canWriteIn, mayRestore: Actor.canManage, tallied: true,
		attached: func(row any) (*int64, *int64) { c := row.(*models.Commitment); return c.VisitID, c.InteractionID }}
)
