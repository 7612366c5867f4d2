package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// engagementFixture records a month of work with one ministry: two held
// meetings in BA (one restricted to office A), a planned one and an old one
// that do not count, a visit, and follow-ups made, closed and overdue.
type engagementFixture struct {
	ministry, youth, project int64
	from, to                 string
}

func newEngagementFixture(t *testing.T, s *server) engagementFixture {
	t.Helper()
	now := time.Now().UTC()
	day := func(offset int) string { return now.AddDate(0, 0, offset).Format(time.DateOnly) }
	at := func(offset int) string { return now.AddDate(0, 0, offset).Format(time.RFC3339) }
	f := engagementFixture{from: day(-30), to: day(0)}
	f.ministry, _ = s.create("/api/v1/organizations", "a.officer", map[string]any{
		"name": "Ministry of Security", "type": "ministry", "country_code": "BA", "influence": 5, "interest": 4, "tags": []string{"sdg-16"},
	})
	f.youth, _ = s.create("/api/v1/organizations", "a.officer", map[string]any{
		"name": "Youth Council", "type": "youth_group", "country_code": "RS", "influence": 2, "interest": 5,
	})
	s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Unscored", "type": "ngo", "country_code": "BA"})
	f.project, _ = s.create("/api/v1/projects", "a.admin", map[string]any{"code": "YOUTH-BIH", "name": "Youth in BiH", "donor_organization_id": f.youth})
	amra, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Amra", "gender": "female"})
	edin, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Edin", "gender": "male"})
	minor, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Minor", "gender": "female", "restricted": true})
	meeting := func(as string, offset int, status string, restricted bool, who []map[string]any) {
		s.create("/api/v1/interactions", as, map[string]any{
			"kind": "meeting", "subject": "Meeting", "status": status, "starts_at": at(offset), "country_code": "BA",
			"project_id": f.project, "restricted": restricted, "tags": []string{"sdg-16", "sdg-5"}, "participants": who,
		})
	}
	org := func(id int64) map[string]any { return map[string]any{"organization_id": id, "role": "participant"} }
	person := func(id int64) map[string]any { return map[string]any{"contact_id": id, "role": "participant"} }
	meeting("a.officer", -10, "held", false, []map[string]any{org(f.ministry), person(amra), person(edin)})
	meeting("a.officer", -3, "held", true, []map[string]any{org(f.ministry), person(amra), person(minor)})
	meeting("a.officer", 5, "planned", false, []map[string]any{org(f.ministry)})
	meeting("a.officer", -100, "held", false, []map[string]any{org(f.youth)})
	s.create("/api/v1/visits", "a.officer", map[string]any{
		"title": "Study visit", "kind": "study_visit", "start_date": day(-8), "end_date": day(-4), "host_country_code": "BA", "tags": []string{"sdg-16"},
	})
	s.create("/api/v1/visits", "a.officer", map[string]any{
		"title": "Called off", "kind": "field_visit", "status": "cancelled", "start_date": day(-8), "end_date": day(-8), "host_country_code": "BA",
	})
	s.create("/api/v1/commitments", "a.officer", map[string]any{"title": "Overdue", "due_date": day(-1), "counterpart_organization_id": f.ministry})
	id, etag := s.create("/api/v1/commitments", "a.officer", map[string]any{"title": "Closed", "counterpart_organization_id": f.ministry})
	w := s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/commitments/%d", id), as: "a.officer", header: map[string]string{"If-Match": etag}, body: map[string]any{"status": "done"}})
	if w.Code != 200 {
		t.Fatalf("close: %d %s", w.Code, w.Body.String())
	}
	s.create("/api/v1/commitments", "a.officer", map[string]any{"title": "Restricted", "due_date": day(-1), "restricted": true, "counterpart_organization_id": f.ministry})
	return f
}

func rowOf(t *testing.T, report map[string]any, key string) map[string]any {
	t.Helper()
	for _, r := range report["rows"].([]any) {
		if m := r.(map[string]any); m["key"] == key {
			return m
		}
	}
	t.Fatalf("no row %q in %v", key, report["rows"])
	return nil
}

func wantCounts(t *testing.T, what string, got map[string]any, want map[string]float64) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s = %v, want %v (all: %v)", what, k, got[k], v, got)
		}
	}
}

func TestEngagementReport(t *testing.T) {
	s := newServer(t)
	f := newEngagementFixture(t, s)
	get := func(as, query string) map[string]any {
		t.Helper()
		w := s.do(req{method: "GET", path: "/api/v1/reports/engagement?from=" + f.from + "&to=" + f.to + query, as: as})
		if w.Code != http.StatusOK {
			t.Fatalf("report: %d %s\n%s", w.Code, w.Body.String(), s.logs.String())
		}
		return decode(t, w)
	}

	// Office A sees its restricted meeting and follow-up; the restricted
	// contact counts as a person met.
	byCountry := get("a.viewer", "&by=country")
	ba := rowOf(t, byCountry, "BA")
	if ba["label"] != "Bosnia and Herzegovina" {
		t.Errorf("label = %v", ba["label"])
	}
	wantCounts(t, "BA for office A", ba, map[string]float64{
		"interactions": 2, "visits": 1, "organizations": 1, "contacts": 3, "contacts_female": 2, "contacts_male": 1,
		"commitments_made": 3, "commitments_done": 1, "commitments_overdue": 2,
	})
	wantCounts(t, "totals for office A", byCountry["totals"].(map[string]any), map[string]float64{"interactions": 2, "visits": 1, "commitments_made": 3})

	// Office B does not: the restricted meeting, the restricted person and
	// the restricted follow-up count nowhere.
	wantCounts(t, "BA for office B", rowOf(t, get("b.viewer", "&by=country"), "BA"), map[string]float64{
		"interactions": 1, "organizations": 1, "contacts": 2, "contacts_female": 1, "commitments_made": 2, "commitments_overdue": 1,
	})

	// By SDG a meeting tagged with two goals counts under each; the totals
	// count it once.
	bySDG := get("a.viewer", "&by=sdg")
	wantCounts(t, "SDG 16", rowOf(t, bySDG, "sdg-16"), map[string]float64{"interactions": 2, "visits": 1})
	wantCounts(t, "SDG 5", rowOf(t, bySDG, "sdg-5"), map[string]float64{"interactions": 2, "visits": 0})
	if l := rowOf(t, bySDG, "sdg-5")["label"]; l != "SDG 5: Gender Equality" {
		t.Errorf("SDG label = %v", l)
	}
	wantCounts(t, "SDG totals", bySDG["totals"].(map[string]any), map[string]float64{"interactions": 2})
	if rows := bySDG["rows"].([]any); rows[0].(map[string]any)["interactions"] != float64(2) {
		t.Errorf("rows are not ordered by interactions: %v", rows)
	}

	// By project: the meetings have one; the visit and follow-ups have none.
	byProject := get("a.viewer", "&by=project")
	p := rowOf(t, byProject, fmt.Sprint(f.project))
	if p["label"] != "YOUTH-BIH Youth in BiH" {
		t.Errorf("project label = %v", p["label"])
	}
	wantCounts(t, "project", p, map[string]float64{"interactions": 2, "visits": 0})
	wantCounts(t, "no project", rowOf(t, byProject, ""), map[string]float64{"visits": 1, "commitments_made": 3})

	// An office filter keeps only that office's records.
	if rows := get("a.viewer", fmt.Sprintf("&office_id=%d", s.fx.OfficeB))["rows"].([]any); len(rows) != 0 {
		t.Errorf("office B has no records, rows = %v", rows)
	}

	for _, tc := range []struct{ query, location string }{
		{"?to=2026-01-31", "query.from"},
		{"?from=2026-02-01&to=2026-01-31", "query.to"},
		{"?from=2020-01-01&to=2026-01-31", "query.to"},
		{"?from=2026-01-01&to=2026-01-31&by=owner", "query.by"},
		{"?from=2026-13-01&to=2026-01-31", "query.from"},
		{"?from=2026-01-01&to=2026-01-31&office_id=x", "query.office_id"},
	} {
		w := s.do(req{method: "GET", path: "/api/v1/reports/engagement" + tc.query, as: "a.viewer"})
		if w.Code != http.StatusUnprocessableEntity || !hasLocation(decode(t, w), tc.location) {
			t.Errorf("%s: %d %s, want 422 at %s", tc.query, w.Code, w.Body.String(), tc.location)
		}
	}
}

func TestStakeholderMap(t *testing.T) {
	s := newServer(t)
	f := newEngagementFixture(t, s)
	get := func(as, query string) map[string]any {
		t.Helper()
		w := s.do(req{method: "GET", path: "/api/v1/stakeholder-map" + query, as: as})
		if w.Code != http.StatusOK {
			t.Fatalf("map: %d %s", w.Code, w.Body.String())
		}
		return decode(t, w)
	}
	ids := func(m map[string]any) []float64 {
		var out []float64
		for _, it := range m["items"].([]any) {
			out = append(out, it.(map[string]any)["id"].(float64))
		}
		return out
	}
	// Only scored organizations, highest influence × interest first.
	all := get("a.viewer", "")
	if got := ids(all); len(got) != 2 || got[0] != float64(f.ministry) || got[1] != float64(f.youth) || all["total"] != float64(2) || all["truncated"] != false {
		t.Fatalf("map = %v", all)
	}
	ministry := all["items"].([]any)[0].(map[string]any)
	wantCounts(t, "ministry for office A", ministry, map[string]float64{"influence": 5, "interest": 4, "open_commitments": 2, "overdue_commitments": 2})
	day := func(offset int) string { return time.Now().UTC().AddDate(0, 0, offset).Format(time.DateOnly) }
	lastHeld := func(item any) string {
		at, _ := item.(map[string]any)["last_held_at"].(string)
		return strings.SplitN(at, "T", 2)[0]
	}
	if got := lastHeld(ministry); got != day(-3) {
		t.Errorf("office A last met the ministry on %s, want %s (its own restricted meeting)", got, day(-3))
	}
	// Another office learns neither of the restricted follow-up nor of the
	// restricted meeting's date.
	forB := get("b.viewer", "")["items"].([]any)[0]
	wantCounts(t, "ministry for office B", forB.(map[string]any), map[string]float64{"open_commitments": 1, "overdue_commitments": 1})
	if got := lastHeld(forB); got != day(-10) {
		t.Errorf("office B sees the ministry last met on %s, want %s", got, day(-10))
	}
	for _, tc := range []struct {
		query string
		want  []float64
	}{
		{"?country_code=BA", []float64{float64(f.ministry)}},
		{"?type=youth_group", []float64{float64(f.youth)}},
		{"?tag=sdg-16", []float64{float64(f.ministry)}},
		// The youth council is the project's donor; the ministry took part in its meetings.
		{fmt.Sprintf("?project_id=%d", f.project), []float64{float64(f.ministry), float64(f.youth)}},
		{"?country_code=IQ", nil},
	} {
		if got := ids(get("a.viewer", tc.query)); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %v, want %v", tc.query, got, tc.want)
		}
	}
	w := s.do(req{method: "GET", path: "/api/v1/stakeholder-map?type=embassy", as: "a.viewer"})
	if w.Code != http.StatusUnprocessableEntity || !hasLocation(decode(t, w), "query.type[0]") {
		t.Errorf("bad type: %d %s", w.Code, w.Body.String())
	}
}

// TestCommitmentsByCountry: the list filters commitments by the country the
// review groups them under, so a click on a country in the review lands on
// exactly its commitments, for each office's view.
func TestCommitmentsByCountry(t *testing.T) {
	s := newServer(t)
	ministry, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry", "type": "ministry", "country_code": "BA"})
	person, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Milan", "country_code": "RS"})
	minor, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Minor", "country_code": "RS", "restricted": true})
	visit, _ := s.create("/api/v1/visits", "a.officer", map[string]any{"title": "Visit", "kind": "field_visit", "start_date": "2026-05-04", "end_date": "2026-05-05", "host_country_code": "IQ"})
	for _, body := range []map[string]any{
		{"title": "To the ministry", "counterpart_organization_id": ministry, "visit_id": visit},
		{"title": "To Milan", "counterpart_contact_id": person},
		{"title": "To the minor", "counterpart_contact_id": minor, "visit_id": visit},
		{"title": "From the visit", "visit_id": visit},
		{"title": "Nowhere"},
	} {
		s.create("/api/v1/commitments", "a.officer", body)
	}
	for _, tc := range []struct {
		as, country string
		want        float64
	}{
		{"a.viewer", "BA", 1}, {"a.viewer", "RS", 2}, {"a.viewer", "IQ", 1},
		// Office B may not see the minor: that commitment falls back to the visit's country.
		{"b.viewer", "RS", 1}, {"b.viewer", "IQ", 2},
		{"a.viewer", "BA,RS", 3},
	} {
		if n := s.total("/api/v1/commitments?country_code="+tc.country, tc.as); n != tc.want {
			t.Errorf("%s, %s: %v commitments, want %v", tc.as, tc.country, n, tc.want)
		}
	}
	// The review's groups and the filtered list agree.
	for _, as := range []string{"a.viewer", "b.viewer"} {
		review := decode(t, s.do(req{method: "GET", path: "/api/v1/review/commitments", as: as}))
		for _, g := range review["by_country"].([]any) {
			m := g.(map[string]any)
			if m["key"] == nil {
				continue
			}
			want := m["open"].(float64) + m["in_progress"].(float64) + m["done"].(float64) + m["cancelled"].(float64)
			if n := s.total("/api/v1/commitments?country_code="+m["key"].(string), as); n != want {
				t.Errorf("%s: country %v lists %v, the review counts %v", as, m["key"], n, want)
			}
		}
	}
}
