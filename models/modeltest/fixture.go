package modeltest

import (
	"testing"

	"gorm.io/gorm"

	"liaison/models"
)

// Fixture is the cast of the authorization rules: two offices, each with a
// user of every role and a colleague officer, plus a deactivated officer in
// office A.
type Fixture struct {
	OfficeA, OfficeB int64
	Users            map[string]models.User // "a.viewer", "a.officer", "a.manager", "a.admin", "a.inactive", "b.viewer", ...
}

// Roles in the order the fixture creates them.
var Roles = []string{models.RoleViewer, models.RoleOfficer, models.RoleManager, models.RoleAdmin}

// Seed inserts the fixture. passwordHash is stored for every user, so tests
// that sign in hash one password once.
func Seed(t testing.TB, db *gorm.DB, passwordHash string) Fixture {
	t.Helper()
	now := models.Now()
	ba, iq := "BA", "IQ"
	a := models.Office{Record: models.Record{Version: 1, CreatedAt: now, UpdatedAt: now}, Name: "IOM BiH", CountryCode: &ba}
	b := models.Office{Record: models.Record{Version: 1, CreatedAt: now, UpdatedAt: now}, Name: "IOM Iraq", CountryCode: &iq}
	if err := db.Create(&a).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Create(&b).Error; err != nil {
		t.Fatal(err)
	}
	f := Fixture{OfficeA: a.ID, OfficeB: b.ID, Users: map[string]models.User{}}
	add := func(key, role string, office int64, active bool) {
		u := models.User{Version: 1, CreatedAt: now, UpdatedAt: now, Email: key + "@example.org", Name: "User " + key,
			PasswordHash: passwordHash, Role: role, OfficeID: office, Active: active, Locale: "en"}
		if err := db.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		f.Users[key] = u
	}
	for _, r := range Roles {
		add("a."+r, r, a.ID, true)
		add("b."+r, r, b.ID, true)
	}
	add("a.inactive", models.RoleOfficer, a.ID, false)
	// Colleagues are officers who never act in a test: targets for
	// "another user's" records.
	add("a.colleague", models.RoleOfficer, a.ID, true)
	add("b.colleague", models.RoleOfficer, b.ID, true)
	return f
}
