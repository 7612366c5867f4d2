package models_test

import (
	"os"
	"testing"

	"liaison/models"
	"liaison/models/modeltest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	modeltest.DropTemplate()
	os.Exit(code)
}

func TestMigrationsShipReferenceData(t *testing.T) {
	db := modeltest.DB(t)
	var countries, sdgs int64
	db.Model(&models.Country{}).Count(&countries)
	db.Model(&models.Tag{}).Where("kind = ?", "sdg").Count(&sdgs)
	if countries != 249 {
		t.Errorf("countries = %d, want 249", countries)
	}
	if sdgs != 17 {
		t.Errorf("SDG tags = %d, want 17", sdgs)
	}
	var iraq models.Country
	if err := db.First(&iraq, "code = ?", "IQ").Error; err != nil || iraq.Name != "Iraq" {
		t.Errorf("IQ = %+v, %v", iraq, err)
	}
}

func TestMigrateTwiceIsANoop(t *testing.T) {
	db := modeltest.DB(t)
	if err := models.Migrate(db); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
}

func TestForeignKeysAreEnforced(t *testing.T) {
	db := modeltest.DB(t)
	err := db.Exec("INSERT INTO offices (name, country_code, created_at, updated_at) VALUES ('X', 'ZZ', ?, ?)", models.Now(), models.Now()).Error
	if err == nil {
		t.Fatal("office with unknown country was accepted")
	}
}

func TestSearchIndexFollowsWrites(t *testing.T) {
	db := modeltest.DB(t)
	now := models.Now()
	ba := "BA"
	office := models.Office{Record: models.Record{Version: 1, CreatedAt: now, UpdatedAt: now}, Name: "IOM BiH", CountryCode: &ba}
	if err := db.Create(&office).Error; err != nil {
		t.Fatal(err)
	}
	org := models.Organization{Record: models.Record{Version: 1, CreatedAt: now, UpdatedAt: now}, OfficeID: office.ID, Name: "Grad Zenica", Type: "local_government", SearchText: "grad zenica"}
	if err := db.Create(&org).Error; err != nil {
		t.Fatal(err)
	}
	count := func(word string) int64 {
		var n int64
		if db.Name() == models.Postgres {
			db.Raw("SELECT count(*) FROM organizations WHERE search_vector @@ to_tsquery('simple', ?)", word+":*").Scan(&n)
		} else {
			db.Raw("SELECT count(*) FROM organizations_fts WHERE organizations_fts MATCH ?", `"`+word+`"*`).Scan(&n)
		}
		return n
	}
	if count("zenic") != 1 {
		t.Fatal("new row not found by prefix")
	}
	db.Model(&org).Update("search_text", "city of sarajevo")
	if count("zenic") != 0 || count("sarajev") != 1 {
		t.Fatal("updated row not re-indexed")
	}
}
