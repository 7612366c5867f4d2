package services

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// AuditService reads the change history. Admins see every event; other
// users see the history of the records they can see, their own sign-ins
// and tokens, and their own exports. The visibility rule is auditScope,
// applied to every query.
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

// AuditEntities are the kinds of record the history speaks of: the values
// of its entity filter. A kind of record that writes audit events is listed
// here.
var AuditEntities = []string{
	models.EntityOrganization, models.EntityContact, models.EntityVisit, models.EntityInteraction,
	models.EntityCommitment, models.EntityUser, models.EntityOffice, models.EntityTag, models.EntityProject,
	models.EntitySession, models.EntityAPIToken, models.EntityRelationship, EntityReport,
}

// AuditSorts: the history reads newest first by default.
var AuditSorts = query.SortKeys[models.AuditEvent]{
	"at": {Column: "audit_events.id", Value: func(e *models.AuditEvent) any { return e.ID }},
}

// auditScope limits events to those about records the actor may see.
func auditScope(db *gorm.DB, actor Actor) *gorm.DB {
	q := db.Model(&models.AuditEvent{})
	if actor.IsAdmin() {
		return q
	}
	return q.Where(
		db.Where("audit_events.entity IN ?", []string{models.EntityOrganization, models.EntityVisit, models.EntityProject, models.EntityRelationship}).
			Or("audit_events.entity = ? AND audit_events.entity_id IN (?)", models.EntityContact, visibleIDs(db, actor, contactsTable)).
			Or("audit_events.entity = ? AND audit_events.entity_id IN (?)", models.EntityInteraction, visibleIDs(db, actor, interactionsTable)).
			Or("audit_events.entity = ? AND audit_events.entity_id IN (?)", models.EntityCommitment, visibleIDs(db, actor, commitmentsTable)).
			Or("audit_events.entity IN ? AND audit_events.actor_id = ?", []string{models.EntitySession, models.EntityAPIToken}, actor.UserID).
			Or("audit_events.action = ? AND audit_events.actor_id = ?", ActionExport, actor.UserID),
	).
		// An export's event records its filters, and a search may name
		// anyone: only its author (and admins) read it.
		Where("(audit_events.action <> ? OR audit_events.actor_id = ?)", ActionExport, actor.UserID)
}

// List returns one page of the history, newest first.
// Errors: *ValidationError, ErrInvalidCursor.
func (s *AuditService) List(ctx context.Context, actor Actor, f AuditFilter) (Page[models.AuditEvent], error) {
	q := auditScope(s.db.WithContext(ctx), actor)
	q = query.WhereIn(q, "audit_events.entity", f.Entity)
	ids, err := mergedHistoryIDs(s.db.WithContext(ctx), f.Entity, f.EntityID)
	if err != nil {
		return Page[models.AuditEvent]{}, err
	}
	q = query.WhereIn(q, "audit_events.entity_id", ids)
	q = query.WhereIn(q, "audit_events.actor_id", f.ActorID)
	q = query.WhereIn(q, "audit_events.action", f.Action)
	if f.After != nil {
		q = q.Where("audit_events.at >= ?", f.After.UTC())
	}
	if f.Before != nil {
		q = q.Where("audit_events.at < ?", f.Before.UTC())
	}
	p, err := query.List(q, AuditSorts, "-at", f.ListParams, "audit_events")
	if err != nil {
		return p, err
	}
	if !actor.IsAdmin() {
		for i := range p.Items {
			p.Items[i].ClientAddr = "" // where people sign in from is for admins only
		}
		if err := redactHiddenContacts(s.db.WithContext(ctx), actor, p.Items); err != nil {
			return p, err
		}
	}
	return p, nil
}

// redactHiddenContacts blanks the contacts the actor may not see out of the
// recorded changes of visible records: a visit's participants, a
// commitment's counterpart. The history of a visit is everyone's to read;
// who among the protected took part in it is not. One query for the page.
func redactHiddenContacts(db *gorm.DB, actor Actor, events []models.AuditEvent) error {
	parsed := map[int]map[string]map[string]any{}
	var ids []int64
	for i, e := range events {
		if !strings.Contains(e.Changes, "contact_id") {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(e.Changes))
		dec.UseNumber()
		var changes map[string]map[string]any
		if dec.Decode(&changes) != nil {
			continue
		}
		parsed[i] = changes
		forContactRefs(changes, func(id int64) bool { ids = append(ids, id); return false })
	}
	if len(ids) == 0 {
		return nil
	}
	hidden := hiddenAmong(db, actor, contactsTable, ids)
	if len(hidden) == 0 {
		return nil
	}
	for i, changes := range parsed {
		if !forContactRefs(changes, func(id int64) bool { return hidden[id] }) {
			continue
		}
		raw, err := json.Marshal(changes)
		if err != nil {
			return err
		}
		events[i].Changes = string(raw)
	}
	return nil
}

// forContactRefs calls blank for every contact id in recorded changes and
// removes the ids for which it answers true (a participant keeps its role
// and is marked restricted, as participant lists show it). It reports
// whether anything was removed.
func forContactRefs(changes map[string]map[string]any, blank func(int64) bool) bool {
	removed := false
	for _, side := range []string{"old", "new"} {
		if ref, ok := changes["counterpart_contact_id"]; ok {
			if id, ok := numberID(ref[side]); ok && blank(id) {
				ref[side], removed = nil, true
			}
		}
		participants, _ := changes["participants"][side].([]any)
		for _, p := range participants {
			m, ok := p.(map[string]any)
			if !ok {
				continue
			}
			if id, ok := numberID(m["contact_id"]); ok && blank(id) {
				m["contact_id"], m["restricted"], removed = nil, true, true
			}
		}
	}
	return removed
}

func numberID(v any) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	id, err := n.Int64()
	return id, err == nil
}
