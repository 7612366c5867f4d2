package services

import (
	"context"
	"slices"

	"gorm.io/gorm"

	"liaison/models"
)

// MergeContacts merges the contacts in.From into contact id, the survivor,
// while its version still matches: positions (exact repeats dropped, one
// primary kept), interaction and visit participations (one row where both
// took part), commitments' counterpart, notes, documents and tags move to
// the survivor; in.Fields picks each field's value; the merged contacts
// are archived with merged_into_id. A survivor that takes in a restricted
// contact becomes restricted; a restricted contact of another office than
// the survivor's is refused, so that nobody new sees it.
// Errors: ErrNotFound (a record absent or hidden), ErrForbidden (not a
// manager of the records' office, nor an admin), ErrStale,
// *ValidationError (from and fields, archived records, the picked values).
func (s *MergeService) MergeContacts(ctx context.Context, actor Actor, id int64, version *int64, in MergeInput) (ContactView, error) {
	err := writeTx(ctx, s.db, &models.Contact{}, id, version, func(tx *gorm.DB) error {
		var before models.Contact
		if err := contactScope(tx, actor, false).First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if !mayMerge(actor, before.OfficeID) {
			return ErrForbidden
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		if err := checkMergeInput(id, in, ContactMergeFields); err != nil {
			return err
		}
		var rows []models.Contact
		if err := contactScope(tx, actor, false).Unscoped().Where("contacts.id IN ?", in.From).Find(&rows).Error; err != nil {
			return err
		}
		byID := map[int64]*models.Contact{}
		found := map[int64]mergedRecord{}
		for i := range rows {
			r := &rows[i]
			byID[r.ID] = r
			found[r.ID] = mergedRecord{officeID: r.OfficeID, archived: r.DeletedAt.Valid, restricted: r.Restricted}
		}
		if err := checkMerged(actor, in.From, found); err != nil {
			return err
		}
		merged := make([]*models.Contact, len(in.From))
		offices := map[int64]int64{}
		c := before
		var verr ValidationError
		for i, m := range in.From {
			merged[i] = byID[m]
			offices[m] = merged[i].OfficeID
			if merged[i].Restricted && merged[i].OfficeID != before.OfficeID {
				verr.add("from["+itoa(i)+"]", "is restricted to another office than this contact's; it cannot be merged into it")
			}
			c.Restricted = c.Restricted || merged[i].Restricted
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		all := append([]int64{id}, in.From...)
		if err := models.LockPeople(tx, slices.Sorted(slices.Values(all)), true); err != nil {
			return err
		}
		pickFields(&c, merged, in.From, in.Fields, ContactMergeFields)
		validateContact(tx, &before, &c, splitList(c.Languages), &verr)
		if err := verr.orNil(); err != nil {
			return prefixFields(err)
		}
		c.FullName = fullName(&c)
		c.SortKey = models.ContactSortKey(&c)
		c.SearchText = contactSearchText(&c)
		c.Version = before.Version + 1
		changes := diff(&before, &c)
		auditLanguages(changes, splitList(before.Languages), splitList(c.Languages))
		// The review counts a commitment under its counterpart's country,
		// restriction and office: every commitment of the records involved
		// is untallied before and tallied after.
		return retally(tx, func() error {
			if err := moveContactReferences(tx, repoint{actor: actor, key: "contact", survivor: id, merged: in.From}); err != nil {
				return err
			}
			return finishMerge(tx, actor, mergedSet{entity: models.EntityContact, table: "contacts", survivor: id, officeID: c.OfficeID, from: in.From, offices: offices},
				changes, func() error { return saveVersioned(tx, &c, before.Version) })
		}, "c.counterpart_contact_id IN ?", all)
	})
	if err != nil {
		return ContactView{}, err
	}
	return s.contacts.Get(ctx, actor, id)
}

// moveContactReferences re-points at the survivor what named the merged
// contacts: positions, participations and commitments' counterpart.
func moveContactReferences(tx *gorm.DB, r repoint) error {
	survivor, merged := r.survivor, r.merged
	if err := tx.Exec(`UPDATE positions SET "primary" = FALSE WHERE contact_id IN ? AND "primary"
AND EXISTS (SELECT 1 FROM positions s WHERE s.contact_id = ? AND s."primary")`, merged, survivor).Error; err != nil {
		return err
	}
	if err := tx.Exec("UPDATE positions SET contact_id = ? WHERE contact_id IN ?", survivor, merged).Error; err != nil {
		return err
	}
	// The same position recorded on two duplicates is one position; of
	// several primary ones (none was the survivor's) the oldest stays.
	err := tx.Exec(`DELETE FROM positions WHERE contact_id = ? AND EXISTS (SELECT 1 FROM positions p
WHERE p.contact_id = positions.contact_id AND p.organization_id = positions.organization_id AND p.title = positions.title
AND COALESCE(p.start_date, '') = COALESCE(positions.start_date, '') AND COALESCE(p.end_date, '') = COALESCE(positions.end_date, '')
AND p.id < positions.id)`, survivor).Error
	if err != nil {
		return err
	}
	if err := tx.Exec(`UPDATE positions SET "primary" = FALSE WHERE contact_id = ? AND "primary"
AND id > (SELECT MIN(p.id) FROM positions p WHERE p.contact_id = ? AND p."primary")`, survivor, survivor).Error; err != nil {
		return err
	}
	if err := moveParticipants(tx, r, "interaction_participants", "interaction_id", models.EntityInteraction, "interactions", "contact_id"); err != nil {
		return err
	}
	if err := moveParticipants(tx, r, "visit_participants", "visit_id", models.EntityVisit, "visits", "contact_id"); err != nil {
		return err
	}
	if err := r.bump(tx, models.EntityCommitment, "commitments", "SELECT id FROM commitments WHERE counterpart_contact_id IN ?", merged); err != nil {
		return err
	}
	return tx.Exec("UPDATE commitments SET counterpart_contact_id = ? WHERE counterpart_contact_id IN ?", survivor, merged).Error
}
