package services

import (
	"slices"

	"gorm.io/gorm"

	"liaison/models"
)

// Visits organised together. A visit belongs to one office, and may name
// partner offices that organise it with that office (the study visit of
// IOM Iraq that IOM BiH hosts). The rule, stated here and only here:
//
//   - officers and managers of the visit's office and of its partner
//     offices edit the visit (its partner list is its own office's to set);
//   - they, and only they, attach sessions (interactions) and follow-ups
//     (commitments) to it, and attach follow-ups to its sessions;
//   - they edit and archive the sessions and follow-ups attached to it,
//     whichever of them added them.
//
// Admins do everything, as everywhere. The visibility rule is untouched: a
// restricted session of a partner office stays invisible to the visit's
// own office (visibility.go), and so cannot be edited by it either.

// maxPartnerOffices bounds one visit's partner list.
const maxPartnerOffices = 50

// organisers reports whether office organises the visit: it is the visit's
// office or one of its partners. Archived visits count: a session keeps its
// organisers when its visit is archived. In a bulk import the answer
// comes from the import's memo, which reads each batch's visits at once.
func organisers(tx *gorm.DB, visitID, officeID int64) (bool, error) {
	if m := memoOf(tx); m != nil {
		return m.organises(tx, visitID, officeID)
	}
	var n int64
	err := tx.Unscoped().Model(&models.Visit{}).
		Where("visits.id = ? AND (visits.office_id = ? OR EXISTS (SELECT 1 FROM visit_partner_offices p WHERE p.visit_id = visits.id AND p.office_id = ?))",
			visitID, officeID, officeID).
		Count(&n).Error
	return n > 0, err
}

// mayWriteAttached reports whether the actor may edit or archive a record
// of officeID attached to a visit, directly (visitID) or through the
// interaction it was made at (interactionID): its own office's writers
// may, and so may the writers of any office organising that visit.
func mayWriteAttached(tx *gorm.DB, actor Actor, officeID int64, visitID, interactionID *int64) (bool, error) {
	if actor.canWriteIn(officeID) {
		return true, nil
	}
	if !actor.canWriteIn(actor.OfficeID) {
		return false, nil // viewers write nothing
	}
	visits, err := attachedVisits(tx, visitID, interactionID)
	if err != nil {
		return false, err
	}
	for _, v := range visits {
		if ok, err := organisers(tx, v, actor.OfficeID); ok || err != nil {
			return ok, err
		}
	}
	return false, nil
}

// attachedVisits are the visits a record hangs from: its own visit_id and
// its interaction's.
func attachedVisits(tx *gorm.DB, visitID, interactionID *int64) ([]int64, error) {
	ids := appendID(nil, visitID)
	if interactionID == nil {
		return ids, nil
	}
	var via []int64
	err := tx.Unscoped().Model(&models.Interaction{}).Where("id = ? AND visit_id IS NOT NULL", *interactionID).Limit(1).Pluck("visit_id", &via).Error
	for _, v := range via {
		if !slices.Contains(ids, v) {
			ids = append(ids, v)
		}
	}
	return ids, err
}

// checkAttachToVisit refuses attaching a record of recordOffice to a visit
// that the actor's office (or the record's) does not organise. It runs
// when visit_id is set or changes; a missing visit is checkVisit's to say.
func checkAttachToVisit(tx *gorm.DB, actor Actor, recordOffice int64, visitID *int64, verr *ValidationError) {
	if visitID == nil || actor.IsAdmin() {
		return
	}
	for _, office := range uniqueIDs([]int64{actor.OfficeID, recordOffice}) {
		if ok, err := organisers(tx, *visitID, office); err == nil && !ok && visitExists(tx, *visitID) {
			verr.add("visit_id", "is a visit of another office: only the offices that organise it add to it")
			return
		}
	}
}

// checkAttachToInteraction refuses a follow-up at another office's
// interaction, unless the actor's office (and the record's) organises the
// interaction's visit. A missing or hidden interaction is checkInteraction's
// to say.
func checkAttachToInteraction(tx *gorm.DB, actor Actor, recordOffice int64, interactionID *int64, verr *ValidationError) {
	if interactionID == nil || actor.IsAdmin() {
		return
	}
	it := attachableInteraction(tx, actor, *interactionID)
	if it == nil {
		return
	}
	for _, office := range uniqueIDs([]int64{actor.OfficeID, recordOffice}) {
		if it.OfficeID == office {
			continue
		}
		if it.VisitID != nil {
			if ok, err := organisers(tx, *it.VisitID, office); ok || err != nil {
				continue
			}
		}
		verr.add("interaction_id", "is an interaction of another office, outside any visit your office organises")
		return
	}
}

// attachableInteraction is the office and visit of the interaction id as
// the actor sees it, from the import's memo when there is one; nil when it
// is missing or hidden.
func attachableInteraction(tx *gorm.DB, actor Actor, id int64) *models.Interaction {
	if m := memoOf(tx); m != nil && m.actor == actor {
		return m.interaction(tx, id)
	}
	var it models.Interaction
	if interactionScope(tx, actor, false).Select("interactions.id, interactions.office_id, interactions.visit_id").First(&it, id).Error != nil {
		return nil
	}
	return &it
}

func visitExists(tx *gorm.DB, id int64) bool {
	if m := memoOf(tx); m != nil {
		return m.visit(tx, id)
	}
	var n int64
	tx.Model(&models.Visit{}).Where("id = ?", id).Count(&n)
	return n > 0
}

// validatePartnerOffices checks a visit's partner list: existing offices,
// not the visit's own. It returns the list as stored: sorted, each once.
func validatePartnerOffices(tx *gorm.DB, ownOffice int64, ids []int64, verr *ValidationError) []int64 {
	if len(ids) > maxPartnerOffices {
		verr.add("partner_office_ids", "at most %d partner offices", maxPartnerOffices)
		return nil
	}
	found := existingIDs(tx.Model(&models.Office{}), "offices.id", ids)
	for i, id := range ids {
		field := "partner_office_ids[" + itoa(i) + "]"
		switch {
		case id == ownOffice:
			verr.add(field, "is the visit's own office")
		case !found[id]:
			verr.add(field, "no such office")
		}
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// partnerOfficesOf loads the partner offices of many visits in one query,
// keyed by visit id, each list sorted.
func partnerOfficesOf(db *gorm.DB, visitIDs []int64) (map[int64][]int64, error) {
	out := make(map[int64][]int64, len(visitIDs))
	if len(visitIDs) == 0 {
		return out, nil
	}
	var rows []struct{ VisitID, OfficeID int64 }
	err := db.Table("visit_partner_offices").Select("visit_id, office_id").
		Where("visit_id IN ?", visitIDs).Order("visit_id, office_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.VisitID] = append(out[r.VisitID], r.OfficeID)
	}
	return out, err
}

// replacePartnerOffices sets a visit's partner offices to ids (validated).
func replacePartnerOffices(tx *gorm.DB, visitID int64, ids []int64) error {
	if err := tx.Exec("DELETE FROM visit_partner_offices WHERE visit_id = ?", visitID).Error; err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	rows := make([]map[string]any, len(ids))
	for i, id := range ids {
		rows[i] = map[string]any{"visit_id": visitID, "office_id": id}
	}
	return tx.Table("visit_partner_offices").Create(&rows).Error
}
