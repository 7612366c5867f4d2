package services

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// importRefs resolves, for one batch, the names a spreadsheet gives related
// records and finds the records its rows may duplicate, each in a few bulk
// queries. Names are looked up in the importing office only; contacts and
// interactions through the visibility rule.
type importRefs struct {
	orgs     map[string][]int64 // folded name or lower-case acronym → organizations of the office
	contacts map[string][]int64 // lower-case email or folded full name → contacts of the office
	users    map[string]int64   // lower-case email → user
	dupItems map[string][]int64 // interaction or commitment key → visible records of the office
}

// importMatch is one possible duplicate of a row.
type importMatch struct {
	id      int64
	reason  string
	reasons []string
}

func orgKey(name string) string { return models.OrganizationSortKey(&models.Organization{Name: name}) }

func personKey(name string) string { return models.Fold(strings.Join(strings.Fields(name), " ")) }

// refID reads "#12", "@12" or "12" as an id.
func refID(v string) (int64, bool) {
	v = strings.TrimLeft(strings.TrimSpace(v), "#@")
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil && id > 0
}

// participantCell is one entry of a participants cell: its name and role.
type participantCell struct{ name, role string }

// participantCells splits a participants cell (participantsDoc).
func participantCells(v string) []participantCell {
	var out []participantCell
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		role := ""
		if strings.HasSuffix(p, "]") {
			if i := strings.LastIndex(p, "["); i > 0 {
				role = cellEnum(p[i+1 : len(p)-1])
				p = strings.TrimSpace(p[:i])
			}
		}
		out = append(out, participantCell{name: p, role: role})
	}
	return out
}

// load reads what the batch's rows name: organizations, contacts and users,
// and the existing records they may duplicate.
func (r *importRefs) load(tx *gorm.DB, actor Actor, kind string, rows []*importRow) error {
	*r = importRefs{orgs: map[string][]int64{}, contacts: map[string][]int64{}, users: map[string]int64{},
		dupItems: map[string][]int64{}}
	var orgNames, contactNames, emails []string
	addOrg := func(v string) {
		if _, isID := refID(v); !isID && strings.TrimSpace(v) != "" {
			orgNames = append(orgNames, strings.TrimSpace(v))
		}
	}
	addContact := func(v string) {
		if _, isID := refID(v); !isID && strings.TrimSpace(v) != "" {
			contactNames = append(contactNames, strings.TrimSpace(v))
		}
	}
	for _, row := range rows {
		addOrg(row.get("organization"))
		addOrg(row.get("parent"))
		addOrg(row.get("counterpart_organization"))
		addContact(row.get("counterpart_contact"))
		for _, p := range participantCells(row.get("participants")) {
			addOrg(p.name)
			addContact(p.name)
		}
		if o := strings.TrimSpace(row.get("owner")); o != "" {
			emails = append(emails, strings.ToLower(o))
		}
	}
	if err := r.loadOrgs(tx, actor, orgNames); err != nil {
		return err
	}
	if err := r.loadContacts(tx, actor, contactNames); err != nil {
		return err
	}
	if len(emails) > 0 {
		var users []models.User
		if err := tx.Select("id", "email").Where("lower(email) IN ?", emails).Find(&users).Error; err != nil {
			return err
		}
		for _, u := range users {
			r.users[strings.ToLower(u.Email)] = u.ID
		}
	}
	// Organizations and contacts are matched by the duplicate finder
	// (fileImport.likelyDuplicates).
	switch kind {
	case ImportInteractions:
		return r.loadInteractionDuplicates(tx, actor, rows)
	case ImportCommitments:
		return r.loadCommitmentDuplicates(tx, actor, rows)
	}
	return nil
}

func (r *importRefs) loadOrgs(tx *gorm.DB, actor Actor, names []string) error {
	if len(names) == 0 {
		return nil
	}
	keys, lower := make([]string, len(names)), make([]string, len(names))
	for i, n := range names {
		keys[i], lower[i] = orgKey(n), strings.ToLower(n)
	}
	var found []models.Organization
	err := tx.Select("id", "name", "acronym", "sort_key").Where("office_id = ?", actor.OfficeID).
		Where("sort_key IN ? OR (lower(acronym) IN ? AND acronym <> '')", keys, lower).Find(&found).Error
	for _, o := range found {
		r.orgs[o.SortKey] = appendUnique(r.orgs[o.SortKey], o.ID)
		if o.Acronym != "" {
			k := strings.ToLower(o.Acronym)
			r.orgs[k] = appendUnique(r.orgs[k], o.ID)
		}
	}
	return err
}

func (r *importRefs) loadContacts(tx *gorm.DB, actor Actor, names []string) error {
	if len(names) == 0 {
		return nil
	}
	lower := make([]string, len(names))
	for i, n := range names {
		lower[i] = strings.ToLower(n)
	}
	var found []models.Contact
	err := contactScope(tx, actor, false).Select("contacts.id", "contacts.email", "contacts.full_name").
		Where("contacts.office_id = ?", actor.OfficeID).
		Where("(lower(contacts.email) IN ? AND contacts.email <> '') OR contacts.full_name IN ?", lower, names).Find(&found).Error
	for _, c := range found {
		if c.Email != "" {
			k := strings.ToLower(c.Email)
			r.contacts[k] = appendUnique(r.contacts[k], c.ID)
		}
		k := personKey(c.FullName)
		r.contacts[k] = appendUnique(r.contacts[k], c.ID)
	}
	return err
}

func appendUnique(ids []int64, id int64) []int64 {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}

// org resolves an organization cell into an id, or adds a field error.
func (r *importRefs) org(field, v string, verr *ValidationError) *int64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if id, ok := refID(v); ok {
		return &id
	}
	ids := r.orgs[orgKey(v)]
	if len(ids) == 0 {
		ids = r.orgs[strings.ToLower(v)]
	}
	return oneOf(field, v, "organization", ids, verr)
}

// contact resolves a contact cell (id, email or full name) into an id.
func (r *importRefs) contact(field, v string, verr *ValidationError) *int64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if id, ok := refID(v); ok {
		return &id
	}
	ids := r.contacts[strings.ToLower(v)]
	if len(ids) == 0 {
		ids = r.contacts[personKey(v)]
	}
	return oneOf(field, v, "contact", ids, verr)
}

func oneOf(field, v, what string, ids []int64, verr *ValidationError) *int64 {
	switch len(ids) {
	case 0:
		verr.add(field, "no %s called %q in your office", what, v)
		return nil
	case 1:
		return &ids[0]
	}
	verr.add(field, "%q names %d records of your office: write the %s's id instead", v, len(ids), what)
	return nil
}

// owner resolves an owner cell (email or user id).
func (r *importRefs) owner(v string, verr *ValidationError) *int64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if id, ok := refID(v); ok {
		return &id
	}
	if id, ok := r.users[strings.ToLower(v)]; ok {
		return &id
	}
	verr.add("owner", "no user with the email %q", v)
	return nil
}

// participants resolves an interaction's participants cell.
func (r *importRefs) participants(v string, verr *ValidationError) []ParticipantInput {
	var out []ParticipantInput
	for _, p := range participantCells(v) {
		role := p.role
		if role == "" {
			role = "participant"
		}
		in := ParticipantInput{Role: role}
		switch {
		case strings.HasPrefix(p.name, "#"):
			in.OrganizationID = r.org("participants", p.name, verr)
		case strings.HasPrefix(p.name, "@") || strings.Contains(p.name, "@"):
			in.ContactID = r.contact("participants", p.name, verr)
		default:
			orgs := r.orgs[orgKey(p.name)]
			if len(orgs) == 0 {
				orgs = r.orgs[strings.ToLower(p.name)]
			}
			if len(orgs) > 0 {
				in.OrganizationID = oneOf("participants", p.name, "organization", orgs, verr)
			} else if ids := r.contacts[personKey(p.name)]; len(ids) > 0 {
				in.ContactID = oneOf("participants", p.name, "contact", ids, verr)
			} else {
				verr.add("participants", "no organization or contact called %q in your office", p.name)
			}
		}
		if in.OrganizationID != nil || in.ContactID != nil {
			out = append(out, in)
		}
	}
	return out
}

// interactionKey is what makes two interactions of an office the same: the
// time they start and the subject, folded.
func interactionKey(startsAt time.Time, subject string) string {
	return startsAt.UTC().Format(time.RFC3339) + "|" + personKey(subject)
}

// loadInteractionDuplicates finds the office's visible interactions that
// start when a row's does.
func (r *importRefs) loadInteractionDuplicates(tx *gorm.DB, actor Actor, rows []*importRow) error {
	var times []time.Time
	for _, row := range rows {
		var discard ValidationError
		if t := cellTime("starts_at", row.get("starts_at"), &discard); t != nil {
			times = append(times, *t)
		}
	}
	if len(times) == 0 {
		return nil
	}
	var found []models.Interaction
	err := interactionScope(tx, actor, false).Select("interactions.id", "interactions.starts_at", "interactions.subject").
		Where("interactions.office_id = ? AND interactions.starts_at IN ?", actor.OfficeID, times).
		Order("interactions.id").Find(&found).Error
	for _, it := range found {
		k := interactionKey(it.StartsAt, it.Subject)
		r.dupItems[k] = append(r.dupItems[k], it.ID)
	}
	return err
}

// loadCommitmentDuplicates finds the office's visible commitments due on a
// row's due date.
func (r *importRefs) loadCommitmentDuplicates(tx *gorm.DB, actor Actor, rows []*importRow) error {
	var dates []string
	for _, row := range rows {
		var discard ValidationError
		if d := cellDate("due_date", row.get("due_date"), &discard); d != nil {
			dates = append(dates, *d)
		}
	}
	if len(dates) == 0 {
		return nil
	}
	var found []models.Commitment
	err := commitmentScope(tx, actor, false).Select("commitments.id", "commitments.due_date", "commitments.title").
		Where("commitments.office_id = ? AND commitments.due_date IN ?", actor.OfficeID, dates).
		Order("commitments.id").Find(&found).Error
	for _, c := range found {
		if c.DueDate != nil {
			k := commitmentKey(*c.DueDate, c.Title)
			r.dupItems[k] = append(r.dupItems[k], c.ID)
		}
	}
	return err
}

func commitmentKey(due, title string) string { return due + "|" + personKey(title) }

// itemDuplicates are the interactions or commitments with a row's key.
func (r *importRefs) itemDuplicates(key, reason string) []importMatch {
	var out []importMatch
	for _, id := range r.dupItems[key] {
		out = append(out, importMatch{id: id, reason: reason})
	}
	return out
}
