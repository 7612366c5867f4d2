package models_test

import (
	"context"
	"testing"

	"liaison/models"
	"liaison/models/modeltest"
)

// New records' keys written without reading stored ones are the keys a
// recount gives, and a key shared with an earlier record makes a block of
// two; under a bulk load none are written until ResumeTriggers.
func TestAddDuplicateKeysOfNewRecords(t *testing.T) {
	db := modeltest.DB(t)
	r := populate(t, db) // its records' keys written by RefreshDuplicateKeys
	var office, owner int64
	db.Raw("SELECT office_id, owner_id FROM organizations WHERE id = ?", r.orgA).Row().Scan(&office, &owner)
	add := func(name string) int64 {
		var id int64
		if err := db.Raw("INSERT INTO organizations (created_at, updated_at, office_id, owner_id, name, type, country_code, influence, search_text, sort_key) VALUES (?, ?, ?, ?, ?, 'ministry', 'BA', 5, ?, ?) RETURNING id",
			models.Now(), models.Now(), office, owner, name, name, models.OrganizationSortKey(&models.Organization{Name: name})).Scan(&id).Error; err != nil {
			t.Fatal(err)
		}
		return id
	}
	twin, other := add("Ministry of Alpha"), add("Agency for Gamma")
	if err := models.AddDuplicateKeys(db, models.DuplicateOrganizations, []int64{twin, other}); err != nil {
		t.Fatal(err)
	}
	var shared int64
	db.Raw("SELECT COUNT(*) FROM "+models.DuplicateBlocksTable+" WHERE kind = ? AND size = 2", models.DuplicateOrganizations).Scan(&shared)
	if shared == 0 {
		t.Error("the second Ministry of Alpha shares no key with the first")
	}
	if bad := differing(check(t, db)); len(bad) != 0 {
		t.Errorf("after adding keys, %v differ from their recount", bad)
	}

	loaded := add("Agency for Delta")
	if err := models.AddDuplicateKeys(db.WithContext(models.WithBulkLoad(context.Background())), models.DuplicateOrganizations, []int64{loaded}); err != nil {
		t.Fatal(err)
	}
	var keys int64
	db.Table(models.DuplicateKeysTable).Where("record_id = ? AND kind = ?", loaded, models.DuplicateOrganizations).Count(&keys)
	if keys != 0 {
		t.Errorf("a bulk load wrote %d keys that ResumeTriggers rebuilds", keys)
	}
}
