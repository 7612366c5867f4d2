package api_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestStudyVisitThroughTheAPI enters the canonical study visit with nothing
// but the documented API, then reads it back as an officer of each office
// and a manager would: the itinerary, the ministry's timeline, the overdue
// follow-up in the review, and search in three scripts.
func TestStudyVisitThroughTheAPI(t *testing.T) {
	s := newServer(t)
	bih, iraq := "a.officer", "b.officer"
	day := func(n int) string { return time.Now().UTC().AddDate(0, 0, n).Format(time.DateOnly) }
	at := func(n, hour int) string {
		return time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, n).Add(time.Duration(hour) * time.Hour).Format(time.RFC3339)
	}

	committee, _ := s.create("/api/v1/organizations", iraq, map[string]any{
		"name":       "National Committee for the Implementation of the National Strategy to Counter Violent Extremism",
		"name_local": "اللجنة الوطنية لتنفيذ الاستراتيجية الوطنية لمكافحة التطرف العنيف", "type": "national_committee",
		"level": "national", "country_code": "IQ", "influence": 5, "interest": 5, "tags": []string{"sdg-16"}})
	ali, _ := s.create("/api/v1/contacts", iraq, map[string]any{"honorific": "Mr", "given_name": "Ali", "family_name": "Abdullah",
		"name_local": "علي عبدالله", "consent_basis": "public_role",
		"positions": []map[string]any{{"organization_id": committee, "title": "President", "primary": true}}})
	ministry, _ := s.create("/api/v1/organizations", bih, map[string]any{"name": "Ministry of Security of Bosnia and Herzegovina",
		"name_local": "Ministarstvo sigurnosti Bosne i Hercegovine", "type": "ministry", "level": "national", "country_code": "BA", "influence": 5})
	zenica, _ := s.create("/api/v1/organizations", bih, map[string]any{"name": "City of Zenica", "name_local": "Grad Zenica",
		"type": "local_government", "level": "local", "country_code": "BA"})
	vpn, _ := s.create("/api/v1/organizations", bih, map[string]any{"name": "Violence Prevention Network", "type": "ngo", "country_code": "DE"})
	canada, _ := s.create("/api/v1/organizations", bih, map[string]any{"name": "Government of Canada", "type": "donor", "country_code": "CA"})
	s.create("/api/v1/contacts", bih, map[string]any{"given_name": "Dragan", "family_name": "Đurđević", "name_local": "Драган Ђурђевић",
		"positions": []map[string]any{{"organization_id": ministry, "title": "Adviser"}}})
	youth, _ := s.create("/api/v1/contacts", bih, map[string]any{"given_name": "Adna", "family_name": "Hodžić", "restricted": true, "consent_basis": "consent"})
	simvex, _ := s.create("/api/v1/projects", "a.admin", map[string]any{"code": "SIMVEX", "name": "SIMVEX", "donor_organization_id": canada})
	visit, _ := s.create("/api/v1/visits", bih, map[string]any{
		"title": "Study visit of the National Committee to Bosnia and Herzegovina", "kind": "study_visit", "status": "completed",
		"start_date": day(-20), "end_date": day(-16), "origin_country_code": "IQ", "host_country_code": "BA", "city": "Sarajevo",
		"project_id": simvex, "tags": []string{"sdg-5", "sdg-10", "sdg-16", "sdg-17"},
		"participants": []map[string]any{
			{"organization_id": committee, "side": "visiting", "role": "delegate"},
			{"contact_id": ali, "side": "visiting", "role": "head_of_delegation"},
			{"organization_id": ministry, "side": "host", "role": "host"},
			{"organization_id": vpn, "side": "facilitator", "role": "partner"},
			{"organization_id": canada, "side": "funder", "role": "funder"},
		}})
	sessions := []map[string]any{
		{"kind": "meeting", "subject": "National PVE strategy", "starts_at": at(-20, 8), "participants": []map[string]any{{"organization_id": ministry, "role": "host"}, {"organization_id": committee, "role": "participant"}},
			"commitments": []map[string]any{{"title": "Share the strategy translation", "direction": "ours", "owner_id": s.fx.Users[bih].ID, "counterpart_organization_id": committee, "due_date": day(-5)}}},
		{"kind": "reception", "subject": "Reception with the international community", "starts_at": at(-19, 17), "participants": []map[string]any{{"organization_id": ministry, "role": "host"}}},
		{"kind": "meeting", "subject": "Local budgeting and community participation", "starts_at": at(-18, 9), "city": "Zenica", "participants": []map[string]any{{"organization_id": zenica, "role": "host"}}},
		{"kind": "meeting", "subject": "Youth and parents in Zenica", "starts_at": at(-17, 9), "restricted": true, "participants": []map[string]any{{"organization_id": zenica, "role": "host"}, {"contact_id": youth, "role": "speaker"}}},
	}
	for _, body := range sessions {
		body["status"], body["visit_id"] = "held", visit
		s.create("/api/v1/interactions", bih, body)
	}

	get := func(as, path string) map[string]any {
		t.Helper()
		w := s.do(req{method: "GET", path: path, as: as})
		if w.Code != 200 {
			t.Fatalf("GET %s as %s: %d %s", path, as, w.Code, w.Body.String())
		}
		return decode(t, w)
	}
	sessionsOn := func(as string) int {
		n := 0
		for _, d := range get(as, fmt.Sprintf("/api/v1/visits/%d/itinerary?tz=Europe/Sarajevo", visit))["days"].([]any) {
			n += len(d.(map[string]any)["interactions"].([]any))
		}
		return n
	}
	if own, other := sessionsOn(bih), sessionsOn(iraq); own != 4 || other != 3 {
		t.Errorf("itinerary sessions: IOM BiH %d, IOM Iraq %d (the youth meeting is restricted)", own, other)
	}
	timeline := get(iraq, fmt.Sprintf("/api/v1/organizations/%d/timeline", ministry))["items"].([]any)
	if len(timeline) != 3 || timeline[0].(map[string]any)["kind"] != "interaction" {
		t.Errorf("ministry timeline: %v", timeline)
	}
	review := get("a.manager", "/api/v1/review/commitments")
	overdue := review["overdue"].([]any)
	if review["totals"].(map[string]any)["overdue"] != float64(1) || len(overdue) != 1 || overdue[0].(map[string]any)["title"] != "Share the strategy translation" {
		t.Errorf("review: %v", review)
	}
	// Latin with and without diacritics, Arabic, Cyrillic.
	for _, q := range []string{"ministarstvo sigurnosti", "djurdjevic", "Đurđević", "اللجنة الوطنيه", "Abdullah", "علي", "ђурђевић", "ДРАГАН"} {
		items := get(iraq, "/api/v1/search?q="+url.QueryEscape(q))["items"].([]any)
		if len(items) == 0 {
			t.Errorf("search %q finds nothing", q)
		}
	}
	for _, it := range get(iraq, "/api/v1/search?q="+url.QueryEscape("hodzic youth zenica"))["items"].([]any) {
		if title := it.(map[string]any)["title"].(string); strings.Contains(title, "Adna") || strings.Contains(title, "Youth and parents") {
			t.Errorf("another office finds the restricted %q", title)
		}
	}
}
