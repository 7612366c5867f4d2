package services

import (
	"context"

	"gorm.io/gorm"

	"liaison/models"
)

// A subject access export: everything Liaison holds about one person, for
// the managers of their office to hand over when the person asks (API.md,
// "Personal data"). Each export is audited.

// ActionSubjectExport is the audit action of a subject access export.
const ActionSubjectExport = "subject_export"

// SubjectExport is everything held about one contact.
type SubjectExport struct {
	Contact        ContactView
	Participations []SubjectParticipation
	Commitments    []CommitmentView // where the person is the counterpart
	Notes          []models.Note
	Documents      []models.Document // their names and sizes; the files are downloaded one by one
	History        []models.AuditEvent
}

// SubjectParticipation is one interaction or visit the person took part in.
type SubjectParticipation struct {
	Entity  string // interaction or visit
	ID      int64
	Title   string
	When    string
	Role    string
	Side    string
	Deleted bool
}

// SubjectExport reads everything held about a contact (managers of its
// office and admins). Errors: ErrNotFound, ErrForbidden.
func (s *ContactService) SubjectExport(ctx context.Context, actor Actor, id int64) (SubjectExport, error) {
	db := s.db.WithContext(ctx)
	var c models.Contact
	if err := contactScope(db, actor, false).Unscoped().Where("contacts.id = ?", id).First(&c).Error; err != nil {
		return SubjectExport{}, notFoundOr(err)
	}
	if !actor.canManage(c.OfficeID) {
		return SubjectExport{}, ErrForbidden
	}
	views, err := s.views(db, []models.Contact{c})
	if err != nil {
		return SubjectExport{}, err
	}
	out := SubjectExport{Contact: views[0]}
	var inter []struct {
		ID        int64
		Subject   string
		StartsAt  string
		Role      string
		DeletedAt *string
	}
	err = interactionScope(db, actor, false).Unscoped().
		Select("interactions.id, interactions.subject, "+models.AtText(db, "interactions.starts_at")+" AS starts_at, p.role, interactions.deleted_at").
		Joins("JOIN interaction_participants p ON p.interaction_id = interactions.id AND p.contact_id = ?", id).
		Order("interactions.starts_at, interactions.id").Scan(&inter).Error
	if err != nil {
		return SubjectExport{}, err
	}
	for _, r := range inter {
		out.Participations = append(out.Participations, SubjectParticipation{Entity: models.EntityInteraction, ID: r.ID, Title: r.Subject,
			When: r.StartsAt, Role: r.Role, Deleted: r.DeletedAt != nil})
	}
	var visits []struct {
		ID        int64
		Title     string
		StartDate string
		Role      string
		Side      string
		DeletedAt *string
	}
	err = db.Table("visits").Select("visits.id, visits.title, visits.start_date, p.role, p.side, visits.deleted_at").
		Joins("JOIN visit_participants p ON p.visit_id = visits.id AND p.contact_id = ?", id).
		Order("visits.start_date, visits.id").Scan(&visits).Error
	if err != nil {
		return SubjectExport{}, err
	}
	for _, r := range visits {
		out.Participations = append(out.Participations, SubjectParticipation{Entity: models.EntityVisit, ID: r.ID, Title: r.Title,
			When: r.StartDate, Role: r.Role, Side: r.Side, Deleted: r.DeletedAt != nil})
	}
	var commitments []models.Commitment
	if err := commitmentScope(db, actor, false).Unscoped().Where("commitments.counterpart_contact_id = ?", id).
		Order("commitments.id").Find(&commitments).Error; err != nil {
		return SubjectExport{}, err
	}
	if out.Commitments, err = s.commitmentViews(db, actor, commitments); err != nil {
		return SubjectExport{}, err
	}
	if err := db.Where("entity_type = ? AND entity_id = ?", models.EntityContact, id).Order("created_at, id").Find(&out.Notes).Error; err != nil {
		return SubjectExport{}, err
	}
	if err := db.Where("entity_type = ? AND entity_id = ?", models.EntityContact, id).Order("created_at, id").Find(&out.Documents).Error; err != nil {
		return SubjectExport{}, err
	}
	if err := db.Where("entity = ? AND entity_id = ?", models.EntityContact, id).Order("at, id").Find(&out.History).Error; err != nil {
		return SubjectExport{}, err
	}
	err = db.Transaction(func(tx *gorm.DB) error {
		return actor.audit(tx, ActionSubjectExport, models.EntityContact, id, c.OfficeID, map[string]fieldChange{
			"participations": {New: len(out.Participations)}, "commitments": {New: len(out.Commitments)},
			"notes": {New: len(out.Notes)}, "documents": {New: len(out.Documents)}, "history": {New: len(out.History)},
		})
	})
	return out, err
}

// commitmentViews derives the commitments' views as their list does.
func (s *ContactService) commitmentViews(db *gorm.DB, actor Actor, rows []models.Commitment) ([]CommitmentView, error) {
	cs := &CommitmentService{db: db, clock: models.Now}
	return cs.views(db, actor, rows, cs.today())
}
