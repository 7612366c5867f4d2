package services

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
)

// MergeService merges duplicate contacts or organizations into one record,
// the survivor. In one transaction everything that pointed at a merged
// record is re-pointed at the survivor, the merged records are archived
// with merged_into_id naming it, and the maintained tables follow: the
// activity and last-held tables through their triggers (every re-pointing is
// an UPDATE or DELETE of the rows they watch), the commitment tallies by
// untallying and tallying again the commitments of every record involved.
//
// Who may merge: a manager of the records' office, or an admin. Every
// record must be visible to the actor (the visibility rule), live, and of
// the kind the route names. Restriction never widens who sees a person: a
// survivor that takes in a restricted contact becomes restricted, and a
// restricted contact is never merged into a record of another office.
//
// History is not rewritten: audit events stay on the record they were
// written for. The survivor's history reads the events of the records
// merged into it through merged_into_id (mergedHistoryIDs), so that the
// events keep their meaning and their visibility.
type MergeService struct {
	db            *gorm.DB
	contacts      *ContactService
	organizations *OrganizationService
}

// MergeInput is what a client sends with a merge: the records merged away,
// and for any field the record whose value the survivor keeps.
type MergeInput struct {
	From   []int64
	Fields map[string]int64
}

// ActionMerge is the audit action of a merge: on the survivor (naming the
// merged records) and on each merged record (naming the survivor).
const ActionMerge = "merge"

// maxMerged is how many records one merge takes in.
const maxMerged = 20

// mergeFields maps the fields a merge may pick, as the API names them, to
// the model's struct fields: the allow-list of MergeInput.Fields.
type mergeFields map[string]string

// ContactMergeFields are the contact fields whose value a merge picks.
// Positions and tags are unions; restricted follows the rule above.
var ContactMergeFields = mergeFields{
	"honorific": "Honorific", "given_name": "GivenName", "family_name": "FamilyName", "name_local": "NameLocal",
	"gender": "Gender", "email": "Email", "phone": "Phone", "languages": "Languages", "country_code": "CountryCode",
	"city": "City", "notes": "Notes", "consent_basis": "ConsentBasis", "owner_id": "OwnerID",
}

// OrganizationMergeFields are the organization fields whose value a merge
// picks. Tags are a union.
var OrganizationMergeFields = mergeFields{
	"name": "Name", "name_local": "NameLocal", "acronym": "Acronym", "type": "Type", "level": "Level",
	"country_code": "CountryCode", "city": "City", "parent_id": "ParentID", "website": "Website", "email": "Email",
	"phone": "Phone", "description": "Description", "influence": "Influence", "interest": "Interest", "owner_id": "OwnerID",
}

// Names lists the fields in a stable order (for the OpenAPI document).
func (m mergeFields) Names() []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// checkMergeInput checks the shape of a merge request before anything is
// read: at least one other record, none twice, not the survivor itself,
// only allowed fields, each picked from one of the records.
func checkMergeInput(survivor int64, in MergeInput, allowed mergeFields) error {
	var verr ValidationError
	if len(in.From) == 0 {
		verr.add("from", "name at least one record to merge into this one")
	}
	if len(in.From) > maxMerged {
		verr.add("from", "at most %d records in one merge", maxMerged)
	}
	seen := map[int64]bool{}
	for i, id := range in.From {
		field := "from[" + itoa(i) + "]"
		switch {
		case id == survivor:
			verr.add(field, "is the record merged into; a record cannot be merged into itself")
		case seen[id]:
			verr.add(field, "is named twice")
		}
		seen[id] = true
	}
	for _, name := range sortedKeys(in.Fields) {
		if _, ok := allowed[name]; !ok {
			verr.add("fields."+name, "is not a field a merge picks; one of: %s", strings.Join(allowed.Names(), ", "))
			continue
		}
		if from := in.Fields[name]; from != survivor && !seen[from] {
			verr.add("fields."+name, "names record %d, which is neither this record nor one in from", from)
		}
	}
	return verr.orNil()
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// pickFields sets on survivor each allowed field's value: from the record
// named in picks, else the survivor's own, else the first non-empty one of
// merged (in the order the client named them).
func pickFields[T any](survivor *T, merged []*T, ids []int64, picks map[string]int64, allowed mergeFields) {
	sv := reflect.ValueOf(survivor).Elem()
	for name, goName := range allowed {
		dst := sv.FieldByName(goName)
		if from, ok := picks[name]; ok {
			if i := slices.Index(ids, from); i >= 0 {
				dst.Set(reflect.ValueOf(merged[i]).Elem().FieldByName(goName))
			}
			continue
		}
		if !dst.IsZero() {
			continue
		}
		for _, m := range merged {
			if v := reflect.ValueOf(m).Elem().FieldByName(goName); !v.IsZero() {
				dst.Set(v)
				break
			}
		}
	}
}

// prefixFields locates the field errors of a merged record's values under
// "fields.", where the client picked them.
func prefixFields(err error) error {
	if verr, ok := err.(*ValidationError); ok {
		for i := range verr.Fields {
			verr.Fields[i].Field = "fields." + verr.Fields[i].Field
		}
	}
	return err
}

// mayMerge is the role rule: managers of the office, and admins.
func mayMerge(actor Actor, officeID int64) bool { return actor.canManage(officeID) }

// checkMerged checks the records merged away, read through the actor's
// scope in the order of from (missing ones are not visible or absent):
// live, and in an office the actor manages.
// Errors: ErrNotFound, ErrForbidden, *ValidationError.
func checkMerged(actor Actor, from []int64, found map[int64]mergedRecord) error {
	var verr ValidationError
	for i, id := range from {
		r, ok := found[id]
		if !ok {
			return ErrNotFound
		}
		if !mayMerge(actor, r.officeID) {
			return ErrForbidden
		}
		if r.archived {
			verr.add("from["+itoa(i)+"]", "is archived; restore it first, or merge only live records")
		}
	}
	return verr.orNil()
}

// mergedRecord is what the checks need to know of one record merged away.
type mergedRecord struct {
	officeID   int64
	archived   bool
	restricted bool
}

// repoint is one merge's re-pointing of references: who merges, which
// records went into which survivor, and the field name ("organization",
// "contact") under which the referring records' history tells of it.
type repoint struct {
	actor    Actor
	key      string
	survivor int64
	merged   []int64
}

// bump raises the version of the records of table (the entity's) whose ids
// the subquery sub selects, so that clients holding one see it changed, and
// writes each an audit event naming the merged record it referred to and
// the survivor it refers to now: one INSERT … SELECT, however many.
func (r repoint) bump(tx *gorm.DB, entity, table, sub string, args ...any) error {
	changes, err := json.Marshal(map[string]fieldChange{r.key: {Old: r.merged, New: r.survivor}})
	if err != nil {
		return err
	}
	now := models.Now()
	audit := append([]any{now, r.actor.UserID, ActionMerge, entity, string(changes), r.actor.ClientAddr, r.actor.RequestID}, args...)
	err = tx.Exec("INSERT INTO audit_events (at, actor_id, action, entity, entity_id, office_id, changes, client_addr, request_id) "+
		"SELECT ?, ?, ?, ?, t.id, t.office_id, ?, ?, ? FROM "+table+" t WHERE t.id IN ("+sub+")", audit...).Error
	if err != nil {
		return err
	}
	return tx.Exec("UPDATE "+table+" SET version = version + 1, updated_at = ? WHERE id IN ("+sub+")",
		append([]any{now}, args...)...).Error
}

// moveParticipants re-points the participations of the merged records
// (column col: contact_id or organization_id) at the survivor, in one
// participant table of parent records (interaction_id, visit_id): where the
// survivor already takes part, the merged record's row goes, so that each
// meeting or visit keeps one row per participant.
func moveParticipants(tx *gorm.DB, r repoint, table, parent, parentEntity, parentTable, col string) error {
	survivor, merged := r.survivor, r.merged
	if err := r.bump(tx, parentEntity, parentTable, "SELECT "+parent+" FROM "+table+" WHERE "+col+" IN ?", merged); err != nil {
		return err
	}
	for _, m := range merged {
		err := tx.Exec("DELETE FROM "+table+" WHERE "+col+" = ? AND "+parent+" IN (SELECT x."+parent+" FROM "+table+" x WHERE x."+col+" = ?)",
			m, survivor).Error
		if err != nil {
			return err
		}
		if err := tx.Exec("UPDATE "+table+" SET "+col+" = ? WHERE "+col+" = ?", survivor, m).Error; err != nil {
			return err
		}
	}
	return nil
}

// moveAttached re-points the notes and documents of the merged records at
// the survivor, and gives the survivor the union of their tags. It reports
// whether the survivor's tags changed, with the old and new slugs.
func moveAttached(tx *gorm.DB, entity string, survivor int64, merged []int64) (fieldChange, bool, error) {
	for _, table := range []string{"notes", "documents"} {
		if err := tx.Exec("UPDATE "+table+" SET entity_id = ? WHERE entity_type = ? AND entity_id IN ?", survivor, entity, merged).Error; err != nil {
			return fieldChange{}, false, err
		}
	}
	before, err := tagsOf(tx, entity, []int64{survivor})
	if err != nil {
		return fieldChange{}, false, err
	}
	err = tx.Exec(`INSERT INTO taggings (entity_type, entity_id, tag_id)
SELECT DISTINCT s.entity_type, CAST(? AS BIGINT), s.tag_id FROM taggings s
WHERE s.entity_type = ? AND s.entity_id IN ? AND NOT EXISTS (SELECT 1 FROM taggings t WHERE t.entity_type = s.entity_type AND t.entity_id = ? AND t.tag_id = s.tag_id)`,
		survivor, entity, merged, survivor).Error
	if err != nil {
		return fieldChange{}, false, err
	}
	if err := tx.Where("entity_type = ? AND entity_id IN ?", entity, merged).Delete(&models.Tagging{}).Error; err != nil {
		return fieldChange{}, false, err
	}
	after, err := tagsOf(tx, entity, []int64{survivor})
	if err != nil {
		return fieldChange{}, false, err
	}
	if equalStrings(before[survivor], after[survivor]) {
		return fieldChange{}, false, nil
	}
	return fieldChange{Old: nonNil(before[survivor]), New: nonNil(after[survivor])}, true, nil
}

// archiveMerged archives the merged records of table with merged_into_id
// naming the survivor, and points at the survivor the records merged into
// them before, so that every old address leads to the survivor in one step.
func archiveMerged(tx *gorm.DB, table string, survivor int64, merged []int64) error {
	now := models.Now()
	if err := tx.Exec("UPDATE "+table+" SET merged_into_id = ?, version = version + 1, updated_at = ? WHERE merged_into_id IN ?",
		survivor, now, merged).Error; err != nil {
		return err
	}
	return tx.Exec("UPDATE "+table+" SET merged_into_id = ?, deleted_at = ?, version = version + 1, updated_at = ? WHERE id IN ? AND deleted_at IS NULL",
		survivor, now, now, merged).Error
}

// mergedSet names one merge: the kind of record, its table, the survivor
// and its office, the records merged away and each one's office.
type mergedSet struct {
	entity, table      string
	survivor, officeID int64
	from               []int64
	offices            map[int64]int64
}

// finishMerge is the end every merge shares once the references are
// re-pointed: notes, documents and tags move, the survivor is saved (save),
// the merged records are archived naming it, and the events are written.
func finishMerge(tx *gorm.DB, actor Actor, m mergedSet, changes map[string]fieldChange, save func() error) error {
	tags, changed, err := moveAttached(tx, m.entity, m.survivor, m.from)
	if err != nil {
		return err
	}
	if changed {
		changes["tags"] = tags
	}
	if err := save(); err != nil {
		return err
	}
	if err := archiveMerged(tx, m.table, m.survivor, m.from); err != nil {
		return err
	}
	// The survivor's fields were set here, not through Update, and the
	// merged records are archived: their duplicate keys follow now.
	if err := models.RefreshDuplicateKeys(tx, m.table, append([]int64{m.survivor}, m.from...)); err != nil {
		return err
	}
	// One event on the survivor naming the merged records and what changed
	// on it, one on each merged record naming the survivor.
	changes["merged"] = fieldChange{New: m.from}
	if err := actor.audit(tx, ActionMerge, m.entity, m.survivor, m.officeID, changes); err != nil {
		return err
	}
	for _, id := range m.from {
		if err := actor.audit(tx, ActionMerge, m.entity, id, m.offices[id], map[string]fieldChange{"merged_into_id": {New: m.survivor}}); err != nil {
			return err
		}
	}
	return nil
}
