package services

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"liaison/models"
	"liaison/services/query"
)

// The retention review: personal data is kept no longer than it serves.
// A contact with no activity for RetentionYears — no edit, no meeting or
// visit they took part in, no commitment towards them, no decision to keep
// them — is listed for the managers of their office, who erase them or keep
// them with a reason (audited; the decision counts as activity, so the
// contact comes back after another period).

// DefaultRetentionYears is the period without activity after which a
// contact is up for review (LIAISON_RETENTION_YEARS).
const DefaultRetentionYears = 5

// ActionRetentionKeep is the audit action of a decision to keep a contact.
const ActionRetentionKeep = "retention_keep"

// RetentionService lists the contacts past the retention period and keeps
// the decisions taken on them.
type RetentionService struct {
	db    *gorm.DB
	years int
	clock func() time.Time
}

// RetentionItem is one contact up for review.
type RetentionItem struct {
	ID           int64
	Version      int64
	FullName     string
	OfficeID     int64
	Restricted   bool
	Archived     bool
	LastActivity time.Time
}

// GetID returns the primary key; generic list code reads it for cursors.
func (r *RetentionItem) GetID() int64 { return r.ID }

// RetentionSorts: the review lists the longest quiet first.
var RetentionSorts = query.SortKeys[RetentionItem]{
	"id": {Column: "contacts.id", Value: func(r *RetentionItem) any { return r.ID }},
}

// Years is the retention period in force.
func (s *RetentionService) Years() int { return s.years }

// Due lists, for managers (of their office) and admins (of all), the
// contacts without activity since the retention period began, archived ones
// included, erased ones not. Errors: ErrForbidden, ErrInvalidCursor.
func (s *RetentionService) Due(ctx context.Context, actor Actor, p ListParams) (Page[RetentionItem], error) {
	if actor.Role != models.RoleManager && !actor.IsAdmin() {
		return Page[RetentionItem]{}, ErrForbidden
	}
	db := s.db.WithContext(ctx)
	cutoff := s.clock().UTC().AddDate(-s.years, 0, 0)
	q := contactScope(db, actor, false).Unscoped().
		Select("contacts.id, contacts.version, contacts.full_name, contacts.office_id, contacts.restricted, "+
			"contacts.deleted_at IS NOT NULL AS archived, contacts.updated_at AS last_activity").
		Where("contacts.erased_at IS NULL AND contacts.updated_at < ?", cutoff).
		Where("NOT EXISTS (SELECT 1 FROM interaction_participants ip JOIN interactions i ON i.id = ip.interaction_id "+
			"WHERE ip.contact_id = contacts.id AND i.starts_at >= ?)", cutoff).
		Where("NOT EXISTS (SELECT 1 FROM visit_participants vp JOIN visits v ON v.id = vp.visit_id "+
			"WHERE vp.contact_id = contacts.id AND v.end_date >= ?)", cutoff.Format(time.DateOnly)).
		Where("NOT EXISTS (SELECT 1 FROM commitments c WHERE c.counterpart_contact_id = contacts.id AND c.updated_at >= ?)", cutoff).
		Where("NOT EXISTS (SELECT 1 FROM retention_keeps k WHERE k.contact_id = contacts.id AND k.kept_at >= ?)", cutoff)
	if !actor.IsAdmin() {
		q = q.Where("contacts.office_id = ?", actor.OfficeID)
	}
	p.Sort, p.Archived = "id", false
	return query.List(q, RetentionSorts, "id", p, "contacts")
}

// Keep records that the managers keep these contacts, and why.
// Errors: ErrForbidden, *ItemError (ErrNotFound, ErrForbidden), *ValidationError.
func (s *RetentionService) Keep(ctx context.Context, actor Actor, ids []int64, reason string) error {
	var verr ValidationError
	reason = strings.TrimSpace(reason)
	checkRequired("reason", reason, maxEraseReason, &verr)
	if len(ids) == 0 || len(ids) > MaxErase {
		verr.add("ids", "name between 1 and %d contacts", MaxErase)
	}
	if err := verr.orNil(); err != nil {
		return err
	}
	return query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		for i, id := range ids {
			var c models.Contact
			if err := contactScope(tx, actor, false).Unscoped().Where("contacts.id = ? AND contacts.erased_at IS NULL", id).First(&c).Error; err != nil {
				return &ItemError{Field: "ids[" + itoa(i) + "]", Err: notFoundOr(err)}
			}
			if !actor.canManage(c.OfficeID) {
				return &ItemError{Field: "ids[" + itoa(i) + "]", Err: ErrForbidden}
			}
			k := models.RetentionKeep{ContactID: id, KeptAt: models.Now(), KeptBy: actor.UserID, Reason: reason}
			if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&k).Error; err != nil {
				return err
			}
			if err := actor.audit(tx, ActionRetentionKeep, models.EntityContact, id, c.OfficeID, map[string]fieldChange{"reason": {New: reason}}); err != nil {
				return err
			}
		}
		return nil
	})
}
