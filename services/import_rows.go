package services

import (
	"strings"

	"gorm.io/gorm"

	"liaison/models"
)

// The four kinds' batch steps: each reads its rows into the create API's
// input, lets onDuplicate deal with the rows that match existing records,
// and gives the others to the kind's batch writer (import.go), which runs
// the create API's validation.

func (im *fileImport) organizations(rows []*importRow) error {
	var in []OrganizationInput
	var kept []int
	xs := make([]OrganizationInput, len(rows))
	probes := make([]DuplicateProbe, len(rows))
	for i, r := range rows {
		x := OrganizationInput{
			Name: cellText(r.get("name")), NameLocal: cellText(r.get("name_local")), Acronym: cellText(r.get("acronym")),
			Type: cellEnum(r.get("type")), Level: enumPtr(r.get("level")), CountryCode: cellCountry(r.get("country_code")),
			City: cellText(r.get("city")), ParentID: im.refs.org("parent", r.get("parent"), &r.verr),
			Website: cellText(r.get("website")), Email: cellText(r.get("email")), Phone: cellText(r.get("phone")),
			Description: cellText(r.get("description")), Influence: cellInt("influence", r.get("influence"), &r.verr),
			Interest: cellInt("interest", r.get("interest"), &r.verr), OwnerID: im.refs.owner(r.get("owner"), &r.verr),
			Tags: cellList(r.get("tags")),
		}
		xs[i] = x
		probes[i] = DuplicateProbe{Name: x.Name, NameLocal: x.NameLocal, Acronym: x.Acronym, Email: x.Email, Phone: x.Phone, CountryCode: textOf(x.CountryCode)}
	}
	matches, err := im.likelyDuplicates(DuplicateOrganizations, probes)
	if err != nil {
		return err
	}
	for i, r := range rows {
		x := xs[i]
		done, err := im.onDuplicate(r, matches[i], func(id int64) error {
			_, err := (&OrganizationService{db: im.tx}).Update(im.ctx, im.actor, id, nil, organizationPatch(r, x))
			return err
		})
		if err != nil {
			return err
		}
		if !done {
			in = append(in, x)
			kept = append(kept, i)
		}
	}
	var ids []int64
	if len(in) > 0 {
		err = organizationBatch(im.tx, memoOf(im.tx), im.actor, in, false, &ids)
	}
	return im.report(rows, kept, ids, err)
}

// organizationPatch sets the fields a row gives (a blank cell keeps the
// record's value).
func organizationPatch(r *importRow, x OrganizationInput) OrganizationPatch {
	var p OrganizationPatch
	set(r, "name", &p.Name, x.Name)
	set(r, "name_local", &p.NameLocal, x.NameLocal)
	set(r, "acronym", &p.Acronym, x.Acronym)
	set(r, "type", &p.Type, x.Type)
	set(r, "level", &p.Level, x.Level)
	set(r, "country_code", &p.CountryCode, x.CountryCode)
	set(r, "city", &p.City, x.City)
	set(r, "parent", &p.ParentID, x.ParentID)
	set(r, "website", &p.Website, x.Website)
	set(r, "email", &p.Email, x.Email)
	set(r, "phone", &p.Phone, x.Phone)
	set(r, "description", &p.Description, x.Description)
	set(r, "influence", &p.Influence, x.Influence)
	set(r, "interest", &p.Interest, x.Interest)
	set(r, "owner", &p.OwnerID, x.OwnerID)
	set(r, "tags", &p.Tags, x.Tags)
	return p
}

// set sets a patch field when the row has a value in that field's cell.
func set[T any](r *importRow, field string, c *Change[T], v T) {
	if r.has(field) {
		*c = To(v)
	}
}

func enumPtr(v string) *string {
	if e := cellEnum(v); e != "" {
		return &e
	}
	return nil
}

func (im *fileImport) contacts(rows []*importRow) error {
	var in []ContactInput
	var kept []int
	xs := make([]ContactInput, len(rows))
	probes := make([]DuplicateProbe, len(rows))
	for i, r := range rows {
		x := ContactInput{
			Honorific: cellText(r.get("honorific")), GivenName: cellText(r.get("given_name")),
			FamilyName: cellText(r.get("family_name")), NameLocal: cellText(r.get("name_local")),
			Gender: enumPtr(r.get("gender")), Email: cellText(r.get("email")), Phone: cellText(r.get("phone")),
			Languages: lowerAll(cellList(r.get("languages"))), CountryCode: cellCountry(r.get("country_code")),
			City: cellText(r.get("city")), Notes: cellText(r.get("notes")),
			Restricted: cellBool("restricted", r.get("restricted"), &r.verr), ConsentBasis: enumPtr(r.get("consent_basis")),
			ConsentDate: cellDate("consent_date", r.get("consent_date"), &r.verr), ConsentSource: cellText(r.get("consent_source")),
			OwnerID: im.refs.owner(r.get("owner"), &r.verr), Tags: cellList(r.get("tags")),
		}
		if org := im.refs.org("organization", r.get("organization"), &r.verr); org != nil {
			x.Positions = []PositionInput{{OrganizationID: *org, Title: cellText(r.get("title")), Primary: true}}
		} else if r.has("title") && !r.has("organization") {
			r.verr.add("organization", "a title needs the organization of the position")
		}
		xs[i] = x
		probes[i] = DuplicateProbe{GivenName: x.GivenName, FamilyName: x.FamilyName, NameLocal: x.NameLocal,
			Email: x.Email, Phone: x.Phone, CountryCode: textOf(x.CountryCode)}
	}
	matches, err := im.likelyDuplicates(DuplicateContacts, probes)
	if err != nil {
		return err
	}
	for i, r := range rows {
		x := xs[i]
		done, err := im.onDuplicate(r, matches[i], func(id int64) error {
			p, err := contactPatch(im.tx, r, x, id)
			if err != nil {
				return err
			}
			_, err = (&ContactService{db: im.tx}).Update(im.ctx, im.actor, id, nil, p)
			return err
		})
		if err != nil {
			return err
		}
		if !done {
			in = append(in, x)
			kept = append(kept, i)
		}
	}
	var ids []int64
	if len(in) > 0 {
		err = contactBatch(im.tx, memoOf(im.tx), im.actor, in, false, &ids)
	}
	return im.report(rows, kept, ids, err)
}

func lowerAll(s []string) []string {
	for i := range s {
		s[i] = strings.ToLower(s[i])
	}
	return s
}

// contactPatch sets what a row gives; its position is added to the
// contact's positions unless the contact already holds one there.
func contactPatch(tx *gorm.DB, r *importRow, x ContactInput, id int64) (ContactPatch, error) {
	var p ContactPatch
	set(r, "honorific", &p.Honorific, x.Honorific)
	set(r, "given_name", &p.GivenName, x.GivenName)
	set(r, "family_name", &p.FamilyName, x.FamilyName)
	set(r, "name_local", &p.NameLocal, x.NameLocal)
	set(r, "gender", &p.Gender, x.Gender)
	set(r, "email", &p.Email, x.Email)
	set(r, "phone", &p.Phone, x.Phone)
	set(r, "languages", &p.Languages, x.Languages)
	set(r, "country_code", &p.CountryCode, x.CountryCode)
	set(r, "city", &p.City, x.City)
	set(r, "notes", &p.Notes, x.Notes)
	set(r, "restricted", &p.Restricted, x.Restricted)
	set(r, "consent_basis", &p.ConsentBasis, x.ConsentBasis)
	set(r, "consent_date", &p.ConsentDate, x.ConsentDate)
	set(r, "consent_source", &p.ConsentSource, x.ConsentSource)
	set(r, "owner", &p.OwnerID, x.OwnerID)
	set(r, "tags", &p.Tags, x.Tags)
	if len(x.Positions) == 1 {
		held, err := storedPositions(tx, id)
		if err != nil {
			return p, err
		}
		for _, h := range held {
			if h.OrganizationID == x.Positions[0].OrganizationID {
				return p, nil
			}
		}
		add := x.Positions[0]
		for _, h := range held {
			if h.Primary {
				add.Primary = false
			}
		}
		p.Positions = To(append(held, add))
	}
	return p, nil
}

func (im *fileImport) interactions(rows []*importRow) error {
	var in []InteractionInput
	var kept []int
	for i, r := range rows {
		x := InteractionInput{
			Kind: cellEnum(r.get("kind")), Status: cellEnum(r.get("status")), Subject: cellText(r.get("subject")),
			Summary: cellText(r.get("summary")), EndsAt: cellTime("ends_at", r.get("ends_at"), &r.verr),
			Location: cellText(r.get("location")), City: cellText(r.get("city")), CountryCode: cellCountry(r.get("country_code")),
			Restricted: cellBool("restricted", r.get("restricted"), &r.verr), OwnerID: im.refs.owner(r.get("owner"), &r.verr),
			Participants: im.refs.participants(r.get("participants"), &r.verr), Tags: cellList(r.get("tags")),
		}
		if t := cellTime("starts_at", r.get("starts_at"), &r.verr); t != nil {
			x.StartsAt = *t
		}
		var matches []importMatch
		if !x.StartsAt.IsZero() {
			matches = im.refs.itemDuplicates(interactionKey(x.StartsAt, x.Subject), "same_subject_and_time")
		}
		done, err := im.onDuplicate(r, matches, func(id int64) error {
			_, err := (&InteractionService{db: im.tx}).Update(im.ctx, im.actor, id, nil, interactionPatch(r, x))
			return err
		})
		if err != nil {
			return err
		}
		if !done {
			in = append(in, x)
			kept = append(kept, i)
		}
	}
	var ids []int64
	var err error
	if len(in) > 0 {
		err = interactionBatch(im.tx, memoOf(im.tx), im.actor, in, false, &ids)
	}
	return im.report(rows, kept, ids, err)
}

func interactionPatch(r *importRow, x InteractionInput) InteractionPatch {
	var p InteractionPatch
	set(r, "kind", &p.Kind, x.Kind)
	set(r, "status", &p.Status, x.Status)
	set(r, "subject", &p.Subject, x.Subject)
	set(r, "summary", &p.Summary, x.Summary)
	set(r, "starts_at", &p.StartsAt, x.StartsAt)
	set(r, "ends_at", &p.EndsAt, x.EndsAt)
	set(r, "location", &p.Location, x.Location)
	set(r, "city", &p.City, x.City)
	set(r, "country_code", &p.CountryCode, x.CountryCode)
	set(r, "restricted", &p.Restricted, x.Restricted)
	set(r, "owner", &p.OwnerID, x.OwnerID)
	set(r, "participants", &p.Participants, x.Participants)
	set(r, "tags", &p.Tags, x.Tags)
	return p
}

func (im *fileImport) commitments(rows []*importRow) error {
	var in []CommitmentInput
	var kept []int
	for i, r := range rows {
		x := CommitmentInput{
			Title: cellText(r.get("title")), Details: cellText(r.get("details")), Direction: cellEnum(r.get("direction")),
			OwnerID:                   im.refs.owner(r.get("owner"), &r.verr),
			CounterpartOrganizationID: im.refs.org("counterpart_organization", r.get("counterpart_organization"), &r.verr),
			CounterpartContactID:      im.refs.contact("counterpart_contact", r.get("counterpart_contact"), &r.verr),
			DueDate:                   cellDate("due_date", r.get("due_date"), &r.verr),
			Status:                    cellEnum(r.get("status")), Priority: cellEnum(r.get("priority")),
			Restricted:  cellBool("restricted", r.get("restricted"), &r.verr),
			ClosureNote: cellText(r.get("closure_note")), Tags: cellList(r.get("tags")),
		}
		var matches []importMatch
		if x.DueDate != nil {
			matches = im.refs.itemDuplicates(commitmentKey(*x.DueDate, x.Title), "same_title_and_due_date")
		}
		done, err := im.onDuplicate(r, matches, func(id int64) error {
			_, err := (&CommitmentService{db: im.tx, clock: models.Now}).Update(im.ctx, im.actor, id, nil, commitmentPatch(r, x))
			return err
		})
		if err != nil {
			return err
		}
		if !done {
			in = append(in, x)
			kept = append(kept, i)
		}
	}
	var ids []int64
	var err error
	if len(in) > 0 {
		err = commitmentBatch(im.tx, memoOf(im.tx), im.actor, in, false, &ids)
	}
	return im.report(rows, kept, ids, err)
}

func commitmentPatch(r *importRow, x CommitmentInput) CommitmentPatch {
	var p CommitmentPatch
	set(r, "title", &p.Title, x.Title)
	set(r, "details", &p.Details, x.Details)
	set(r, "direction", &p.Direction, x.Direction)
	set(r, "owner", &p.OwnerID, x.OwnerID)
	set(r, "counterpart_organization", &p.CounterpartOrganizationID, x.CounterpartOrganizationID)
	set(r, "counterpart_contact", &p.CounterpartContactID, x.CounterpartContactID)
	set(r, "due_date", &p.DueDate, x.DueDate)
	set(r, "status", &p.Status, x.Status)
	set(r, "priority", &p.Priority, x.Priority)
	set(r, "restricted", &p.Restricted, x.Restricted)
	set(r, "closure_note", &p.ClosureNote, x.ClosureNote)
	set(r, "tags", &p.Tags, x.Tags)
	return p
}
