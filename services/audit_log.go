package services

import (
	"context"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// AuditService reads the change history. Admins see every event; other
// users see the history of the records they can see, and their own sign-ins
// and tokens. The visibility rule is auditScope, applied to every query.
type AuditService struct{ db *gorm.DB }

// AuditFilter selects audit events; list fields hold alternatives.
type AuditFilter struct {
	ListParams
	Entity   []string
	EntityID []int64
	ActorID  []int64
	Action   []string
	After    *time.Time
	Before   *time.Time
}

// AuditSorts: the history reads newest first by default.
var AuditSorts = sortKeys[models.AuditEvent]{
	"at": {column: "audit_events.id", value: func(e *models.AuditEvent) any { return e.ID }},
}

// auditScope limits events to those about records the actor may see.
func auditScope(db *gorm.DB, actor Actor) *gorm.DB {
	q := db.Model(&models.AuditEvent{})
	if actor.IsAdmin() {
		return q
	}
	visibleContacts := db.Unscoped().Model(&models.Contact{}).Select("id").
		Where("restricted = ? OR office_id = ?", false, actor.OfficeID)
	return q.Where(
		db.Where("audit_events.entity = ?", models.EntityOrganization).
			Or("audit_events.entity = ? AND audit_events.entity_id IN (?)", models.EntityContact, visibleContacts).
			Or("audit_events.entity IN ? AND audit_events.actor_id = ?", []string{models.EntitySession, models.EntityAPIToken}, actor.UserID),
	)
}

// List returns one page of the history, newest first.
// Errors: *ValidationError, ErrInvalidCursor.
func (s *AuditService) List(ctx context.Context, actor Actor, f AuditFilter) (Page[models.AuditEvent], error) {
	q := auditScope(s.db.WithContext(ctx), actor)
	q = whereIn(q, "audit_events.entity", f.Entity)
	q = whereIn(q, "audit_events.entity_id", f.EntityID)
	q = whereIn(q, "audit_events.actor_id", f.ActorID)
	q = whereIn(q, "audit_events.action", f.Action)
	if f.After != nil {
		q = q.Where("audit_events.at >= ?", f.After.UTC())
	}
	if f.Before != nil {
		q = q.Where("audit_events.at < ?", f.Before.UTC())
	}
	p, err := page(q, AuditSorts, "-at", f.ListParams, "audit_events")
	if err != nil {
		return p, err
	}
	if !actor.IsAdmin() {
		for i := range p.Items {
			p.Items[i].ClientAddr = "" // where people sign in from is for admins only
		}
	}
	return p, nil
}
