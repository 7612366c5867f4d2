package models_test

import (
	"fmt"
	"testing"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/models/modeltest"
)

// TestLinksCarryTheirRecordsVisibility: a tag's count reads the copies
// on the taggings instead of the records, so every change of what the
// visibility rule reads of a record (restricted, its office, archived) must
// reach its taggings in the same statement, and a new tagging must start
// with its record's values.
func TestLinksCarryTheirRecordsVisibility(t *testing.T) {
	db := modeltest.DB(t)
	r := populate(t, db)
	exec := func(sql string, args ...any) {
		t.Helper()
		if err := db.Exec(sql, args...).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	copyOf := func(entity string, id int64) string {
		t.Helper()
		var row struct {
			Restricted, Archived bool
			OfficeID             *int64
		}
		if err := db.Raw("SELECT restricted, archived, office_id FROM taggings WHERE entity_type = ? AND entity_id = ?", entity, id).Scan(&row).Error; err != nil {
			t.Fatal(err)
		}
		office := "none"
		if row.OfficeID != nil {
			office = fmt.Sprint(*row.OfficeID)
		}
		return fmt.Sprintf("restricted=%v office=%s archived=%v", row.Restricted, office, row.Archived)
	}
	officeOf := func(table string, id int64) (own, other int64) {
		t.Helper()
		db.Raw("SELECT office_id FROM "+table+" WHERE id = ?", id).Scan(&own)
		db.Raw("SELECT MIN(id) FROM offices WHERE id <> ?", own).Scan(&other)
		return own, other
	}
	want := func(entity string, id int64, w string) {
		t.Helper()
		if got := copyOf(entity, id); got != w {
			t.Errorf("%s %d: tagging has %s, want %s", entity, id, got, w)
		}
	}

	own, other := officeOf("contacts", r.personA)
	want(models.EntityContact, r.personA, fmt.Sprintf("restricted=true office=%d archived=false", own)) // restricted after it was tagged
	exec("UPDATE contacts SET office_id = ? WHERE id = ?", other, r.personA)
	want(models.EntityContact, r.personA, fmt.Sprintf("restricted=true office=%d archived=false", other))
	exec("UPDATE contacts SET deleted_at = ? WHERE id = ?", models.Now(), r.personA)
	want(models.EntityContact, r.personA, fmt.Sprintf("restricted=true office=%d archived=true", other))
	exec("UPDATE contacts SET deleted_at = NULL, restricted = FALSE WHERE id = ?", r.personA)
	want(models.EntityContact, r.personA, fmt.Sprintf("restricted=false office=%d archived=false", other))

	own, _ = officeOf("interactions", r.meeting)
	want(models.EntityInteraction, r.meeting, fmt.Sprintf("restricted=false office=%d archived=false", own))
	exec("UPDATE interactions SET restricted = TRUE WHERE id = ?", r.meeting)
	want(models.EntityInteraction, r.meeting, fmt.Sprintf("restricted=true office=%d archived=false", own))

	// Visits and organizations cannot be restricted: only archiving reaches them.
	want(models.EntityVisit, r.visit, "restricted=false office=none archived=false")
	exec("UPDATE visits SET deleted_at = ? WHERE id = ?", models.Now(), r.visit)
	want(models.EntityVisit, r.visit, "restricted=false office=none archived=true")
	exec("UPDATE organizations SET deleted_at = ? WHERE id = ?", models.Now(), r.orgA)
	exec("INSERT INTO taggings (entity_type, entity_id, tag_id) SELECT 'organization', ?, id FROM tags", r.orgA)
	want(models.EntityOrganization, r.orgA, "restricted=false office=none archived=true") // tagged while archived

	// A tagging moved to another record by a merge takes the survivor's values.
	exec("UPDATE contacts SET restricted = TRUE WHERE id = ?", r.personB)
	exec("INSERT INTO taggings (entity_type, entity_id, tag_id) SELECT entity_type, ?, tag_id FROM taggings WHERE entity_type = 'contact' AND entity_id = ?", r.personB, r.personA)
	ownB, _ := officeOf("contacts", r.personB)
	want(models.EntityContact, r.personB, fmt.Sprintf("restricted=true office=%d archived=false", ownB))

	// A person's position and a participant moved to another record (a merge).
	exec("UPDATE positions SET contact_id = ? WHERE contact_id = ?", r.personB, r.personA)
	var moved struct {
		Restricted bool
		OfficeID   int64
	}
	db.Raw("SELECT restricted, office_id FROM positions WHERE contact_id = ?", r.personB).Scan(&moved)
	if !moved.Restricted || moved.OfficeID != ownB {
		t.Errorf("a position moved to a restricted person of office %d has restricted=%v office=%d", ownB, moved.Restricted, moved.OfficeID)
	}
	another := id(t, db, "INSERT INTO interactions (created_at, updated_at, office_id, owner_id, kind, status, subject, starts_at, search_text) SELECT created_at, updated_at, office_id, owner_id, kind, status, 'another', starts_at, 'another' FROM interactions WHERE id = ?", r.meeting)
	exec("UPDATE interactions SET restricted = FALSE, deleted_at = ? WHERE id = ?", models.Now(), another)
	exec("UPDATE interaction_participants SET interaction_id = ? WHERE interaction_id = ?", another, r.meeting)
	var participant struct{ Restricted, Archived bool }
	db.Raw("SELECT restricted, archived FROM interaction_participants WHERE interaction_id = ? LIMIT 1", another).Scan(&participant)
	if participant.Restricted || !participant.Archived {
		t.Errorf("a participant moved to an open, archived meeting has %+v", participant)
	}

	if c := check(t, db)[models.LinkCopyCheck]; !c.Clean() {
		t.Errorf("liaison check: %v", c)
	}
}

func id(t *testing.T, db *gorm.DB, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Raw(sql+" RETURNING id", args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}
