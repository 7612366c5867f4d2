// Package demo loads Liaison's demo data: the canonical study visit of the
// Iraqi National Committee to Bosnia and Herzegovina, entered as an officer
// would have entered it, and a few hundred other records across countries so
// that lists, search, charts and the review feel real. Everything goes
// through the services, exactly like the API, and every date is relative to
// the day of loading, so the demo always looks current.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"liaison/models"
	"liaison/services"
)

// Password is the password of every demo user. The demo is for trying
// Liaison out, never for real data.
const Password = "liaison-demo-2026"

// Login is one demo user.
type Login struct {
	Email, Role, Office string
}

// Logins are the demo users, one per role (and an officer in each office).
var Logins = []Login{
	{"admin@demo.liaison", models.RoleAdmin, "IOM BiH"},
	{"manager@demo.liaison", models.RoleManager, "IOM BiH"},
	{"officer@demo.liaison", models.RoleOfficer, "IOM BiH"},
	{"officer.iraq@demo.liaison", models.RoleOfficer, "IOM Iraq"},
	{"viewer@demo.liaison", models.RoleViewer, "IOM BiH"},
}

// Loaded reports whether the database holds the demo (its admin exists).
func Loaded(ctx context.Context, svc *services.Services) bool {
	return svc.Auth.UserExists(ctx, Logins[0].Email)
}

// Summary counts what was loaded.
type Summary struct {
	Organizations, Contacts, Visits, Interactions, Commitments, Projects, Users int
}

// ErrNotEmpty is returned when the database already has users.
var ErrNotEmpty = errors.New("the database is not empty; the demo loads only into a new database")

// loader carries the state of one load.
type loader struct {
	ctx     context.Context
	svc     *services.Services
	today   time.Time
	actors  map[string]services.Actor // by login email
	offices map[string]int64
	sum     Summary
}

// Load fills an empty database with the demo data. Errors: ErrNotEmpty, or
// the first service error (the data set is fixed, so any is a bug).
func Load(ctx context.Context, svc *services.Services) (Summary, error) {
	l := &loader{ctx: ctx, svc: svc, today: models.Now().Truncate(24 * time.Hour), actors: map[string]services.Actor{}, offices: map[string]int64{}}
	if err := l.people(); err != nil {
		return l.sum, err
	}
	if err := l.studyVisit(); err != nil {
		return l.sum, fmt.Errorf("study visit: %w", err)
	}
	if err := l.population(); err != nil {
		return l.sum, fmt.Errorf("population: %w", err)
	}
	return l.sum, nil
}

// people creates the offices and the demo users.
func (l *loader) people() error {
	ba, iq := "BA", "IQ"
	admin, created, err := l.svc.Auth.Bootstrap(l.ctx, services.FirstAdmin{Email: Logins[0].Email, Name: "Amra Hadžiomerović",
		Password: Password, OfficeName: "IOM BiH", OfficeCountry: &ba})
	if err != nil {
		return err
	}
	if !created {
		return ErrNotEmpty
	}
	l.offices["IOM BiH"] = admin.OfficeID
	root := services.Actor{UserID: admin.ID, OfficeID: admin.OfficeID, Role: admin.Role, Origin: services.Origin{RequestID: "demo"}}
	l.actors[admin.Email] = root
	iraq, err := l.svc.Offices.Create(l.ctx, root, services.OfficeInput{Name: "IOM Iraq", CountryCode: &iq})
	if err != nil {
		return err
	}
	l.offices["IOM Iraq"] = iraq.ID
	names := map[string]string{
		"manager@demo.liaison": "Emir Kovačević", "officer@demo.liaison": "Lejla Softić",
		"officer.iraq@demo.liaison": "Zainab Al-Obaidi", "viewer@demo.liaison": "Tarik Begić",
	}
	for _, lg := range Logins[1:] {
		locale := "bs"
		if lg.Office == "IOM Iraq" {
			locale = "ar"
		}
		u, err := l.svc.Users.Create(l.ctx, root, services.UserInput{Email: lg.Email, Name: names[lg.Email], Password: Password,
			Role: lg.Role, OfficeID: l.offices[lg.Office], Locale: locale})
		if err != nil {
			return err
		}
		l.actors[u.Email] = services.Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role, Origin: services.Origin{RequestID: "demo"}}
	}
	l.sum.Users = len(Logins)
	for _, t := range themes {
		if _, err := l.svc.Tags.Create(l.ctx, root, services.TagInput{Slug: t[0], Name: t[1], Kind: "theme"}); err != nil {
			return err
		}
	}
	return nil
}

// themes are the theme tags of the demo.
var themes = [][2]string{
	{"pve", "Preventing violent extremism"},
	{"gender", "Gender-inclusive approaches"},
	{"local-national-coordination", "Local–national coordination"},
	{"civil-society", "Civil society"},
	{"youth", "Youth"},
	{"migration", "Migration and displacement"},
	{"social-cohesion", "Social cohesion"},
}

// day returns today plus n days as YYYY-MM-DD.
func (l *loader) day(n int) string { return l.today.AddDate(0, 0, n).Format(time.DateOnly) }

// at returns today plus n days at hh:mm UTC.
func (l *loader) at(n, hh, mm int) time.Time {
	return l.today.AddDate(0, 0, n).Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

func ptr[T any](v T) *T { return &v }
