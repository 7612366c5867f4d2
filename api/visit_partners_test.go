package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"liaison/models"
	"liaison/services"
)

// addOffice adds a third office with a viewer, an officer and a manager
// ("c.viewer", ...), each with a token.
func (s *server) addOffice(key, name string) int64 {
	s.t.Helper()
	now := models.Now()
	o := models.Office{Record: models.Record{Version: 1, CreatedAt: now, UpdatedAt: now}, Name: name}
	if err := s.db.Create(&o).Error; err != nil {
		s.t.Fatal(err)
	}
	for _, role := range []string{models.RoleViewer, models.RoleOfficer, models.RoleManager} {
		u := models.User{Version: 1, CreatedAt: now, UpdatedAt: now, Email: key + "." + role + "@example.org", Name: "User " + key + "." + role,
			PasswordHash: hash, Role: role, OfficeID: o.ID, Active: true, Locale: "en"}
		if err := s.db.Create(&u).Error; err != nil {
			s.t.Fatal(err)
		}
		_, secret, err := s.svc.Auth.CreateToken(context.Background(), services.Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role}, "test")
		if err != nil {
			s.t.Fatal(err)
		}
		s.tokens[key+"."+role] = secret
	}
	return o.ID
}

// A visit of IOM Iraq (office b) organised with IOM BiH (office a): the
// writers of both offices edit it and add and manage its sessions and
// follow-ups; a third office (c) can neither edit nor attach anything to it.
func TestVisitPartnerOffices(t *testing.T) {
	s := newServer(t)
	third := s.addOffice("c", "IOM Serbia")
	visit, _ := s.create("/api/v1/visits", "b.officer", map[string]any{"title": "Study visit on preventing violent extremism",
		"kind": "study_visit", "start_date": "2026-11-23", "end_date": "2026-11-27", "partner_office_ids": []int64{s.fx.OfficeA}})
	visitPath := fmt.Sprintf("/api/v1/visits/%d", visit)
	if got := decode(t, s.do(req{method: "GET", path: visitPath, as: "c.viewer"}))["partner_office_ids"]; fmt.Sprint(got) != fmt.Sprint([]any{float64(s.fx.OfficeA)}) {
		t.Fatalf("partner_office_ids = %v", got)
	}
	session := func(as string) (int64, string) {
		return s.create("/api/v1/interactions", as, map[string]any{"kind": "meeting", "status": "held", "subject": "Local budgeting",
			"starts_at": "2026-11-24T09:00:00Z", "visit_id": visit})
	}
	followUp := func(as string) (int64, string) {
		return s.create("/api/v1/commitments", as, map[string]any{"title": "Send the budget guide", "visit_id": visit})
	}
	ownSession, _ := session("b.officer")

	type call struct {
		name    string
		request func(as string) req
		ok      int
		refused int    // the status for the third office's writers
		field   string // the field a 422 names
	}
	calls := []call{
		{"edit the visit", func(as string) req {
			etag := s.do(req{method: "GET", path: visitPath, as: "b.viewer"}).Header().Get("ETag")
			return req{method: "PATCH", path: visitPath, header: map[string]string{"If-Match": etag}, body: map[string]any{"purpose": "PVE " + as}}
		}, 200, 403, ""},
		{"add a session", func(string) req {
			return req{method: "POST", path: "/api/v1/interactions", body: map[string]any{"kind": "meeting", "subject": "Reception",
				"starts_at": "2026-11-25T18:00:00Z", "visit_id": visit}}
		}, 201, 422, "body.visit_id"},
		{"edit a partner's session", func(string) req {
			id, etag := session("a.officer")
			return req{method: "PATCH", path: fmt.Sprintf("/api/v1/interactions/%d", id), header: map[string]string{"If-Match": etag}, body: map[string]any{"summary": "Budgets"}}
		}, 200, 403, ""},
		{"archive the own office's session", func(string) req {
			id, etag := session("b.officer")
			return req{method: "DELETE", path: fmt.Sprintf("/api/v1/interactions/%d", id), header: map[string]string{"If-Match": etag}}
		}, 204, 403, ""},
		{"add a follow-up to the visit", func(string) req {
			return req{method: "POST", path: "/api/v1/commitments", body: map[string]any{"title": "Share the agenda", "visit_id": visit}}
		}, 201, 422, "body.visit_id"},
		{"add a follow-up to a session", func(string) req {
			return req{method: "POST", path: "/api/v1/commitments", body: map[string]any{"title": "Share the minutes", "interaction_id": ownSession}}
		}, 201, 422, "body.interaction_id"},
		{"edit a partner's follow-up", func(string) req {
			id, etag := followUp("a.officer")
			return req{method: "PATCH", path: fmt.Sprintf("/api/v1/commitments/%d", id), header: map[string]string{"If-Match": etag}, body: map[string]any{"details": "Draft ready"}}
		}, 200, 403, ""},
		{"archive a partner's follow-up", func(string) req {
			id, etag := followUp("a.officer")
			return req{method: "DELETE", path: fmt.Sprintf("/api/v1/commitments/%d", id), header: map[string]string{"If-Match": etag}}
		}, 204, 403, ""},
	}
	offices := []struct{ name, key string }{{"own office", "b"}, {"partner office", "a"}, {"third office", "c"}}
	for _, c := range calls {
		for _, office := range offices {
			for _, role := range []string{"officer", "manager", "viewer"} {
				as := office.key + "." + role
				t.Run(c.name+"/"+office.name+"/"+role, func(t *testing.T) {
					want := c.ok
					switch {
					case role == "viewer":
						want = http.StatusForbidden
					case office.key == "c":
						want = c.refused
					}
					r := c.request(as)
					r.as = as
					w := s.do(r)
					if w.Code != want {
						t.Fatalf("status %d, want %d: %s", w.Code, want, w.Body.String())
					}
					if want == 422 {
						errs := decode(t, w)["errors"].([]any)
						if loc := errs[0].(map[string]any)["location"]; loc != c.field {
							t.Errorf("error at %v, want %s", loc, c.field)
						}
					}
				})
			}
		}
	}

	// The partner list is the visit's own office's to set; an unknown
	// office or the visit's own is refused.
	setPartners := func(as string, ids []int64) *int {
		etag := s.do(req{method: "GET", path: visitPath, as: "b.viewer"}).Header().Get("ETag")
		w := s.do(req{method: "PATCH", path: visitPath, as: as, header: map[string]string{"If-Match": etag}, body: map[string]any{"partner_office_ids": ids}})
		return &w.Code
	}
	partners := []struct {
		as   string
		ids  []int64
		want int
	}{
		{"a.manager", []int64{s.fx.OfficeA, third}, 403},
		{"b.officer", []int64{s.fx.OfficeA, 999999}, 422},
		{"b.officer", []int64{s.fx.OfficeB}, 422},
		{"b.officer", []int64{third, s.fx.OfficeA}, 200},
	}
	for _, p := range partners {
		if got := *setPartners(p.as, p.ids); got != p.want {
			t.Errorf("%s sets partners %v: %d, want %d", p.as, p.ids, got, p.want)
		}
	}
	got := decode(t, s.do(req{method: "GET", path: visitPath, as: "a.viewer"}))["partner_office_ids"].([]any)
	want := []any{float64(s.fx.OfficeA), float64(third)}
	slices.SortFunc(want, func(x, y any) int { return int(x.(float64) - y.(float64)) })
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("partner_office_ids = %v, want %v", got, want)
	}
}
