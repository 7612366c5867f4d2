package services

import (
	"context"
	"slices"

	"gorm.io/gorm"

	"liaison/models"
)

// refMemo remembers, for the duration of one bulk import, what the
// reference checks have already looked up: whether a country, an owner, an
// organization, a contact, a visit, a project or an interaction exists (and
// is visible to the importing actor). The checks are the same functions the
// single-record methods use; they consult the memo when the transaction's
// context carries one, so an import of thousands of rows asks the database
// once per batch instead of once per field. A miss falls back to the same
// single-row query the check would have made, so the answers never differ.
type refMemo struct {
	actor        Actor
	countries    map[string]bool
	owners       map[int64]int64 // active user id -> office id
	tags         map[string]int64
	orgs         map[int64]orgParent
	contacts     map[int64]bool // visible to the actor and live
	visits       map[int64]bool
	projects     map[int64]bool
	interactions map[int64]*models.Interaction // id, office, visit, project, restricted; nil: absent or hidden
	// organisedBy is, per visit looked up (archived ones too), the offices
	// that organise it: its own office, then its partners; none: no such
	// visit. See organisers.
	organisedBy map[int64][]int64
	// blocked is, per contact looked up, why it may not join a record
	// (consentBlocks); the zero value: it may.
	blocked map[int64]consentBlock
}

// consentBlock is what consentBlocks says of one contact.
type consentBlock struct{ withdrawn, erased bool }

// orgParent is what the checks need of a live organization.
type orgParent struct {
	exists   bool
	parentID *int64
}

type refMemoKey struct{}

func newRefMemo(actor Actor) *refMemo {
	return &refMemo{actor: actor, orgs: map[int64]orgParent{}, contacts: map[int64]bool{}, visits: map[int64]bool{},
		projects: map[int64]bool{}, interactions: map[int64]*models.Interaction{}, blocked: map[int64]consentBlock{},
		organisedBy: map[int64][]int64{}}
}

// withRefMemo returns ctx carrying m.
func withRefMemo(ctx context.Context, m *refMemo) context.Context {
	return context.WithValue(ctx, refMemoKey{}, m)
}

// memoOf returns the memo of an import running in tx, or nil.
func memoOf(tx *gorm.DB) *refMemo {
	if tx == nil || tx.Statement == nil || tx.Statement.Context == nil {
		return nil
	}
	m, _ := tx.Statement.Context.Value(refMemoKey{}).(*refMemo)
	return m
}

// chunkIDs splits ids into slices small enough for one IN list on either
// database.
func chunkIDs(ids []int64, f func([]int64) error) error {
	const size = 5000
	for len(ids) > 0 {
		n := min(size, len(ids))
		if err := f(ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// unknown returns the ids of want that m does not know yet, deduplicated.
func unknown[V any](m map[int64]V, want []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range want {
		if _, ok := m[id]; !ok && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// loadStatic reads the small reference tables whole: countries, the
// active users and the tags.
func (m *refMemo) loadStatic(tx *gorm.DB) error {
	m.countries, m.owners, m.tags = map[string]bool{}, map[int64]int64{}, map[string]int64{}
	var codes []string
	if err := tx.Model(&models.Country{}).Pluck("code", &codes).Error; err != nil {
		return err
	}
	for _, c := range codes {
		m.countries[c] = true
	}
	var users []models.User
	if err := tx.Select("id", "office_id").Where("active = ?", true).Find(&users).Error; err != nil {
		return err
	}
	for _, u := range users {
		m.owners[u.ID] = u.OfficeID
	}
	var tags []models.Tag
	if err := tx.Select("id", "slug").Find(&tags).Error; err != nil {
		return err
	}
	for _, t := range tags {
		m.tags[t.Slug] = t.ID
	}
	return nil
}

// warm looks up, in bulk, the references a batch is about to check.
func (m *refMemo) warm(tx *gorm.DB, orgs, contacts, visits, projects, interactions []int64) error {
	if err := chunkIDs(unknown(m.orgs, orgs), func(ids []int64) error {
		var rows []models.Organization
		if err := tx.Select("id", "parent_id").Where("id IN ?", ids).Find(&rows).Error; err != nil {
			return err
		}
		for _, id := range ids {
			m.orgs[id] = orgParent{}
		}
		for _, r := range rows {
			m.orgs[r.ID] = orgParent{exists: true, parentID: r.ParentID}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := chunkIDs(unknown(m.contacts, contacts), func(ids []int64) error {
		found := existingIDs(contactScope(tx, m.actor, false), "contacts.id", ids)
		for _, id := range ids {
			m.contacts[id] = found[id]
		}
		m.rememberBlocks(tx, unknown(m.blocked, ids))
		return nil
	}); err != nil {
		return err
	}
	if err := chunkIDs(unknown(m.visits, visits), func(ids []int64) error {
		found := existingIDs(tx.Model(&models.Visit{}), "visits.id", ids)
		for _, id := range ids {
			m.visits[id] = found[id]
		}
		return nil
	}); err != nil {
		return err
	}
	if err := chunkIDs(unknown(m.organisedBy, visits), func(ids []int64) error { return m.rememberOrganisers(tx, ids) }); err != nil {
		return err
	}
	if err := chunkIDs(unknown(m.projects, projects), func(ids []int64) error {
		found := existingIDs(tx.Model(&models.Project{}), "projects.id", ids)
		for _, id := range ids {
			m.projects[id] = found[id]
		}
		return nil
	}); err != nil {
		return err
	}
	return chunkIDs(unknown(m.interactions, interactions), func(ids []int64) error {
		// Only what a follow-up takes from the interaction it was made at
		// and checks it against (checkAttachToInteraction): a whole row
		// carries its summary and search text.
		var rows []models.Interaction
		if err := interactionScope(tx, m.actor, false).Select("interactions.id", "interactions.office_id", "interactions.visit_id",
			"interactions.project_id", "interactions.restricted").Where("interactions.id IN ?", ids).Find(&rows).Error; err != nil {
			return err
		}
		for _, id := range ids {
			m.interactions[id] = nil
		}
		for i := range rows {
			m.interactions[rows[i].ID] = &rows[i]
		}
		return nil
	})
}

// The lookups below answer from the memo, or ask the database once.

func (m *refMemo) country(code string) bool { return m.countries[code] }

func (m *refMemo) owner(id, officeID int64) bool {
	office, ok := m.owners[id]
	return ok && office == officeID
}

func (m *refMemo) tagID(slug string) (int64, bool) {
	id, ok := m.tags[slug]
	return id, ok
}

func (m *refMemo) organization(tx *gorm.DB, id int64) orgParent {
	if o, ok := m.orgs[id]; ok {
		return o
	}
	_ = m.warm(tx, []int64{id}, nil, nil, nil, nil)
	return m.orgs[id]
}

func (m *refMemo) contact(tx *gorm.DB, id int64) bool {
	if ok, known := m.contacts[id]; known {
		return ok
	}
	_ = m.warm(tx, nil, []int64{id}, nil, nil, nil)
	return m.contacts[id]
}

func (m *refMemo) visit(tx *gorm.DB, id int64) bool {
	if ok, known := m.visits[id]; known {
		return ok
	}
	_ = m.warm(tx, nil, nil, []int64{id}, nil, nil)
	return m.visits[id]
}

func (m *refMemo) project(tx *gorm.DB, id int64) bool {
	if ok, known := m.projects[id]; known {
		return ok
	}
	_ = m.warm(tx, nil, nil, nil, []int64{id}, nil)
	return m.projects[id]
}

func (m *refMemo) interaction(tx *gorm.DB, id int64) *models.Interaction {
	if it, known := m.interactions[id]; known {
		return it
	}
	_ = m.warm(tx, nil, nil, nil, nil, []int64{id})
	return m.interactions[id]
}

// rememberBlocks looks up, in one statement, whether each of ids may join
// a record (readConsentBlocks) and keeps the answers for the import.
func (m *refMemo) rememberBlocks(tx *gorm.DB, ids []int64) {
	if len(ids) == 0 {
		return
	}
	withdrawn, erased := readConsentBlocks(tx, ids)
	for _, id := range ids {
		m.blocked[id] = consentBlock{withdrawn: withdrawn[id], erased: erased[id]}
	}
}

// organises answers organisers from the memo: whether office organises
// the visit.
func (m *refMemo) organises(tx *gorm.DB, visitID, officeID int64) (bool, error) {
	offices, known := m.organisedBy[visitID]
	if !known {
		if err := m.rememberOrganisers(tx, []int64{visitID}); err != nil {
			return false, err
		}
		offices = m.organisedBy[visitID]
	}
	return slices.Contains(offices, officeID), nil
}

// rememberOrganisers reads, in two statements, the offices organising
// each of the visits ids (organisers' rule: archived visits count) and
// keeps them for the import.
func (m *refMemo) rememberOrganisers(tx *gorm.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var own []struct{ ID, OfficeID int64 }
	if err := tx.Unscoped().Model(&models.Visit{}).Select("id", "office_id").Where("id IN ?", ids).Scan(&own).Error; err != nil {
		return err
	}
	partners, err := partnerOfficesOf(tx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		m.organisedBy[id] = []int64{}
	}
	for _, v := range own {
		m.organisedBy[v.ID] = append([]int64{v.OfficeID}, partners[v.ID]...)
	}
	return nil
}
